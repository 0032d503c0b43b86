//! Local time and CPU time from the C library, behind a small fence.
//!
//! Time-zone rules live in the system's tz database and the `TZ`
//! environment variable; reimplementing them is out of proportion, so on
//! Linux this calls `localtime_r`, `mktime` and `clock` directly, as LuaJIT
//! does. The declarations are our own (no `libc` crate): on Linux, with
//! both glibc and musl, `time_t` and `clock_t` are C `long`, and
//! `struct tm` is nine `int`s followed by `long tm_gmtoff` and
//! `const char *tm_zone`, on every architecture xlj targets.
//!
//! On other systems local time is UTC and `os.clock` measures time since
//! the first call.

use super::{DateFields, Tm};

#[cfg(target_os = "linux")]
mod sys {
    //! The only unsafe code of the time functions.
    //!
    //! Invariants: every pointer passed to C points to a live, properly
    //! initialised local of the declared C layout; `tm_zone` is read only
    //! right after `localtime_r` filled it, when it points to a
    //! NUL-terminated string in static tz storage (or is null, which is
    //! checked).
    use std::ffi::{c_char, c_int, c_long, CStr};

    #[repr(C)]
    pub struct CTm {
        pub tm_sec: c_int,
        pub tm_min: c_int,
        pub tm_hour: c_int,
        pub tm_mday: c_int,
        pub tm_mon: c_int,
        pub tm_year: c_int,
        pub tm_wday: c_int,
        pub tm_yday: c_int,
        pub tm_isdst: c_int,
        pub tm_gmtoff: c_long,
        pub tm_zone: *const c_char,
    }

    impl CTm {
        pub fn zeroed() -> Self {
            CTm {
                tm_sec: 0,
                tm_min: 0,
                tm_hour: 0,
                tm_mday: 0,
                tm_mon: 0,
                tm_year: 0,
                tm_wday: 0,
                tm_yday: 0,
                tm_isdst: 0,
                tm_gmtoff: 0,
                tm_zone: std::ptr::null(),
            }
        }
    }

    extern "C" {
        fn tzset();
        fn localtime_r(t: *const c_long, out: *mut CTm) -> *mut CTm;
        fn mktime(tm: *mut CTm) -> c_long;
        fn clock() -> c_long;
    }

    /// `tzset(); localtime_r(&t, &tm)`, with the zone name copied out.
    pub fn localtime(t: c_long) -> Option<(CTm, String)> {
        let mut tm = CTm::zeroed();
        // SAFETY: `t` and `tm` are live locals of the C layouts declared
        // above; tzset has no arguments.
        let ok = unsafe {
            tzset();
            !localtime_r(&t, &mut tm).is_null()
        };
        if !ok {
            return None;
        }
        let zone = if tm.tm_zone.is_null() {
            String::new()
        } else {
            // SAFETY: non-null tm_zone from localtime_r points to a
            // NUL-terminated string that outlives this call.
            unsafe { CStr::from_ptr(tm.tm_zone) }
                .to_string_lossy()
                .into_owned()
        };
        Some((tm, zone))
    }

    /// `mktime(&tm)`.
    pub fn make_time(mut tm: CTm) -> c_long {
        // SAFETY: `tm` is a live local of the declared layout.
        unsafe { mktime(&mut tm) }
    }

    /// `clock()`.
    pub fn cpu_clock() -> c_long {
        // SAFETY: no arguments, no shared state touched.
        unsafe { clock() }
    }
}

/// `localtime(t)`: `None` when the C library cannot represent the time.
#[cfg(target_os = "linux")]
pub fn localtime(t: i64) -> Option<Tm> {
    let t = std::ffi::c_long::try_from(t).ok()?;
    let (tm, zone) = sys::localtime(t)?;
    Some(Tm {
        sec: tm.tm_sec,
        min: tm.tm_min,
        hour: tm.tm_hour,
        mday: tm.tm_mday,
        mon: tm.tm_mon,
        year: tm.tm_year,
        wday: tm.tm_wday,
        yday: tm.tm_yday,
        isdst: tm.tm_isdst,
        // `long` is 32 bits on 32-bit targets, so the conversion is needed there.
        #[allow(clippy::useless_conversion)]
        gmtoff: i64::from(tm.tm_gmtoff),
        zone,
    })
}

/// `localtime(t)` where no time-zone database is consulted: UTC.
#[cfg(not(target_os = "linux"))]
pub fn localtime(t: i64) -> Option<Tm> {
    super::gmtime(t)
}

/// `os.time(table)` in local time: `mktime` on the fields. `None` means
/// `nil` (including a genuine result of `-1`, as in LuaJIT).
#[cfg(target_os = "linux")]
pub fn time_local(fields: &DateFields) -> Option<i64> {
    let (mon, year) = fields.months_and_years();
    let mut tm = sys::CTm::zeroed();
    tm.tm_sec = fields.sec;
    tm.tm_min = fields.min;
    tm.tm_hour = fields.hour;
    tm.tm_mday = fields.day;
    tm.tm_mon = mon;
    tm.tm_year = year;
    tm.tm_isdst = match fields.isdst {
        None => -1,
        Some(dst) => i32::from(dst),
    };
    #[allow(clippy::useless_conversion)] // `long` is 32 bits on 32-bit targets
    let t = i64::from(sys::make_time(tm));
    (t != -1).then_some(t)
}

/// `os.time(table)` where local time is UTC.
#[cfg(not(target_os = "linux"))]
pub fn time_local(fields: &DateFields) -> Option<i64> {
    super::time_utc(fields)
}

/// `os.clock()`: processor time used by the program, in seconds.
#[cfg(target_os = "linux")]
pub fn clock_seconds() -> f64 {
    // POSIX fixes CLOCKS_PER_SEC at one million.
    sys::cpu_clock() as f64 * (1.0 / 1_000_000.0)
}

/// `os.clock()` without a C library clock: seconds since the first call.
#[cfg(not(target_os = "linux"))]
pub fn clock_seconds() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}
