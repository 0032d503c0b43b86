local s = "unfinished
print(s)
