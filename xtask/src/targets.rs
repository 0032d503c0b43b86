//! The cross targets: one row per ISA, everything the build and QEMU need.

use std::path::Path;
use std::process::Command;

/// How to build for and run on one target.
pub struct CrossTarget {
    /// The name used on the command line (`cargo xtask cross-build ppc`).
    pub name: &'static str,
    /// The Rust target triple.
    pub triple: &'static str,
    /// Debian's GNU triple: names the cross gcc, its sysroot (`/usr/<gnu>`)
    /// and the Debian package suffix.
    pub gnu: &'static str,
    /// The qemu-user binary.
    pub qemu: &'static str,
    /// Debian architecture name, for `dpkg --add-architecture` users.
    pub debian_arch: &'static str,
    /// Extra packages beyond `gcc-<gnu>` that this target's link needs.
    pub libc_dev: &'static str,
    /// Test packages the emulator cannot run on this target, with why;
    /// `cross-test` leaves them out by default and says so.
    pub qemu_cannot_run: &'static [(&'static str, &'static str)],
    /// A C file in `xtask/shims/` that is built into a shared object and
    /// preloaded into every program QEMU runs for this target, to make up
    /// for something the emulator lacks (see `shim.rs`).
    pub qemu_preload: Option<&'static str>,
}

pub const TARGETS: &[CrossTarget] = &[
    CrossTarget {
        name: "x86",
        triple: "i686-unknown-linux-gnu",
        gnu: "i686-linux-gnu",
        qemu: "qemu-i386",
        debian_arch: "i386",
        libc_dev: "libc6-dev-i386-cross",
        qemu_cannot_run: &[],
        qemu_preload: None,
    },
    CrossTarget {
        name: "armv7",
        triple: "armv7-unknown-linux-gnueabihf",
        gnu: "arm-linux-gnueabihf",
        qemu: "qemu-arm",
        debian_arch: "armhf",
        libc_dev: "libc6-dev-armhf-cross",
        qemu_cannot_run: &[],
        qemu_preload: None,
    },
    CrossTarget {
        name: "arm64",
        triple: "aarch64-unknown-linux-gnu",
        gnu: "aarch64-linux-gnu",
        qemu: "qemu-aarch64",
        debian_arch: "arm64",
        libc_dev: "libc6-dev-arm64-cross",
        qemu_cannot_run: &[],
        qemu_preload: None,
    },
    CrossTarget {
        name: "mips",
        triple: "mips-unknown-linux-gnu",
        gnu: "mips-linux-gnu",
        qemu: "qemu-mips",
        debian_arch: "mips",
        libc_dev: "libc6-dev-mips-cross",
        qemu_cannot_run: &[],
        qemu_preload: None,
    },
    CrossTarget {
        name: "mipsel",
        triple: "mipsel-unknown-linux-gnu",
        gnu: "mipsel-linux-gnu",
        qemu: "qemu-mipsel",
        debian_arch: "mipsel",
        libc_dev: "libc6-dev-mipsel-cross",
        qemu_cannot_run: &[],
        qemu_preload: None,
    },
    CrossTarget {
        name: "ppc",
        triple: "powerpc-unknown-linux-gnu",
        gnu: "powerpc-linux-gnu",
        qemu: "qemu-ppc",
        debian_arch: "powerpc",
        libc_dev: "libc6-dev-powerpc-cross",
        qemu_cannot_run: &[],
        // Debian's 32-bit PowerPC glibc runs `mffscrn`/`mffscrni`/`mffsl`
        // in libm (sin, atan2, ...); qemu-ppc 7.2 rejects them with
        // SIGILL, hardware before POWER9 runs them as `mffs`.
        qemu_preload: Some("ppc_mffscrn.c"),
    },
];

pub fn find(name: &str) -> Option<&'static CrossTarget> {
    TARGETS.iter().find(|t| t.name == name || t.triple == name)
}

impl CrossTarget {
    /// The sysroot qemu-user loads the dynamic linker and libc from.
    pub fn sysroot(&self) -> String {
        format!("/usr/{}", self.gnu)
    }

    pub fn gcc(&self) -> String {
        format!("{}-gcc", self.gnu)
    }

    /// The `CARGO_TARGET_<TRIPLE>_` prefix of cargo's per-target variables.
    pub fn cargo_env_prefix(&self) -> String {
        format!(
            "CARGO_TARGET_{}_",
            self.triple.to_uppercase().replace('-', "_")
        )
    }

    /// The command line that runs one of this target's binaries, with the
    /// preload shim built by `shim::build` if the target has one.
    pub fn runner(&self, preload: Option<&Path>) -> String {
        let mut cmd = format!("{} -L {}", self.qemu, self.sysroot());
        if let Some(p) = preload {
            cmd.push_str(&format!(" -E LD_PRELOAD={}", p.display()));
        }
        cmd
    }

    /// The same command line as `runner`, as a `Command` ready for the
    /// program's path and arguments.
    pub fn qemu_command(&self, preload: Option<&Path>) -> Command {
        let mut cmd = Command::new(self.qemu);
        cmd.arg("-L").arg(self.sysroot());
        if let Some(p) = preload {
            cmd.arg("-E").arg(format!("LD_PRELOAD={}", p.display()));
        }
        cmd
    }
}
