//! Relocations resolved end to end: branches to every kind of label, and
//! label addresses split into 16-bit halves. The expected words are the
//! same instructions written with the resolved numbers (whose encodings
//! the golden table checks against GNU as); the halves follow their
//! definitions: `@l` = low 16 bits, `@h` = high 16 bits, `@ha` = high 16
//! bits of (address + 0x8000).

use asm_dsl_core::{assemble_text, Isa};
use xlj_isa_ppc::PPC;

fn words(code: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut off = 0;
    while off + 4 <= code.len() {
        out.push(format!("{:02x?}", &code[off..off + 4]));
        off += 4;
    }
    out
}

fn halves_case(code_addr: u64, label_off: u64) {
    let target = code_addr + label_off;
    let lo = target & 0xffff;
    let hi = target >> 16;
    let ha = ((target + 0x8000) >> 16) & 0xffff;
    let lo_signed = lo as u16 as i16;
    let text = format!(
        "lis r3, ->f@ha; addi r3, r3, ->f@l; lwz r4, ->f@l(r3); \
         lis r5, ->f@h; ori r5, r5, ->f@l; li32 r6, ->f; \
         .align {align}; ->f: nop",
        align = label_off
    );
    let got = assemble_text(&PPC, &text, code_addr).unwrap();
    let hi_signed = hi as u16 as i16;
    let ha_signed = ha as u16 as i16;
    let want = assemble_text(
        &PPC,
        &format!(
            "lis r3, {ha_signed}; addi r3, r3, {lo_signed}; lwz r4, {lo_signed}(r3); \
             lis r5, {hi_signed}; ori r5, r5, {lo}; lis r6, {hi_signed}; ori r6, r6, {lo}"
        ),
        code_addr,
    )
    .unwrap();
    assert_eq!(words(&got[..28]), words(&want), "label at {target:#x}");
    assert_eq!(got.len() as u64, label_off + 4);
}

#[test]
fn label_address_halves() {
    // Low half with its sign bit set: @ha rounds up, @h does not.
    halves_case(0x1234_0000, 0x8000);
    // Low half below 0x8000: @ha = @h.
    halves_case(0x1234_0000, 0x4000);
    // Carry across the top: 0xffff8000 + 0x8000 wraps @ha to 0.
    halves_case(0xffff_0000, 0x8000);
}

#[test]
fn branches_to_every_kind_of_label() {
    let base = 0x1000_0000u64;
    let text = "b ->g; bl =>3; beq cr7, >1; 2: nop; 1: ->g: =>3: blr; bne <1; bdnz <2";
    let code = assemble_text(&PPC, text, base).unwrap();
    let dis: Vec<String> = code
        .chunks(4)
        .enumerate()
        .map(|(i, w)| PPC.disassemble(w, base + 4 * i as u64).unwrap().1)
        .collect();
    assert_eq!(
        dis,
        [
            "b 0x10000010",
            "bl 0x10000010",
            "beq cr7, 0x10000010",
            "nop",
            "blr",
            "bne 0x10000010",
            "bdnz 0x1000000c",
        ]
    );
}

#[test]
fn backward_reference_before_definition_is_an_error() {
    assert!(assemble_text(&PPC, "bdnz <2; 2: nop", 0).is_err());
}

#[test]
fn hinted_branches_to_labels_set_y_by_direction() {
    let base = 0x2000_0000u64;
    // Each hinted branch to a label must equal the same branch written
    // with its resolved absolute target (checked against GNU as).
    let code = assemble_text(
        &PPC,
        "1: nop; beq+ cr7, >2; bne- <1; beq+ <1; bdnz- >2; bdz+ <1; 2: nop",
        base,
    )
    .unwrap();
    let want = [
        "beq+ cr7, 0x20000018",
        "bne- 0x20000000",
        "beq+ 0x20000000",
        "bdnz- 0x20000018",
        "bdz+ 0x20000000",
    ];
    for (i, text) in want.iter().enumerate() {
        let at = base + 4 + 4 * i as u64;
        let w = assemble_text(&PPC, text, at).unwrap();
        assert_eq!(&code[4 + 4 * i..8 + 4 * i], &w[..], "{text}");
    }
}

#[test]
fn hints_next_to_label_syntax() {
    let a = assemble_text(&PPC, "beq- ->f; beq ->f; ->f: nop", 0x1000).unwrap();
    let b = assemble_text(&PPC, "beq 0x1008; beq 0x1008", 0x1000).unwrap();
    assert_eq!(&a[..8], &b[..]);
}
