-- Sieve of Eratosthenes up to 2,000,000 (same work as sieve.py).
local function main()
  local n = 2000000
  local flags = {}
  for k = 0, n do flags[k] = true end
  flags[0] = false
  flags[1] = false
  local i = 2
  while i * i <= n do
    if flags[i] then
      local j = i * i
      while j <= n do
        flags[j] = false
        j = j + i
      end
    end
    i = i + 1
  end
  local count = 0
  for k = 0, n do
    if flags[k] then count = count + 1 end
  end
  return count
end

print(main())
