-- Lua 5.4 equivalent of list_sum.py (same output): a table used as a list.
local function main()
  local xs = {}
  for i = 0, 1000000 - 1 do
    xs[#xs + 1] = i * 2
  end
  local s = 0
  for j = 1, #xs do s = s + xs[j] end
  return #xs, s, xs[#xs]
end

local n, s, last = main()
print(n .. " " .. s .. " " .. last)
