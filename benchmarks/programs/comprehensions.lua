-- The comprehensions of comprehensions.py written as loops over tables.
local function main()
  local total = 0
  for rep = 1, 50 do
    local sq = {}
    for i = 0, 49999 do
      if i % 3 ~= 0 then sq[#sq + 1] = i * i end
    end
    local d, nd = {}, 0
    for i = 0, 49999, 2 do d[i] = i % 17; nd = nd + 1 end
    local s, ns = {}, 0
    for _, v in ipairs(sq) do
      local k = v % 1000
      if not s[k] then s[k] = true; ns = ns + 1 end
    end
    local g = 0
    for i = 0, 49999, 2 do
      local x = d[i]
      if x > 8 then g = g + x end
    end
    total = total + #sq + nd + ns + g
  end
  return total
end

print(main())
