-- Number and string constants: how listings format them and how dumps
-- store them.
local n = {
  0, 1, -1, 100, 32767, 32768, -32768, -32769, 65535, 2147483647,
  2147483648, -2147483648, -2147483649, 4294967296,
  0.1, 0.5, -0.25, 1e15, 1e16, 1e100, 1e-5, 1e-300, 2^53, 2^63,
  3.14159265358979, 1/3, 0x10, 0xff, 0x7fffffff, 1e308, 123456789012345,
}
local x = 1.5
local y = x + 0.1
local z = x * 1e15
local w = x - 123456789012
local v = x / 3.0
local u = -x + 2^-10
local big = 9007199254740993
local tiny = 4.9e-324
local s1 = "plain"
local s2 = 'single quotes'
local s3 = "escapes: \n \t \r \\ \" \a \b \f \v"
local s4 = "control \1\2\3\31\127 bytes"
local s5 = "embedded \0 zero"
local s6 = "exactly forty bytes long, no more, ok.!"
local s7 = "forty-one bytes long, the cut starts here!"
local s8 = "a much longer string constant that the listing has to truncate with a tilde"
local s9 = [[long
bracket string]]
local s10 = [==[with ]] inside]==]
local s11 = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
local s12 = "high bytes \200\201\255"
local s13 = ""
print(n, x, y, z, w, v, u, big, tiny, s1, s2, s3, s4, s5, s6, s7, s8, s9,
  s10, s11, s12, s13)
