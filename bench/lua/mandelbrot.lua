-- Floating-point loops: a Mandelbrot set bitmap, summarised as a checksum.
-- size: 1500 quick: 80
local n = tonumber(arg and arg[1]) or 1500
local iter = 50
local checksum, inside = 0, 0
for y = 0, n - 1 do
  local ci = 2 * y / n - 1
  local bits, nbits = 0, 0
  for x = 0, n - 1 do
    local cr = 2 * x / n - 1.5
    local zr, zi, zr2, zi2 = 0, 0, 0, 0
    local escaped = false
    for _ = 1, iter do
      zi = 2 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2, zi2 = zr * zr, zi * zi
      if zr2 + zi2 > 4 then escaped = true break end
    end
    bits = bits * 2
    if not escaped then bits = bits + 1; inside = inside + 1 end
    nbits = nbits + 1
    if nbits == 8 then
      checksum = (checksum * 31 + bits) % 1000000007
      bits, nbits = 0, 0
    end
  end
  if nbits > 0 then checksum = (checksum * 31 + bits) % 1000000007 end
end
print(inside, checksum)
