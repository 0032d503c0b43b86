print("badmod starts")
error("badmod failed")
