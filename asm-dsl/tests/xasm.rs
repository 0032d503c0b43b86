//! The `xasm` command: its output must be what `assemble_text` and the
//! ISA's disassembler produce (it is a thin shell over them), and bad
//! input must give a message and exit code 1, never a panic.

use std::process::{Command, Output};

use asm_dsl::test_isa::TEST;
use asm_dsl::{assemble_text, Isa, ISAS};

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

fn xasm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xasm"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn hex(bytes: &[u8]) -> String {
    let v: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    v.join(" ")
}

const PROGRAM: &str = "->top: li r1, -5; 1: addi r2, r1, 300; bz r2, <1; push {r4, r5}; b ->top";

#[test]
fn assembles_like_assemble_text() {
    if !can_run_xasm() {
        return;
    }
    let o = xasm(&["--arch", "test", PROGRAM]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = assemble_text(&TEST, PROGRAM, 0).unwrap();
    assert_eq!(stdout(&o).trim(), hex(&want));
    // The address matters for nothing but absolute targets; it is accepted.
    let o = xasm(&["--arch", "test", "--addr", "0x1000", "nop"]);
    assert_eq!(stdout(&o).trim(), "00 00 00 00");
}

#[test]
fn disassembles_one_line_per_instruction() {
    if !can_run_xasm() {
        return;
    }
    let code = assemble_text(&TEST, "li r1, -5; addi r2, r1, 300; push {r4, r5}", 0).unwrap();
    let o = xasm(&["--arch", "test", "--addr", "0x2000", "-d", &hex(&code)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    for (i, line) in lines.iter().enumerate() {
        let (addr, rest) = line.split_once("  ").unwrap();
        assert_eq!(
            u64::from_str_radix(addr, 16).unwrap(),
            0x2000 + 4 * i as u64
        );
        let chunk = &code[4 * i..4 * i + 4];
        assert!(rest.starts_with(&hex(chunk)), "{line}");
        let (_, text) = TEST.disassemble(chunk, 0).unwrap();
        assert!(rest.trim_end().ends_with(&text), "{line}");
        // The printed text assembles back to the same bytes.
        assert_eq!(assemble_text(&TEST, &text, 0).unwrap(), chunk);
    }
}

#[test]
fn lists_the_registered_isas() {
    if !can_run_xasm() {
        return;
    }
    let o = xasm(&["--list"]);
    assert!(o.status.success());
    let names: Vec<String> = stdout(&o)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let want: Vec<&str> = ISAS.iter().map(|i| i.caps().name).collect();
    assert_eq!(names, want);
    for n in ["x86", "x64", "armv7", "arm64", "mips", "mipsel", "ppc"] {
        assert!(names.iter().any(|x| x == n), "{n} missing");
    }
}

#[test]
fn bad_input_is_a_message_and_exit_code_1() {
    if !can_run_xasm() {
        return;
    }
    let cases: &[&[&str]] = &[
        &[],
        &["--arch"],
        &["--arch", "z80", "nop"],
        &["nop"],
        &["--arch", "test", "frob r1"],
        &["--arch", "test", "li r1, 99999"],
        &["--arch", "test", "b ->nowhere"],
        &["--arch", "test", "li r1, \"x\""],
        &["--arch", "test", "-d", "0"],
        &["--arch", "test", "-d", "zz000000"],
        &["--arch", "test", "-d", "ffffffff"],
        &["--arch", "test", "-d", "000000"],
        &["--arch", "test", "--frob", "nop"],
        &["--arch", "test", "--addr", "0xq", "nop"],
        &["--arch", "test", "nop", "nop"],
    ];
    for args in cases {
        let o = xasm(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("xasm: "), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let o = xasm(&["--arch", "test", "li r1, 99999"]);
    assert!(stderr(&o).contains("out of range"), "{}", stderr(&o));
}

#[test]
fn reads_standard_input_with_a_dash() {
    if !can_run_xasm() {
        return;
    }
    use std::io::Write;
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xasm"))
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{args:?}");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let program = "li r1, -5\n1: addi r2, r1, 300\nbz r2, <1\n";
    let hexed = run(&["--arch", "test", "-"], program);
    assert_eq!(
        hexed.trim(),
        hex(&assemble_text(&TEST, program, 0).unwrap())
    );
    let listing = run(&["--arch", "test", "-d", "-"], &hexed);
    assert_eq!(listing.lines().count(), 3, "{listing}");
    let o = xasm(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("usage"));
}
