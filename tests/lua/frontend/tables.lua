-- Table constructors, indexing, TDUP templates and TSETM.
local k, v, f = ...
local empty = {}
local arr = { 1, 2, 3, "four", true, false, nil }
local hash = { x = 1, y = "two", z = true, ["with space"] = 3 }
local mixed = { 1, 2, x = 3, [10] = 4, [0] = 5, [1.5] = 6, [-1] = 7 }
local dyn = { k, v, [k] = v, k = v, f() }
local varargs = { ... }
local tail = { 1, 2, f() }
local nested = { { 1, 2 }, { x = { y = { z = 1 } } } }
local sep = { 1; 2; x = 3, }
local nonconst_key = { a = 1, b = k, c = 3 }
local dup = { a = 1, a = 2 }
local t = {}
t.x = 1
t[1] = 2
t[255] = 3
t[256] = 4
t[-1] = 5
t[k] = v
t.x.y.z = t[1][2][3]
t["str"] = t["str"] .. "x"
t[1.5] = 0.5
t[true] = nil
print(t.x, t[1], t[255], t[256], t[k], t[0], t[2^8], t[nil])
print(empty, arr, hash, mixed, dyn, varargs, tail, nested, sep, nonconst_key, dup)
t:method(1, 2)
t.field:method "s"
t:m { 1 }
local obj = { n = 0 }
function obj:inc(d) self.n = self.n + (d or 1) return self end
function obj.static(a) return a end
obj:inc():inc(2)
local big = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40 }
print(big)
