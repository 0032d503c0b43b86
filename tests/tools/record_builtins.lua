-- Prints LuaJIT's fast-function number of every builtin reachable from
-- the standard libraries ("lib.name N"; base functions without "lib."),
-- sorted by name. Run with luajit; the output is the golden file
-- tests/golden/builtins.txt.
local rows = {}
local function scan(prefix, t)
  for k, v in pairs(t) do
    if type(v) == "function" then
      local n = tostring(v):match("^function: builtin#(%d+)")
      if n then rows[#rows + 1] = prefix .. k .. " " .. n end
    end
  end
end
scan("", _G)
for _, lib in ipairs{"string", "table", "math", "coroutine", "bit", "io", "os", "debug", "jit", "package"} do
  if type(_G[lib]) == "table" then scan(lib .. ".", _G[lib]) end
end
local n = tostring((ipairs({}))):match("builtin#(%d+)")
rows[#rows + 1] = "(ipairs_aux) " .. n
n = tostring(coroutine.wrap(function() end)):match("builtin#(%d+)")
if n then rows[#rows + 1] = "(wrap_aux) " .. n end
table.sort(rows)
for _, r in ipairs(rows) do print(r) end
