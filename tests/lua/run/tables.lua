-- Table constructors, indexing, length and errors.
local t = {1, 2, 3, nil, 5}
print(#t == 5 or #t == 3, t[1], t[5], t[6])
local u = {x = 1, y = 2, [10] = "ten", [1.5] = "f", [true] = "b"}
print(u.x, u.y, u[10], u[1.5], u[true], u.z)
local function three() return 7, 8, 9 end
local v = {three()}
print(#v, v[1], v[3])
local w = {three(), three()}
print(#w, w[1], w[2], w[4])
local n = {}
for i = 1, 100 do n[i] = i * 2 end
print(#n, n[50], n[100])
n[101] = 1
print(#n)
for i = 1, 100 do n[i] = nil end
print(n[101])
local nested = {a = {b = {c = "deep"}}}
print(nested.a.b.c)
nested.a.b.c = "changed"
print(nested.a.b.c)
print(pcall(function() local q = {}; q[nil] = 1 end))
print(pcall(function() local q = {}; q[0/0] = 1 end))
print(pcall(function() local q = {}; return q[nil] end))
local m = {}
m[1] = "a"; m[2] = "b"; m[3] = "c"
print(#m)
local k = {[1] = 1, [2] = 2, [3] = 3}
print(#k, k[2])
local big = {}
for i = 1, 1000 do big[i] = i end
local sum = 0
for i = 1, #big do sum = sum + big[i] end
print(sum)
local keys = {}
keys[2^53] = "big"; keys[-1] = "neg"; keys[0] = "zero"
print(keys[2^53], keys[-1], keys[0], keys[-0.0])
local s = {}
s["1"] = "str"; s[1] = "num"
print(s["1"], s[1])
