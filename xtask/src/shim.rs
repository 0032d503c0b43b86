//! LD_PRELOAD shims that make up for gaps in qemu-user, built with the
//! target's cross gcc and handed to the guest as `-E LD_PRELOAD=<path>`.
//!
//! Today there is one: qemu-ppc 7.2 raises SIGILL on the ISA 3.0 `mffs`
//! variants (`mffscrn`, `mffscrni`, `mffsl`, ...) that Debian's 32-bit
//! PowerPC glibc runs in libm, where older hardware quietly treats them as
//! `mffs`. `shims/ppc_mffscrn.c` says how it emulates them.
//!
//! A shim is test-harness code, so the harness checks it before trusting
//! it, against references recorded by `shims/record_golden.sh`:
//!
//! - `shims/forms.S` runs every emulated form on a set of FPSCR and operand
//!   values; the results must equal those of qemu-ppc64 `-cpu power9`,
//!   which implements the forms (`forms.golden`).
//! - Words the shim must not take over must still die of SIGILL, and the
//!   program must not see the shim in its LD_PRELOAD.
//! - `shims/libm_check.c` prints libm results in all four rounding modes;
//!   they must equal the same program's output on x64 with the same glibc
//!   (`libm_check.golden`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::targets::CrossTarget;

/// The folder holding the shims' C sources and golden files.
pub fn source_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("shims")
}

/// Where the shared object for `t` goes: next to its cross builds, under a
/// fixed name, so that the bench runner finds it too.
pub fn preload_path(t: &CrossTarget, target_dir: &Path) -> PathBuf {
    target_dir.join(t.triple).join("qemu-preload.so")
}

/// Runs a cross gcc with `args`; the error carries gcc's own message.
fn gcc(t: &CrossTarget, args: &[&std::ffi::OsStr]) -> Result<(), String> {
    let out = Command::new(t.gcc())
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", t.gcc()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} failed:\n{}",
            t.gcc(),
            String::from_utf8_lossy(&out.stderr).trim_end()
        ))
    }
}

/// Builds the preload shim for `t`, if it needs one, and returns its path.
/// It is rebuilt every time: one small C file, well under a second.
pub fn build(t: &CrossTarget, target_dir: &Path) -> Result<Option<PathBuf>, String> {
    let Some(source) = t.qemu_preload else {
        return Ok(None);
    };
    let out = preload_path(t, target_dir);
    if out.to_string_lossy().contains(char::is_whitespace) {
        // Cargo splits the runner variable at whitespace.
        return Err(format!(
            "the target directory {} contains whitespace, which a qemu runner path cannot",
            target_dir.display()
        ));
    }
    let dir = out.parent().expect("the path has a folder");
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let src = source_dir().join(source);
    gcc(
        t,
        &[
            "-O2".as_ref(),
            "-Wall".as_ref(),
            "-shared".as_ref(),
            "-fPIC".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
            src.as_os_str(),
        ],
    )?;
    Ok(Some(out))
}

fn read_golden(name: &str) -> Result<String, String> {
    let path = source_dir().join(name);
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Checks the shim at `preload` (see the module docs); the error says
/// which check failed and where. Builds its probes next to `preload`.
pub fn check(t: &CrossTarget, preload: &Path) -> Result<(), String> {
    check_forms(t, preload)?;
    check_libm(t, preload)
}

fn check_forms(t: &CrossTarget, preload: &Path) -> Result<(), String> {
    let golden = read_golden("forms.golden")?;
    let exe = preload.with_file_name("forms_check");
    let dir = source_dir();
    gcc(
        t,
        &[
            "-O2".as_ref(),
            "-Wa,--noexecstack".as_ref(),
            "-o".as_ref(),
            exe.as_os_str(),
            dir.join("forms_main.c").as_os_str(),
            dir.join("forms.S").as_os_str(),
        ],
    )?;
    let out = t
        .qemu_command(Some(preload))
        .arg(&exe)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", t.qemu))?;
    if !out.status.success() {
        return Err(format!(
            "the forms probe failed under {} ({})",
            t.qemu, out.status
        ));
    }
    // One line per case, as record_golden.sh writes them with od.
    let got: String = out
        .stdout
        .chunks(16)
        .map(|c| c.iter().map(|b| format!("{b:02x}")).collect::<String>() + "\n")
        .collect();
    compare("forms", "power9", &golden, &got)?;
    let env = t
        .qemu_command(Some(preload))
        .arg(&exe)
        .arg("env")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", t.qemu))?;
    let seen = String::from_utf8_lossy(&env.stdout);
    if seen.trim() != "(unset)" {
        return Err(format!("the program still sees LD_PRELOAD={}", seen.trim()));
    }
    for word in ["illegal", "reserved"] {
        let status = t
            .qemu_command(Some(preload))
            .arg(&exe)
            .arg(word)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", t.qemu))?
            .status;
        if !died_of_sigill(&status) {
            return Err(format!(
                "the {word} word did not die of SIGILL under the shim ({status})"
            ));
        }
    }
    Ok(())
}

/// qemu-user passes a guest's fatal signal on by dying of it itself.
fn died_of_sigill(status: &std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    const SIGILL: i32 = 4;
    status.signal() == Some(SIGILL)
}

fn check_libm(t: &CrossTarget, preload: &Path) -> Result<(), String> {
    let golden = read_golden("libm_check.golden")?;
    let exe = preload.with_file_name("libm_check");
    let src = source_dir().join("libm_check.c");
    gcc(
        t,
        &[
            "-O2".as_ref(),
            "-std=c99".as_ref(),
            "-ffp-contract=off".as_ref(),
            "-frounding-math".as_ref(),
            "-fno-builtin".as_ref(),
            "-o".as_ref(),
            exe.as_os_str(),
            src.as_os_str(),
            "-lm".as_ref(),
        ],
    )?;
    let out = t
        .qemu_command(Some(preload))
        .arg(&exe)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", t.qemu))?;
    let got = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "the libm probe failed under {} with the shim ({}) after {} lines",
            t.qemu,
            out.status,
            got.lines().count()
        ));
    }
    compare("libm", "x64", &golden, &got)
}

/// Compares a probe's output with its reference line by line; the error
/// names the first difference.
pub fn compare(probe: &str, reference: &str, golden: &str, got: &str) -> Result<(), String> {
    let mut want = golden.lines();
    let mut have = got.lines();
    for n in 1.. {
        match (want.next(), have.next()) {
            (None, None) => return Ok(()),
            (w, h) if w == h => {}
            (w, h) => {
                return Err(format!(
                    "{probe} probe line {n}: {reference} gave {:?}, the shim {:?}",
                    w.unwrap_or("<end>"),
                    h.unwrap_or("<end>")
                ))
            }
        }
    }
    unreachable!("the loop only ends by returning")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_names_the_first_difference() {
        assert!(compare("p", "r", "a\nb\n", "a\nb\n").is_ok());
        let e = compare("p", "r", "a\nb\n", "a\nc\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = compare("p", "r", "a\nb\n", "a\n").unwrap_err();
        assert!(e.contains("<end>"), "{e}");
    }

    /// The full check, where the ppc cross gcc and qemu-ppc are installed
    /// (the references themselves are the committed golden files).
    #[test]
    fn ppc_shim_passes_its_checks() {
        let t = crate::targets::find("ppc").expect("ppc is a target");
        for tool in [t.gcc(), t.qemu.to_string()] {
            if !crate::toolchain::on_path(&tool) {
                eprintln!("skipped: {tool} is not installed");
                return;
            }
        }
        let dir = std::env::temp_dir().join(format!("xlj-xtask-shim-{}", std::process::id()));
        let result = build(t, &dir).and_then(|p| check(t, &p.expect("ppc has a shim")));
        let _ = std::fs::remove_dir_all(&dir);
        result.unwrap();
    }
}
