//! `cargo xtask`: building xlj for embedded targets and testing it under
//! QEMU, in one command each.
//!
//! ```text
//! cargo xtask cross-build <isa> [--static]  build xlj, print the binary's path
//! cargo xtask cross-test <isa>|all [-p PKG]...   run the tests under qemu-user
//! cargo xtask run <isa> -- <xlj args>    run the cross-built xlj under qemu
//! cargo xtask targets                    list the targets
//! ```

mod shim;
mod targets;
mod toolchain;

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{ExitCode, Stdio};

use targets::{CrossTarget, TARGETS};

/// The packages whose tests run on every target. The `tests` crate carries
/// the golden corpora; the ISA crates check their encoders on hosts of
/// every byte order.
const CROSS_TEST_PACKAGES: &[&str] = &[
    "xlj-runtime",
    "xlj-tests",
    "asm-dsl-core",
    "asm-dsl",
    "xlj-isa-x86",
    "xlj-isa-arm",
    "xlj-isa-arm64",
    "xlj-isa-mips",
    "xlj-isa-ppc",
    "xlj-target-arm64",
];

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Cargo's target directory; it honours CARGO_TARGET_DIR, and so must the
/// paths the xtask prints or hands to QEMU.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

fn target_arg(name: Option<&String>) -> Result<&'static CrossTarget, String> {
    let name = name.ok_or("missing target; one of: x86 armv7 arm64 mips mipsel ppc")?;
    targets::find(name)
        .ok_or_else(|| format!("unknown target '{name}'; one of: x86 armv7 arm64 mips mipsel ppc"))
}

/// Builds xlj for `t` and returns the binary's path. A static build links
/// glibc into the binary (`+crt-static`), so it runs on a board without a
/// matching libc; it goes to its own target directory so that switching
/// between the two does not rebuild std each time.
fn cross_build(t: &CrossTarget, static_link: bool) -> Result<PathBuf, String> {
    toolchain::ensure(t)?;
    let mut dir = target_dir();
    // Built alongside, so that `run` and the bench runner can preload it.
    // (A static binary has no dynamic loader to preload anything.)
    let preload = shim::build(t, &dir)?;
    let mut cmd = toolchain::cross_cargo(t, "build", preload.as_deref());
    if static_link {
        dir = dir.join("static");
        cmd.env("RUSTFLAGS", "-C target-feature=+crt-static")
            .arg("--target-dir")
            .arg(&dir);
    }
    let status = cmd
        .args(["--release", "--bin", "xlj"])
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", toolchain::CARGO))?;
    if !status.success() {
        return Err(format!("cross build for {} failed", t.name));
    }
    Ok(dir.join(t.triple).join("release").join("xlj"))
}

/// Runs the cross tests for one target (all of `CROSS_TEST_PACKAGES`, or
/// the packages named with `-p`); returns (passed, failed) counts.
fn cross_test(t: &CrossTarget, packages: &[String]) -> Result<(u64, u64), String> {
    toolchain::ensure(t)?;
    let preload = shim::build(t, &target_dir())?;
    if let Some(p) = &preload {
        shim::check(t, p)
            .map_err(|e| format!("the QEMU preload shim for {} is broken: {e}", t.name))?;
        println!(
            "{}: preloading {} (checked against power9 and x64 libm)",
            t.name,
            p.display()
        );
    }
    let mut cmd = toolchain::cross_cargo(t, "test", preload.as_deref());
    // Every test binary runs even after one fails, so the counts cover
    // the whole suite.
    cmd.arg("--no-fail-fast");
    let mut default = Vec::new();
    for p in CROSS_TEST_PACKAGES {
        match t.qemu_cannot_run.iter().find(|(name, _)| name == p) {
            Some((_, why)) => println!("{}: skipping {p}: {why}", t.name),
            None => default.push(p.to_string()),
        }
    }
    for p in if packages.is_empty() {
        &default
    } else {
        packages
    } {
        cmd.args(["-p", p]);
    }
    // stdout holds the result lines; stderr is shown as it comes and kept,
    // because a test binary that crashes leaves no result line, only
    // cargo's note on stderr.
    let mut child = cmd
        .current_dir(workspace_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", toolchain::CARGO))?;
    let stderr = child.stderr.take().expect("piped stderr");
    let echo = std::thread::spawn(move || {
        let mut kept = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            kept.push_str(&line);
            kept.push('\n');
        }
        kept
    });
    let mut text = String::new();
    child
        .stdout
        .take()
        .expect("piped stdout")
        .read_to_string(&mut text)
        .map_err(|e| format!("reading cargo's output: {e}"))?;
    let status = child
        .wait()
        .map_err(|e| format!("waiting for {}: {e}", toolchain::CARGO))?;
    let errors = echo.join().unwrap_or_default();
    print!("{text}");
    let (mut passed, mut failed) = (0, 0);
    let mut failed_binaries_with_result = 0;
    for line in text.lines().filter(|l| l.starts_with("test result:")) {
        passed += count_before(line, " passed");
        let f = count_before(line, " failed");
        failed += f;
        failed_binaries_with_result += u64::from(f > 0);
    }
    // Every test binary that failed, by a failing test or by a crash.
    let failed_binaries = errors
        .lines()
        .filter(|l| l.contains("process didn't exit successfully"))
        .count() as u64;
    let crashed = failed_binaries.saturating_sub(failed_binaries_with_result);
    if crashed > 0 {
        println!(
            "{}: {crashed} test binaries crashed (counted as one failure each)",
            t.name
        );
        failed += crashed;
    }
    if !status.success() && failed == 0 {
        failed = 1; // a build failure counts as a failure
    }
    Ok((passed, failed))
}

/// Reads the number just before `word` in a libtest summary line.
fn count_before(line: &str, word: &str) -> u64 {
    line.find(word)
        .and_then(|end| line[..end].rsplit([' ', ';']).next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn run(t: &CrossTarget, args: &[String]) -> Result<i32, String> {
    let bin = cross_build(t, false)?;
    let preload = t.qemu_preload.map(|_| shim::preload_path(t, &target_dir()));
    let status = t
        .qemu_command(preload.as_deref())
        .arg(&bin)
        .args(args)
        .status()
        .map_err(|e| format!("cannot run {}: {e}", t.qemu))?;
    Ok(status.code().unwrap_or(1))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("cross-build") => target_arg(args.get(1))
            .and_then(|t| cross_build(t, args[2..].iter().any(|a| a == "--static")))
            .map(|p| {
            println!("{}", p.display());
            0
        }),
        Some("cross-test") => match args.get(1).map(String::as_str) {
            Some("all") => {
                let packages = package_args(&args[2..]);
                let mut lines = Vec::new();
                let mut all_ok = true;
                for t in TARGETS {
                    match cross_test(t, &packages) {
                        Ok((p, f)) => {
                            all_ok &= f == 0;
                            lines.push(format!("{:<7} {p} passed, {f} failed", t.name));
                        }
                        Err(e) => {
                            all_ok = false;
                            lines.push(format!("{:<7} error: {e}", t.name));
                        }
                    }
                }
                println!("\ncross-test summary:");
                for l in &lines {
                    println!("{l}");
                }
                Ok(if all_ok { 0 } else { 1 })
            }
            _ => target_arg(args.get(1)).and_then(|t| cross_test(t, &package_args(&args[2..]))).map(|(p, f)| {
                println!("{} {p} passed, {f} failed", t_name(&args));
                if f == 0 {
                    0
                } else {
                    1
                }
            }),
        },
        Some("run") => target_arg(args.get(1)).and_then(|t| {
            let rest: Vec<String> = args.iter().skip(2).skip_while(|a| *a == "--").cloned().collect();
            run(t, &rest)
        }),
        Some("targets") => {
            for t in TARGETS {
                println!("{:<7} {:<32} {:<13} debian:{}", t.name, t.triple, t.qemu, t.debian_arch);
            }
            Ok(0)
        }
        _ => Err("usage: cargo xtask cross-build <isa> [--static] | cross-test <isa>|all | run <isa> -- <args> | targets".into()),
    };
    match result {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The packages named by `-p NAME` options.
fn package_args(args: &[String]) -> Vec<String> {
    args.windows(2)
        .filter(|w| w[0] == "-p")
        .map(|w| w[1].clone())
        .collect()
}

fn t_name(args: &[String]) -> &str {
    args.get(1).map(String::as_str).unwrap_or("")
}
