-- Hash tables: count k-mers of a generated DNA sequence.
-- size: 1000000 quick: 10000
local n = tonumber(arg and arg[1]) or 1000000
local seed = 42
local bases = { "a", "c", "g", "t" }
local parts = {}
for i = 1, n do
  seed = (seed * 3877 + 29573) % 139968
  parts[i] = bases[math.floor(seed * 4 / 139968) + 1]
end
local seq = table.concat(parts)

local function count(k)
  local freq = {}
  for i = 1, #seq - k + 1 do
    local key = seq:sub(i, i + k - 1)
    freq[key] = (freq[key] or 0) + 1
  end
  return freq
end

local out = {}
for k = 1, 6 do
  local freq = count(k)
  local keys = {}
  for key in pairs(freq) do keys[#keys + 1] = key end
  table.sort(keys, function(a, b)
    if freq[a] ~= freq[b] then return freq[a] > freq[b] end
    return a < b
  end)
  out[#out + 1] = keys[1] .. "=" .. freq[keys[1]] .. "/" .. #keys
end
local freq = count(12)
out[#out + 1] = "ggtattttaatt=" .. (freq["ggtattttaatt"] or 0)
print(table.concat(out, " "))
