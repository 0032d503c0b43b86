-- Standard output on a terminal is line buffered: a child process's
-- output overtakes an unfinished line, a newline flushes, stderr is
-- unbuffered, and setvbuf switches (leaving line buffering flushes at
-- the next write, as glibc does).
io.write("a") os.execute("printf b") io.write("c\n") os.execute("printf d")
print("e") io.write("f")
io.stderr:write("g")
io.stdout:setvbuf("full") io.write("h\n") os.execute("printf i") io.write("\n")
io.stdout:setvbuf("line") io.write("j") os.execute("printf k") io.write("l\n")
io.stdout:setvbuf("no") io.write("m") os.execute("printf n") io.write("o\n")
