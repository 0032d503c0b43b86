-- Table constructors: empty, array, hash, mixed, template tables with
-- every constant key kind, multiple results at the end, nesting.
local empty = {}
local arr = { 1, 2, 3, "four", true, false }
local hash = { a = 1, b = "two", c = true, d = false, e = 1.5 }
local mixed = { 1, 2, x = "x", [10] = 10, [1.5] = "float key", [true] = 1 }
local dyn = { empty, arr, [hash] = mixed }
local nested = { { 1, 2 }, { a = { b = { c = 1 } } } }
local withcall = { 1, 2, select(1, 3, 4) }
local function f(...)
  return { ... }, { n = select("#", ...), ... }, { 1, ... }
end
local holes = { nil, nil, 3 }
local negkeys = { [-1] = "neg", [0] = "zero", [2^31] = "big" }
local strkeys = { ["with space"] = 1, ["1"] = 2 }
local sized = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 }
local big = {}
for i = 1, 300 do big[i] = i end
print(empty, arr, hash, mixed, dyn, nested, withcall, f(1, 2), holes,
  negkeys, strkeys, sized, big)
