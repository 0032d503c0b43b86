-- Helpers every generated program starts with. Output must not depend on
-- the engine: no addresses (tables and functions print as their type),
-- no string-key iteration order (keys are sorted first).
local type, tostring, select, pcall, print = type, tostring, select, pcall, print
local fmt, concat, sort = string.format, table.concat, table.sort

local function show(v)
  local t = type(v)
  if t == "string" then return fmt("%q", v) end
  if t == "number" then
    if v == v and v ~= math.floor(v) then return tostring(v) .. "~" .. fmt("%.17g", v) end
    if v == 0 and 1 / v < 0 then return "-0" end
    return tostring(v)
  end
  if t == "nil" or t == "boolean" then return tostring(v) end
  return t
end

local function P(tag, ...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do parts[i] = show((select(i, ...))) end
  print(tag, n, concat(parts, " "))
end

-- Reports a pcall's results; an error message loses nothing, the error
-- value is shown like any other value.
local function E(tag, ok, ...)
  if ok then P(tag .. "+", ...) else P(tag .. "!", ...) end
end

-- Keys of a table, walked with next: numbers first, then other keys
-- sorted by their shown form. With ORDER (set by the generator) numbers
-- come in iteration order, which engines sharing one table
-- implementation must agree on; without it they are sorted too, since
-- LuaJIT may place hash keys differently.
local function keys(t)
  local nums, others = {}, {}
  local k = next(t)
  while k ~= nil do
    if type(k) == "number" then nums[#nums + 1] = k else others[#others + 1] = show(k) end
    k = next(t, k)
  end
  if not ORDER then sort(nums) end
  for i = 1, #nums do nums[i] = show(nums[i]) end
  sort(others)
  return concat(nums, ",") .. "|" .. concat(others, ",")
end

-- The length of a table. Where a table has holes, several borders are
-- valid and which one `#` finds depends on how the table is laid out, so
-- without ORDER only a unique border is printed.
local function len(t)
  local n = #t
  if ORDER then return n end
  local max, count = 0, 0
  for k in pairs(t) do
    if type(k) == "number" and k >= 1 and k == math.floor(k) then
      count = count + 1
      if k > max then max = k end
    end
  end
  if count == max then return n end
  return "holey"
end

-- A table's contents, array part first then sorted keys.
local function dump(t)
  if type(t) ~= "table" then return show(t) end
  local parts = {}
  for k, v in pairs(t) do parts[#parts + 1] = show(k) .. "=" .. show(v) end
  sort(parts)
  return "{" .. concat(parts, ",") .. "}"
end
