-- Regenerates tests/golden/stdlib2/random.txt: math.random sequences of
-- the reference luajit for the default (unseeded) state and many seeds,
-- with every argument form, including empty and huge intervals.
--
-- Run from runtime/ (in a fresh luajit, so the first block sees the
-- unseeded state):
--   luajit -joff tools/gen-stdlib2-random.lua > tests/golden/stdlib2/random.txt
--
-- Line formats (numbers are exact bit patterns in hex):
--   seed default | seed <bits>     starts a sequence
--   r <result>                     math.random()
--   r <m> <result>                 math.random(m)
--   r <m>,<n> <result>             math.random(m, n)
local C = dofile("tools/gen-stdlib2-common.lua")
C.seed(4242)

local forms = {
  {}, { 10 }, { 1 }, { 0 }, { -3 }, { 2.5 }, { 1e9 }, { 2^53 }, { 1e300 },
  { 1, 6 }, { -5, 5 }, { 0, 1 }, { 5, 1 }, { 3, 3 }, { -10, -20 },
  { 1.5, 3.7 }, { -2^31, 2^31 }, { 0, 2^53 }, { -1e300, 1e300 },
  { 1/0 }, { 0, 1/0 }, { 0/0 }, { 1, 0/0 },
}

local function line(args, r)
  local a = {}
  for i = 1, #args do a[i] = C.bits(args[i]) end
  local res = (r ~= r) and "nan" or C.bits(r)
  if #a == 0 then print("r " .. res) else print("r " .. table.concat(a, ",") .. " " .. res) end
end

local function sequence()
  for _ = 1, 40 do line({}, math.random()) end
  for i = 1, 3 * #forms do
    local args = forms[(i - 1) % #forms + 1]
    line(args, math.random(unpack(args)))
  end
  for _ = 1, 30 do
    local m = C.rand(2001) - 1000
    local n = m + C.rand(100) - 10
    line({ m, n }, math.random(m, n))
    line({ n }, math.random(n))
  end
end

print("# math.random sequences from luajit; see tools/gen-stdlib2-random.lua")
print("seed default")
sequence()
local seeds = { 0, -0, 1, 2, 42, -1, 0.5, 123456789, 2^31, 2^53, 1e300, -1e300,
  1e-300, 1/0, -1/0, 0/0, 3.14159, 1e15 + 0.25 }
for _ = 1, 12 do seeds[#seeds + 1] = C.rand31() - 1073741824 end
for _ = 1, 8 do seeds[#seeds + 1] = C.from_words(C.word(), C.word()) end
for _, s in ipairs(seeds) do
  math.randomseed(s)
  print("seed " .. C.bits(s))
  sequence()
end
