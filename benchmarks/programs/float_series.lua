-- Lua 5.4 equivalent of float_series.py (same output).
-- Python prints the shortest repr that round-trips; so does pyrepr().
local function pyrepr(x)
  for p = 1, 17 do
    local s = string.format("%." .. p .. "g", x)
    if tonumber(s) == x then return s end
  end
  return string.format("%.17g", x)
end

local function main()
  local s = 0.0
  local sign = 1.0
  for k = 0, 5000000 - 1 do
    s = s + sign / (2 * k + 1)
    sign = -sign
  end
  return 4 * s
end

print(pyrepr(main()))
