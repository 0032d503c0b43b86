//! Differential tests of xlj's engines (issue #5): generated Lua programs
//! (`xlj_tests::gen`) must print the same under every engine.
//!
//! `engines_agree` runs each program under every engine the built `xlj`
//! binary accepts (`--interp=ref`, `--interp=asm`; an engine the binary
//! refuses as unknown is skipped with a note), and in-process under the
//! reference interpreter and the host's generated interpreter (where the
//! target module has one). Binaries are compared on stdout, stderr (up to
//! addresses) and exit status; in-process runs on stdout and success. On
//! a mismatch it prints the seed, the first differing line with the
//! source line that printed it, and the program cut down to the sections
//! that still disagree. `XLJ_DIFF_N` sets how many programs (200; 60 in
//! unoptimised builds), `XLJ_DIFF_SEED` the first seed, `XLJ_BIN` the
//! binary (by default the `xlj` in this test's profile directory: build
//! it with `cargo build --release --bin xlj`; a stale binary tests stale
//! code).
//!
//! `reference_matches_luajit` checks the in-process engines against the
//! outputs `luajit -joff` printed for the same programs, recorded by
//! `tests/tools/diff_vs_luajit.py --record`. Neither test needs a child
//! process to do its work, so both run under qemu-user (`cargo xtask
//! cross-test`), where child processes cannot start and the binary
//! engines are skipped with a note.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use xlj_runtime::vm::{SharedBuf, Vm};
use xlj_tests::gen::{self, Config, Program};

/// What one engine printed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// The exit status; `None` when killed by a signal or timed out.
    status: Option<i32>,
}

#[derive(Clone, Debug)]
enum Engine {
    /// `xlj --interp=NAME` as a child process.
    Binary { path: PathBuf, interp: &'static str },
    /// A VM in this process, with the host's generated interpreter
    /// (`asm`) or the reference interpreter alone. Its stderr and status
    /// are not the command's, so only stdout is compared with binaries.
    InProcess { asm: bool },
}

impl Engine {
    fn name(&self) -> String {
        match self {
            Engine::Binary { interp, .. } => format!("xlj --interp={interp}"),
            Engine::InProcess { asm: false } => "ref in-process".to_string(),
            Engine::InProcess { asm: true } => "asm in-process".to_string(),
        }
    }

    fn run(&self, dir: &Path, file: &str, source: &str) -> Outcome {
        match self {
            Engine::Binary { path, interp } => {
                if let Err(e) = std::fs::write(dir.join(file), source) {
                    return failed(format!("cannot write {file}: {e}"));
                }
                let arg = format!("--interp={interp}");
                run_child(path, &[arg.as_str(), file], dir)
            }
            Engine::InProcess { asm } => run_in_process(file, source, *asm),
        }
    }
}

fn failed(why: String) -> Outcome {
    Outcome {
        stdout: Vec::new(),
        stderr: why.into_bytes(),
        status: None,
    }
}

/// Runs a program on a fresh VM, on the host's generated interpreter
/// with `asm`; the chunk is named as the command names a script file, so
/// error messages match.
fn run_in_process(file: &str, source: &str, asm: bool) -> Outcome {
    let mut vm = match Vm::new() {
        Ok(vm) => vm,
        Err(_) => return failed("cannot create a VM".into()),
    };
    if asm {
        match xlj_targets::host_interpreter() {
            Some(Ok(engine)) => vm.set_engine(Some(engine)),
            Some(Err(msg)) => return failed(format!("cannot generate the interpreter: {msg}")),
            None => return failed("this host has no generated interpreter".into()),
        }
    }
    let buf = SharedBuf::default();
    vm.out = Box::new(buf.clone());
    let result = vm
        .load(source.as_bytes(), &format!("@{file}"))
        .and_then(|f| vm.call(f, &[]));
    let (stderr, status) = match result {
        Ok(_) => (Vec::new(), Some(0)),
        Err(e) => (
            format!("xlj: {}\n", vm.error_text(&e)).into_bytes(),
            Some(1),
        ),
    };
    let _ = vm.out.flush();
    let stdout = buf.0.borrow().clone();
    Outcome {
        stdout,
        stderr,
        status,
    }
}

/// A safety net for an engine that hangs: far above what any generated
/// program takes, so it never decides a passing run.
const HANG_LIMIT: Duration = Duration::from_secs(60);

fn run_child(path: &Path, args: &[&str], dir: &Path) -> Outcome {
    let child = Command::new(path)
        .args(args)
        .current_dir(dir)
        .env_remove("LUA_INIT")
        .env_remove("XLJ_INTERP")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return failed(format!("cannot start {}: {e}", path.display())),
    };
    // Read both pipes on threads so a chatty child never blocks.
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s.code(),
            Ok(None) if start.elapsed() > HANG_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => break None,
        }
    };
    Outcome {
        stdout: out_t.join().unwrap_or_default(),
        stderr: err_t.join().unwrap_or_default(),
        status,
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

/// The `xlj` binary: `XLJ_BIN`, or `xlj` in this test's profile
/// directory (`target/<profile>/deps/differential-*` → `target/<profile>`).
fn xlj_binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("XLJ_BIN") {
        return Some(PathBuf::from(p));
    }
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    let p = profile_dir.join(format!("xlj{}", std::env::consts::EXE_SUFFIX));
    p.is_file().then_some(p)
}

/// The engines to compare, with notes on those left out.
fn engines(dir: &Path) -> Vec<Engine> {
    let mut out = Vec::new();
    match xlj_binary() {
        None => println!(
            "note: no xlj binary next to this test (build it with `cargo build --release --bin xlj`, or set XLJ_BIN); binary engines skipped"
        ),
        Some(path) => {
            for interp in ["ref", "asm"] {
                let arg = format!("--interp={interp}");
                let probe = run_child(&path, &[arg.as_str(), "-e", "io.write('ok')"], dir);
                if probe.stdout == b"ok" && probe.status == Some(0) {
                    out.push(Engine::Binary {
                        path: path.clone(),
                        interp,
                    });
                } else if String::from_utf8_lossy(&probe.stderr).contains("unknown interpreter") {
                    println!("note: {} refuses --interp={interp}: engine skipped", path.display());
                } else {
                    println!(
                        "note: cannot run {} {arg} (under qemu-user child processes cannot start): {}",
                        path.display(),
                        String::from_utf8_lossy(&probe.stderr).trim()
                    );
                }
            }
        }
    }
    out.push(Engine::InProcess { asm: false });
    match xlj_targets::host_interpreter() {
        Some(Ok(_)) => out.push(Engine::InProcess { asm: true }),
        Some(Err(msg)) => println!("note: the host's interpreter cannot be generated: {msg}"),
        None => println!("note: no generated interpreter for this host; asm in-process skipped"),
    }
    out
}

/// A scratch directory for program files, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let p = std::env::temp_dir().join(format!("xlj-diff-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&p).expect("scratch directory");
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `0x` and the hex digits after it as `0x?`: a traceback's last line
/// shows the address of a host function, which differs between runs.
fn hide_addresses(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"0x") {
            out.extend_from_slice(b"0x?");
            i += 2;
            while i < b.len() && b[i].is_ascii_hexdigit() {
                i += 1;
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Whether two outcomes agree: everything for two binaries (up to
/// addresses in messages), stdout and success only when one side ran
/// in-process.
fn agree(a: &Engine, x: &Outcome, b: &Engine, y: &Outcome) -> bool {
    let both_binary = matches!(a, Engine::Binary { .. }) && matches!(b, Engine::Binary { .. });
    if both_binary {
        x.stdout == y.stdout
            && x.status == y.status
            && hide_addresses(&x.stderr) == hide_addresses(&y.stderr)
    } else {
        x.stdout == y.stdout && (x.status == Some(0)) == (y.status == Some(0))
    }
}

/// Bytes as text, one char per byte, so that any output can be shown.
fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

/// The first line where `a` and `b` differ: (number from 1, a's, b's).
fn first_difference(a: &[u8], b: &[u8]) -> Option<(usize, String, String)> {
    let la: Vec<&[u8]> = a.split(|&c| c == b'\n').collect();
    let lb: Vec<&[u8]> = b.split(|&c| c == b'\n').collect();
    for i in 0..la.len().max(lb.len()) {
        let x = la.get(i).copied();
        let y = lb.get(i).copied();
        if x != y {
            let show = |l: Option<&[u8]>| l.map_or("<no line>".to_string(), latin1);
            return Some((i + 1, show(x), show(y)));
        }
    }
    None
}

/// The program line that printed an output line, found by the tag the
/// line starts with.
fn source_of<'a>(program: &'a str, output_line: &str) -> Option<&'a str> {
    let tag = output_line.split('\t').next()?.trim_end_matches(['+', '!']);
    if tag.is_empty() {
        return None;
    }
    let quoted = format!("\"{tag}\"");
    program.lines().find(|l| l.contains(&quoted)).map(str::trim)
}

/// Describes how outcome `y` of `b` differs from `x` of `a`.
fn describe(program: &str, a: &Engine, x: &Outcome, b: &Engine, y: &Outcome) -> String {
    let mut s = format!("{} vs {}:\n", a.name(), b.name());
    if x.status != y.status {
        s += &format!("  exit status {:?} vs {:?}\n", x.status, y.status);
    }
    let (xe, ye) = (hide_addresses(&x.stderr), hide_addresses(&y.stderr));
    for (what, p, q) in [("stdout", &x.stdout, &y.stdout), ("stderr", &xe, &ye)] {
        if let Some((n, l, r)) = first_difference(p, q) {
            s += &format!("  {what} line {n}:\n    {l}\n    {r}\n");
            if let Some(src) = source_of(program, &l).or_else(|| source_of(program, &r)) {
                s += &format!("  printed by: {src}\n");
            }
        }
    }
    s
}

/// Whether the engines disagree on `source`; returns the description of
/// the first disagreement.
fn disagreement(engines: &[Engine], dir: &Path, file: &str, source: &str) -> Option<String> {
    let first = engines[0].run(dir, file, source);
    for e in &engines[1..] {
        let o = e.run(dir, file, source);
        if !agree(&engines[0], &first, e, &o) {
            return Some(describe(source, &engines[0], &first, e, &o));
        }
    }
    None
}

/// Leaves out every section whose removal keeps the engines disagreeing;
/// returns which sections are kept.
fn minimise(engines: &[Engine], dir: &Path, file: &str, prog: &Program) -> Vec<bool> {
    let mut keep = vec![true; prog.sections.len()];
    for i in 0..keep.len() {
        keep[i] = false;
        if disagreement(engines, dir, file, &prog.with_sections(&keep)).is_none() {
            keep[i] = true;
        }
    }
    keep
}

#[test]
fn engines_agree() {
    let scratch = Scratch::new("engines");
    let dir = &scratch.0;
    let engines = engines(dir);
    if engines.len() < 2 {
        println!("note: only the reference interpreter can run here; nothing to compare");
        return;
    }
    let names: Vec<String> = engines.iter().map(Engine::name).collect();
    println!("engines: {}", names.join(", "));
    // Unoptimised builds (which `cargo xtask cross-test` runs under qemu)
    // compare fewer programs by default.
    let n = env_u64("XLJ_DIFF_N", if cfg!(debug_assertions) { 60 } else { 200 });
    let seed0 = env_u64("XLJ_DIFF_SEED", 1);
    let config = Config {
        same_host: true,
        ..Config::default()
    };
    let mut failures = Vec::new();
    for seed in seed0..seed0 + n {
        let prog = gen::parts(seed, config);
        let file = format!("{seed}.lua");
        let source = prog.text();
        if let Some(why) = disagreement(&engines, dir, &file, &source) {
            let keep = minimise(&engines, dir, &file, &prog);
            // The whole minimised program goes to a file that outlives
            // the test; the report shows the sections without the prelude.
            let kept = std::env::temp_dir().join(format!("xlj-diff-min-{seed}.lua"));
            let saved = match std::fs::write(&kept, prog.with_sections(&keep)) {
                Ok(()) => format!("saved as {}", kept.display()),
                Err(e) => format!("not saved: {e}"),
            };
            let sections: String = prog
                .sections
                .iter()
                .zip(&keep)
                .filter(|(_, &k)| k)
                .map(|(s, _)| s.as_str())
                .collect();
            println!(
                "seed {seed} (rerun: XLJ_DIFF_SEED={seed} XLJ_DIFF_N=1; program: xlj-gen --same-host {seed} -): {why}sections that still disagree (whole program {saved}):\n{sections}"
            );
            failures.push(seed);
            if failures.len() >= 5 {
                break;
            }
        }
    }
    println!("{n} programs from seed {seed0} compared");
    assert!(
        failures.is_empty(),
        "engines disagree on seeds {failures:?}"
    );
}

/// Where `tests/tools/diff_vs_luajit.py --record` puts luajit's outputs.
fn golden_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("differential/luajit.txt")
}

/// FNV-1a 64, as the recording script computes it, naming the exact
/// program an output belongs to.
fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One recorded run: seed, program hash, luajit's stdout.
fn golden_runs(bytes: &[u8]) -> Vec<(u64, u64, &[u8])> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let nl = rest.iter().position(|&b| b == b'\n').expect("header line");
        let head = std::str::from_utf8(&rest[..nl]).expect("ASCII header");
        let f: Vec<&str> = head.split(' ').collect();
        assert!(
            f.len() == 7 && f[0] == "===" && f[1] == "seed" && f[3] == "program" && f[5] == "bytes",
            "bad golden header {head:?}"
        );
        let seed: u64 = f[2].parse().expect("seed");
        let hash = u64::from_str_radix(f[4], 16).expect("hash");
        let len: usize = f[6].parse().expect("length");
        let body = &rest[nl + 1..nl + 1 + len];
        out.push((seed, hash, body));
        rest = &rest[nl + 1 + len..];
    }
    out
}

/// Differences from luajit that are known xlj bugs, by a piece of the
/// source line that printed them; those lines are left out of the
/// comparison until the bugs are fixed.
const KNOWN_XLJ_BUGS: &[(&str, &str)] = &[];

fn known_bug(program: &str, line: &str) -> bool {
    source_of(program, line).is_some_and(|src| KNOWN_XLJ_BUGS.iter().any(|(p, _)| src.contains(p)))
}

#[test]
fn reference_matches_luajit() {
    let bytes = std::fs::read(golden_path()).expect("tests/differential/luajit.txt");
    let runs = golden_runs(&bytes);
    assert!(!runs.is_empty(), "no recorded runs");
    let mut engines = vec![false];
    if matches!(xlj_targets::host_interpreter(), Some(Ok(_))) {
        engines.push(true);
    }
    let mut failures = Vec::new();
    let mut skipped = 0;
    for &(seed, hash, want) in &runs {
        let source = gen::program(seed);
        assert_eq!(
            fnv1a(source.as_bytes()),
            hash,
            "the generator no longer makes the program recorded for seed {seed}: rerun tests/tools/diff_vs_luajit.py --record"
        );
        for &asm in &engines {
            let got = run_in_process(&format!("{seed}.lua"), &source, asm);
            let (w, g) = (latin1(want), latin1(&got.stdout));
            let wl: Vec<&str> = w.split('\n').collect();
            let gl: Vec<&str> = g.split('\n').collect();
            let mut bad = None;
            if got.status != Some(0) {
                bad = Some(format!("failed: {}", latin1(&got.stderr)));
            } else if wl.len() != gl.len() {
                bad = first_difference(want, &got.stdout)
                    .map(|(n, l, r)| format!("line {n}:\n  luajit {l}\n  xlj    {r}"));
            } else {
                for (i, (l, r)) in wl.iter().zip(&gl).enumerate() {
                    if l == r {
                        continue;
                    }
                    if known_bug(&source, l) {
                        skipped += 1;
                        continue;
                    }
                    let src = source_of(&source, l).unwrap_or("?");
                    bad = Some(format!(
                        "line {}:\n  luajit {l}\n  xlj    {r}\n  printed by: {src}",
                        i + 1
                    ));
                    break;
                }
            }
            if let Some(why) = bad {
                let name = if asm { "asm" } else { "ref" };
                println!("seed {seed} on {name} differs from luajit ({why})");
                failures.push(format!("{seed} on {name}"));
            }
        }
    }
    println!(
        "{} programs checked against luajit on {} in-process engine(s); {skipped} lines left out as known xlj bugs",
        runs.len(),
        engines.len()
    );
    assert!(
        failures.is_empty(),
        "differ from luajit: seeds {failures:?}"
    );
}
