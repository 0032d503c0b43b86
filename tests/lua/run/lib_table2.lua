-- table functions over a cross product of tables and positions; each
-- result printed with the table's contents afterwards.
local function dump(t)
  local out = {}
  for i = -1, table.maxn(t) + 1 do
    if t[i] ~= nil then out[#out + 1] = i .. "=" .. tostring(t[i]) end
  end
  return "{" .. table.concat(out, ",") .. "}#" .. #t
end
local function tables()
  return {{}, {1}, {1, 2, 3}, {[0] = 0, 1, 2}, {"a", "b", "c", "d", "e", "f"}}
end
local pos = {nil, 0, 1, 2, -1, 3, 4, 5, 6, 7, "2", "x"}
for ti = 1, #tables() do
  local row = {}
  for k = 1, #pos do
    local t = tables()[ti]
    local ok, r = pcall(table.insert, t, pos[k], "v")
    if pos[k] == nil then t = tables()[ti] ok, r = pcall(table.insert, t, "v") end
    row[#row + 1] = (ok and "ok" or r) .. dump(t)
    t = tables()[ti]
    local ok2, r2 = pcall(table.remove, t, pos[k])
    row[#row + 1] = (ok2 and tostring(r2) or r2) .. dump(t)
    t = tables()[ti]
    local ok3, r3 = pcall(table.concat, t, "-", pos[k])
    row[#row + 1] = ok3 and r3 or r3
    local ok4, r4 = pcall(table.concat, t, ",", 1, pos[k])
    row[#row + 1] = ok4 and r4 or r4
    local ok5, r5 = pcall(function() return select("#", unpack(t, pos[k])) end)
    row[#row + 1] = tostring(r5)
  end
  print(ti, table.concat(row, " "))
end
local inputs = {{}, {1}, {2, 1}, {3, 1, 2}, {5, 5, 5, 1}, {"b", "a", "c"}, {3.5, -1, 2, 0, -0.5, 10, 7, 7, 1}}
for _, t in ipairs(inputs) do
  local a = {unpack(t)} table.sort(a)
  local b = {unpack(t)} table.sort(b, function(x, y) return x > y end)
  local c = {unpack(t)} local calls = 0 table.sort(c, function(x, y) calls = calls + 1 return x < y end)
  print(table.concat(a, " "), table.concat(b, " "), calls)
end
local big = {} for i = 1, 200 do big[i] = (i * 7919) % 211 end
local calls = 0 table.sort(big, function(x, y) calls = calls + 1 return x < y end)
print(big[1], big[100], big[200], calls)
