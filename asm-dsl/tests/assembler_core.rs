//! The neutral assembler's padding and data on bad or odd input: errors,
//! never a hang, a panic or a huge allocation.

use asm_dsl::assembler::MAX_ALIGN;
use asm_dsl::test_isa::TEST;
use asm_dsl::{assemble_text, AsmError, Assembler, FormId};

#[test]
fn absurd_alignments_are_errors() {
    let mut a = Assembler::new(&TEST);
    a.bytes(&[1]);
    a.align(usize::MAX / 2 + 1, 0);
    assert!(matches!(a.finish(0), Err(AsmError::ImmRange(_))));
    for text in [".byte 1; .align 0x100000000", ".align 0x40000000000"] {
        assert!(assemble_text(&TEST, text, 0).is_err(), "{text}");
    }
    let mut a = Assembler::new(&TEST);
    a.bytes(&[1]);
    a.align(MAX_ALIGN, 0);
    assert_eq!(a.finish(0).unwrap().len(), MAX_ALIGN);
}

#[test]
fn padding_always_ends_exactly() {
    // An empty word, and one that cannot tile the gap, fall back to zeros.
    let mut a = Assembler::new(&TEST);
    a.bytes(&[1]);
    a.align_with(8, &[]);
    a.bytes(&[2]);
    a.align_with(8, &[0xaa, 0xbb]);
    assert_eq!(
        a.finish(0).unwrap(),
        [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0xaa, 0xbb, 0xaa, 0xbb, 0xaa, 0xbb]
    );
    // A 4-byte nop never overshoots a 2-byte alignment.
    let mut a = Assembler::new(&TEST);
    a.bytes(&[1]);
    a.align_code(2, FormId(0), &[]);
    a.align_code(8, FormId(0), &[]);
    assert_eq!(a.finish(0).unwrap(), [1, 0, 0, 0, 0, 0, 0, 0]);
    // A nop form that fails still pads (with zeros) and reports the error.
    let mut a = Assembler::new(&TEST);
    a.bytes(&[1, 2, 3, 4]);
    a.align_code(8, FormId(99), &[]);
    assert_eq!(a.offset(), 8);
    assert!(matches!(a.finish(0), Err(AsmError::NoForm(_))));
}

#[test]
fn data_items_are_one_to_eight_bytes() {
    let mut a = Assembler::new(&TEST);
    a.data(8, u64::MAX);
    a.data(3, 0x010203);
    assert_eq!(a.offset(), 11);
    a.data(16, 1);
    assert!(matches!(a.finish(0), Err(AsmError::ImmRange(_))));
}
