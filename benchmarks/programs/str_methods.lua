-- String methods on a text (same work as str_methods.py): strip, lower,
-- replace, prefix tests, find, split, join.
local function main()
  local words = {"alpha", "Beta", "gamma", "DELTA", "epsilon", "zeta", "Eta", "theta"}
  local lines = {}
  for i = 0, 99999 do
    local a = words[i % 8 + 1]
    local b = words[(i * 3) % 8 + 1]
    local c = words[(i * 5 + 1) % 8 + 1]
    lines[#lines + 1] = "  " .. a .. ", " .. b .. "; " .. c .. " #" .. tostring(i) .. "  "
  end
  local counts = {}
  local starts, found = 0, 0
  for _, line in ipairs(lines) do
    local t = line:match("^%s*(.-)%s*$"):lower():gsub(",", " "):gsub(";", " ")
    if t:sub(1, 5) == "alpha" then starts = starts + 1 end
    if t:find("eta", 1, true) then found = found + 1 end
    for w in t:gmatch("%S+") do
      if w:sub(1, 1) ~= "#" then counts[w] = (counts[w] or 0) + 1 end
    end
  end
  local keys = {}
  for k in pairs(counts) do keys[#keys + 1] = k:upper() end
  table.sort(keys)
  local out = table.concat(keys, "|")
  return string.format("%d %d %d %d %s", starts, found, #out, counts["gamma"], out:sub(1, 20))
end

print(main())
