-- Classic algorithms: quicksort with a comparator, binary search,
-- a priority queue, string building, sieve, memoized recursion.
local function quicksort(t, lo, hi, less)
  lo, hi = lo or 1, hi or #t
  less = less or function(x, y) return x < y end
  if lo >= hi then return t end
  local mid = math.floor((lo + hi) / 2)
  t[mid], t[hi] = t[hi], t[mid]
  local pivot, i = t[hi], lo
  for j = lo, hi - 1 do
    if less(t[j], pivot) then
      t[i], t[j] = t[j], t[i]
      i = i + 1
    end
  end
  t[i], t[hi] = t[hi], t[i]
  quicksort(t, lo, i - 1, less)
  quicksort(t, i + 1, hi, less)
  return t
end

local function bsearch(t, x)
  local lo, hi = 1, #t
  while lo <= hi do
    local mid = math.floor((lo + hi) / 2)
    local v = t[mid]
    if v == x then return mid
    elseif v < x then lo = mid + 1
    else hi = mid - 1 end
  end
  return nil, lo
end

local Heap = {}
Heap.__index = Heap
function Heap.new() return setmetatable({ n = 0 }, Heap) end
function Heap:push(v)
  local n = self.n + 1
  self.n = n
  self[n] = v
  while n > 1 do
    local p = math.floor(n / 2)
    if self[p] <= self[n] then break end
    self[p], self[n] = self[n], self[p]
    n = p
  end
end
function Heap:pop()
  local top, n = self[1], self.n
  self[1], self[n] = self[n], nil
  n = n - 1
  self.n = n
  local i = 1
  while true do
    local l, r, s = 2 * i, 2 * i + 1, i
    if l <= n and self[l] < self[s] then s = l end
    if r <= n and self[r] < self[s] then s = r end
    if s == i then break end
    self[i], self[s] = self[s], self[i]
    i = s
  end
  return top
end

local function sieve(n)
  local composite, primes = {}, {}
  for i = 2, n do
    if not composite[i] then
      primes[#primes + 1] = i
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return primes
end

local function join(t, sep)
  local buf = {}
  for i, v in ipairs(t) do buf[i] = tostring(v) end
  return table.concat(buf, sep or ", ")
end

local memo = setmetatable({}, { __mode = "k" })
local function partitions(n, k)
  if n == 0 then return 1 end
  if n < 0 or k == 0 then return 0 end
  local key = n * 1000 + k
  local v = memo[key]
  if v then return v end
  v = partitions(n - k, k) + partitions(n, k - 1)
  memo[key] = v
  return v
end

local h = Heap.new()
for _, v in ipairs({ 5, 3, 8, 1 }) do h:push(v) end
print(join(quicksort({ 3, 1, 2, 5, 4 })), bsearch({ 1, 3, 5 }, 3), h:pop(), h:pop(),
  join(sieve(50)), partitions(30, 30),
  join(quicksort({ "b", "a", "c" }, nil, nil, function(x, y) return x > y end)))
