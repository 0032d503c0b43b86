//! The bytecode listing printed by `xlj -bl`.
//!
//! The output is meant to be byte-for-byte what `luajit -bl` prints, so that
//! the front end can be checked function by function against the reference
//! implementation. The format, as LuaJIT's `jit/bc.lua` defines it:
//!
//! ```text
//! -- BYTECODE -- hello.lua:2-4          <- location of the function, last line
//! 0001    FNEW     1   0      ; hello.lua:3
//! 0002    UCLO     0 => 0003            <- jump operands print their target
//! 0003 => RET1     1   2                <- "=>" marks a jump target
//!                                       <- a blank line ends each function
//! ```
//!
//! Child functions are listed (recursively) before their parent, in the
//! order of their constant slots. The header instruction (pc 0) is never
//! shown. Constant comments: strings are quoted with control characters
//! escaped and cut at 40 bytes, numbers use Lua's `%.14g`, child functions
//! show their location, upvalues their name.
//!
//! Lua strings are bytes, so the listing is built as bytes;
//! [`list_chunk`] is the convenient lossy `String` form.

use std::io::Write;

use super::op::{Mode, Op};
use super::proto::{GcConst, NumConst, Proto};

/// Lists a chunk's main function and all its children, as `luajit -bl`.
pub fn list_chunk(main: &Proto) -> String {
    String::from_utf8_lossy(&list_chunk_bytes(main)).into_owned()
}

/// Lists a chunk's main function and all its children, as raw bytes.
pub fn list_chunk_bytes(main: &Proto) -> Vec<u8> {
    let mut out = Vec::new();
    list_tree(main, &mut out);
    out
}

fn list_tree(pt: &Proto, out: &mut Vec<u8>) {
    for child in pt.children() {
        list_tree(child, out);
    }
    list_function(pt, out);
}

/// Lists one function without its children: header, instructions and the
/// closing blank line.
pub fn list_function(pt: &Proto, out: &mut Vec<u8>) {
    out.extend_from_slice(b"-- BYTECODE -- ");
    out.extend_from_slice(&location(pt));
    let last = pt.first_line.wrapping_add(pt.num_lines) as i32;
    let _ = writeln!(out, "-{last}");
    let targets = jump_targets(pt);
    for (pc, &is_target) in targets.iter().enumerate().take(pt.code.len()).skip(1) {
        list_ins(pt, pc, is_target, out);
    }
    out.push(b'\n');
}

/// The `file:line` location LuaJIT shows for a function: `@` names lose
/// their directories, `=` names their prefix, source strings are quoted,
/// and long source strings are shown as an address (we print a fixed one,
/// since ours would mean nothing either).
pub fn location(pt: &Proto) -> Vec<u8> {
    let name = pt.chunk_name.as_bytes();
    // The line of the header instruction, or 0 without debug information.
    let line = if pt.line_info.is_empty() {
        0
    } else {
        pt.first_line as i32
    };
    let mut out = Vec::new();
    if let Some(path) = name.strip_prefix(b"@") {
        // LuaJIT never looks at the first byte when searching for the last
        // separator, so "@/x" stays "/x".
        let start = path
            .iter()
            .enumerate()
            .skip(1)
            .rev()
            .find(|(_, &c)| c == b'/' || c == b'\\')
            .map_or(0, |(i, _)| i + 1);
        out.extend_from_slice(&path[start..]);
    } else if name.len() > 40 {
        out.extend_from_slice(b"0x00000000");
    } else if let Some(rest) = name.strip_prefix(b"=") {
        out.extend_from_slice(rest);
    } else {
        out.push(b'"');
        out.extend_from_slice(name);
        out.push(b'"');
    }
    let _ = write!(out, ":{line}");
    out
}

/// Marks every pc that some jump lands on.
fn jump_targets(pt: &Proto) -> Vec<bool> {
    let mut marks = vec![false; pt.code.len() + 1];
    for (pc, ins) in pt.code.iter().enumerate().skip(1) {
        if let Some(op) = Op::from_u8(ins.op_byte()) {
            if op.info().cd == Mode::Jump {
                let t = pc as i64 + 1 + ins.j() as i64;
                if let Some(m) = usize::try_from(t).ok().and_then(|t| marks.get_mut(t)) {
                    *m = true;
                }
            }
        }
    }
    marks
}

fn list_ins(pt: &Proto, pc: usize, is_target: bool, out: &mut Vec<u8>) {
    let ins = pt.code[pc];
    let Some(op) = Op::from_u8(ins.op_byte()) else {
        let _ = writeln!(
            out,
            "{pc:04} {} <bad opcode {:#010x}>",
            mark(is_target),
            ins.0
        );
        return;
    };
    let info = op.info();
    let a_col = if info.a == Mode::None {
        String::new()
    } else {
        ins.a().to_string()
    };
    let _ = write!(
        out,
        "{pc:04} {} {:<6} {:>3} ",
        mark(is_target),
        info.name,
        a_col
    );
    if info.cd == Mode::Jump {
        let target = pc as i64 + 1 + ins.j() as i64;
        let _ = writeln!(out, "=> {target:04}");
        return;
    }
    let has_b = info.b != Mode::None;
    let d = if has_b {
        ins.c() as u32
    } else {
        ins.d() as u32
    };
    if !has_b && info.cd == Mode::None {
        out.extend_from_slice(b"\n");
        return;
    }
    let mut comment = operand_comment(pt, op, info.cd, d);
    if info.a == Mode::Uv {
        let ka = upvalue_name(pt, ins.a() as u32).unwrap_or_default();
        comment = Some(match comment {
            Some(kc) => [ka, b" ; ".to_vec(), kc].concat(),
            None => ka,
        });
    }
    if has_b {
        let _ = write!(out, "{:3} {:3}", ins.b(), d);
        if let Some(kc) = comment {
            out.extend_from_slice(b"  ; ");
            out.extend_from_slice(&kc);
        }
    } else if let Some(kc) = comment {
        let _ = write!(out, "{d:3}      ; ");
        out.extend_from_slice(&kc);
    } else if info.cd == Mode::LitS {
        let _ = write!(out, "{:3}", d as u16 as i16);
    } else {
        let _ = write!(out, "{d:3}");
    }
    out.push(b'\n');
}

fn mark(is_target: bool) -> &'static str {
    if is_target {
        "=>"
    } else {
        "  "
    }
}

/// The `; ...` comment for operand C/D, if its mode has one.
fn operand_comment(pt: &Proto, op: Op, mode: Mode, d: u32) -> Option<Vec<u8>> {
    match mode {
        Mode::Str => Some(match gc_const(pt, d) {
            Some(GcConst::Str(s)) => quote_string(s),
            _ => b"<bad string constant>".to_vec(),
        }),
        Mode::Num => Some(match pt.knum.get(d as usize) {
            Some(&k) => {
                let mut n = k.as_f64();
                if op == Op::TSETM {
                    // TSETM's constant carries its start index in the low
                    // bits of a double biased by 2^52.
                    n -= 4503599627370496.0;
                }
                format_number(n).into_bytes()
            }
            None => b"<bad number constant>".to_vec(),
        }),
        Mode::Func => Some(match gc_const(pt, d) {
            Some(GcConst::Child(child)) => location(child),
            _ => b"<bad function constant>".to_vec(),
        }),
        Mode::Uv => upvalue_name(pt, d),
        _ => None,
    }
}

/// GC constants are referenced by their position counted from the end in
/// LuaJIT; `Proto::kgc` is already stored in operand order.
fn gc_const(pt: &Proto, d: u32) -> Option<&GcConst> {
    pt.kgc.get(d as usize)
}

/// An upvalue's name: empty when debug information was stripped, absent
/// when the index is out of range (as `jit.util.funcuvname` answers).
fn upvalue_name(pt: &Proto, idx: u32) -> Option<Vec<u8>> {
    if idx as usize >= pt.upvalues.len() {
        return None;
    }
    Some(
        pt.upvalue_names
            .get(idx as usize)
            .map(|n| n.as_bytes().to_vec())
            .unwrap_or_default(),
    )
}

/// Quotes a string constant: control characters become `\n`, `\r`, `\t` or
/// a three-digit decimal escape, and strings longer than 40 bytes are cut
/// to 40 bytes of their escaped form and marked with `~`.
fn quote_string(s: &[u8]) -> Vec<u8> {
    let mut esc = Vec::with_capacity(s.len() + 2);
    for &c in s {
        match c {
            b'\n' => esc.extend_from_slice(b"\\n"),
            b'\r' => esc.extend_from_slice(b"\\r"),
            b'\t' => esc.extend_from_slice(b"\\t"),
            0..=31 | 127 => {
                let _ = write!(esc, "\\{c:03}");
            }
            _ => esc.push(c),
        }
    }
    let mut out = vec![b'"'];
    if s.len() > 40 {
        esc.truncate(40);
        out.extend_from_slice(&esc);
        out.extend_from_slice(b"\"~");
    } else {
        out.extend_from_slice(&esc);
        out.push(b'"');
    }
    out
}

/// Formats a number as Lua's `tostring` does in LuaJIT: C's `%.14g`, with
/// `inf`, `-inf` and `nan` for the special values.
pub fn format_number(n: f64) -> String {
    if n.is_nan() {
        return "nan".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "inf" } else { "-inf" }.into();
    }
    format_g(n, 14)
}

/// `%.<prec>g` for finite values, as LuaJIT's own formatter does it: the
/// exact decimal value is rounded to `prec` significant digits with ties
/// going away from zero (C libraries would round ties to even).
fn format_g(n: f64, prec: usize) -> String {
    if n == 0.0 {
        return if n.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let (digits, exp) = round_significant(n.abs(), prec);
    let sign = if n < 0.0 { "-" } else { "" };
    let mut out = String::from(sign);
    if exp < -4 || exp >= prec as i32 {
        out.push(digits[0] as char);
        let frac = strip_zeros_bytes(&digits[1..]);
        if !frac.is_empty() {
            out.push('.');
            out.push_str(std::str::from_utf8(frac).expect("ASCII digits"));
        }
        let esign = if exp < 0 { '-' } else { '+' };
        out.push_str(&format!("e{esign}{:02}", exp.abs()));
    } else if exp >= 0 {
        let int_len = exp as usize + 1;
        out.push_str(std::str::from_utf8(&digits[..int_len]).expect("ASCII digits"));
        let frac = strip_zeros_bytes(&digits[int_len..]);
        if !frac.is_empty() {
            out.push('.');
            out.push_str(std::str::from_utf8(frac).expect("ASCII digits"));
        }
    } else {
        out.push_str("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(std::str::from_utf8(strip_zeros_bytes(&digits)).expect("ASCII digits"));
    }
    out
}

/// The first `prec` significant decimal digits of a positive finite `x`,
/// rounded half away from zero, and the decimal exponent of the first.
fn round_significant(x: f64, prec: usize) -> (Vec<u8>, i32) {
    // A double's exact decimal expansion has at most 767 significant
    // digits, so this prints it without any rounding.
    let exact = format!("{x:.800e}");
    let (mantissa, exp) = exact.split_once('e').expect("exponent in {:e} output");
    let mut exp: i32 = exp.parse().expect("integer exponent");
    let all: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let mut digits = all[..prec].to_vec();
    if all[prec] >= b'5' {
        let mut i = prec;
        loop {
            if i == 0 {
                // Every digit was 9: 99.9 -> 100, one place higher.
                digits.insert(0, b'1');
                digits.truncate(prec);
                exp += 1;
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    (digits, exp)
}

fn strip_zeros_bytes(d: &[u8]) -> &[u8] {
    let end = d.iter().rposition(|&c| c != b'0').map_or(0, |i| i + 1);
    &d[..end]
}

/// The number of a constant as LuaJIT's `tostring` shows it.
pub fn format_num_const(k: NumConst) -> String {
    format_number(k.as_f64())
}

/// Lists one instruction of `pt` at `pc` (no jump-target mark); used by
/// tests and debugging output.
pub fn list_one(pt: &Proto, pc: usize) -> String {
    let mut out = Vec::new();
    if pc < pt.code.len() {
        list_ins(pt, pc, false, &mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}
