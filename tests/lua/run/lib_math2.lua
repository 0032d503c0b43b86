-- math and bit functions over a range of values (numbers and numeric
-- strings), printed with tostring's 14 digits.
local vals = {0, -0.0, 1, -1, 0.5, -0.5, 2.5, 3.7, -3.7, 100, 1e300, -1e-300, 2^53, 1/0, -1/0, "2", " 0x10 ", "1e2"}
local unary = {"abs", "floor", "ceil", "sqrt", "log", "log10", "exp", "sin", "cos", "tan", "asin", "acos", "atan",
  "sinh", "cosh", "tanh", "deg", "rad", "frexp", "modf"}
for _, f in ipairs(unary) do
  local row = {}
  for _, v in ipairs(vals) do
    local r = {pcall(math[f], v)}
    local t = {} for i = 2, #r do t[#t + 1] = tostring(r[i]) end
    row[#row + 1] = (r[1] and "" or "E") .. table.concat(t, ",")
  end
  print(f, table.concat(row, " "))
end
local binary = {"atan2", "pow", "fmod", "ldexp", "max", "min", "log"}
local pairs_ = {{1, 2}, {-1, 2}, {2, -1}, {0, 0}, {1/0, 2}, {2, 1/0}, {-8, 1/3}, {10, "3"}, {7.5, 2}, {-7.5, 2}, {1, 0/0}}
for _, f in ipairs(binary) do
  local row = {}
  for _, p in ipairs(pairs_) do
    local ok, r = pcall(math[f], p[1], p[2])
    row[#row + 1] = (ok and "" or "E") .. tostring(r)
  end
  print(f, table.concat(row, " "))
end
local bits = {"tobit", "bnot", "bswap", "tohex"}
local bvals = {0, 1, -1, 2^31, 2^32 + 3, -2^31 - 1, 1.5, 2.5, -2.5, 0x7fffffff, "255", 1e20}
for _, f in ipairs(bits) do
  local row = {}
  for _, v in ipairs(bvals) do local ok, r = pcall(bit[f], v) row[#row + 1] = tostring(r) end
  print(f, table.concat(row, " "))
end
for _, f in ipairs{"lshift", "rshift", "arshift", "rol", "ror", "band", "bor", "bxor", "tohex"} do
  local row = {}
  for _, n in ipairs{0, 1, 4, 31, 32, 33, -1, -4} do
    local ok, r = pcall(bit[f], 0x87654321, n) row[#row + 1] = tostring(r)
  end
  print(f, table.concat(row, " "))
end
