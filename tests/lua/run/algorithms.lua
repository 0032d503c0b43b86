-- Small algorithms: sorting, memoisation, string building, sieves, queues.
local function qsort(t, lo, hi)
  lo, hi = lo or 1, hi or #t
  if lo >= hi then return t end
  local p, i = t[hi], lo - 1
  for j = lo, hi - 1 do
    if t[j] <= p then i = i + 1; t[i], t[j] = t[j], t[i] end
  end
  t[i + 1], t[hi] = t[hi], t[i + 1]
  qsort(t, lo, i)
  qsort(t, i + 2, hi)
  return t
end
local data = {}
local seed = 42
for i = 1, 200 do seed = (seed * 1103515245 + 12345) % 2147483648; data[i] = seed % 1000 end
qsort(data)
local ok = true
for i = 2, #data do if data[i - 1] > data[i] then ok = false end end
print(ok, data[1], data[100], data[200])
local memo = {}
local function fib(n)
  if n < 2 then return n end
  local m = memo[n]
  if m then return m end
  m = fib(n - 1) + fib(n - 2)
  memo[n] = m
  return m
end
print(fib(80), fib(90))
local sieve, primes = {}, {}
for i = 2, 1000 do
  if not sieve[i] then
    primes[#primes + 1] = i
    for j = i * i, 1000, i do sieve[j] = true end
  end
end
print(#primes, primes[1], primes[#primes])
local words = {"delta", "alpha", "charlie", "bravo"}
for i = 1, #words do
  for j = i + 1, #words do
    if words[j] < words[i] then words[i], words[j] = words[j], words[i] end
  end
end
local out = ""
for i, w in ipairs(words) do out = out .. (i > 1 and "," or "") .. w end
print(out)
local q = {first = 1, last = 0}
local function push(v) q.last = q.last + 1; q[q.last] = v end
local function pop() local v = q[q.first]; q[q.first] = nil; q.first = q.first + 1; return v end
for i = 1, 10 do push(i * i) end
local total = 0
while q.first <= q.last do total = total + pop() end
print(total)
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return a end
print(gcd(1071, 462), gcd(17, 5), gcd(0, 9))
local function collatz(n) local steps = 0 while n ~= 1 do n = n % 2 == 0 and n / 2 or 3 * n + 1; steps = steps + 1 end return steps end
print(collatz(27), collatz(97))
local function hanoi(n, a, b, c, moves) if n == 0 then return moves end moves = hanoi(n - 1, a, c, b, moves) moves = moves + 1 return hanoi(n - 1, c, b, a, moves) end
print(hanoi(16, "a", "b", "c", 0))
local matrix = {}
for i = 1, 5 do matrix[i] = {} for j = 1, 5 do matrix[i][j] = (i - 1) * 5 + j end end
local tr = 0
for i = 1, 5 do tr = tr + matrix[i][i] end
print(tr, matrix[5][5], #matrix, #matrix[1])
local function perm(a, n, acc)
  n = n or #a
  if n <= 1 then acc[#acc + 1] = a[1] .. a[2] .. a[3] return acc end
  for i = 1, n do
    a[n], a[i] = a[i], a[n]
    perm(a, n - 1, acc)
    a[n], a[i] = a[i], a[n]
  end
  return acc
end
local ps = perm({"x", "y", "z"}, nil, {})
print(#ps, ps[1], ps[6])
