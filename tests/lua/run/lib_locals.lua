-- debug.getlocal / debug.setlocal
local function show(level)
  local out = {}
  for i = 1, 10 do
    local n, v = debug.getlocal(level + 1, i)
    if not n or n:sub(1, 1) == "(" then break end
    out[#out + 1] = n .. "=" .. tostring(v)
  end
  for i = -1, -5, -1 do
    local n, v = debug.getlocal(level + 1, i)
    if not n then break end
    out[#out + 1] = n .. "=" .. tostring(v)
  end
  return table.concat(out, " ")
end
local function f(a, b)
  local c = a + b
  print(show(1))
  do local d = 4 print(show(1)) end
  return c
end
f(1, 2)
local function v(x, ...)
  local y = x
  print(show(1))
  return y
end
v(10, 20, 30)
v(5)
print(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3), debug.getlocal(v, 2))
local function s()
  local p, q = 1, 2
  print(debug.setlocal(1, 2, 99), q)
  print(debug.setlocal(1, 9, 99))
  return p
end
s()
print(pcall(debug.setlocal, 50, 1, 1))
print(pcall(debug.getlocal, 50, 1))
print((debug.getlocal(1, 1)), (debug.getlocal(1, 2)))
local co = coroutine.create(function(a) local b = a * 2 coroutine.yield() end)
coroutine.resume(co, 21)
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2))
print(debug.setlocal(co, 1, 2, 7), debug.getlocal(co, 1, 2))
local function withtemp() return (debug.getlocal(1, 1)) end
print(withtemp())
print(select("#", debug.getlocal(print, 1)))
print(pcall(debug.getlocal, 1))
