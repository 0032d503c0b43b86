//! The benchmark runner: every program in `bench/lua/` on every engine,
//! side by side in one run.
//!
//! ```text
//! cargo run --release -p bench -- [--quick] [--engines LIST] [--runs N]
//!                                 [--only NAMES] [--target ISA] [--luajit-root DIR]
//! ```
//!
//! Each engine must print the same checksum as the first engine that ran
//! the benchmark; a mismatch is reported as a failure and not timed. The
//! report (median wall time, peak memory, ratios against luajit and lua5.1
//! with geometric means) goes to the terminal and to
//! `bench/results/<date>-<host>.{md,json,svg}`.

mod engines;
mod measure;
mod report;
mod suite;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use report::{Cell, Results};

struct Options {
    quick: bool,
    runs: usize,
    engines: Vec<&'static str>,
    only: Option<Vec<String>>,
    target: Option<String>,
    luajit_root: Option<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        quick: false,
        runs: 3,
        engines: engines::ALL.to_vec(),
        only: None,
        target: None,
        luajit_root: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--quick" => o.quick = true,
            "--runs" => o.runs = value("--runs")?.parse().map_err(|_| "--runs takes a number")?,
            "--engines" => {
                let list = value("--engines")?;
                o.engines = list
                    .split(',')
                    .map(|e| {
                        engines::ALL.iter().copied().find(|k| *k == e).ok_or_else(|| {
                            format!("unknown engine '{e}'; known: {}", engines::ALL.join(","))
                        })
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--only" => o.only = Some(value("--only")?.split(',').map(String::from).collect()),
            "--target" => o.target = Some(value("--target")?),
            "--luajit-root" => o.luajit_root = Some(PathBuf::from(value("--luajit-root")?)),
            "-h" | "--help" => {
                return Err("usage: bench [--quick] [--engines LIST] [--runs N] [--only NAMES] [--target ISA] [--luajit-root DIR]".into())
            }
            _ => return Err(format!("unknown option '{a}'")),
        }
    }
    if o.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    Ok(o)
}

/// The cross target table, kept in step with xtask's.
fn cross_setup(
    root: &Path,
    isa: &str,
    luajit_root: Option<PathBuf>,
) -> Result<engines::CrossSetup, String> {
    let (triple, gnu, qemu) = match isa {
        "x86" => ("i686-unknown-linux-gnu", "i686-linux-gnu", "qemu-i386"),
        "armv7" => (
            "armv7-unknown-linux-gnueabihf",
            "arm-linux-gnueabihf",
            "qemu-arm",
        ),
        "arm64" => (
            "aarch64-unknown-linux-gnu",
            "aarch64-linux-gnu",
            "qemu-aarch64",
        ),
        "mips" => ("mips-unknown-linux-gnu", "mips-linux-gnu", "qemu-mips"),
        "mipsel" => (
            "mipsel-unknown-linux-gnu",
            "mipsel-linux-gnu",
            "qemu-mipsel",
        ),
        "ppc" => ("powerpc-unknown-linux-gnu", "powerpc-linux-gnu", "qemu-ppc"),
        _ => return Err(format!("unknown target '{isa}'")),
    };
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let xlj = target_dir.join(triple).join("release/xlj");
    if !xlj.exists() {
        return Err(format!(
            "{} is missing: run `cargo xtask cross-build {isa}` first",
            xlj.display()
        ));
    }
    let preload = target_dir.join(triple).join("qemu-preload.so");
    Ok(engines::CrossSetup {
        qemu: qemu.into(),
        sysroot: format!("/usr/{gnu}"),
        xlj,
        luajit_root,
        gnu: gnu.into(),
        preload: preload.exists().then_some(preload),
    })
}

fn machine_name() -> String {
    let host =
        std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_else(|_| "host".into());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let host = host.trim().to_string();
    if cpu.is_empty() {
        host
    } else {
        format!("{host} ({cpu})")
    }
}

/// Today's date (UTC) as YYYY-MM-DD, from the days since the epoch.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let z = (secs / 86400) as i64 + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let opts = parse_args()?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench lives in the workspace")
        .to_path_buf();
    let mut benchmarks = suite::discover(&root.join("bench/lua"))?;
    if let Some(only) = &opts.only {
        benchmarks.retain(|b| only.contains(&b.name));
    }
    let cross = match &opts.target {
        Some(isa) => Some(cross_setup(&root, isa, opts.luajit_root.clone())?),
        None => None,
    };

    let mut engines = Vec::new();
    for name in &opts.engines {
        match engines::build(name, &root, cross.as_ref()) {
            None => println!("{name}: skipped (not available for this target)"),
            Some(e) => match e.probe() {
                Ok(()) => engines.push(e),
                Err(why) => println!("{name}: skipped ({why})"),
            },
        }
    }
    if engines.is_empty() {
        return Err("no engine can run".into());
    }

    let mut results = Results {
        engines: engines.iter().map(|e| e.name.to_string()).collect(),
        benchmarks: benchmarks.iter().map(|b| b.name.clone()).collect(),
        cells: Vec::new(),
        runs: opts.runs,
        quick: opts.quick,
        machine: match &opts.target {
            Some(t) => format!("{} under QEMU ({t})", machine_name()),
            None => machine_name(),
        },
        date: today(),
    };
    let total = benchmarks.len() * engines.len();
    // SAFETY: isatty only inspects the descriptor number.
    let progress = unsafe { libc::isatty(2) } == 1;
    let mut done = 0;
    for b in &benchmarks {
        let size = if opts.quick { b.quick_size } else { b.size };
        let mut row = Vec::new();
        let mut reference: Option<(String, String)> = None;
        for e in &engines {
            done += 1;
            if progress {
                eprint!("\r[{done}/{total}] {} on {}{:30}", b.name, e.name, "");
                let _ = std::io::stderr().flush();
            }
            let mut times = Vec::new();
            let mut peak = 0;
            let mut cell = None;
            for _ in 0..opts.runs {
                let mut cmd = e.command();
                cmd.arg(&b.path)
                    .arg(size.to_string())
                    .current_dir(root.join("bench/lua"));
                let run = measure::run_once(cmd);
                if !run.ok {
                    let msg = run
                        .stderr
                        .lines()
                        .next()
                        .unwrap_or("non-zero exit")
                        .to_string();
                    cell = Some(Cell::Failed(msg));
                    break;
                }
                match &reference {
                    None => reference = Some((e.name.to_string(), run.stdout.clone())),
                    Some((who, out)) if *out != run.stdout => {
                        cell = Some(Cell::Mismatch(format!(
                            "{} printed {:?}, {who} printed {:?}",
                            e.name,
                            run.stdout.trim(),
                            out.trim()
                        )));
                        break;
                    }
                    Some(_) => {}
                }
                times.push(run.seconds);
                peak = peak.max(run.peak_kib);
            }
            row.push(cell.unwrap_or_else(|| Cell::Timed {
                seconds: measure::median(&mut times),
                peak_kib: peak,
            }));
        }
        results.cells.push(row);
    }
    if progress {
        eprintln!("\r{:60}", "");
    }

    let md = report::markdown(&results);
    println!("{md}");
    let dir = root.join("bench/results");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let host =
        std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_else(|_| "host".into());
    let suffix = opts
        .target
        .as_ref()
        .map(|t| format!("-{t}"))
        .unwrap_or_default();
    let stem = dir.join(format!("{}-{}{suffix}", results.date, host.trim()));
    for (ext, text) in [
        ("md", md.clone()),
        ("json", report::json(&results)),
        ("svg", report::svg(&results)),
    ] {
        let path = stem.with_extension(ext);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(if results.failures() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
