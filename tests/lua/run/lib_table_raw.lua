-- table library functions against tables with __index/__newindex/__len,
-- fractional, negative and out-of-range positions.
local log = {}
local mt = {
  __index = function(t, k) log[#log + 1] = "get " .. tostring(k) return "I" .. tostring(k) end,
  __newindex = function(t, k, v) log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) rawset(t, k, v) end,
  __len = function() log[#log + 1] = "len" return 99 end,
}
local function mk(...) return setmetatable({...}, mt) end
local function dump(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = tostring(k) .. "=" .. tostring(rawget(t, k)) end
  return "{" .. table.concat(out, ",") .. "}"
end
local function show(label, ok, ...)
  local r = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    r[i] = type(v) == "table" and "table" or tostring(v)
  end
  print(label, ok, select("#", ...), table.concat(r, " "), "log:" .. table.concat(log, ","))
  for i = #log, 1, -1 do log[i] = nil end
end

for _, pos in ipairs({1, 1.7, 2.5, 3, 3.5, 4, 4.9, 5, 0, 0.5, -1, -0.5, 1e10, -1e10, "2", "2.5", " 3 "}) do
  local t = mk("a", "b", "c", "d")
  show("remove " .. tostring(pos), pcall(table.remove, t, pos))
  print("", dump(t))
end
for _, pos in ipairs({"x", true, {}}) do
  show("remove bad", pcall(table.remove, mk("a"), pos))
end
do
  local t = mk("a", nil, "c")
  show("remove hole", pcall(table.remove, t, 1))
  print("", dump(t))
  t = mk()
  show("remove empty", pcall(table.remove, t))
  show("remove empty0", pcall(table.remove, t, 0))
  show("remove empty1", pcall(table.remove, t, 1))
  show("remove nilpos", pcall(table.remove, mk("x", "y"), nil))
  show("remove nonnil", pcall(table.remove, setmetatable({}, {__len = function() return 3 end})))
  show("remove notab", pcall(table.remove, "abc"))
  show("remove none", pcall(table.remove))
end

for _, pos in ipairs({1, 2.5, 3, 5, 6, 10, 0, -1, 1.5, "2"}) do
  local t = mk("a", "b", "c", "d")
  show("insert " .. tostring(pos), pcall(table.insert, t, pos, "X"))
  print("", dump(t))
end
show("insert 2args", pcall(table.insert, mk("a"), "Y"))
show("insert 4args", pcall(table.insert, mk("a"), 1, 2, 3))
show("insert 1arg", pcall(table.insert, mk("a")))
show("insert badpos", pcall(table.insert, mk("a"), "z", 1))
show("insert notab", pcall(table.insert, nil, 1))

do
  local t = mk("a", "b", nil, "d")
  show("concat", pcall(table.concat, t, "-", 1, 2))
  show("concat range", pcall(table.concat, t, "-", 1, 4))
  show("concat frac", pcall(table.concat, mk("a", "b", "c"), "+", 1.5, 2.9))
  show("concat neg", pcall(table.concat, mk("a", "b", "c"), "+", -1, 1))
  show("concat num", pcall(table.concat, {1, 2.5, "x"}, ","))
  show("concat empty", pcall(table.concat, mk(), ","))
  show("concat rev", pcall(table.concat, mk("a"), ",", 3, 1))
  show("concat bool", pcall(table.concat, {true}, ","))
  show("concat badsep", pcall(table.concat, {1}, {}))
end

do
  local t = mk("a", "b", "c")
  show("getn", pcall(table.getn, t))
  show("getn bad", pcall(table.getn, 1))
  show("maxn", pcall(table.maxn, mk("a", "b", nil, nil, "e")))
  rawset(t, 10.5, "x") rawset(t, -3, "y")
  show("maxn2", pcall(table.maxn, t))
  show("maxn bad", pcall(table.maxn, "x"))
  show("foreachi", pcall(table.foreachi, mk("a", nil, "c"), function(i, v) log[#log + 1] = i .. ":" .. tostring(v) end))
  show("foreachi stop", pcall(table.foreachi, mk("a", "b"), function(i, v) if i == 2 then return v .. "!" end end))
  local seen = {}
  show("foreach", pcall(table.foreach, setmetatable({x = 1}, mt), function(k, v) seen[#seen + 1] = k .. v end))
  print("", table.concat(seen, ","))
  show("foreach bad", pcall(table.foreach, mk(), 1))
  show("foreachi bad", pcall(table.foreachi, 1, print))
  show("unpack", pcall(unpack, mk("a", nil, "c")))
  show("unpack range", pcall(unpack, mk("a", "b"), 1, 4))
  show("unpack frac", pcall(unpack, mk("a", "b", "c"), 1.5, 2.5))
  show("unpack neg", pcall(unpack, mk("a"), -1, 1))
  show("unpack bad", pcall(unpack, "x"))
  show("unpack empty", pcall(unpack, {}, 2, 1))
end

for _, args in ipairs({{1, 3, 2}, {1.5, 3.5, 2}, {2, 3, 1}, {1, 2, 2.5}, {3, 1, 1}, {-1, 1, 5}}) do
  local t = mk("a", "b", "c", "d")
  show("move " .. table.concat(args, ","), pcall(table.move, t, args[1], args[2], args[3]))
  print("", dump(t))
end
do
  local dst = mk()
  show("move dst", pcall(table.move, mk("a", "b"), 1, 2, 1, dst))
  print("", dump(dst))
  show("move bad", pcall(table.move, mk(), "x", 1, 1))
  show("move bad2", pcall(table.move, mk(), 1, 1, 1, 5))
  show("move str", pcall(table.move, mk("a", "b"), "1", "2", "3"))
end

do
  local t = mk(3, 1, 2)
  show("sort", pcall(table.sort, t))
  print("", dump(t))
  show("sort bad", pcall(table.sort, t, 1))
  show("sort mixed", pcall(table.sort, {1, "x", 2}))
end
