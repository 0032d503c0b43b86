-- Nothing buffered is lost when the interpreter ends: normally,
-- by os.exit, by an uncaught error; with stdout and stderr sent to one
-- file the pieces interleave as C's buffering orders them.
-- The shell os.execute starts is a child of the interpreter running
-- this script, so $PPID names it (arg[-1] may be a bare name).
local interp = "/proc/$PPID/exe"
local out, data = os.tmpname(), os.tmpname()
local function slurp(n)
  local f = io.open(n)
  local s = f and f:read("*a") or "(missing)"
  if f then f:close() end
  return s
end
local endings = {
  "",
  "os.exit(0)",
  "os.exit(3)",
  "os.exit(false)",
  "os.exit(true, true)",
  "error('boom')",
  "local t = setmetatable({}, {__gc = function() io.write('gc ') end}) os.exit(0, true)",
}
for _, ending in ipairs(endings) do
  local chunk = "local f = io.open('" .. data .. "', 'w') f:write('data') " ..
    "print('p') io.write('w') io.stderr:write('e') " .. ending
  local cmd = interp .. " -e \"" .. chunk .. "\" > " .. out .. " 2>/dev/null"
  local status = os.execute(cmd)
  print(ending, status, slurp(out), slurp(data))
end
local chunk = "print(1) io.stderr:write('err1 ') io.write(2) io.stdout:setvbuf('no') " ..
  "io.write(3) io.stderr:write('err2 ') print(4) os.execute('echo sh') io.write(5)"
os.execute(interp .. " -e \"" .. chunk .. "\" > " .. out .. " 2>&1")
print(slurp(out))
os.remove(out)
os.remove(data)
