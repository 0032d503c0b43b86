-- Integer and array work: heapsort of pseudo-random numbers.
-- size: 500000 quick: 20000
local n = tonumber(arg and arg[1]) or 500000
local seed = 42
local function random(max)
  seed = (seed * 3877 + 29573) % 139968
  return max * seed / 139968
end

local function heapsort(a, count)
  local function sift(start, stop)
    local root = start
    while root * 2 <= stop do
      local child = root * 2
      if child < stop and a[child] < a[child + 1] then child = child + 1 end
      if a[root] < a[child] then
        a[root], a[child] = a[child], a[root]
        root = child
      else
        return
      end
    end
  end
  for start = math.floor(count / 2), 1, -1 do sift(start, count) end
  for stop = count, 2, -1 do
    a[1], a[stop] = a[stop], a[1]
    sift(1, stop - 1)
  end
end

local a = {}
for i = 1, n do a[i] = random(1.0) end
heapsort(a, n)
for i = 1, n - 1 do assert(a[i] <= a[i + 1]) end
print(string.format("%0.10f %0.10f", a[1], a[n]))
