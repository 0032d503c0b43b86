print("init file runs", type(arg), arg and arg[0])
