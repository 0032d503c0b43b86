-- Regenerates tests/golden/stdlib2/sort.txt: what LuaJIT's table.sort
-- does to arrays of records with many ties, under consistent,
-- inconsistent, random and failing comparators: the final order, the
-- number of comparator calls, and whether (and with what array state) an
-- error was raised.
--
-- Run from runtime/:
--   luajit -joff tools/gen-stdlib2-sort.lua > tests/golden/stdlib2/sort.txt
--
-- Line format:
--   <cmp> <keys> <ids after> <calls> <outcome>
-- keys: comma-separated integer keys of elements 1..n (element i has id
-- i); ids after: the ids in array order after the sort (or after the
-- error); outcome: ok, order (invalid order function) or cmp (the
-- comparator raised an error). `-` stands for an empty list.
-- The comparators (the Rust test implements the same ones):
--   lt     a.k < b.k            gt    a.k > b.k
--   le     a.k <= b.k           true  always true      false  always false
--   ltid   (a.k, a.id) < (b.k, b.id)
--   rand   pseudo-random answers: s = s * 48271 % 2147483647 per call,
--          starting from s = n + 1; answer s % 3 == 0
--   fail   like lt, but raises an error on call number n (1-based)
--   mut    like lt, but before every call whose 0-based number c has
--          c % 5 == 4 it stores { k = c % 7, id = 1000 + c } into
--          t[c % n + 1] (the sort must keep using the values it read)
--   nil    no comparator: plain numbers (the keys) compared with <; the
--          ids are then 1-based positions of the sorted keys in the input
--          (ties resolved to the first unused equal key), so ties here
--          print as ascending ids
local C = dofile("tools/gen-stdlib2-common.lua")
C.seed(9090)

local function comparator(name, n, counter, t)
  local s = n + 1
  local cmps = {
    lt = function(a, b) return a.k < b.k end,
    gt = function(a, b) return a.k > b.k end,
    le = function(a, b) return a.k <= b.k end,
    ["true"] = function() return true end,
    ["false"] = function() return false end,
    ltid = function(a, b) return a.k < b.k or (a.k == b.k and a.id < b.id) end,
    rand = function()
      s = (s * 48271) % 2147483647
      return s % 3 == 0
    end,
    fail = function(a, b)
      if counter.calls + 1 == n then error("comparator failed") end
      return a.k < b.k
    end,
    mut = function(a, b)
      local c = counter.calls
      if c % 5 == 4 then t[c % n + 1] = { k = c % 7, id = 1000 + c } end
      return a.k < b.k
    end,
  }
  local f = cmps[name]
  return function(a, b)
    local r = f(a, b)
    counter.calls = counter.calls + 1
    return r
  end
end

local function list(t)
  if #t == 0 then return "-" end
  return table.concat(t, ",")
end

local function run(name, keys)
  local n = #keys
  local t = {}
  for i = 1, n do t[i] = { k = keys[i], id = i } end
  local counter = { calls = 0 }
  local ok, err
  if name == "nil" then
    local nums = {}
    for i = 1, n do nums[i] = keys[i] end
    ok, err = pcall(table.sort, nums)
    local used, ids = {}, {}
    for i = 1, n do
      for j = 1, n do
        if not used[j] and keys[j] == nums[i] then
          used[j] = true
          ids[i] = j
          break
        end
      end
    end
    counter.calls = "-"
    t = ids
  else
    ok, err = pcall(table.sort, t, comparator(name, n, counter, t))
    local ids = {}
    for i = 1, n do ids[i] = t[i].id end
    t = ids
  end
  local outcome = "ok"
  if not ok then
    if string.find(err, "invalid order function", 1, true) then
      outcome = "order"
    elseif string.find(err, "comparator failed", 1, true) then
      outcome = "cmp"
    else
      error(err)
    end
  end
  print(string.format("%s %s %s %s %s", name, list(keys), list(t),
    tostring(counter.calls), outcome))
end

print("# table.sort results from luajit; see tools/gen-stdlib2-sort.lua")
local names = { "lt", "gt", "le", "true", "false", "ltid", "rand", "fail", "nil",
  "mut" }
for n = 0, 12 do
  for _, name in ipairs(names) do
    for _ = 1, 3 do
      local keys = {}
      for i = 1, n do keys[i] = C.rand(4) end
      run(name, keys)
    end
  end
end
for _ = 1, 250 do
  for _, name in ipairs(names) do
    local n = C.rand(120) + 1
    local range = ({ 2, 5, 20, 1000 })[C.rand(4) + 1]
    local keys = {}
    for i = 1, n do keys[i] = C.rand(range) end
    if C.rand(5) == 0 then table.sort(keys) end
    if C.rand(7) == 0 then
      table.sort(keys, function(a, b) return a > b end)
    end
    run(name, keys)
  end
end
