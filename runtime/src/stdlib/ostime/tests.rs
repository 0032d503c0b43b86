//! `os.date("!...")`, `os.time` (in UTC) and `os.difftime` against
//! `tests/golden/stdlib2/ostime.txt`, recorded from luajit with `TZ=UTC`
//! by `tools/gen-stdlib2-ostime.lua`.

use super::*;

const GOLDEN: &[u8] = include_bytes!("../../../tests/golden/stdlib2/ostime.txt");

fn double(hex: &[u8]) -> f64 {
    let hex = std::str::from_utf8(hex).expect("ascii bits");
    f64::from_bits(u64::from_str_radix(hex, 16).expect("hex bit pattern"))
}

fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut it = s.iter();
    while let Some(&b) = it.next() {
        if b == b'\\' {
            match it.next() {
                Some(b'n') => out.push(b'\n'),
                Some(b't') => out.push(b'\t'),
                Some(&c) => out.push(c),
                None => out.push(b'\\'),
            }
        } else {
            out.push(b);
        }
    }
    out
}

fn show_date(r: &DateResult) -> Vec<u8> {
    match r {
        DateResult::Nil => b"nil".to_vec(),
        DateResult::LastArgument => b"arg".to_vec(),
        DateResult::Text(s) => [&b"s:"[..], s].concat(),
        DateResult::Table(tm) => {
            let t = tm.table();
            format!(
                "t:{},{},{},{},{},{},{},{},{}",
                t.sec, t.min, t.hour, t.day, t.month, t.year, t.wday, t.yday, t.isdst
            )
            .into_bytes()
        }
    }
}

fn no_local_time(_: i64) -> Option<Tm> {
    panic!("golden rows only use UTC formats")
}

fn check_time(fields: &[u8], dst: &[u8], local: bool) -> String {
    let f: Vec<Option<f64>> = fields
        .split(|&b| b == b',')
        .map(|x| (x != b"-").then(|| double(x)))
        .collect();
    let get = |i: usize, default: i32| f[i].map_or(default, field_to_int);
    let fields = DateFields {
        sec: get(0, 0),
        min: get(1, 0),
        hour: get(2, 12),
        day: get(3, 0),
        month: get(4, 0),
        year: get(5, 0),
        isdst: match dst {
            b"-" => None,
            b"true" => Some(true),
            _ => Some(false),
        },
    };
    let t = if local {
        local::time_local(&fields)
    } else {
        time_utc(&fields)
    };
    t.map_or("nil".to_string(), |t| t.to_string())
}

/// Replays `date`, `time` and `diff` rows; `local` selects the local-time
/// paths (`os.date` without `!`, `mktime`) instead of the UTC ones.
fn replay<'a>(lines: impl Iterator<Item = &'a [u8]>, local: bool) -> ([usize; 3], Vec<String>) {
    let mut counts = [0usize; 3];
    let mut failures = Vec::new();
    for line in lines {
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        let fields: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
        let (got, want): (Vec<u8>, Vec<u8>) = match fields[0] {
            b"date" => {
                counts[0] += 1;
                let t = to_time_t(double(fields[1]));
                let format = unescape(fields[2]);
                let r = if local {
                    date(&format, t)
                } else {
                    date_with(&format, t, no_local_time)
                };
                (show_date(&r), unescape(fields[3]))
            }
            b"time" => {
                counts[1] += 1;
                (
                    check_time(fields[1], fields[2], local).into_bytes(),
                    fields[3].to_vec(),
                )
            }
            b"diff" => {
                counts[2] += 1;
                let mut args = fields[1].split(|&b| b == b',').map(double);
                let (a, b) = (args.next().unwrap(), args.next().unwrap());
                let d = difftime(to_time_t(a), to_time_t(b));
                (
                    format!("{:016x}", d.to_bits()).into_bytes(),
                    fields[2].to_vec(),
                )
            }
            other => panic!("unknown row kind {:?}", String::from_utf8_lossy(other)),
        };
        if got != want {
            failures.push(format!(
                "{}\n   got {}",
                String::from_utf8_lossy(line),
                String::from_utf8_lossy(&got)
            ));
        }
    }
    (counts, failures)
}

fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} rows differ:\n{}",
        failures.len(),
        failures[..failures.len().min(25)].join("\n")
    );
}

#[test]
fn os_time_functions_match_luajit() {
    let (counts, failures) = replay(GOLDEN.split(|&b| b == b'\n'), false);
    println!(
        "os.date rows: {}, os.time rows: {}, os.difftime rows: {}",
        counts[0], counts[1], counts[2]
    );
    assert!(
        counts.iter().sum::<usize>() > 30_000,
        "golden file too small"
    );
    assert_no_failures(&failures);
}

const LOCAL_GOLDEN: &[u8] = include_bytes!("../../../tests/golden/stdlib2/localtime.txt");

/// The environment variable that makes [`local_zone_child`] check one
/// zone of `localtime.txt`; its process must have `TZ` set to that zone.
const ZONE_VAR: &str = "XLJ_STDLIB2_LOCALTIME_ZONE";

/// The rows of one zone's block in `localtime.txt`.
fn zone_rows(zone: &str) -> Vec<&'static [u8]> {
    let mut current = None;
    let mut rows = Vec::new();
    for line in LOCAL_GOLDEN.split(|&b| b == b'\n') {
        if let Some(name) = line.strip_prefix(b"zone\t") {
            current = Some(name);
        } else if current == Some(zone.as_bytes()) {
            rows.push(line);
        }
    }
    rows
}

/// Checks the zone named in [`ZONE_VAR`]; does nothing without it. Run by
/// [`local_time_matches_luajit_in_zones`] in a child process, because the
/// time zone is process-wide state that tests running in parallel must
/// not change under each other.
#[test]
fn local_zone_child() {
    let Ok(zone) = std::env::var(ZONE_VAR) else {
        return;
    };
    let rows = zone_rows(&zone);
    let (counts, failures) = replay(rows.into_iter(), true);
    println!("local rows checked: {} in {zone}", counts[0] + counts[1]);
    assert!(counts[0] + counts[1] > 100, "no rows for {zone}");
    assert_no_failures(&failures);
}

/// `os.date` without `!` and `os.time` against luajit in several zones,
/// each in a child process of this test binary with `TZ` set. Zones the
/// machine's tz database lacks, and targets where the binary cannot start
/// itself (some emulators), are skipped and reported.
#[cfg(target_os = "linux")]
#[test]
fn local_time_matches_luajit_in_zones() {
    let test_name = format!(
        "{}::local_zone_child",
        module_path!().split_once("::").map_or("", |(_, rest)| rest)
    );
    let zones: Vec<String> = LOCAL_GOLDEN
        .split(|&b| b == b'\n')
        .filter_map(|l| l.strip_prefix(b"zone\t"))
        .map(|z| String::from_utf8_lossy(z).into_owned())
        .collect();
    assert!(zones.len() >= 4, "golden file lists too few zones");
    let exe = std::env::current_exe().expect("test binary path");
    let mut checked = 0;
    let mut failures = Vec::new();
    for zone in &zones {
        if !std::path::Path::new("/usr/share/zoneinfo")
            .join(zone)
            .exists()
        {
            println!("skipped {zone}: not in /usr/share/zoneinfo");
            continue;
        }
        let output = std::process::Command::new(&exe)
            .args([
                test_name.as_str(),
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("TZ", zone)
            .env(ZONE_VAR, zone)
            .output();
        let Ok(output) = output else {
            println!("skipped {zone}: cannot start {}", exe.display());
            continue;
        };
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !stdout.contains("running") {
            // The test harness never started: the binary cannot be run
            // from here (under qemu-user, or without its loader).
            println!("skipped {zone}: {} did not start", exe.display());
            continue;
        }
        if output.status.success() && stdout.contains("local rows checked") {
            checked += 1;
        } else {
            failures.push(format!("{zone}:\n{stdout}"));
        }
    }
    println!("local time checked in {checked} of {} zones", zones.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn calendar_round_trips() {
    for days in (-800_000i64..800_000).step_by(97) {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y, m, i64::from(d)), days);
    }
}

#[test]
fn local_time_is_self_consistent() {
    // Whatever the machine's zone, local fields are UTC fields shifted by
    // the reported offset, and mktime inverts localtime.
    for &t in &[0i64, 1_000_000_000, 1_700_000_000, -86_400 * 365] {
        let Some(tm) = local::localtime(t) else {
            continue;
        };
        let shifted = gmtime(t + tm.gmtoff).unwrap();
        assert_eq!(
            (shifted.hour, shifted.mday, shifted.mon, shifted.year),
            (tm.hour, tm.mday, tm.mon, tm.year)
        );
        assert_eq!(tm.epoch_seconds(), t);
        let fields = DateFields {
            sec: tm.sec,
            min: tm.min,
            hour: tm.hour,
            day: tm.mday,
            month: tm.mon + 1,
            year: tm.year + 1900,
            isdst: Some(tm.isdst > 0),
        };
        assert_eq!(local::time_local(&fields), Some(t));
    }
    assert!(local::clock_seconds() >= 0.0);
}

#[test]
fn out_of_range_fields_do_not_panic() {
    // A `Tm` does not come only from gmtime/localtime; whatever its fields
    // hold, formatting must produce some text rather than overflow.
    let extremes = [i32::MIN, -400, -1, 0, 1, 6, 11, 59, 365, 366, i32::MAX];
    let mut every = b"%%".to_vec();
    for c in b'A'..=b'z' {
        every.extend_from_slice(&[b'%', c, b'%', b'#', b'_', b'9', c]);
    }
    for (i, &a) in extremes.iter().enumerate() {
        for &b in &extremes {
            let tm = Tm {
                sec: a,
                min: b,
                hour: a,
                mday: b,
                mon: a,
                year: b,
                wday: a,
                yday: b,
                isdst: a,
                gmtoff: if i % 2 == 0 { i64::MIN } else { i64::MAX },
                zone: "Z".to_string(),
            };
            assert!(strftime::strftime(&every, &tm, usize::MAX).is_some());
            let _ = tm.epoch_seconds();
        }
    }
    for t in [i64::MIN, i64::MAX, -1, 0] {
        let _ = date_with(b"!%c", t, no_local_time);
    }
}
