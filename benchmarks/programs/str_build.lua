-- Lua 5.4 equivalent of str_build.py (same output). Lua strings are
-- immutable and `s = s .. x` copies (quadratic), so the idiomatic buffer
-- (table + table.concat) stands in for CPython's in-place `s +=`.
local function main()
  local buf = {}
  for i = 0, 200000 - 1 do
    buf[#buf + 1] = tostring(i % 7) .. ","
  end
  local s = table.concat(buf)
  local _, threes = s:gsub("3", "")
  return #s, threes, s:sub(-10)
end

local n, c, tail = main()
print(n .. " " .. c .. " " .. tail)
