//! Writing prototypes as a dump, byte for byte as LuaJIT writes them.

use super::{
    flags, kgc, ktab, line_width, DumpError, DumpErrorKind, DumpOptions, HIDDEN_VAR_NAMES,
    SIGNATURE, VERSION,
};
use crate::bc::proto::{flags as pflags, GcConst, NumConst, Proto, TabConst, TemplateTable};

type Result<T> = std::result::Result<T, DumpError>;

/// Writes `main` and its children as a dump.
pub fn write_dump(main: &Proto, opts: &DumpOptions) -> Result<Vec<u8>> {
    let mut w = Writer {
        out: Vec::new(),
        opts: *opts,
    };
    w.out.extend_from_slice(SIGNATURE);
    w.out.push(VERSION);
    let mut hflags = 0;
    if opts.strip {
        hflags |= flags::STRIP;
    }
    if opts.big_endian {
        hflags |= flags::BE;
    }
    if main.flags & pflags::FFI != 0 {
        hflags |= flags::FFI;
    }
    if opts.fr2 {
        hflags |= flags::FR2;
    }
    uleb(&mut w.out, hflags as u64);
    if !opts.strip {
        let name = main.chunk_name.as_bytes();
        uleb(&mut w.out, name.len() as u64);
        w.out.extend_from_slice(name);
    }
    w.proto(main, 0)?;
    w.out.push(0);
    Ok(w.out)
}

fn unwritable(detail: impl Into<String>) -> DumpError {
    DumpError::new(DumpErrorKind::Unwritable, 0, detail)
}

pub(super) fn uleb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn count(n: usize, what: &str) -> Result<u64> {
    u32::try_from(n)
        .map(u64::from)
        .map_err(|_| unwritable(format!("too many {what}")))
}

/// Number constants that are integral and fit 32 bits are stored as
/// integers, as LuaJIT does; -0 keeps its sign by staying a double.
fn narrow(n: f64) -> Option<i32> {
    let i = n as i32;
    (i as f64 == n && !(n == 0.0 && n.is_sign_negative())).then_some(i)
}

struct Writer {
    out: Vec<u8>,
    opts: DumpOptions,
}

impl Writer {
    fn u16(&self, buf: &mut Vec<u8>, v: u16) {
        buf.extend_from_slice(&if self.opts.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        });
    }

    fn u32(&self, buf: &mut Vec<u8>, v: u32) {
        buf.extend_from_slice(&if self.opts.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        });
    }

    fn proto(&mut self, pt: &Proto, depth: usize) -> Result<()> {
        if depth >= super::MAX_DEPTH {
            return Err(unwritable("prototypes nested too deeply"));
        }
        for child in pt.children() {
            self.proto(child, depth + 1)?;
        }
        if pt.code.is_empty() {
            return Err(unwritable("prototype without a header instruction"));
        }
        let num_uv =
            u8::try_from(pt.upvalues.len()).map_err(|_| unwritable("too many upvalues"))?;
        let mut b = vec![
            pt.flags & (pflags::CHILD | pflags::VARARG | pflags::FFI),
            pt.num_params,
            pt.frame_size,
            num_uv,
        ];
        uleb(&mut b, count(pt.kgc.len(), "GC constants")?);
        uleb(&mut b, count(pt.knum.len(), "number constants")?);
        uleb(&mut b, count(pt.code.len() - 1, "instructions")?);
        let debug = if self.opts.strip || pt.line_info.is_empty() {
            None
        } else {
            Some(self.debug_info(pt)?)
        };
        if !self.opts.strip {
            match &debug {
                Some(d) => {
                    uleb(&mut b, count(d.len(), "debug bytes")?);
                    uleb(&mut b, pt.first_line as u64);
                    uleb(&mut b, pt.num_lines as u64);
                }
                None => uleb(&mut b, 0),
            }
        }
        for ins in &pt.code[1..] {
            self.u32(&mut b, ins.0);
        }
        for uv in &pt.upvalues {
            self.u16(&mut b, uv.0);
        }
        // Stored from the last operand index to the first.
        for k in pt.kgc.iter().rev() {
            gc_const(&mut b, k)?;
        }
        for &k in &pt.knum {
            num_const(&mut b, k);
        }
        if let Some(d) = debug {
            b.extend_from_slice(&d);
        }
        uleb(&mut self.out, b.len() as u64);
        self.out.extend_from_slice(&b);
        Ok(())
    }

    fn debug_info(&self, pt: &Proto) -> Result<Vec<u8>> {
        let mut d = Vec::new();
        let width = line_width(pt.num_lines);
        for pc in 1..pt.code.len() {
            let line = pt.line_info.get(pc).copied().unwrap_or(pt.first_line);
            let delta = line
                .checked_sub(pt.first_line)
                .filter(|&delta| delta <= pt.num_lines)
                .ok_or_else(|| unwritable(format!("line {line} outside its function")))?;
            match width {
                1 => d.push(delta as u8),
                2 => self.u16(&mut d, delta as u16),
                _ => self.u32(&mut d, delta),
            }
        }
        for i in 0..pt.upvalues.len() {
            let name = pt.upvalue_names.get(i).map_or("", |n| n);
            zstring(&mut d, name)?;
        }
        let mut last_start = 0u32;
        for v in &pt.var_info {
            match HIDDEN_VAR_NAMES.iter().position(|&h| h == &*v.name) {
                Some(i) => d.push(i as u8 + 1),
                None => {
                    if v.name.is_empty() || v.name.as_bytes()[0] < 32 {
                        return Err(unwritable(format!("bad variable name {:?}", v.name)));
                    }
                    zstring(&mut d, &v.name)?;
                }
            }
            let range = v.end_pc.checked_sub(v.start_pc);
            let step = v.start_pc.checked_sub(last_start);
            let (Some(range), Some(step)) = (range, step) else {
                return Err(unwritable(format!("bad live range of {:?}", v.name)));
            };
            uleb(&mut d, step as u64);
            uleb(&mut d, range as u64);
            last_start = v.start_pc;
        }
        d.push(0);
        Ok(d)
    }
}

fn zstring(out: &mut Vec<u8>, s: &str) -> Result<()> {
    if s.as_bytes().contains(&0) {
        return Err(unwritable(format!("name {s:?} contains a zero byte")));
    }
    out.extend_from_slice(s.as_bytes());
    out.push(0);
    Ok(())
}

fn double(out: &mut Vec<u8>, bits: u64) {
    uleb(out, bits & 0xffff_ffff);
    uleb(out, bits >> 32);
}

fn gc_const(out: &mut Vec<u8>, k: &GcConst) -> Result<()> {
    match k {
        GcConst::Child(_) => uleb(out, kgc::CHILD as u64),
        GcConst::Table(t) => {
            uleb(out, kgc::TAB as u64);
            table(out, t)?;
        }
        GcConst::I64(v) => {
            uleb(out, kgc::I64 as u64);
            double(out, *v as u64);
        }
        GcConst::U64(v) => {
            uleb(out, kgc::U64 as u64);
            double(out, *v);
        }
        GcConst::Complex(re, im) => {
            uleb(out, kgc::COMPLEX as u64);
            double(out, re.to_bits());
            double(out, im.to_bits());
        }
        GcConst::Str(s) => {
            uleb(out, kgc::STR as u64 + count(s.len(), "string bytes")?);
            out.extend_from_slice(s);
        }
    }
    Ok(())
}

fn table(out: &mut Vec<u8>, t: &TemplateTable) -> Result<()> {
    uleb(out, count(t.array.len(), "array entries")?);
    uleb(out, count(t.hash.len(), "hash entries")?);
    for v in &t.array {
        tab_const(out, v, true)?;
    }
    for (k, v) in &t.hash {
        // LuaJIT narrows values but stores keys exactly as they are.
        tab_const(out, k, false)?;
        tab_const(out, v, true)?;
    }
    Ok(())
}

fn tab_const(out: &mut Vec<u8>, v: &TabConst, narrowing: bool) -> Result<()> {
    match v {
        TabConst::Nil => uleb(out, ktab::NIL as u64),
        TabConst::False => uleb(out, ktab::FALSE as u64),
        TabConst::True => uleb(out, ktab::TRUE as u64),
        TabConst::Int(i) => {
            uleb(out, ktab::INT as u64);
            uleb(out, *i as u32 as u64);
        }
        TabConst::Num(n) => match narrow(*n).filter(|_| narrowing) {
            Some(i) => {
                uleb(out, ktab::INT as u64);
                uleb(out, i as u32 as u64);
            }
            None => {
                uleb(out, ktab::NUM as u64);
                double(out, n.to_bits());
            }
        },
        TabConst::Str(s) => {
            uleb(out, ktab::STR as u64 + count(s.len(), "string bytes")?);
            out.extend_from_slice(s);
        }
    }
    Ok(())
}

/// A 33-bit ULEB128 whose low bit tells a double (low word follows in the
/// upper bits, then the high word) from an integer.
pub(super) fn num_const(out: &mut Vec<u8>, k: NumConst) {
    let int = match k {
        NumConst::Int(i) => Some(i),
        NumConst::Num(n) => narrow(n),
    };
    match int {
        Some(i) => uleb(out, (i as u32 as u64) << 1),
        None => {
            let bits = k.as_f64().to_bits();
            uleb(out, (bits & 0xffff_ffff) << 1 | 1);
            uleb(out, bits >> 32);
        }
    }
}
