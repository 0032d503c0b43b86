local t = nil
print("start")
local n = t.field
