-- debug.traceback under the command: the main thread's last level is the
-- host's C function; a coroutine's traceback ends at its body. Written
-- to stderr, where the recorded runs hide addresses.
local function inner() io.stderr:write(debug.traceback("inner"), "\n") end
local function outer() inner() end
outer()
io.stderr:write(debug.traceback("level 2", 2), "\n")
io.stderr:write(debug.traceback(), "\n")
local function deep(n) if n == 0 then return debug.traceback("deep") end return (deep(n - 1)) end
io.stderr:write(deep(8), "\n")
io.stderr:write(deep(9), "\n")
io.stderr:write(deep(30), "\n")
io.stderr:write(coroutine.wrap(function() return debug.traceback("in coroutine") end)(), "\n")
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
io.stderr:write(debug.traceback(co, "other coroutine"), "\n")
print(select(2, xpcall(function() error("x") end, debug.traceback)):match("%[C%]: at") ~= nil)
