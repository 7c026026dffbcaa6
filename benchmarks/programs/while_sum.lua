-- Lua 5.4 equivalent of while_sum.py (same output).
local function main()
  local total = 0
  local i = 0
  while i < 10000000 do
    total = total + i
    i = i + 1
  end
  return total
end

print(main())
