-- Calls every library function with many argument combinations under
-- pcall and prints, per function, which calls failed and with what message
-- (math.floor and math.ceil without an argument are left out: luajit's
-- fast path returns garbage there).
local skip = {
  ["os.exit"] = true, ["os.execute"] = true, ["io.popen"] = true, ["os.remove"] = true,
  ["os.rename"] = true, ["io.open"] = true, ["io.output"] = true, ["io.input"] = true,
  ["os.tmpname"] = true, ["io.tmpfile"] = true, ["debug.sethook"] = true, ["io.read"] = true,
  ["io.lines"] = true, ["debug.debug"] = true, ["io.close"] = true, 
     
   ["io.write"] = true, 
  ["debug.setmetatable"] = true, ["debug.setfenv"] = true, ["debug.setupvalue"] = true,
  ["debug.upvaluejoin"] = true, ["debug.setlocal"] = true, ["jit.attach"] = true, ["jit.security"] = true,
  ["debug.getregistry"] = true,  
    
    
    ["io.flush"] = true, 
    
  
}
local vals = {
  {}, {nil}, {1}, {-1}, {0}, {2^31}, {-2^31}, {0/0}, {1/0}, {"abc"}, {""}, {"10"},
  {{}}, {{1, 2, 3}}, {true}, {print},
  {"abc", 2}, {"abc", -2, -1}, {"abc", 0/0}, {"abc", "x"}, {"abc", {}},
  {"a%d", 5}, {"%s %s", 1}, {"[a", "x"}, {"abc", "%w", "%1"}, {"abc", ".", {}},
  {"abc", "b", 1, true}, {{3, 1, 2}, nil}, {{"b", "a"}, function(a, b) return a < b end},
  {{1, 2}, 1, 5}, {{1, 2}, "x"}, {1, 2, 3}, {0xff, 0x0f}, {1.5, 2.5}, {"1", "2"},
  {{}, 1, 2, 3}, {"abc", 1e10}, {"abc", -1e10}, {65, 66}, {256}, {"x", 3, ","},
}
local libs = {"string", "table", "math", "bit", "os", "io", "debug", "package", "jit", "coroutine"}
local names = {}
for _, lib in ipairs(libs) do
  for k, v in pairs(_G[lib]) do
    if type(v) == "function" and not skip[lib .. "." .. k] then names[#names + 1] = lib .. "." .. k end
  end
end
table.sort(names)
local n, ok_n = 0, 0
for _, name in ipairs(names) do
  local lib, fn = name:match("(%w+)%.(%w+)")
  local f = _G[lib][fn]
  local row = {}
  for i, args in ipairs(vals) do
    local ok, r = true, nil
    if not ((name == "math.floor" or name == "math.ceil") and args[1] == nil) then
      ok, r = pcall(f, unpack(args, 1, table.maxn(args)))
    end
    n = n + 1
    if ok then ok_n = ok_n + 1 end
    row[#row + 1] = ok and "+" or ("-" .. tostring(r):gsub("0x%x+", "ADDR"))
  end
  print(name, table.concat(row, " | "))
end
print(n, ok_n)
