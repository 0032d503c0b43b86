-- Loops until interrupted; says "ready" once it is in the loop, so the
-- test sends SIGINT only then.
local function spin()
  local n = 0
  while true do n = n + 1 if n == 1000 then io.write("ready\n") io.flush() end end
end
spin()
print("not reached")
