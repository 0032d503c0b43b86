-- Hundreds of nested coroutine resumes and library callbacks, as a
-- chained coroutine prime sieve makes: LuaJIT runs them, so must xlj.
local function chain(n)
  if n == 0 then return 0 end
  local co = coroutine.create(function() return chain(n - 1) + 1 end)
  local ok, v = coroutine.resume(co)
  if not ok then error(v, 0) end
  return v
end
print("resume chain", pcall(chain, 300))

local function wrapped(n)
  if n == 0 then return 0 end
  return coroutine.wrap(wrapped)(n - 1) + 1
end
print("wrap chain", pcall(wrapped, 300))

local function sub(n)
  if n == 0 then return "x" end
  return (string.gsub("a", "a", function() return sub(n - 1) end))
end
print("gsub callbacks", pcall(sub, 300))

local depth = 0
local function sorter(n)
  if n == 0 then return end
  table.sort({3, 1, 2}, function(a, b)
    if depth < n then depth = depth + 1; sorter(n - 1) end
    return a < b
  end)
end
print("sort callbacks", pcall(sorter, 300), depth)

-- A sieve of coroutines, each filtering the one before it.
local function gen()
  return coroutine.wrap(function()
    local i = 2
    while true do coroutine.yield(i); i = i + 1 end
  end)
end
local function filter(p, src)
  return coroutine.wrap(function()
    while true do
      local n = src()
      if n % p ~= 0 then coroutine.yield(n) end
    end
  end)
end
local src, primes = gen(), {}
for i = 1, 250 do
  local p = src()
  primes[i] = p
  src = filter(p, src)
end
print("sieve", #primes, primes[1], primes[100], primes[250])
