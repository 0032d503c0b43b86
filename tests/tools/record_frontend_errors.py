#!/usr/bin/env python3
"""Records LuaJIT's syntax error messages for the front end's error tests.

Each case below is a chunk name and a source; the source is written as
PREFIX + BODY * COUNT + SUFFIX so that cases which need huge inputs (limits)
stay small. The reference `luajit` compiles every case with loadstring()
and its message is recorded in tests/golden-frontend/errors.txt, one case
per line, as tab-separated escaped fields:

    name  chunkname  prefix  body  count  suffix  message

A chunk name of "<source>" means the source itself (as loadstring(s) does).
The Rust test `parse::tests::golden_errors` reads the file; it needs no
luajit. Usage: tests/tools/record_frontend_errors.py [LUAJIT]
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "golden-frontend", "errors.txt")

# (name, chunkname, prefix, body, count, suffix)
CASES = [
    ("eof_after_eq", "@t.lua", "x =", "", 0, ""),
    ("double_eq", "@t.lua", "x = = 1", "", 0, ""),
    ("expected_eq", "@t.lua", "local a\n\na b", "", 0, ""),
    ("local_number", "@t.lua", "local 1", "", 0, ""),
    ("if_no_end", "@t.lua", "if x then", "", 0, ""),
    ("if_no_then", "@t.lua", "if x\ny = 1", "", 0, ""),
    ("function_no_end", "@t.lua", "function f()\n\nx = 1", "", 0, ""),
    ("function_no_end_same_line", "@t.lua", "function f() x = 1", "", 0, ""),
    ("while_no_do", "@t.lua", "while x y = 1 end", "", 0, ""),
    ("while_no_end", "@t.lua", "while x do\n y = 1\n", "", 0, ""),
    ("repeat_no_until", "@t.lua", "repeat\n x = 1\n", "", 0, ""),
    ("do_no_end", "@t.lua", "do\n x = 1\n", "", 0, ""),
    ("for_no_end", "@t.lua", "for i = 1, 2 do\n", "", 0, ""),
    ("for_bad", "@t.lua", "for x do end", "", 0, ""),
    ("for_no_comma", "@t.lua", "for i = 1 do end", "", 0, ""),
    ("for_in_no_do", "@t.lua", "for k, v in pairs(t) end", "", 0, ""),
    ("unfinished_string_eof", "@t.lua", "x = \"abc", "", 0, ""),
    ("unfinished_string_nl", "@t.lua", "x = \"abc\ny = 1", "", 0, ""),
    ("unfinished_string_single", "@t.lua", "x = 'ab\\'c\n", "", 0, ""),
    ("unfinished_long_string", "@t.lua", "x = [[abc\n\n", "", 0, ""),
    ("unfinished_long_string_level", "@t.lua", "x = [==[abc]]\n]=]", "", 0, ""),
    ("unfinished_long_comment", "@t.lua", "--[[ abc\n", "", 0, ""),
    ("bad_long_delimiter", "@t.lua", "x = [==x", "", 0, ""),
    ("bad_long_delimiter2", "@t.lua", "x = [=", "", 0, ""),
    ("malformed_hex", "@t.lua", "x = 0x", "", 0, ""),
    ("malformed_exp", "@t.lua", "x = 1e+", "", 0, ""),
    ("malformed_dots", "@t.lua", "x = 3..2", "", 0, ""),
    ("malformed_bin", "@t.lua", "x = 0b2", "", 0, ""),
    ("malformed_ll", "@t.lua", "x = 1.5LL", "", 0, ""),
    ("malformed_suffix", "@t.lua", "x = 12abc", "", 0, ""),
    ("malformed_u", "@t.lua", "x = 1u", "", 0, ""),
    ("malformed_hex_ll", "@t.lua", "x = 0x12345678901234567LL", "", 0, ""),
    ("malformed_dec_ll", "@t.lua", "x = 99999999999999999999LL", "", 0, ""),
    ("bad_escape", "@t.lua", "x = \"ab\\q\"", "", 0, ""),
    ("bad_hex_escape", "@t.lua", "x = \"\\x4g\"", "", 0, ""),
    ("bad_decimal_escape", "@t.lua", "x = \"a\\300\"", "", 0, ""),
    ("bad_unicode_range", "@t.lua", "x = \"\\u{110000}\"", "", 0, ""),
    ("bad_unicode_surrogate", "@t.lua", "x = \"\\u{D800}\"", "", 0, ""),
    ("bad_unicode_brace", "@t.lua", "x = \"\\u123\"", "", 0, ""),
    ("bad_unicode_empty", "@t.lua", "x = \"\\u{}\"", "", 0, ""),
    ("escape_eof", "@t.lua", "x = \"\\", "", 0, ""),
    ("ambiguous_call", "@t.lua", "local x = f\n(g)()", "", 0, ""),
    ("dots_outside_vararg", "@t.lua", "function f() return ... end", "", 0, ""),
    ("bad_param", "@t.lua", "function f(a, 1) end", "", 0, ""),
    ("bad_param_after_dots", "@t.lua", "function f(..., a) end", "", 0, ""),
    ("break_outside_loop", "@t.lua", "x = 1\nbreak\n", "", 0, ""),
    ("break_in_function", "@t.lua", "while 1 do\n local f = function() break end\nend", "", 0, ""),
    ("undefined_label", "@t.lua", "x = 1\ngoto foo\n", "", 0, ""),
    ("undefined_label_nested", "@t.lua", "do goto a end\ndo ::a:: end", "", 0, ""),
    ("duplicate_label", "@t.lua", "::a::\nx = 1\n::a::", "", 0, ""),
    ("jump_into_scope", "@t.lua", "goto f\nlocal x\n::f::\nprint(x)", "", 0, ""),
    ("call_assign", "@t.lua", "f() = 1", "", 0, ""),
    ("paren_assign", "@t.lua", "(x) = 1", "", 0, ""),
    ("method_no_args", "@t.lua", "a.b:c = 1", "", 0, ""),
    ("unexpected_brace", "@t.lua", "x = }", "", 0, ""),
    ("unexpected_at", "@t.lua", "x = @", "", 0, ""),
    ("control_char", "@t.lua", "x = \x01", "", 0, ""),
    ("nul_char", "@t.lua", "x = \x00 y", "", 0, ""),
    ("eof_expected", "@t.lua", "return 1\nx = 2", "", 0, ""),
    ("return_not_last", "@t.lua", "do return end x = 1 return return", "", 0, ""),
    ("table_unclosed", "@t.lua", "x = {1, 2", "", 0, ""),
    ("table_unclosed_lines", "@t.lua", "x = {1,\n2,\n", "", 0, ""),
    ("table_bad_key", "@t.lua", "x = {[1] 2}", "", 0, ""),
    ("call_unclosed", "@t.lua", "f(1, 2", "", 0, ""),
    ("call_unclosed_lines", "@t.lua", "f(1,\n2\n", "", 0, ""),
    ("paren_unclosed", "@t.lua", "x = (1 + 2", "", 0, ""),
    ("bracket_unclosed", "@t.lua", "x = t[1", "", 0, ""),
    ("dot_number", "@t.lua", "x = a.1", "", 0, ""),
    ("dot_keyword", "@t.lua", "x = a.end", "", 0, ""),
    ("attrib_syntax", "@t.lua", "local x <const> = 1", "", 0, ""),
    ("goto_number", "@t.lua", "goto 1", "", 0, ""),
    ("label_unclosed", "@t.lua", "::a", "", 0, ""),
    ("floor_div", "@t.lua", "x = 1 // 2", "", 0, ""),
    ("bitwise_op", "@t.lua", "x = 1 & 2", "", 0, ""),
    ("missing_operand", "@t.lua", "x = 1 +", "", 0, ""),
    ("not_an_expr", "@t.lua", "x = not", "", 0, ""),
    ("else_without_if", "@t.lua", "else x = 1 end", "", 0, ""),
    ("elseif_no_then", "@t.lua", "if a then elseif b end", "", 0, ""),
    ("until_alone", "@t.lua", "until x", "", 0, ""),
    ("local_function_name", "@t.lua", "local function 1() end", "", 0, ""),
    ("function_dot_number", "@t.lua", "function a.1() end", "", 0, ""),
    ("string_call_newline", "@t.lua", "f\n'x'\n(1)", "", 0, ""),
    ("name_is_number", "@t.lua", "1 = x", "", 0, ""),
    ("comment_then_error", "@t.lua", "-- comment\n--[[ long\ncomment ]] x = = 1", "", 0, ""),
    ("crlf_lines", "@t.lua", "x = 1\r\ny = 2\r\n\r\nz = =", "", 0, ""),
    ("cr_lines", "@t.lua", "x = 1\ry = 2\r\rz = =", "", 0, ""),
    ("shebang_line", "@t.lua", "#!/usr/bin/lua\nx = =", "", 0, ""),
    ("name_stdin", "=stdin", "x = = 1", "", 0, ""),
    ("name_plain", "=(command line)", "x =", "", 0, ""),
    ("name_source", "<source>", "x = = 1", "", 0, ""),
    ("name_source_multiline", "<source>", "x = 1\ny = = 2", "", 0, ""),
    ("name_source_long", "<source>", "local aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa = = 1", "", 0, ""),
    ("name_source_exact48", "<source>", "x = = 1 ---------------------------------------", "", 0, ""),
    ("name_file_long", "@" + "d/" * 40 + "f.lua", "x = = 1", "", 0, ""),
    ("name_eq_long", "=" + "n" * 80, "x = = 1", "", 0, ""),
    ("too_many_locals_main", "@t.lua", "", "local a\n", 201, ""),
    ("too_many_locals_func", "@t.lua", "\nlocal function f()\n", "local a\n", 201, "end"),
    ("too_many_locals_one_stmt", "@t.lua", "local a", ", a", 210, ""),
    ("too_many_upvalues", "@t.lua", "", "local a{n} = 1\n", 61, "function f() return {uses} end"),
    ("too_many_slots", "@t.lua", "f(", "1, ", 260, "1)"),
    ("too_many_slots_table", "@t.lua", "local t = {f(", "x, ", 255, "x)}"),
    ("too_many_levels", "@t.lua", "x = ", "(", 300, "1"),
    ("too_many_levels_blocks", "@t.lua", "", "do ", 300, ""),
    ("too_many_assign_targets", "@t.lua", "a", ", a", 250, " = 1"),
    ("too_many_number_constants", "@t.lua", "local x = 0\n", "x = x + {n}.5\n", 65537, ""),
    ("too_many_string_constants", "@t.lua", "local function f()\n", "g = 's{n}'\n", 65537, "end"),
    ("jump_too_long", "@t.lua", "if x then\n", "y = 1 z = 2\n", 20000, "end"),
]


def expand(prefix, body, count, suffix):
    """The case source; {n} in the body numbers repetitions, {uses} lists them."""
    if "{n}" in body:
        parts = [body.replace("{n}", str(i)) for i in range(count)]
        uses = ", ".join("a%d" % i for i in range(count))
        return prefix + "".join(parts) + suffix.replace("{uses}", uses)
    return prefix + body * count + suffix


def escape(s):
    out = []
    for ch in s.encode("latin-1"):
        c = chr(ch)
        if c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ch < 0x20 or ch >= 0x7f:
            out.append("\\x%02x" % ch)
        else:
            out.append(c)
    return "".join(out)


DRIVER = r"""
local f = assert(io.open(arg[1], "rb")); local s = f:read("*a"); f:close()
local name = arg[2]
if name == "<source>" then name = s end
local fn, err = loadstring(s, name)
io.write(fn and "OK" or err)
"""


def main():
    luajit = sys.argv[1] if len(sys.argv) > 1 else "luajit"
    tmp = tempfile.mkdtemp(prefix="xlj-err-")
    driver = os.path.join(tmp, "driver.lua")
    with open(driver, "w") as fh:
        fh.write(DRIVER)
    lines = ["# Syntax error messages recorded from %s by tests/tools/record_frontend_errors.py"
             % subprocess.run([luajit, "-v"], capture_output=True, text=True).stdout.strip()]
    for name, chunk, prefix, body, count, suffix in CASES:
        src = expand(prefix, body, count, suffix)
        path = os.path.join(tmp, "case.lua")
        with open(path, "wb") as fh:
            fh.write(src.encode("latin-1"))
        msg = subprocess.run([luajit, driver, path, chunk], capture_output=True).stdout
        msg = msg.decode("latin-1")
        lines.append("\t".join([name, escape(chunk), escape(prefix), escape(body), str(count),
                                escape(suffix), escape(msg)]))
    with open(OUT, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("recorded %d cases in %s" % (len(CASES), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    main()
