//! `strftime` in the C locale, with glibc's extensions, because LuaJIT's
//! `os.date` hands its whole format string to the C library.
//!
//! What Lua programs see is therefore glibc's behaviour, not ISO C's:
//!
//! - every conversion glibc knows (`%a %A %b %B %c %C %d %D %e %F %g %G %h
//!   %H %I %j %k %l %m %M %n %p %P %r %R %s %S %t %T %u %U %V %w %W %x %X
//!   %y %Y %z %Z %%`);
//! - flags `_` (pad with spaces), `-` (no padding), `0` (pad with zeros),
//!   `^` (upper case) and `#` (swap case: names go upper, `%p` and `%Z`
//!   go lower), and a decimal field width;
//! - the `E` and `O` modifiers, which in the C locale change nothing where
//!   glibc accepts them and make the conversion invalid where it does not;
//! - an invalid conversion is copied literally from its `%` up to the
//!   offending character, padded to the field width (`%Q` gives `%Q`,
//!   `%OY` gives `%OY`, a lone `%` at the end gives `%`);
//! - the format ends at the first NUL byte, as a C string does.
//!
//! Padding follows glibc's two-stage scheme: numbers are first padded to
//! their natural digit count (or the width, if larger) with zeros or
//! spaces, and then every piece of output is padded on the left to the
//! field width with spaces, or zeros under the `0` flag. That is why
//! `%-5d` still gives `    1` and `%5z` gives `    +00000`.

use super::Tm;

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `strftime(format, tm)` into a buffer of `limit` bytes: like C's, the
/// call fails (`None`) when the text and its terminating NUL do not fit,
/// that is when the output would be `limit` bytes or longer. The check is
/// made before each piece is written, so huge field widths cost nothing.
pub fn strftime(format: &[u8], tm: &Tm, limit: usize) -> Option<Vec<u8>> {
    let mut out = Out {
        buf: Vec::new(),
        limit,
    };
    write_format(format, tm, &mut out).ok()?;
    Some(out.buf)
}

/// The output would not fit the caller's buffer.
struct TooLong;

/// An output buffer with C `strftime`'s size limit.
struct Out {
    buf: Vec<u8>,
    limit: usize,
}

impl Out {
    fn reserve(&self, n: usize) -> Result<(), TooLong> {
        match self.buf.len().checked_add(n) {
            Some(total) if total < self.limit => Ok(()),
            _ => Err(TooLong),
        }
    }

    fn fill(&mut self, byte: u8, n: usize) -> Result<(), TooLong> {
        self.reserve(n)?;
        self.buf.extend(std::iter::repeat_n(byte, n));
        Ok(())
    }

    fn bytes(&mut self, bytes: &[u8], map: impl Fn(u8) -> u8) -> Result<(), TooLong> {
        self.reserve(bytes.len())?;
        self.buf.extend(bytes.iter().map(|&b| map(b)));
        Ok(())
    }
}

fn write_format(format: &[u8], tm: &Tm, out: &mut Out) -> Result<(), TooLong> {
    let end = format.iter().position(|&b| b == 0).unwrap_or(format.len());
    let f = &format[..end];
    let mut pos = 0;
    while pos < f.len() {
        if f[pos] != b'%' {
            out.bytes(&f[pos..pos + 1], |b| b)?;
            pos += 1;
            continue;
        }
        pos = conversion(f, pos, tm, out)?;
    }
    Ok(())
}

/// How one conversion is written: its flags and width.
struct Spec {
    pad: u8,
    upper: bool,
    lower: bool,
    width: i32,
}

impl Spec {
    /// glibc's `add`: left padding to the width, zeros only under `0`.
    fn add(&self, out: &mut Out, bytes: &[u8]) -> Result<(), TooLong> {
        let delta = i64::from(self.width) - bytes.len() as i64;
        if delta > 0 {
            // glibc checks the padded size before writing anything.
            out.reserve(delta as usize + bytes.len())?;
            let fill = if self.pad == b'0' { b'0' } else { b' ' };
            out.fill(fill, delta as usize)?;
        }
        let (lower, upper) = (self.lower, self.upper);
        out.bytes(bytes, |b| {
            if lower {
                b.to_ascii_lowercase()
            } else if upper {
                b.to_ascii_uppercase()
            } else {
                b
            }
        })
    }

    /// A number with at least `min_digits` digits (or the width, if
    /// larger), padded per the flags.
    fn number(&mut self, out: &mut Out, min_digits: i32, value: i64) -> Result<(), TooLong> {
        let digits = min_digits.max(self.width);
        self.signed_digits(out, digits, value)
    }

    /// `%e`-style numbers pad with spaces unless `0` or `-` was given.
    fn number_spacepad(
        &mut self,
        out: &mut Out,
        min_digits: i32,
        value: i64,
    ) -> Result<(), TooLong> {
        if self.pad != b'0' && self.pad != b'-' {
            self.pad = b'_';
        }
        self.number(out, min_digits, value)
    }

    fn signed_digits(&mut self, out: &mut Out, digits: i32, value: i64) -> Result<(), TooLong> {
        let mut text = value.unsigned_abs().to_string().into_bytes();
        let negative = value < 0;
        if negative {
            text.insert(0, b'-');
        }
        let mut body: &[u8] = &text;
        if self.pad != b'-' {
            let padding = i64::from(digits) - text.len() as i64;
            if padding > 0 {
                if self.pad == b'_' {
                    out.fill(b' ', padding as usize)?;
                    self.width = if i64::from(self.width) > padding {
                        self.width - padding as i32
                    } else {
                        0
                    };
                } else {
                    out.reserve(digits as usize)?;
                    if negative {
                        out.bytes(b"-", |b| b)?;
                        body = &text[1..];
                    }
                    out.fill(b'0', padding as usize)?;
                    self.width = 0;
                }
            }
        }
        self.add(out, body)
    }
}

/// Parses and writes the conversion starting at `f[start] == b'%'`;
/// returns the index just past it.
fn conversion(f: &[u8], start: usize, tm: &Tm, out: &mut Out) -> Result<usize, TooLong> {
    let mut spec = Spec {
        pad: 0,
        upper: false,
        lower: false,
        width: -1,
    };
    let mut change_case = false;
    let mut pos = start + 1;
    while let Some(&c) = f.get(pos) {
        match c {
            b'_' | b'-' | b'0' => spec.pad = c,
            b'^' => spec.upper = true,
            b'#' => change_case = true,
            _ => break,
        }
        pos += 1;
    }
    if f.get(pos).is_some_and(u8::is_ascii_digit) {
        let mut width: i32 = 0;
        while let Some(&c) = f.get(pos).filter(|c| c.is_ascii_digit()) {
            width = width
                .checked_mul(10)
                .and_then(|w| w.checked_add(i32::from(c - b'0')))
                .unwrap_or(i32::MAX);
            pos += 1;
        }
        spec.width = width;
    }
    let modifier = match f.get(pos) {
        Some(&m @ (b'E' | b'O')) => {
            pos += 1;
            m
        }
        _ => 0,
    };
    let Some(&conv) = f.get(pos) else {
        // A `%` sequence cut off by the end of the format is copied as is.
        spec.add(out, &f[start..])?;
        return Ok(f.len());
    };
    let next = pos + 1;
    let year = i64::from(tm.year) + 1900;
    let hour12 = match tm.hour {
        h if h > 12 => h - 12,
        0 => 12,
        h => h,
    };
    let names = |c: bool, spec: &mut Spec| {
        if c {
            spec.upper = true;
            spec.lower = false;
        }
    };
    match conv {
        // glibc 2.36 accepts (and ignores) a modifier on `%%`.
        b'%' => spec.add(out, b"%")?,
        b'a' | b'A' if modifier == 0 => {
            names(change_case, &mut spec);
            let name = weekday(tm.wday);
            spec.add(
                out,
                if conv == b'a' {
                    &name[..name.len().min(3)]
                } else {
                    name
                }
                .as_bytes(),
            )?;
        }
        // glibc applies `#` to `%b` before rejecting `E`, so the copied
        // invalid conversion comes out upper-cased.
        b'b' | b'h' if modifier == b'E' => {
            names(change_case, &mut spec);
            spec.add(out, &f[start..next])?;
        }
        b'b' | b'h' | b'B' if modifier != b'E' => {
            names(change_case, &mut spec);
            let name = month(tm.mon);
            spec.add(
                out,
                if conv == b'B' {
                    name
                } else {
                    &name[..name.len().min(3)]
                }
                .as_bytes(),
            )?;
        }
        b'c' if modifier != b'O' => subformat(&spec, b"%a %b %e %H:%M:%S %Y", tm, out)?,
        b'x' if modifier != b'O' => subformat(&spec, b"%m/%d/%y", tm, out)?,
        b'X' if modifier != b'O' => subformat(&spec, b"%H:%M:%S", tm, out)?,
        b'D' if modifier == 0 => subformat(&spec, b"%m/%d/%y", tm, out)?,
        b'F' if modifier == 0 => subformat(&spec, b"%Y-%m-%d", tm, out)?,
        b'r' => subformat(&spec, b"%I:%M:%S %p", tm, out)?,
        b'R' => subformat(&spec, b"%H:%M", tm, out)?,
        b'T' => subformat(&spec, b"%H:%M:%S", tm, out)?,
        b'C' => {
            let century = (year as i32).wrapping_div(100) - i32::from((year as i32) % 100 < 0);
            spec.number(out, 1, i64::from(century))?;
        }
        b'd' if modifier != b'E' => spec.number(out, 2, i64::from(tm.mday))?,
        b'e' if modifier != b'E' => spec.number_spacepad(out, 2, i64::from(tm.mday))?,
        b'H' if modifier != b'E' => spec.number(out, 2, i64::from(tm.hour))?,
        b'I' if modifier != b'E' => spec.number(out, 2, i64::from(hour12))?,
        b'k' if modifier != b'E' => spec.number_spacepad(out, 2, i64::from(tm.hour))?,
        b'l' if modifier != b'E' => spec.number_spacepad(out, 2, i64::from(hour12))?,
        b'j' if modifier != b'E' => spec.number(out, 3, i64::from(tm.yday) + 1)?,
        b'M' if modifier != b'E' => spec.number(out, 2, i64::from(tm.min))?,
        b'm' if modifier != b'E' => spec.number(out, 2, i64::from(tm.mon) + 1)?,
        b'S' if modifier != b'E' => spec.number(out, 2, i64::from(tm.sec))?,
        b'n' => spec.add(out, b"\n")?,
        b't' => spec.add(out, b"\t")?,
        b'p' | b'P' => {
            // Lower case wins over `^` in glibc's copy routine.
            if conv == b'P' || change_case {
                spec.lower = true;
            }
            spec.add(out, if tm.hour > 11 { b"PM" } else { b"AM" })?;
        }
        // Unlike the other numbers, `%s` is not widened to the field width
        // before padding: `%3s` pads with spaces even without `_`.
        b's' => spec.signed_digits(out, 1, tm.epoch_seconds())?,
        b'u' => spec.number(out, 1, i64::from(tm.wday.wrapping_add(6) % 7 + 1))?,
        b'U' if modifier != b'E' => spec.number(
            out,
            2,
            i64::from(tm.yday.wrapping_sub(tm.wday).wrapping_add(7) / 7),
        )?,
        b'V' | b'g' | b'G' if modifier != b'E' => {
            let (iso_year, week) = iso_week(tm);
            match conv {
                b'g' => spec.number(out, 2, i64::from((iso_year % 100 + 100) % 100))?,
                b'G' => spec.number(out, 1, i64::from(iso_year))?,
                _ => spec.number(out, 2, i64::from(week))?,
            }
        }
        b'W' if modifier != b'E' => {
            let monday_based = tm
                .yday
                .wrapping_sub(tm.wday.wrapping_add(6) % 7)
                .wrapping_add(7)
                / 7;
            spec.number(out, 2, i64::from(monday_based))?;
        }
        b'w' if modifier != b'E' => spec.number(out, 1, i64::from(tm.wday))?,
        b'Y' if modifier != b'O' => spec.number(out, 1, i64::from(tm.year.wrapping_add(1900)))?,
        b'y' => spec.number(out, 2, i64::from((tm.year % 100 + 100) % 100))?,
        b'Z' => {
            if change_case {
                spec.upper = false;
                spec.lower = true;
            }
            spec.add(out, tm.zone.as_bytes())?;
        }
        b'z' => {
            if tm.isdst >= 0 {
                let sign = if tm.gmtoff < 0 { b"-" } else { b"+" };
                let diff = i64::try_from(tm.gmtoff.unsigned_abs()).unwrap_or(i64::MAX);
                spec.add(out, sign)?;
                let minutes = diff / 60;
                spec.number(out, 4, (minutes / 60) * 100 + minutes % 60)?;
            }
        }
        _ => spec.add(out, &f[start..next])?,
    }
    Ok(next)
}

/// `%c`, `%x` and friends: the expansion is formatted on its own and then
/// padded as one piece; `^` upper-cases it (but `#` does not apply).
fn subformat(spec: &Spec, format: &[u8], tm: &Tm, out: &mut Out) -> Result<(), TooLong> {
    let mut sub = Out {
        buf: Vec::new(),
        limit: out.limit,
    };
    write_format(format, tm, &mut sub)?;
    let sub = sub.buf;
    let outer = Spec {
        pad: spec.pad,
        upper: spec.upper,
        lower: false,
        width: spec.width,
    };
    outer.add(out, &sub)
}

fn weekday(wday: i32) -> &'static str {
    usize::try_from(wday)
        .ok()
        .and_then(|i| WEEKDAYS.get(i))
        .copied()
        .unwrap_or("?")
}

fn month(mon: i32) -> &'static str {
    usize::try_from(mon)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("?")
}

/// Days from the Monday that starts ISO week 1 of the year to day `yday`
/// with weekday `wday` (negative: the day is in the previous ISO year).
fn iso_week_days(yday: i32, wday: i32) -> i32 {
    // A multiple of 7 large enough to keep the left operand of % positive.
    const BIG_MULTIPLE_OF_7: i32 = (366 / 7 + 2) * 7;
    yday.wrapping_sub(yday.wrapping_sub(wday).wrapping_add(4 + BIG_MULTIPLE_OF_7) % 7)
        .wrapping_add(3)
}

/// The ISO 8601 week-based year and week number of `tm`.
fn iso_week(tm: &Tm) -> (i32, i32) {
    let mut year = tm.year.wrapping_add(1900);
    let mut days = iso_week_days(tm.yday, tm.wday);
    if days < 0 {
        year = year.wrapping_sub(1);
        days = iso_week_days(tm.yday.wrapping_add(days_in_year(year)), tm.wday);
    } else {
        let next = iso_week_days(tm.yday.wrapping_sub(days_in_year(year)), tm.wday);
        if next >= 0 {
            year = year.wrapping_add(1);
            days = next;
        }
    }
    (year, days / 7 + 1)
}

fn days_in_year(year: i32) -> i32 {
    365 + i32::from(super::is_leap(i64::from(year)))
}
