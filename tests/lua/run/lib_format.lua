-- string.format specs over many values, and os.date in UTC over formats
-- and times, compared as text.
local function show(ok, ...)
  if not ok then return "E:" .. tostring((...)) end
  local t = {}
  for i = 1, select("#", ...) do t[#t + 1] = tostring((select(i, ...))) end
  -- Bytes above 127 are printed as numbers to keep the output UTF-8.
  return (table.concat(t, ","):gsub("[\128-\255]", function(c) return "\\" .. c:byte() end))
end
local specs = {"%d", "%5d", "%-5d|", "%05d", "%+d", "%x", "%#X", "%o", "%c", "%e", "%.3f", "%10.2g",
  "%g", "%a", "%s", "%.2s", "%q", "%i", "%u", "%%", "%5.1s|", "%-8s|", "%3c"}
local vals = {0, 1, -1, 42, 3.75, -2.5, 1e15, 2^53, -2^31, 2^32, 1/0, -1/0, 0/0, "12", "x", "", true, {}}
for _, f in ipairs(specs) do
  local row = {}
  for _, v in ipairs(vals) do
    local r = show(pcall(string.format, f, v))
    row[#row + 1] = (r:gsub("0x%x+", "ADDR"))
  end
  print(f, table.concat(row, " | "))
end
local dates = {"%Y-%m-%d %H:%M:%S", "%c", "%x %X", "%a %A %b %B", "%j %U %W %w", "%p %I %y", "%%", "*t", "", "%Z", "%e %D %T"}
local times = {0, 86399, 951782400, 1234567890, -1, 2^31, 4102444800}
for _, d in ipairs(dates) do
  local row = {}
  for _, t in ipairs(times) do
    local ok, r = pcall(os.date, "!" .. d, t)
    if ok and type(r) == "table" then r = r.year .. "/" .. r.month .. "/" .. r.day .. " " .. r.yday .. " " .. r.wday end
    row[#row + 1] = ok and tostring(r) or ("E:" .. tostring(r))
  end
  print(d, table.concat(row, " | "))
end
print(pcall(os.date, "!%Ez", 0))
print(os.time({year = 2000, month = 1, day = 1, hour = 12}) - os.time({year = 1999, month = 12, day = 31, hour = 12}))
print(os.difftime(os.time({year = 2001, month = 1, day = 1}), os.time({year = 2000, month = 1, day = 1})))
