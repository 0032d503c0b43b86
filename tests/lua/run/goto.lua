-- goto: continue, nested loops, backward jumps with closures.
for i = 1, 5 do
  if i % 2 == 0 then goto continue end
  print("odd", i)
  ::continue::
end
local i = 1
::top::
if i <= 3 then
  print("loop", i)
  i = i + 1
  goto top
end
for a = 1, 3 do
  for b = 1, 3 do
    if a * b == 4 then goto done end
  end
end
::done::
print("escaped")
local fs = {}
do
  local n = 0
  ::again::
  local x = n
  fs[#fs + 1] = function() return x end
  n = n + 1
  if n < 3 then goto again end
end
print(fs[1](), fs[2](), fs[3]())
