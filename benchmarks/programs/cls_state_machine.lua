-- Lua 5.4 equivalent of cls_state_machine.py (same output): one object per
-- state (metatable "classes" with a feed method), a method call per character.
local function class(base)
  local c = {}
  c.__index = c
  if base then setmetatable(c, {__index = base}) end
  return c
end

local State = class()
local Idle, Number, Word = class(State), class(State), class(State)
local function new(cls, m) return setmetatable({m = m}, cls) end

local function isdigit(c) return c:match("^%d$") ~= nil end
local function isalpha(c) return c:match("^%a$") ~= nil end
local function isalnum(c) return c:match("^%w$") ~= nil end

function Idle:feed(c)
  local m = self.m
  if isdigit(c) then m:start(c); return m.number end
  if isalpha(c) then m:start(c); return m.word end
  return self
end

function Number:feed(c)
  local m = self.m
  if isdigit(c) then m:extend(c); return self end
  m:emit_number()
  return m.idle:feed(c)
end

function Word:feed(c)
  local m = self.m
  if isalnum(c) then m:extend(c); return self end
  m:emit_word()
  return m.idle:feed(c)
end

local Machine = class()
local function machine()
  local m = setmetatable({buf = {}, numbers = 0, number_sum = 0, words = 0, longest = ""}, Machine)
  m.idle, m.number, m.word = new(Idle, m), new(Number, m), new(Word, m)
  m.state = m.idle
  return m
end
function Machine:start(c) self.buf = {c} end
function Machine:extend(c) self.buf[#self.buf + 1] = c end
function Machine:emit_number()
  self.numbers = self.numbers + 1
  self.number_sum = self.number_sum + tonumber(table.concat(self.buf))
end
function Machine:emit_word()
  self.words = self.words + 1
  local w = table.concat(self.buf)
  if #w > #self.longest then self.longest = w end
end
function Machine:run(text)
  local state = self.state
  for i = 1, #text do state = state:feed(text:sub(i, i)) end
  self.state = state:feed(" ")
end

local parts = {}
for i = 0, 69999 do
  parts[#parts + 1] = string.format("w%d %d, %s;", i % 97, i * 7 % 1009, string.rep("ab", i % 5))
end
local text = table.concat(parts, " ")
local m = machine()
m:run(text)
print(string.format("%d %d %d %d %s", #text, m.numbers, m.number_sum, m.words, m.longest))
