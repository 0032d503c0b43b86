from_script = "set by the script"
print("script ran", ...)
