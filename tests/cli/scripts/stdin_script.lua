print("from stdin", ...)
print(arg and arg[0])
