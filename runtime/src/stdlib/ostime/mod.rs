//! The time functions of LuaJIT's `os` library: `os.date`, `os.time`,
//! `os.clock` and `os.difftime`, as pure functions where possible.
//!
//! LuaJIT is a thin layer over the C library here, so the behaviour to
//! reproduce is glibc's:
//!
//! - numbers become `time_t` by C's cast (truncation; NaN and values out
//!   of range give `i64::MIN`, as `cvttsd2si` does on x64), see
//!   [`to_time_t`];
//! - `os.date(fmt, t)`: a leading `!` selects UTC (`gmtime`), otherwise
//!   local time; a time whose year does not fit C's `int` gives `nil`;
//!   `*t` gives the broken-down table; anything else goes through
//!   [`strftime::strftime`] in full (see [`date`] for LuaJIT's handling of
//!   empty or oversized results);
//! - `os.time(table)`: the fields are truncated to C `int`s and
//!   normalised like `mktime` does (month 14 is February of the next
//!   year, day 0 is the last day of the previous month, and so on); a
//!   result of `-1` is reported as `nil`, exactly as LuaJIT does.
//!
//! UTC is computed here with proleptic Gregorian arithmetic on `i64`
//! (no libc). Local time needs the system's time-zone rules, so
//! [`local`] calls `localtime_r`/`mktime` through a small fenced FFI
//! wrapper on Linux; elsewhere local time is UTC.

pub mod local;
pub mod strftime;

#[cfg(test)]
mod tests;

/// C's `struct tm`, plus the two glibc fields `%z` and `%Z` read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tm {
    pub sec: i32,
    pub min: i32,
    pub hour: i32,
    /// Day of the month, 1..=31.
    pub mday: i32,
    /// Month, 0..=11.
    pub mon: i32,
    /// Years since 1900.
    pub year: i32,
    /// Day of the week, 0 = Sunday.
    pub wday: i32,
    /// Day of the year, 0..=365.
    pub yday: i32,
    /// Positive when daylight saving time is in effect, 0 when not,
    /// negative when unknown.
    pub isdst: i32,
    /// Seconds east of UTC.
    pub gmtoff: i64,
    /// The zone's abbreviation (`GMT` for UTC, as glibc's `gmtime` says).
    pub zone: String,
}

/// The fields of the `os.date("*t")` table, as LuaJIT computes them in
/// C `int` arithmetic (so a year near the `int` limit wraps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTable {
    pub sec: i32,
    pub min: i32,
    pub hour: i32,
    pub day: i32,
    pub month: i32,
    pub year: i32,
    pub wday: i32,
    pub yday: i32,
    pub isdst: bool,
}

impl Tm {
    /// The values of the `*t` table's fields.
    pub fn table(&self) -> DateTable {
        DateTable {
            sec: self.sec,
            min: self.min,
            hour: self.hour,
            day: self.mday,
            month: self.mon.wrapping_add(1),
            year: self.year.wrapping_add(1900),
            wday: self.wday.wrapping_add(1),
            yday: self.yday.wrapping_add(1),
            isdst: self.isdst != 0,
        }
    }

    /// What `%s` prints: the fields read as a time in the zone they carry.
    /// glibc calls `mktime` here, which reads them as *local* time even
    /// for a UTC `tm`; the two agree whenever the local zone is UTC.
    pub fn epoch_seconds(&self) -> i64 {
        let year = i64::from(self.year) + 1900 + i64::from(self.mon.div_euclid(12));
        let month = self.mon.rem_euclid(12) as u32 + 1;
        let days = days_from_civil(year, month, i64::from(self.mday));
        (days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.min) * 60
            + i64::from(self.sec))
        .wrapping_sub(self.gmtoff)
    }
}

/// Whether `year` (in the proleptic Gregorian calendar) is a leap year.
pub fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days from 1970-01-01 to `year-month-day` (`month` in 1..=12; `day` may
/// be any value and simply counts on from the first of the month).
pub fn days_from_civil(year: i64, month: u32, day: i64) -> i64 {
    // Count from March so that the leap day is the last day of the
    // (shifted) year; eras are the 400-year cycles of 146097 days.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted_month = i64::from((month + 9) % 12);
    let day_of_year = (153 * shifted_month + 2) / 5;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468 + day - 1
}

/// The date `(year, month 1..=12, day 1..=31)` of a day count from
/// 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// C's `(time_t)x` for a Lua number on x64: truncation toward zero, and
/// `i64::MIN` for NaN and anything outside the `i64` range.
pub fn to_time_t(x: f64) -> i64 {
    // 2^63 is exactly representable; everything at or above it overflows.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if x.is_nan() || !(-LIMIT..LIMIT).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

/// How `os.time` reads a table field: `(int)lua_tointeger(x)`, that is
/// the 64-bit truncation of [`to_time_t`] cut to its low 32 bits.
pub fn field_to_int(x: f64) -> i32 {
    to_time_t(x) as i32
}

/// `gmtime`: `None` when the year does not fit a C `int` (LuaJIT then
/// returns `nil`).
pub fn gmtime(t: i64) -> Option<Tm> {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400) as i32;
    let (year, month, day) = civil_from_days(days);
    let year_since_1900 = i32::try_from(year - 1900).ok()?;
    Some(Tm {
        sec: secs % 60,
        min: secs / 60 % 60,
        hour: secs / 3600,
        mday: day as i32,
        mon: month as i32 - 1,
        year: year_since_1900,
        wday: (days + 4).rem_euclid(7) as i32,
        yday: (days - days_from_civil(year, 1, 1)) as i32,
        isdst: 0,
        gmtoff: 0,
        zone: "GMT".to_string(),
    })
}

/// The fields of an `os.time` table as LuaJIT reads them (each through
/// [`field_to_int`]; absent `sec`, `min` and `hour` default to 0, 0 and
/// 12; `day`, `month` and `year` are required, which the wrapper checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateFields {
    pub sec: i32,
    pub min: i32,
    pub hour: i32,
    pub day: i32,
    /// 1-based, as in the Lua table.
    pub month: i32,
    /// The full year, as in the Lua table.
    pub year: i32,
    /// `isdst`: `None` when the field is nil, else its truthiness.
    pub isdst: Option<bool>,
}

impl DateFields {
    /// The `struct tm` LuaJIT builds from the fields before `mktime`
    /// (`month - 1` and `year - 1900` wrap like C `int` arithmetic).
    fn months_and_years(&self) -> (i32, i32) {
        (self.month.wrapping_sub(1), self.year.wrapping_sub(1900))
    }
}

/// `os.time(table)` with the time zone fixed to UTC: `mktime`'s
/// normalisation without any zone rules. `None` means `nil`: the time is
/// out of range, or is exactly `-1`, which `mktime` uses as its error value
/// and LuaJIT cannot tell apart.
///
/// `isdst = true` in a zone without daylight saving time makes glibc
/// assume a one-hour shift, so the result is an hour earlier.
pub fn time_utc(fields: &DateFields) -> Option<i64> {
    let (mon, year) = fields.months_and_years();
    // Months outside 0..=11 carry into the year, rounding toward -inf.
    let year = i64::from(year) + 1900 + i64::from(mon.div_euclid(12));
    let month = mon.rem_euclid(12) as u32 + 1;
    let days = days_from_civil(year, month, i64::from(fields.day));
    let mut t = days * 86_400
        + i64::from(fields.hour) * 3600
        + i64::from(fields.min) * 60
        + i64::from(fields.sec);
    if fields.isdst == Some(true) {
        t -= 3600;
    }
    gmtime(t)?;
    (t != -1).then_some(t)
}

/// What `os.date` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateResult {
    /// `nil`: the time cannot be broken down.
    Nil,
    /// `*t` (or `!*t`): the table with fields `sec min hour day month year
    /// wday yday isdst` (month, wday and yday 1-based in the table).
    Table(Tm),
    /// A formatted string.
    Text(Vec<u8>),
    /// LuaJIT leaves the stack slot of its *last argument* as the result
    /// when `strftime` produces nothing or more than fits its buffer (see
    /// [`date`]); the wrapper returns that argument unchanged.
    LastArgument,
}

/// `os.date(format, t)` with local time computed by [`local::localtime`].
pub fn date(format: &[u8], t: i64) -> DateResult {
    date_with(format, t, local::localtime)
}

/// `os.date(format, t)` with a caller-supplied local-time conversion.
///
/// LuaJIT sizes its buffer from the format (30 bytes per `%`, 1 per other
/// byte), and retries at most four times with growing sizes. A result
/// that is empty, or longer than the last size tried, is never accepted
/// and the function returns its last argument instead. The buffer is
/// LuaJIT's shared scratch buffer, whose capacity depends on history; this
/// models it at its smallest (32 bytes, doubling), so only outputs of
/// widths far beyond normal use are affected.
pub fn date_with(format: &[u8], t: i64, localtime: impl FnOnce(i64) -> Option<Tm>) -> DateResult {
    let (utc, format) = match format.split_first() {
        Some((b'!', rest)) => (true, rest),
        _ => (false, format),
    };
    let tm = if utc { gmtime(t) } else { localtime(t) };
    let Some(tm) = tm else {
        return DateResult::Nil;
    };
    let format = &format[..format.iter().position(|&b| b == 0).unwrap_or(format.len())];
    if format == b"*t" {
        return DateResult::Table(tm);
    }
    if format.is_empty() {
        return DateResult::Text(Vec::new());
    }
    match strftime::strftime(format, &tm, buffer_limit(format)) {
        Some(out) if !out.is_empty() => DateResult::Text(out),
        _ => DateResult::LastArgument,
    }
}

/// The largest buffer LuaJIT's `os.date` offers `strftime` (which needs
/// room for a terminating NUL), assuming a fresh 32-byte scratch buffer.
fn buffer_limit(format: &[u8]) -> usize {
    let mut size: u32 = format
        .iter()
        .map(|&b| if b == b'%' { 30u32 } else { 1 })
        .fold(0, u32::wrapping_add);
    for _ in 0..3 {
        size = size.wrapping_add(size | 1);
    }
    let mut capacity: usize = 32;
    while capacity < size as usize {
        capacity *= 2;
    }
    capacity
}

/// `os.difftime(t1, t2)`: the exact difference of the two `time_t`
/// values, rounded once to a double.
pub fn difftime(t1: i64, t2: i64) -> f64 {
    (i128::from(t1) - i128::from(t2)) as f64
}

/// `os.time()` without arguments: the current time, in whole seconds.
pub fn now() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}
