-- Floating-point and array work: dense matrix multiplication.
-- size: 300 quick: 30
local n = tonumber(arg and arg[1]) or 300
local function matrix(seed)
  local m = {}
  for i = 1, n do
    local row = {}
    for j = 1, n do
      -- Park-Miller: every product stays below 2^53, so the sequence is
      -- exact on every engine (a fused multiply-add cannot change it).
      seed = (seed * 16807) % 2147483647
      row[j] = (seed % 1000) / 1000
    end
    m[i] = row
  end
  return m
end
local a, b = matrix(1), matrix(2)
local c = {}
for i = 1, n do
  local ci, ai = {}, a[i]
  for j = 1, n do
    local s = 0
    for k = 1, n do s = s + ai[k] * b[k][j] end
    ci[j] = s
  end
  c[i] = ci
end
local trace = 0
for i = 1, n do trace = trace + c[i][i] end
print(string.format("%0.6f", trace))
