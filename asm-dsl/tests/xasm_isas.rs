//! `xasm` on every registered ISA, against the ISAs' golden files (bytes
//! recorded from GNU as): for a sample of rows, `xasm` must assemble the
//! row's text to GNU as's bytes, and `xasm -d` of those bytes must print
//! text that `xasm` assembles back to the same bytes.

use std::process::Command;

/// Whether this process can start the `xasm` binary. Under qemu-user
/// (cross test runs) a child binary of the target cannot be started
/// without binfmt support; there the tests skip. On x64 hosts (which CI
/// uses) it must work.
fn can_run_xasm() -> bool {
    let ok = Command::new(env!("CARGO_BIN_EXE_xasm"))
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && !cfg!(target_arch = "x86_64") {
        eprintln!("skipped: cannot start xasm here (cross run without binfmt?)");
        return false;
    }
    true
}

fn xasm(args: &[&str]) -> (bool, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_xasm"))
        .args(args)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Every `stride`-th plain row (`text | bytes`) of a golden file.
fn sample(file: &str, stride: usize) -> Vec<(String, String)> {
    let path = format!("{}/../targets/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows: Vec<(String, String)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('~'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            (f.len() == 2).then(|| {
                let hex: Vec<String> = f[1]
                    .split_whitespace()
                    .flat_map(|w| {
                        (0..w.len())
                            .step_by(2)
                            .map(|i| w[i..i + 2].to_string())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                (f[0].trim().to_string(), hex.join(" "))
            })
        })
        .collect();
    assert!(rows.len() > 100, "{file}: too few rows");
    rows.into_iter().step_by(stride).collect()
}

fn check(arch: &str, file: &str, addr: &str) {
    let rows = sample(file, 211);
    for (text, hex) in &rows {
        let (ok, out, err) = xasm(&["--arch", arch, "--addr", addr, text]);
        assert!(ok, "{arch}: `{text}`: {err}");
        assert_eq!(out.trim(), hex, "{arch}: `{text}`");

        let (ok, out, err) = xasm(&["--arch", arch, "--addr", addr, "-d", hex]);
        assert!(ok, "{arch}: -d {hex}: {err}");
        // `address  bytes  text` per instruction; reassemble the texts.
        let texts: Vec<String> = out
            .lines()
            .map(|l| {
                // Bytes are single-space separated; two spaces end them.
                let rest = l.split_once("  ").unwrap().1;
                rest.split_once("  ").unwrap().1.trim().to_string()
            })
            .collect();
        let addr0 = u64::from_str_radix(addr.trim_start_matches("0x"), 16).unwrap();
        let mut back = Vec::new();
        let mut at = addr0;
        for (line, t) in out.lines().zip(&texts) {
            let here = u64::from_str_radix(line.split_whitespace().next().unwrap(), 16).unwrap();
            assert_eq!(here, at, "{arch}: {line}");
            let (ok, b, err) = xasm(&["--arch", arch, "--addr", &format!("{here:#x}"), t]);
            assert!(ok, "{arch}: `{t}` (from -d {hex}): {err}");
            at += b.split_whitespace().count() as u64;
            back.push(b.trim().to_string());
        }
        assert_eq!(back.join(" "), *hex, "{arch}: {hex} -> {texts:?}");
    }
    println!("{arch}: {} rows through xasm", rows.len());
}

#[test]
fn x86_family() {
    if !can_run_xasm() {
        return;
    }
    check("x64", "x86/isa/tests/golden/x64.txt", "0x10000");
    check("x86", "x86/isa/tests/golden/x86.txt", "0x10000");
}

#[test]
fn arm_family() {
    if !can_run_xasm() {
        return;
    }
    check("armv7", "arm/isa/tests/golden/arm.txt", "0x4000000");
    check("arm64", "arm64/isa/tests/golden/arm64.txt", "0x0");
}

#[test]
fn mips_and_ppc() {
    if !can_run_xasm() {
        return;
    }
    check("mips", "mips/isa/tests/golden/mips.txt", "0x10000000");
    check("mipsel", "mips/isa/tests/golden/mipsel.txt", "0x10000000");
    check("ppc", "ppc/isa/tests/golden/ppc.txt", "0x4000000");
}
