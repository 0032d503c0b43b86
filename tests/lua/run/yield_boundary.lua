-- Yields that would cross a native calling back into Lua are errors;
-- yields through pcall, metamethods and iterators are not.
local co = coroutine.create(function()
  local t = {3, 1, 2}
  table.sort(t, function(a, b) coroutine.yield("cmp") return a < b end)
  return "sorted"
end)
print(coroutine.resume(co))
print(coroutine.status(co))
local co2 = coroutine.create(function()
  local obj = setmetatable({}, {__tostring = function() coroutine.yield("ts") return "obj" end})
  return tostring(obj)
end)
print(coroutine.resume(co2))
local co3 = coroutine.wrap(function()
  local ok, err = pcall(table.sort, {2, 1}, function(a, b) coroutine.yield() return a < b end)
  coroutine.yield(ok, err)
  return "after"
end)
print(co3())
print(co3())
local co4 = coroutine.wrap(function()
  local t = {3, 1, 2}
  table.sort(t, function(a, b) return a > b end)
  coroutine.yield(t[1], t[2], t[3])
  return coroutine.isyieldable()
end)
print(co4())
print(co4())
