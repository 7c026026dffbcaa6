-- Lua 5.4 equivalent of dict_ops.py (same output): a table used as a dict.
local function main()
  local d, n = {}, 0
  for i = 0, 500000 - 1 do
    if d[i] == nil then n = n + 1 end
    d[i] = i * 3
  end
  local t = 0
  for i = 0, 500000 - 1 do
    t = t + d[i]
  end
  return n, t
end

local n, t = main()
print(n .. " " .. t)
