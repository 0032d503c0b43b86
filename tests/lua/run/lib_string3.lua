-- string.find/match/gmatch/gsub over a cross product of subjects,
-- patterns, start positions and replacements, results printed as text.
local function show(ok, ...)
  if not ok then return "E:" .. tostring((...)) end
  local t = {}
  for i = 1, select("#", ...) do t[#t + 1] = tostring((select(i, ...))) end
  return table.concat(t, ",")
end
local subjects = {"", "abc", "aaa bbb", "x=1, y=22", "a.b%c"}
local patterns = {"", "a", "%a+", "(%w+)=(%w+)", "^a", "b$", "()", ".-", "[", "%", "(a)(b)?", "%.", "[%a.]+", "(()b)"}
local inits = {nil, 1, -1, 0, 3, 10, -10}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    local row = {}
    for k = 1, 7 do
      local init = inits[k]
      row[#row + 1] = show(pcall(string.find, s, p, init))
      row[#row + 1] = show(pcall(string.find, s, p, init, true))
      row[#row + 1] = show(pcall(string.match, s, p, init))
    end
    local g = {}
    local ok, err = pcall(function() for a, b in s:gmatch(p) do g[#g + 1] = tostring(a) .. "/" .. tostring(b) if #g > 20 then break end end end)
    row[#row + 1] = ok and table.concat(g, ";") or ("E:" .. tostring(err))
    for _, r in ipairs{"%0", "<%1>", "%%", {a = "A", abc = false}, function(x) return x and #x end} do
      for _, n in ipairs{nil, 0, 1, -1, 2.7} do
        row[#row + 1] = show(pcall(string.gsub, s, p, r, n))
      end
    end
    print(string.format("%q %q", s, p), table.concat(row, " "))
  end
end
