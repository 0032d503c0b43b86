#!/usr/bin/env luajit
-- Lexer corner cases: every literal form and comment style.
local s1 = "double \"quoted\" \\ \a\b\f\n\r\t\v"
local s2 = 'single \'quoted\''
local s3 = "\x41\x62\x7a \65\066\0671 \0 end"
local s4 = "\u{48}\u{E9}\u{20AC}\u{1F600}\u{10FFFF}"
local s5 = "skip \z
            whitespace"
local s6 = "line \
continued"
local l1 = [[long
string]]
local l2 = [==[with ]] and ]=] inside]==]
local l3 = [[
first newline skipped]]
--[[ a long
comment ]] local after = 1
--[==[ another
]] still comment ]==]
local n = { 0, 1, 255, 256, 32767, 32768, -32768, -32769, 65535, 2^31, 1e10 }
local f = { 0.5, .25, 3., 1e-3, 1E+3, 6.02e23, 1.7976931348623157e308, 4.9e-324 }
local h = { 0x0, 0xff, 0XAbC, 0x7fffffff, 0xffffffff, 0x1p4, 0x.8, 0x1.8p1, 0xA.Bp-3 }
local b = { 0b101, 0B11 }
local big = 123456789012345678901234567890
local tiny = 1e-400
local inf = 1e400
print(s1, s2, s3, s4, s5, s6, l1, l2, l3, after, n, f, h, b, big, tiny, inf)
local goto_is_a_name = { goto = 1 }
print(goto_is_a_name.goto)
