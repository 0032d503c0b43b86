//! The engines compared: xlj's engines, LuaJIT with and without its JIT,
//! and PUC Lua 5.1. Engines that are not installed, or cannot run Lua yet,
//! are skipped with a line saying why.

use std::path::PathBuf;
use std::process::Command;

#[derive(Clone)]
pub struct Engine {
    pub name: &'static str,
    /// The program and its leading arguments (a QEMU prefix for --target).
    pub command: Vec<String>,
}

pub const ALL: &[&str] = &[
    "xlj",
    "xlj-joff",
    "xlj-ref",
    "luajit",
    "luajit-joff",
    "lua5.1",
];

/// Where a cross target's binaries and QEMU live.
pub struct CrossSetup {
    pub qemu: String,
    pub sysroot: String,
    pub xlj: PathBuf,
    /// A folder with a luajit package for that architecture unpacked in it
    /// (`dpkg -x`), if the user has one.
    pub luajit_root: Option<PathBuf>,
    pub gnu: String,
    /// The shim `cargo xtask cross-build` leaves for targets whose QEMU
    /// needs one (ppc: qemu-ppc 7.2 lacks instructions glibc's libm uses).
    pub preload: Option<PathBuf>,
}

fn host_xlj(root: &std::path::Path) -> PathBuf {
    std::env::var_os("XLJ")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/release/xlj"))
}

pub fn build(
    name: &'static str,
    root: &std::path::Path,
    cross: Option<&CrossSetup>,
) -> Option<Engine> {
    let (xlj, luajit, lua, prefix): (String, Option<String>, Option<String>, Vec<String>) =
        match cross {
            None => (
                host_xlj(root).display().to_string(),
                Some("luajit".into()),
                Some("lua5.1".into()),
                vec![],
            ),
            Some(c) => {
                let mut prefix = vec![c.qemu.clone(), "-L".into(), c.sysroot.clone()];
                if let Some(p) = &c.preload {
                    prefix.push("-E".into());
                    prefix.push(format!("LD_PRELOAD={}", p.display()));
                }
                let luajit = c.luajit_root.as_ref().map(|r| {
                    prefix.push("-E".into());
                    prefix.push(format!("LD_LIBRARY_PATH={}/usr/lib/{}", r.display(), c.gnu));
                    r.join("usr/bin/luajit").display().to_string()
                });
                (c.xlj.display().to_string(), luajit, None, prefix)
            }
        };
    let with = |prog: String, args: &[&str]| {
        let mut v = prefix.clone();
        v.push(prog);
        v.extend(args.iter().map(|s| s.to_string()));
        Engine { name, command: v }
    };
    match name {
        "xlj" => Some(with(xlj, &[])),
        "xlj-joff" => Some(with(xlj, &["-joff"])),
        "xlj-ref" => Some(with(xlj, &["--interp=ref"])),
        "luajit" => luajit.map(|l| with(l, &[])),
        "luajit-joff" => luajit.map(|l| with(l, &["-joff"])),
        "lua5.1" => lua.map(|l| with(l, &[])),
        _ => None,
    }
}

impl Engine {
    pub fn command(&self) -> Command {
        let mut c = Command::new(&self.command[0]);
        c.args(&self.command[1..]);
        c
    }

    /// Checks that the engine runs a trivial program; the error says why not.
    pub fn probe(&self) -> Result<(), String> {
        let out = self
            .command()
            .args(["-e", "io.write(6*7)"])
            .output()
            .map_err(|e| format!("not installed ({e})"))?;
        if String::from_utf8_lossy(&out.stdout) == "42" {
            Ok(())
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            Err(format!(
                "cannot run Lua: {}",
                err.lines().next().unwrap_or("no output")
            ))
        }
    }
}
