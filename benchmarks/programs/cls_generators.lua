-- Lua 5.4 equivalent of cls_generators.py (same output): the generators are
-- coroutines (coroutine.wrap), stacked the same way.
local wrap, yield = coroutine.wrap, coroutine.yield

local function numbers(n)
  return wrap(function()
    local i = 0
    while i < n do yield(i); i = i + 1 end
  end)
end

local function scaled(it, k)
  return wrap(function()
    for x in it do yield(x * k % 1000003) end
  end)
end

local function keep_odd(it)
  return wrap(function()
    for x in it do if x & 1 == 1 then yield(x) end end
  end)
end

local function windows(it)
  return wrap(function()
    local prev = 0
    for x in it do yield(x - prev); prev = x end
  end)
end

local function chained(n)
  return wrap(function()
    for x in numbers(n) do yield(x) end
    for x in numbers(n // 2) do yield(x) end
  end)
end

local total, count = 0, 0
for d in windows(keep_odd(scaled(numbers(1000000), 7919))) do
  total = total + d
  count = count + 1
end
print(string.format("%d %d", count, total))
local s = 0
for x in numbers(250000) do if x % 3 == 0 then s = s + x * x end end
print(string.format("%d", s))
s = 0
for x in chained(200000) do s = s + x end
print(string.format("%d", s))
