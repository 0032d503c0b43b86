//! Finding (and, as root, installing) the cross toolchain.
//!
//! Only the host toolchain comes from rustup here. Cross builds use
//! Debian's `rustc-web`/`cargo-web` (with `rust-web-src` for std sources,
//! built per target with `-Zbuild-std`), Debian's cross gcc as linker and
//! qemu-user to run the results.

use std::path::Path;
use std::process::Command;

use crate::targets::CrossTarget;

/// Debian's cargo and rustc, which can build std from source.
pub const CARGO: &str = "/usr/bin/cargo";
pub const RUSTC: &str = "/usr/bin/rustc";
const STD_SOURCES: &str = "/usr/lib/rustlib/src/rust/library";

pub fn on_path(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool} >/dev/null 2>&1")])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// The Debian packages this target still lacks.
fn missing_packages(t: &CrossTarget) -> Vec<String> {
    let mut missing = Vec::new();
    if !Path::new(CARGO).exists() {
        missing.push("cargo-web".to_string());
    }
    if !Path::new(RUSTC).exists() {
        missing.push("rustc-web".to_string());
    }
    if !Path::new(STD_SOURCES).exists() {
        missing.push("rust-web-src".to_string());
    }
    if !on_path(&t.gcc()) {
        missing.push(format!("gcc-{}", t.gnu));
    }
    if !Path::new(&format!("{}/include/stdio.h", t.sysroot())).exists() {
        missing.push(t.libc_dev.to_string());
    }
    if !on_path(t.qemu) {
        missing.push("qemu-user".to_string());
    }
    missing
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Makes sure the toolchain for `t` is present, installing it with apt when
/// running as root; otherwise says exactly what to install.
pub fn ensure(t: &CrossTarget) -> Result<(), String> {
    let missing = missing_packages(t);
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    if !is_root() || !on_path("apt-get") {
        return Err(format!(
            "the {} toolchain is incomplete; install: sudo apt-get install {list}",
            t.name
        ));
    }
    eprintln!("xtask: installing {list}");
    let ok = Command::new("sh")
        .args(["-c", &format!("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {list}")])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let still = missing_packages(t);
    if ok && still.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "installing failed; install by hand: apt-get install {}",
            still.join(" ")
        ))
    }
}

/// A `cargo` command for `t` with Debian's toolchain, the cross linker and
/// qemu as the runner (so `cargo test` runs test binaries under QEMU, with
/// the target's preload shim if it has one).
pub fn cross_cargo(t: &CrossTarget, subcommand: &str, preload: Option<&Path>) -> Command {
    let mut cmd = Command::new(CARGO);
    // The outer `cargo xtask` runs under rustup; its variables must not
    // leak into the Debian toolchain.
    for var in [
        "RUSTUP_TOOLCHAIN",
        "RUSTC_WRAPPER",
        "CARGO",
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
    ] {
        cmd.env_remove(var);
    }
    let prefix = t.cargo_env_prefix();
    cmd.env("RUSTC", RUSTC)
        .env("RUSTDOC", "/usr/bin/rustdoc")
        .env("RUSTC_BOOTSTRAP", "1")
        .env(format!("{prefix}LINKER"), t.gcc())
        .env(format!("{prefix}RUNNER"), t.runner(preload))
        .env(format!("CC_{}", t.triple.replace('-', "_")), t.gcc())
        .arg(subcommand)
        .arg("-Zbuild-std=std,panic_abort")
        .arg("--target")
        .arg(t.triple);
    cmd
}
