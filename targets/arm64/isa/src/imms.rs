//! Immediate encodings: logical (bitmask) immediates, the 8-bit FP
//! immediate, move-wide sequences for arbitrary constants, and the range
//! checks for scaled and signed fields.

use asm_dsl_core::AsmError;

/// Encodes `value` as a logical immediate for a 32-bit (`is64 == false`)
/// or 64-bit operation. Returns the 13-bit `N:immr:imms` field, or `None`
/// when the value is not a rotated run of ones replicated across the
/// register (all-zeros and all-ones never are).
pub fn logical_encode(value: u64, is64: bool) -> Option<u32> {
    let v = if is64 {
        value
    } else {
        let low = value & 0xffff_ffff;
        low | (low << 32)
    };
    if v == 0 || v == u64::MAX {
        return None;
    }
    // The smallest element size whose repetition gives the value.
    let mut size = 64u32;
    while size > 2 {
        let half = size / 2;
        let mask = (1u64 << half) - 1;
        if v & mask != (v >> half) & mask {
            break;
        }
        size = half;
    }
    let mask = if size == 64 {
        u64::MAX
    } else {
        (1u64 << size) - 1
    };
    let elem = v & mask;
    let ones = elem.count_ones();
    let run = if ones == 64 {
        u64::MAX
    } else {
        (1u64 << ones) - 1
    };
    // The element must be a run of ones rotated right by immr.
    let rotr = |x: u64, r: u32| {
        if r == 0 {
            x
        } else {
            ((x >> r) | (x << (size - r))) & mask
        }
    };
    let r = (0..size).find(|&r| rotr(elem, r) == run)?;
    let immr = (size - r) % size;
    let n = u32::from(size == 64);
    let imms = ((0u32.wrapping_sub(size * 2)) & 0x3f) | (ones - 1);
    Some((n << 12) | (immr << 6) | imms)
}

/// Decodes `N:immr:imms` back to the value for a 32- or 64-bit
/// operation, or `None` for reserved encodings.
pub fn logical_decode(n: u32, immr: u32, imms: u32, is64: bool) -> Option<u64> {
    let combined = (n << 6) | (!imms & 0x3f);
    if combined == 0 {
        return None;
    }
    let len = 31 - combined.leading_zeros();
    if len < 1 || (!is64 && n == 1) {
        return None;
    }
    let size = 1u32 << len;
    let levels = size - 1;
    let s = imms & levels;
    let r = immr & levels;
    if s == levels {
        return None;
    }
    let mask = if size == 64 {
        u64::MAX
    } else {
        (1u64 << size) - 1
    };
    let run = (1u64 << (s + 1)) - 1;
    let elem = if r == 0 {
        run
    } else {
        ((run >> r) | (run << (size - r))) & mask
    };
    let mut v = elem;
    let mut width = size;
    while width < 64 {
        v |= v << width;
        width *= 2;
    }
    Some(if is64 { v } else { v & 0xffff_ffff })
}

/// The value of an 8-bit FP immediate: `±(16 + frac) / 16 × 2^e` with
/// `e` in -3..=4.
pub fn fp8_decode(imm8: u32) -> f64 {
    let sign = if imm8 & 0x80 != 0 { -1.0 } else { 1.0 };
    let b = (imm8 >> 6) & 1;
    let cd = ((imm8 >> 4) & 3) as i32;
    let exp = if b == 0 { cd + 1 } else { cd - 3 };
    let frac = (imm8 & 15) as f64;
    sign * (16.0 + frac) / 16.0 * 2f64.powi(exp)
}

/// Encodes a double as an 8-bit FP immediate, if it is one.
pub fn fp8_encode(value: f64) -> Option<u32> {
    (0..256u32).find(|&i| fp8_decode(i).to_bits() == value.to_bits())
}

/// One instruction of a constant-loading sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MovStep {
    /// `movz`/`movn`/`movk` with a 16-bit chunk and its shift (0, 16, 32, 48).
    Movz(u32, u32),
    Movn(u32, u32),
    Movk(u32, u32),
    /// `orr rd, zr, #bitmask` with the encoded `N:immr:imms`.
    Orr(u32),
}

/// Up to four steps, kept inline: constants are loaded while generating
/// code, where nothing should allocate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Steps {
    items: [MovStep; 4],
    len: usize,
}

impl Steps {
    fn one(step: MovStep) -> Self {
        let mut s = Steps {
            items: [step; 4],
            len: 0,
        };
        s.push(step);
        s
    }

    fn push(&mut self, step: MovStep) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = step;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Steps {
    type Target = [MovStep];

    fn deref(&self) -> &[MovStep] {
        &self.items[..self.len]
    }
}

impl IntoIterator for Steps {
    type Item = MovStep;
    type IntoIter = std::iter::Take<std::array::IntoIter<MovStep, 4>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().take(self.len)
    }
}

/// The shortest sequence that puts `value` in a register of the given
/// width: one `movz`/`movn`, else one `orr` with a bitmask immediate, else
/// a `movz` or `movn` (whichever leaves fewer chunks to fill) followed by
/// a `movk` per remaining chunk.
///
/// A 64-bit value whose upper half is zero may be loaded through the
/// 32-bit register instead (writing a `w` register clears the upper half),
/// which is shorter for values such as `0xffff1234` (one `movn`). Returns
/// whether the sequence uses the 64-bit register, and the steps.
pub fn mov_sequence(value: u64, is64: bool) -> (bool, Steps) {
    let steps = sequence_for(value, is64);
    if is64 && value >> 32 == 0 {
        let narrow = sequence_for(value, false);
        if narrow.len() < steps.len() {
            return (false, narrow);
        }
    }
    (is64, steps)
}

fn sequence_for(value: u64, is64: bool) -> Steps {
    let chunks = if is64 { 4 } else { 2 };
    let v = if is64 { value } else { value & 0xffff_ffff };
    let chunk = |i: u32| ((v >> (16 * i)) & 0xffff) as u32;
    let zeros = (0..chunks).filter(|&i| chunk(i) == 0).count();
    let ones = (0..chunks).filter(|&i| chunk(i) == 0xffff).count();
    if zeros >= chunks as usize - 1 {
        let i = (0..chunks).find(|&i| chunk(i) != 0).unwrap_or(0);
        return Steps::one(MovStep::Movz(chunk(i), 16 * i));
    }
    if ones >= chunks as usize - 1 {
        let i = (0..chunks).find(|&i| chunk(i) != 0xffff).unwrap_or(0);
        return Steps::one(MovStep::Movn(!chunk(i) & 0xffff, 16 * i));
    }
    if let Some(bits) = logical_encode(v, is64) {
        return Steps::one(MovStep::Orr(bits));
    }
    let mut steps = Steps::one(MovStep::Orr(0));
    steps.len = 0;
    let inverted = ones > zeros;
    let fill = if inverted { 0xffff } else { 0 };
    for i in 0..chunks {
        let c = chunk(i);
        if c == fill {
            continue;
        }
        steps.push(match (steps.is_empty(), inverted) {
            (true, false) => MovStep::Movz(c, 16 * i),
            (true, true) => MovStep::Movn(!c & 0xffff, 16 * i),
            (false, _) => MovStep::Movk(c, 16 * i),
        });
    }
    steps
}

/// Checks that `v` fits a signed field of `bits` bits.
#[inline]
pub fn check_signed(v: i64, bits: u32, what: &str) -> Result<u32, AsmError> {
    let lim = 1i64 << (bits - 1);
    if v < -lim || v >= lim {
        return Err(range(format_args!(
            "{what} {v} is outside -{lim}..{}",
            lim - 1
        )));
    }
    Ok((v as u32) & ((1u32 << bits) - 1))
}

/// Checks that `v` fits an unsigned field of `bits` bits.
#[inline]
pub fn check_unsigned(v: i64, bits: u32, what: &str) -> Result<u32, AsmError> {
    if v < 0 || v >= 1i64 << bits {
        return Err(range(format_args!(
            "{what} {v} is outside 0..{}",
            (1i64 << bits) - 1
        )));
    }
    Ok(v as u32)
}

/// Checks that `v` is a multiple of `scale` and returns `v / scale`.
#[inline]
pub fn check_scaled(v: i64, scale: i64, what: &str) -> Result<i64, AsmError> {
    if v % scale != 0 {
        return Err(range(format_args!(
            "{what} {v} is not a multiple of {scale}"
        )));
    }
    Ok(v / scale)
}

/// Range errors are built out of line, keeping formatting off the
/// encoder's hot path.
#[cold]
#[inline(never)]
fn range(msg: std::fmt::Arguments<'_>) -> AsmError {
    AsmError::ImmRange(msg.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_round_trips_every_encoding() {
        // Every valid N:immr:imms decodes to a value that encodes back to a
        // value-equal field (encodings are unique per value).
        for is64 in [false, true] {
            for bits in 0..(1u32 << 13) {
                let (n, immr, imms) = (bits >> 12, (bits >> 6) & 63, bits & 63);
                if let Some(v) = logical_decode(n, immr, imms, is64) {
                    let enc = logical_encode(v, is64).expect("decodable value encodes");
                    let back = logical_decode(enc >> 12, (enc >> 6) & 63, enc & 63, is64);
                    assert_eq!(back, Some(v));
                }
            }
        }
        assert_eq!(logical_encode(0, true), None);
        assert_eq!(logical_encode(u64::MAX, true), None);
        assert_eq!(logical_encode(0x1234, true), None);
    }

    #[test]
    fn fp8_covers_256_values() {
        let n = (0..256)
            .filter(|&i| fp8_encode(fp8_decode(i)) == Some(i))
            .count();
        assert_eq!(n, 256);
        assert_eq!(fp8_encode(1.0), Some(0x70));
        assert_eq!(fp8_encode(0.1), None);
    }
}
