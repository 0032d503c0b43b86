-- Regenerates tests/golden/tables.txt: random sequences of raw table
-- stores with number keys, replayed by the reference luajit, recording
-- what `#t` returns and the order `next` visits the keys in. The Rust test
-- (src/obj/table/tests.rs) replays the same sequences on GcTab.
--
-- Run from runtime/: luajit tools/gen-table-golden.lua > tests/golden/tables.txt
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end

local specials = { 0, -1, -2, 0.5, 2.5, -3.75, 1e6, 2^31, 2^31 - 1, -2^31, 2^53, 1/3, 1e-300, 100, 255, 256, 1024, 4096 }
local function random_key(style)
  local r = rand(10)
  if style == 1 or r < 6 then return rand(40) + 1 end
  if r < 8 then return specials[rand(#specials) + 1] end
  return rand(2000) - 500
end

print("# ops (s key value; value 1 or nil) <TAB> #t <TAB> keys in next() order")
for case = 1, 1500 do
  local style = rand(3)
  local n = rand(80) + 1
  local t, ops = {}, {}
  for _ = 1, n do
    local k = random_key(style)
    local v = rand(5) == 0 and "nil" or "1"
    if v == "nil" then t[k] = nil else t[k] = 1 end
    ops[#ops + 1] = string.format("s %.17g %s", k, v)
  end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = string.format("%.17g", k) end
  print(table.concat(ops, ";") .. "\t" .. #t .. "\t" .. table.concat(keys, ","))
end
