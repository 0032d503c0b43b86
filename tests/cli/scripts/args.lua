-- Prints the global arg table and the chunk's varargs.
local keys = {}
for k in pairs(arg) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do print("arg[" .. k .. "]", arg[k]) end
print("n=" .. select("#", ...), ...)
