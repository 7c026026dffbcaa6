-- Sorting 200,000 records with a key (same work as sort_key.py; Lua's sort is
-- not stable, so the comparators break ties on the index as Python's stable
-- sort does).
local function main()
  local recs = {}
  local x = 12345
  for i = 0, 199999 do
    x = (x * 1103515245 + 12345) % 2147483648
    recs[#recs + 1] = {x % 1000, x // 1000 % 977, i}
  end
  local a = {}
  for i, r in ipairs(recs) do a[i] = r end
  table.sort(a, function(p, q)
    if p[2] ~= q[2] then return p[2] < q[2] end
    return p[3] < q[3]
  end)
  local b = {}
  for i, r in ipairs(recs) do b[i] = r end
  table.sort(b, function(p, q)
    if p[1] ~= q[1] then return p[1] < q[1] end
    return p[3] > q[3]
  end)
  local function t(r) return string.format("(%d, %d, %d)", r[1], r[2], r[3]) end
  return t(a[1]) .. " " .. t(a[#a]) .. " " .. t(b[1]) .. " " .. t(b[#b])
end

print(main())
