-- Ctrl-C (to the whole process group, as a terminal sends it) while
-- os.execute waits: the command dies, the interpreter goes on (C's
-- system ignores SIGINT meanwhile); a later Ctrl-C still interrupts.
print(os.execute("echo ready; exec sleep 30"))
print("continued")
local n = 0
while true do n = n + 1 if n == 1000 then io.write("ready\n") io.flush() end end
