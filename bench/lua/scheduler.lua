-- Object-oriented dispatch: a cooperative task scheduler with packet
-- queues, in the spirit of the classic operating-system simulation.
-- size: 20000 quick: 100

local Task = {}
Task.__index = Task

function Task.new(kind, id, priority)
  return setmetatable({ kind = kind, id = id, priority = priority, queue = {}, qhead = 1, qtail = 0, done = 0, held = false }, Task)
end

function Task:push(packet)
  self.qtail = self.qtail + 1
  self.queue[self.qtail] = packet
end

function Task:pop()
  local q = self.queue
  local p = q[self.qhead]
  if p then q[self.qhead] = nil; self.qhead = self.qhead + 1 end
  return p
end

function Task:ready() return not self.held and self.queue[self.qhead] ~= nil end

local Worker = setmetatable({}, { __index = Task })
Worker.__index = Worker
function Worker:run(sched, packet)
  local sum = 0
  for i = 1, #packet.data do sum = sum + packet.data[i] * i end
  packet.data[1] = sum % 251
  self.done = self.done + 1
  sched:send(packet, (packet.dest % sched.ntasks) + 1)
end

local Device = setmetatable({}, { __index = Task })
Device.__index = Device
function Device:run(sched, packet)
  self.done = self.done + 1
  packet.dest = packet.dest + self.id
  if self.done % 7 == 0 then self.held = true; sched.held = sched.held + 1 end
  sched:send(packet, (packet.dest * 3 % sched.ntasks) + 1)
end

local Handler = setmetatable({}, { __index = Task })
Handler.__index = Handler
function Handler:run(sched, packet)
  self.done = self.done + 1
  packet.data[#packet.data] = (packet.data[#packet.data] + self.priority) % 97
  if sched.held > 0 then
    for _, t in ipairs(sched.tasks) do
      if t.held then t.held = false; sched.held = sched.held - 1; break end
    end
  end
  sched:send(packet, (packet.dest + 1) % sched.ntasks + 1)
end

local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new()
  local s = setmetatable({ tasks = {}, held = 0, sent = 0 }, Scheduler)
  local kinds = { Worker, Device, Handler, Worker, Handler, Device, Worker, Worker }
  for i, k in ipairs(kinds) do
    local t = Task.new(k, i, (i * 37) % 11)
    s.tasks[i] = setmetatable(t, k)
  end
  s.ntasks = #s.tasks
  return s
end

function Scheduler:send(packet, to)
  self.sent = self.sent + 1
  self.tasks[to]:push(packet)
end

function Scheduler:step()
  local best = nil
  for _, t in ipairs(self.tasks) do
    if t:ready() and (best == nil or t.priority > best.priority) then best = t end
  end
  if not best then return false end
  best:run(self, best:pop())
  return true
end

local rounds = tonumber(arg and arg[1]) or 20000
local s = Scheduler.new()
for i = 1, 16 do
  s:send({ dest = i, data = { i, i + 1, i + 2, i + 3 } }, (i % s.ntasks) + 1)
end
local steps = 0
for _ = 1, rounds * 50 do
  if not s:step() then
    for _, t in ipairs(s.tasks) do t.held = false end
    s.held = 0
  end
  steps = steps + 1
end
local done = 0
for i, t in ipairs(s.tasks) do done = done + t.done * i end
print(steps, s.sent, done)
