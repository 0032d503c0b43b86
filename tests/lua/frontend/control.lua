-- Branches, loops, break and goto.
local n, t = ...
for i = 1, 10 do print(i) end
for i = 10, 1, -1 do print(i) end
for i = n, n * 2, n / 4 do if i > 3 then break end end
for k, v in pairs(t) do print(k, v) end
for k, v in next, t do print(k, v) end
for i, v in ipairs(t) do print(i, v) end
for a, b, c, d in f() do print(a, b, c, d) end
local pairs = pairs
for k in pairs(t) do print(k) end
while n > 0 do n = n - 1 end
while true do if n then break end end
repeat n = n + 1 until n > 10
repeat local x = n; n = x + 1 until x > 20
repeat local y = n; t[1] = function() return y end until y
do local d = 1; print(d) end
for i = 1, 3 do
  for j = 1, 3 do
    if i == j then goto continue end
    print(i, j)
    ::continue::
  end
end
do
  local i = 1
  ::top::
  i = i + 1
  if i < 5 then goto top end
end
goto skip
print("skipped")
::skip::
for i = 1, 2 do
  local c = function() return i end
  if i == 1 then break end
  print(c)
end
while n do
  local u = n
  t[u] = function() return u end
  if u then break end
end
if n then elseif t then else end
if n == 1 then print(1) elseif n == 2 then print(2) elseif n == 3 then print(3) end
