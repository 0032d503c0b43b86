-- Regenerates tests/golden/stdlib2/ostime.txt: os.date with `!` (UTC,
-- so nothing depends on the machine's zone) over many timestamps and
-- every strftime conversion with flags, widths and modifiers; os.time
-- over normal and out-of-range tables; os.difftime. Recorded from the
-- reference luajit with TZ=UTC (os.time reads tables as local time).
--
-- Run from runtime/:
--   TZ=UTC luajit -joff tools/gen-stdlib2-ostime.lua > tests/golden/stdlib2/ostime.txt
--
-- Tab-separated lines; text fields escape backslash, newline and tab as
-- \\, \n and \t; numbers given as exact double bit patterns in hex:
--   date  <t bits>  <format>  <result>
--     result: s:<text> | nil | arg (LuaJIT returned its last argument) |
--             t:sec,min,hour,day,month,year,wday,yday,isdst
--   time  <sec>,<min>,<hour>,<day>,<month>,<year> (bits or -)  <isdst: - true false>  <result: integer | nil>
--   diff  <t1 bits>,<t2 bits>  <result bits>
local C = dofile("tools/gen-stdlib2-common.lua")
C.seed(31337)

local function esc(s)
  return (s:gsub("[\\\n\t]", { ["\\"] = "\\\\", ["\n"] = "\\n", ["\t"] = "\\t" }))
end

local function date_line(fmt, t)
  local ok, r = pcall(os.date, fmt, t)
  assert(ok, r)
  local res
  if r == nil then
    res = "nil"
  elseif type(r) == "table" then
    res = string.format("t:%d,%d,%d,%d,%d,%d,%d,%d,%s", r.sec, r.min, r.hour,
      r.day, r.month, r.year, r.wday, r.yday, tostring(r.isdst))
  elseif type(r) == "number" then
    res = "arg"
  else
    res = "s:" .. esc(r)
  end
  print("date\t" .. C.bits(t) .. "\t" .. esc(fmt) .. "\t" .. res)
end

print("# os.date/os.time/os.difftime results from luajit; see tools/gen-stdlib2-ostime.lua")

local times = { 0, -1, 1, 59, 60, 3599, 3600, 43199, 43200, 86399, 86400,
  951782400, 951868800, 946684799, 946684800, 978307200, 1e9, 1234567890,
  2^31 - 1, 2^31, -2^31, 2^32, -62167219200, -62167219201, -62135596800,
  253402300799, 253402300800, 1e11, 1e12, 1e13, 1e15, 1e17,
  67767976233532799, 67767976233532800, -67768040609740800,
  -67768040609740801, 1.5, -1.5, 0.999, -0.999, 1e18, 2^63, -2^63, 0/0, 1/0,
  -1/0, -12219292800, -30610224000, 4107542400, 4102444800 }
-- Around New Year of many years (ISO week edge cases).
for year = 1995, 2030 do
  local jan1 = os.time({ year = year, month = 1, day = 1, hour = 0 })
  for d = -4, 4 do times[#times + 1] = jan1 + d * 86400 + 3600 * ((year + d) % 24) end
end
for _ = 1, 150 do
  local span = ({ 2^31, 2^34, 2^40, 2^50 })[C.rand(4) + 1]
  times[#times + 1] = math.floor((C.rand31() / 2147483647 - 0.5) * span)
end

-- The common formats for every timestamp.
local common = { "!%c", "!%x", "!%X", "!%Y-%m-%d %H:%M:%S", "!%a %A %b %B",
  "!%d %e %j %U %W %w %u %V %G %g", "!%I %l %p %P %k %y %C", "!%s %z %Z",
  "!*t", "!%D %F %R %T %r %h", "!%%", "!", "!%n%t" }
for _, t in ipairs(times) do
  for _, f in ipairs(common) do date_line(f, t) end
end

-- Every conversion character with flags, widths and modifiers.
local grid_times = { 0, 951827696, 1234567890, -62167219200 - 86400 * 400,
  253402300799, 1e9 + 43210, 1700000000 }
local convs = {}
for c = 32, 126 do convs[#convs + 1] = string.char(c) end
local flags = { "", "_", "-", "0", "^", "#", "^#", "-0", "_0", "0_" }
local widths = { "", "1", "4", "12" }
local mods = { "", "E", "O" }
for gi, t in ipairs(grid_times) do
  for _, c in ipairs(convs) do
    for fi, fl in ipairs(flags) do
      for _, w in ipairs(widths) do
        for _, m in ipairs(mods) do
          -- The full grid for two timestamps, a sample for the others.
          if gi <= 2 or C.rand(6) == 0 then
            date_line("!<%" .. fl .. w .. m .. c .. ">", t)
          end
        end
      end
    end
  end
end

-- Formats that end inside a conversion, embedded NULs, literal bytes,
-- leading text, and results too large for LuaJIT's buffer. (Results
-- between the size a fresh scratch buffer allows and what LuaJIT's
-- history-dependent buffer happens to allow are left out: LuaJIT's answer
-- for those depends on what ran before.)
local odd = { "!%", "!%_", "!%5", "!%E", "!%-0", "!abc%", "!a\0%Y", "!\0",
  "!*t ", "!*", "!%Y\255\128", "*t", "!!%Y", "! %Y", "!%50Y", "!%100Y",
  "!%200Y", "!%10000Y", "!%99999999999Y", "!%-300Y",
  "!x%200Y", "!%c%c%c%c%c%c%c%c", "!" .. string.rep("%%", 40) }
for _, t in ipairs(grid_times) do
  for _, f in ipairs(odd) do
    -- Formats without `!` read local time, which is UTC here.
    if f:sub(1, 1) == "!" then date_line(f, t) end
  end
end

-- os.time on tables.
local function fbits(x) return x == nil and "-" or C.bits(x) end
local function time_line(tab)
  local ok, r = pcall(os.time, tab)
  assert(ok, r)
  local fields = { fbits(tab.sec), fbits(tab.min), fbits(tab.hour),
    fbits(tab.day), fbits(tab.month), fbits(tab.year) }
  local dst = tab.isdst == nil and "-" or tostring(tab.isdst)
  print("time\t" .. table.concat(fields, ",") .. "\t" .. dst .. "\t" ..
    (r == nil and "nil" or string.format("%d", r)))
end
local years = { 1970, 1969, 2000, 1900, 1600, 2038, 2100, 1, 0, -1, -4713,
  9999, 10000, 275760, 2147483647, -2147481748, 2147485547, 2147485548,
  1e10, -1e10, 2^31 + 1900, 1969.9 }
local dsts = { nil, true, false }
for _, y in ipairs(years) do
  for _, m in ipairs({ 1, 2, 12, 13, 0, -1, 25, -13, 2.5, 1e10 }) do
    for _, d in ipairs({ 1, 29, 31, 0, -1, 400, 1.9, -2^31 }) do
      time_line({ year = y, month = m, day = d, isdst = dsts[C.rand(3) + 1] })
    end
  end
end
for _ = 1, 1500 do
  local function r(lo, hi) return lo + C.rand(hi - lo + 1) end
  local tab = {
    year = r(1800, 2200), month = r(-30, 40), day = r(-400, 400),
    hour = r(-50, 80), min = r(-200, 200), sec = r(-100000, 100000),
  }
  if C.rand(4) == 0 then tab.hour = nil end
  if C.rand(4) == 0 then tab.min = nil end
  if C.rand(4) == 0 then tab.sec = nil end
  if C.rand(5) == 0 then tab.sec = tab.sec or 0; tab.sec = tab.sec + 0.75 end
  local d = C.rand(3)
  if d == 1 then tab.isdst = true elseif d == 2 then tab.isdst = false end
  time_line(tab)
end
time_line({ year = 1969, month = 12, day = 31, hour = 23, min = 59, sec = 59 })
time_line({ year = 1970, month = 1, day = 1, hour = 1, min = 0, sec = -1, isdst = true })

-- Round trips: os.time(os.date("!*t", t)) == t in UTC.
for i = 1, 300 do
  local t = times[(i - 1) % #times + 1]
  local tab = os.date("!*t", t)
  if tab then time_line(tab) end
end

-- os.difftime.
local diffs = { { 0, 0 }, { 1.5, 0.2 }, { -1.5, 0 }, { 2^62, -2^62 },
  { 2^63, 0 }, { 0, 2^63 }, { 1e18, -1e18 }, { 0/0, 1 }, { 1, 0/0 },
  { 9007199254740993, 0 }, { 123456789.9, 987654321.1 } }
for _ = 1, 100 do
  diffs[#diffs + 1] = { C.interesting_doubles(0)[C.rand(30) + 1],
    (C.rand31() - 1073741824) * 2 ^ C.rand(40) }
end
for _, p in ipairs(diffs) do
  print("diff\t" .. C.bits(p[1]) .. "," .. C.bits(p[2]) .. "\t" ..
    C.bits(os.difftime(p[1], p[2])))
end
