-- Lua 5.4 equivalent of float_series.py (same output).
-- Python prints the shortest repr that round-trips; so does pyrepr().
local function pyrepr(x)
  local s = string.format("%.17g", x)
  for p = 1, 17 do
    local t = string.format("%." .. p .. "g", x)
    if tonumber(t) == x then s = t; break end
  end
  if not s:find("[.eni]") then s = s .. ".0" end  -- 3 -> 3.0, as Python
  return s
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
