print("loading mymod", ...)
return { answer = 42 }
