//! Reading a dump back into prototypes, checking everything on the way.

use std::rc::Rc;

use super::verify::verify;
use super::{
    flags, kgc, ktab, line_width, Dump, DumpError, DumpErrorKind, DumpOptions, HIDDEN_VAR_NAMES,
    MAX_DEPTH, SIGNATURE, VERSION,
};
use crate::bc::op::{Ins, Op};
use crate::bc::proto::{
    flags as pflags, GcConst, NumConst, Proto, TabConst, TemplateTable, UpvalDesc, VarInfo,
};

type Result<T> = std::result::Result<T, DumpError>;

/// Reads a whole dump. `chunk_name` names the chunk when the dump was
/// stripped of its own name (Lua's convention: `@file`, `=name`, ...).
pub fn read_dump(bytes: &[u8], chunk_name: &str) -> Result<Dump> {
    let mut r = Reader {
        buf: bytes,
        pos: 0,
        big_endian: false,
    };
    if !bytes.starts_with(SIGNATURE) {
        return Err(r.incompatible("missing \\x1bLJ signature"));
    }
    r.pos = SIGNATURE.len();
    let version = r.byte()?;
    if version != VERSION {
        return Err(r.incompatible(format!("version {version}, expected {VERSION}")));
    }
    let hflags = r.uleb()?;
    if hflags & !flags::KNOWN != 0 {
        return Err(r.incompatible(format!("unknown flags {hflags:#x}")));
    }
    r.big_endian = hflags & flags::BE != 0;
    let strip = hflags & flags::STRIP != 0;
    let name: Rc<str> = if strip {
        chunk_name.into()
    } else {
        let len = r.length(1)?;
        String::from_utf8_lossy(r.take(len)?).into()
    };
    let mut stack: Vec<(Rc<Proto>, usize)> = Vec::new();
    loop {
        let len = r.uleb()? as usize;
        if len == 0 {
            break;
        }
        if len > r.remaining() {
            return Err(r.malformed("prototype longer than the dump"));
        }
        let end = r.pos + len;
        let (pt, depth) = r.proto(&name, strip, &mut stack)?;
        if r.pos != end {
            return Err(r.malformed("prototype length does not match its contents"));
        }
        stack.push((Rc::new(pt), depth));
    }
    if r.remaining() != 0 {
        return Err(r.malformed("bytes after the end marker"));
    }
    if stack.len() != 1 {
        return Err(r.malformed(format!(
            "{} prototypes left without a parent, expected 1",
            stack.len()
        )));
    }
    let (main, _) = stack.pop().expect("one prototype");
    let main = Rc::try_unwrap(main).unwrap_or_else(|rc| (*rc).clone());
    Ok(Dump {
        main,
        options: DumpOptions {
            strip,
            big_endian: r.big_endian,
            fr2: hflags & flags::FR2 != 0,
        },
        flags: hflags,
    })
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    big_endian: bool,
}

impl<'a> Reader<'a> {
    fn malformed(&self, detail: impl Into<String>) -> DumpError {
        DumpError::new(DumpErrorKind::Malformed, self.pos, detail)
    }

    fn incompatible(&self, detail: impl Into<String>) -> DumpError {
        DumpError::new(DumpErrorKind::Incompatible, self.pos, detail)
    }

    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(self.malformed("truncated"));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn uleb(&mut self) -> Result<u32> {
        let v = self.uleb_bits(32)?;
        Ok(v as u32)
    }

    /// A ULEB128 of at most `bits` significant bits, in at most five bytes.
    fn uleb_bits(&mut self, bits: u32) -> Result<u64> {
        let start = self.pos;
        let mut v: u64 = 0;
        for i in 0..5 {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << (7 * i);
            if b & 0x80 == 0 {
                if v >> bits != 0 {
                    self.pos = start;
                    return Err(self.malformed("ULEB128 value out of range"));
                }
                return Ok(v);
            }
        }
        self.pos = start;
        Err(self.malformed("ULEB128 value too long"))
    }

    /// A count of items that each take at least `min_size` bytes; refused
    /// if the remaining input could not possibly hold them, so a bogus
    /// count never drives an allocation.
    fn length(&mut self, min_size: usize) -> Result<usize> {
        let n = self.uleb()? as usize;
        if n.saturating_mul(min_size) > self.remaining() {
            return Err(self.malformed(format!("count {n} exceeds the remaining input")));
        }
        Ok(n)
    }

    fn u16(&mut self) -> Result<u16> {
        let b: [u8; 2] = self.take(2)?.try_into().expect("two bytes");
        Ok(if self.big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }

    fn u32(&mut self) -> Result<u32> {
        let b: [u8; 4] = self.take(4)?.try_into().expect("four bytes");
        Ok(if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }

    fn double(&mut self) -> Result<f64> {
        let lo = self.uleb()? as u64;
        let hi = self.uleb()? as u64;
        Ok(f64::from_bits(hi << 32 | lo))
    }

    fn proto(
        &mut self,
        name: &Rc<str>,
        strip: bool,
        stack: &mut Vec<(Rc<Proto>, usize)>,
    ) -> Result<(Proto, usize)> {
        let flags = self.byte()?;
        if flags & !(pflags::CHILD | pflags::VARARG | pflags::FFI) != 0 {
            return Err(self.malformed(format!("unknown prototype flags {flags:#x}")));
        }
        let num_params = self.byte()?;
        let frame_size = self.byte()?;
        let num_uv = self.byte()? as usize;
        let num_kgc = self.length(1)?;
        let num_kn = self.length(1)?;
        let num_bc = self.length(4)?;
        let (mut dbg_len, mut first_line, mut num_lines) = (0, 0, 0);
        if !strip {
            dbg_len = self.length(1)?;
            if dbg_len != 0 {
                first_line = self.uleb()?;
                num_lines = self.uleb()?;
            }
        }
        let mut code = Vec::with_capacity(num_bc + 1);
        let head = if flags & pflags::VARARG != 0 {
            Op::FUNCV
        } else {
            Op::FUNCF
        };
        code.push(Ins::ad(head, frame_size, 0));
        for _ in 0..num_bc {
            code.push(Ins(self.u32()?));
        }
        if num_uv * 2 > self.remaining() {
            return Err(self.malformed("upvalues exceed the remaining input"));
        }
        let upvalues = (0..num_uv)
            .map(|_| self.u16().map(UpvalDesc))
            .collect::<Result<Vec<_>>>()?;
        let mut depth = 1;
        let mut kgc_rev = Vec::with_capacity(num_kgc);
        for _ in 0..num_kgc {
            let k = self.gc_const(stack, &mut depth)?;
            kgc_rev.push(k);
        }
        kgc_rev.reverse();
        let kgc = kgc_rev;
        if depth > MAX_DEPTH {
            return Err(self.malformed("prototypes nested too deeply"));
        }
        let has_children = kgc.iter().any(|k| matches!(k, GcConst::Child(_)));
        if has_children && flags & pflags::CHILD == 0 {
            return Err(self.malformed("child prototype without the CHILD flag"));
        }
        let knum = (0..num_kn)
            .map(|_| self.num_const())
            .collect::<Result<Vec<_>>>()?;
        let mut pt = Proto {
            chunk_name: name.clone(),
            first_line,
            num_lines,
            num_params,
            frame_size,
            flags,
            code,
            line_info: Vec::new(),
            kgc,
            knum,
            upvalues,
            upvalue_names: Vec::new(),
            var_info: Vec::new(),
        };
        if dbg_len != 0 {
            let end = self.pos + dbg_len;
            self.debug_info(&mut pt)?;
            if self.pos != end {
                return Err(self.malformed("debug information length mismatch"));
            }
        }
        verify(&pt).map_err(|what| self.malformed(what))?;
        Ok((pt, depth))
    }

    fn gc_const(
        &mut self,
        stack: &mut Vec<(Rc<Proto>, usize)>,
        depth: &mut usize,
    ) -> Result<GcConst> {
        let tag = self.uleb()?;
        Ok(match tag {
            kgc::CHILD => {
                let Some((child, d)) = stack.pop() else {
                    return Err(self.malformed("child prototype missing"));
                };
                *depth = (*depth).max(d + 1);
                GcConst::Child(child)
            }
            kgc::TAB => GcConst::Table(Rc::new(self.table()?)),
            kgc::I64 => GcConst::I64(self.double()?.to_bits() as i64),
            kgc::U64 => GcConst::U64(self.double()?.to_bits()),
            kgc::COMPLEX => GcConst::Complex(self.double()?, self.double()?),
            _ => {
                let len = (tag - kgc::STR) as usize;
                GcConst::Str(self.take(len)?.into())
            }
        })
    }

    fn table(&mut self) -> Result<TemplateTable> {
        let narray = self.length(1)?;
        let nhash = self.length(2)?;
        let mut t = TemplateTable {
            array: Vec::with_capacity(narray),
            hash: Vec::with_capacity(nhash),
        };
        for _ in 0..narray {
            t.array.push(self.tab_const()?);
        }
        for _ in 0..nhash {
            let key = self.tab_const()?;
            if key == TabConst::Nil {
                return Err(self.malformed("nil key in a template table"));
            }
            let value = self.tab_const()?;
            t.hash.push((key, value));
        }
        Ok(t)
    }

    fn tab_const(&mut self) -> Result<TabConst> {
        Ok(match self.uleb()? {
            ktab::NIL => TabConst::Nil,
            ktab::FALSE => TabConst::False,
            ktab::TRUE => TabConst::True,
            ktab::INT => TabConst::Int(self.uleb()? as i32),
            ktab::NUM => TabConst::Num(self.double()?),
            tag => {
                let len = (tag - ktab::STR) as usize;
                TabConst::Str(self.take(len)?.into())
            }
        })
    }

    fn num_const(&mut self) -> Result<NumConst> {
        let is_num = self.buf.get(self.pos).is_some_and(|b| b & 1 != 0);
        let lo = (self.uleb_bits(33)? >> 1) as u32;
        if is_num {
            let hi = self.uleb()? as u64;
            Ok(NumConst::Num(f64::from_bits(hi << 32 | lo as u64)))
        } else {
            Ok(NumConst::Int(lo as i32))
        }
    }

    fn debug_info(&mut self, pt: &mut Proto) -> Result<()> {
        let n = pt.code.len() - 1;
        let width = line_width(pt.num_lines);
        if n.saturating_mul(width) > self.remaining() {
            return Err(self.malformed("line information exceeds the remaining input"));
        }
        pt.line_info.reserve(n + 1);
        pt.line_info.push(pt.first_line);
        for _ in 0..n {
            let delta = match width {
                1 => self.byte()? as u32,
                2 => self.u16()? as u32,
                _ => self.u32()?,
            };
            pt.line_info.push(pt.first_line.wrapping_add(delta));
        }
        for _ in 0..pt.upvalues.len() {
            let name = self.zstring()?;
            pt.upvalue_names.push(String::from_utf8_lossy(name).into());
        }
        let mut last_start = 0u32;
        loop {
            let first = self.buf.get(self.pos).copied();
            let name: Rc<str> = match first {
                None => return Err(self.malformed("truncated variable information")),
                Some(0) => {
                    self.pos += 1;
                    break;
                }
                Some(b @ 1..=6) => {
                    self.pos += 1;
                    HIDDEN_VAR_NAMES[b as usize - 1].into()
                }
                Some(7..=31) => return Err(self.malformed("bad variable name")),
                Some(_) => String::from_utf8_lossy(self.zstring()?).into(),
            };
            let start = last_start.wrapping_add(self.uleb()?);
            let end = start.wrapping_add(self.uleb()?);
            last_start = start;
            pt.var_info.push(VarInfo {
                name,
                start_pc: start,
                end_pc: end,
            });
        }
        Ok(())
    }

    fn zstring(&mut self) -> Result<&'a [u8]> {
        let rest = &self.buf[self.pos..];
        let Some(len) = rest.iter().position(|&b| b == 0) else {
            return Err(self.malformed("unterminated name"));
        };
        self.pos += len + 1;
        Ok(&rest[..len])
    }
}

#[cfg(test)]
mod tests {
    use super::super::write::{num_const, uleb};
    use super::*;

    fn reader(buf: &[u8]) -> Reader<'_> {
        Reader {
            buf,
            pos: 0,
            big_endian: false,
        }
    }

    /// Values around every 7-bit boundary, both ends of the ranges.
    fn samples() -> Vec<u32> {
        let mut v = vec![0, 1, u32::MAX, i32::MAX as u32, i32::MIN as u32];
        for shift in 0..32 {
            let p = 1u32 << shift;
            v.extend([p - 1, p, p + 1, p.wrapping_neg()]);
        }
        v
    }

    #[test]
    fn uleb128_reads_what_it_writes() {
        for v in samples() {
            let mut b = Vec::new();
            uleb(&mut b, v as u64);
            let mut r = reader(&b);
            assert_eq!(r.uleb().unwrap(), v);
            assert_eq!(r.remaining(), 0);
        }
    }

    #[test]
    fn number_constants_read_what_they_write() {
        let mut nums: Vec<NumConst> = samples()
            .into_iter()
            .map(|v| NumConst::Int(v as i32))
            .collect();
        for x in [
            0.5,
            -0.0,
            1e300,
            -2.5e-300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            4503599627370496.0 + 3.0,
        ] {
            nums.push(NumConst::Num(x));
        }
        for k in nums {
            let mut b = Vec::new();
            num_const(&mut b, k);
            let mut r = reader(&b);
            let back = r.num_const().unwrap();
            assert_eq!(back.as_f64().to_bits(), k.as_f64().to_bits(), "{k:?}");
            assert_eq!(r.remaining(), 0);
        }
    }

    #[test]
    fn overlong_and_oversized_uleb128_are_refused() {
        assert!(reader(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x00])
            .uleb()
            .is_err());
        assert!(reader(&[0xff, 0xff, 0xff, 0xff, 0x7f]).uleb().is_err());
        assert!(reader(&[0x80]).uleb().is_err());
    }
}
