#!/usr/bin/env xlj
print("after the hash line", ...)
error("line two")
