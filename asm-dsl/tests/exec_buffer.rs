//! Executable memory: W^X protection states, entry points, patching.
//!
//! The machine code here is written as data (bytes that GNU `as --64`
//! produced for the Intel-syntax text in each comment), so these tests
//! exercise `ExecBuffer` independently of any encoder; `exec_x64.rs` runs
//! code assembled by the macro. Results are checked by arithmetic.

#![cfg(all(unix, target_arch = "x86_64"))]

use asm_dsl::{isa_by_name, AsmError, Assembler, ExecBuffer, FinishExec};

fn x64() -> &'static dyn asm_dsl::Isa {
    isa_by_name("x64").unwrap()
}

/// The permissions column of /proc/self/maps for the mapping holding
/// `addr`, e.g. "r-xp".
fn perms(addr: u64) -> Option<String> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    maps.lines().find_map(|l| {
        let mut f = l.split_whitespace();
        let (lo, hi) = f.next()?.split_once('-')?;
        let (lo, hi) = (
            u64::from_str_radix(lo, 16).ok()?,
            u64::from_str_radix(hi, 16).ok()?,
        );
        (lo <= addr && addr < hi).then(|| f.next().unwrap_or("").to_string())
    })
}

fn two_functions() -> Assembler {
    let mut a = Assembler::new(x64());
    a.global_label("add");
    a.bytes(&[0x48, 0x8d, 0x04, 0x37]); // lea rax, [rdi+rsi]
    a.bytes(&[0xc3]); // ret
    a.global_label("one");
    a.bytes(&[0xb8, 0x01, 0x00, 0x00, 0x00]); // mov eax, 1
    a.bytes(&[0xc3]); // ret
    a
}

#[test]
fn runs_code_and_is_never_writable_and_executable() {
    let buf = two_functions().finish_exec().unwrap();
    assert_eq!(buf.len(), 11);
    if let Some(p) = perms(buf.addr()) {
        assert!(p.starts_with("r-x"), "{p}");
    }
    let add: extern "C" fn(i64, i64) -> i64 = unsafe { buf.entry("add") }.unwrap();
    let one: extern "C" fn() -> i32 = unsafe { buf.entry("one") }.unwrap();
    assert_eq!(add(40, 2), 42);
    assert_eq!(add(-7, 3), -4);
    assert_eq!(one(), 1);
    assert_eq!(buf.global_offset("one"), Some(5));
    assert!(unsafe { buf.entry::<extern "C" fn()>("missing") }.is_none());
    // Not pointer-sized: refused rather than transmuted.
    assert!(unsafe { buf.entry::<u8>("add") }.is_none());
}

#[test]
fn patches_through_the_same_discipline() {
    let mut buf = two_functions().finish_exec().unwrap();
    let addr = buf.addr();
    buf.patch_with(|code| {
        if let Some(p) = perms(addr) {
            assert!(p.starts_with("rw-"), "writable while patching: {p}");
        }
        code[6..10].copy_from_slice(&7u32.to_le_bytes()); // mov eax, 7
        Ok(6..10)
    })
    .unwrap();
    if let Some(p) = perms(addr) {
        assert!(p.starts_with("r-x"), "sealed again: {p}");
    }
    let one: extern "C" fn() -> i32 = unsafe { buf.entry("one") }.unwrap();
    assert_eq!(one(), 7);
    buf.patch_bytes(6, &[0x2a]).unwrap();
    assert_eq!(one(), 42);
    assert_eq!(&buf.code()[5..], &[0xb8, 0x2a, 0, 0, 0, 0xc3]);
}

#[test]
fn bad_patches_are_errors_and_leave_code_runnable() {
    let mut buf = two_functions().finish_exec().unwrap();
    assert!(matches!(
        buf.patch_bytes(9, &[0; 3]),
        Err(AsmError::Memory(_))
    ));
    assert!(matches!(
        buf.patch_bytes(usize::MAX, &[0; 3]),
        Err(AsmError::Memory(_))
    ));
    let r = buf.patch_with(|_| Err(AsmError::Label("refused".into())));
    assert_eq!(r, Err(AsmError::Label("refused".into())));
    let add: extern "C" fn(i64, i64) -> i64 = unsafe { buf.entry("add") }.unwrap();
    assert_eq!(add(1, 2), 3);
}

#[test]
fn empty_and_raw_buffers() {
    let buf = Assembler::new(x64()).finish_exec().unwrap();
    assert!(buf.is_empty());
    let buf = ExecBuffer::from_code(x64(), &[0xb8, 0x05, 0, 0, 0, 0xc3]).unwrap();
    assert_eq!(buf.code(), &[0xb8, 0x05, 0, 0, 0, 0xc3]);
    // A failed finish (undefined label) maps nothing and says why.
    let mut a = Assembler::new(x64());
    a.dynamic_label(1);
    a.dynamic_label(1);
    assert!(matches!(a.finish_exec(), Err(AsmError::Label(_))));
}
