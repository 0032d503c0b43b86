-- File methods and io functions under many argument shapes, on a
-- scratch file; prints which calls failed and how.
local vals = {
  {}, {nil}, {1}, {-1}, {0}, {2^31}, {0/0}, {"abc"}, {""}, {"10"}, {{}}, {true},
  {"*l"}, {"*n"}, {"*a"}, {"*L"}, {"l"}, {"n"}, {"a"}, {"*x"}, {"set"}, {"cur"}, {"end"},
  {"set", 2}, {"cur", -1}, {"end", -3}, {"set", "x"}, {"bogus", 1}, {"no"}, {"full", 1024},
  {"line"}, {"*l", "*n"}, {5, "*l"}, {"x", "y"}, {1.5},
}
local name = os.tmpname()
local f = io.open(name, "w+")
f:write("first line\n42 3.5 0x10\nlast")
local methods = {"read", "seek", "setvbuf", "write", "flush", "lines"}
for _, m in ipairs(methods) do
  local row = {}
  for _, args in ipairs(vals) do
    f:seek("set", 0)
    local ok, r = pcall(f[m], f, unpack(args, 1, table.maxn(args)))
    row[#row + 1] = ok and "+" .. type(r) or ("-" .. tostring(r):gsub("0x%x+", "ADDR"))
  end
  print(m, table.concat(row, " | "))
end
for _, fn in ipairs{"type", "close"} do
  local row = {}
  for _, args in ipairs(vals) do
    local ok, r = pcall(io[fn], unpack(args, 1, table.maxn(args)))
    row[#row + 1] = ok and "+" .. tostring(r) or ("-" .. tostring(r):gsub("0x%x+", "ADDR"))
  end
  print(fn, table.concat(row, " | "))
end
f:close()
for _, m in ipairs(methods) do
  local ok, r = pcall(f[m], f)
  print("closed", m, ok, r)
end
os.remove(name)
