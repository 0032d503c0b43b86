io.write("partial line without newline")
print(" and a print")
os.exit(tonumber(arg[1]) or 7)
