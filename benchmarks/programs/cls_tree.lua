-- Lua 5.4 equivalent of cls_tree.py (same output): Node "objects" with
-- methods through a metatable, built and walked recursively.
local Node = {}
Node.__index = Node
local function node(left, right, value)
  return setmetatable({left = left, right = right, value = value}, Node)
end

function Node:check()
  if self.left == nil then return self.value end
  return self.value + self.left:check() - self.right:check()
end

function Node:depth()
  if self.left == nil then return 1 end
  return 1 + self.left:depth()
end

local function make(d, v)
  if d == 0 then return node(nil, nil, v) end
  return node(make(d - 1, 2 * v - 1), make(d - 1, 2 * v), v)
end

local total = 0
local long_lived = make(14, 1)
for d = 4, 14, 2 do
  local iterations = 1 << (14 - d + 2)
  local check = 0
  for i = 0, iterations - 1 do
    check = check + make(d, i):check()
  end
  total = total + check
  print(string.format("%d %d %d", d, iterations, check))
end
print(string.format("%d %d %d", long_lived:depth(), long_lived:check(), total))
