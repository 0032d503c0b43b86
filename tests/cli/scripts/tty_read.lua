-- Reading a terminal first writes out line-buffered stdout (glibc flushes
-- such streams when it reads a terminal): the prompt shows before stderr's
-- text; a prompt on a fully buffered stdout stays behind.
io.write("name? ")
local name = io.read()
io.stderr:write("E1 ")
print("hello " .. tostring(name))
io.stdout:setvbuf("full")
io.write("again? ")
local again = io.read()
io.stderr:write("E2 ")
print("got " .. tostring(again))
