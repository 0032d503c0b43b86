-- Regenerates tests/golden/stdlib2/localtime.txt: os.date without `!`
-- and os.time on tables, recorded from the reference luajit in several
-- time zones (DST transitions, a half-hour DST, a zone without DST), to
-- check xlj's local-time path through the C library.
--
-- Run from runtime/ (it re-runs itself once per zone with TZ set):
--   luajit -joff tools/gen-stdlib2-localtime.lua > tests/golden/stdlib2/localtime.txt
--
-- Lines as in ostime.txt (see gen-stdlib2-ostime.lua), each zone's rows
-- after a line `zone <TAB> <name>`.
local C = dofile("tools/gen-stdlib2-common.lua")

local zones = { "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
  "Europe/Berlin", "UTC" }

if arg[1] ~= "--zone" then
  print("# local-time os.date/os.time results from luajit; see tools/gen-stdlib2-localtime.lua")
  for _, z in ipairs(zones) do
    print("zone\t" .. z)
    local p = assert(io.popen("TZ=" .. z .. " luajit -joff tools/gen-stdlib2-localtime.lua --zone"))
    io.write(p:read("*a"))
    p:close()
  end
  return
end

local function esc(s)
  return (s:gsub("[\\\n\t]", { ["\\"] = "\\\\", ["\n"] = "\\n", ["\t"] = "\\t" }))
end

local times = { 0, -1, 1e9, -1e9, 2e9, 1615705200, 1615708800, 1636261200,
  1636264800, 1616893200, 1635642000, 1617465600, 1633190400, 1700000000 }
for i = 1, 60 do times[#times + 1] = 1600000000 + i * 1234567 end
local formats = { "%c %z %Z", "%Y-%m-%d %H:%M:%S %j %U %W %V %s", "*t", "%#Z %p" }
for _, t in ipairs(times) do
  for _, f in ipairs(formats) do
    local r = os.date(f, t)
    local res
    if type(r) == "table" then
      res = string.format("t:%d,%d,%d,%d,%d,%d,%d,%d,%s", r.sec, r.min, r.hour,
        r.day, r.month, r.year, r.wday, r.yday, tostring(r.isdst))
    elseif r == nil then
      res = "nil"
    else
      res = "s:" .. esc(r)
    end
    print("date\t" .. C.bits(t) .. "\t" .. esc(f) .. "\t" .. res)
  end
end

-- Tables around the transitions, with every isdst setting.
for _, base in ipairs({ { 2021, 3, 14 }, { 2021, 11, 7 }, { 2021, 3, 28 },
  { 2021, 10, 31 }, { 2021, 4, 4 }, { 2021, 10, 3 }, { 2000, 13, 40 } }) do
  for hour = 0, 4 do
    for _, min in ipairs({ 0, 15, 30, 45 }) do
      for _, dst in ipairs({ "-", "true", "false" }) do
        local isdst = nil
        if dst == "true" then isdst = true elseif dst == "false" then isdst = false end
        local r = os.time({ year = base[1], month = base[2], day = base[3],
          hour = hour, min = min, sec = 0, isdst = isdst })
        print(string.format("time\t%s,%s,%s,%s,%s,%s\t%s\t%s", C.bits(0),
          C.bits(min), C.bits(hour), C.bits(base[3]), C.bits(base[2]),
          C.bits(base[1]), dst, r == nil and "nil" or string.format("%d", r)))
      end
    end
  end
end
