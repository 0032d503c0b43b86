//! `xlj -b -o windows ... out.obj`: the dump wrapped in a COFF object for
//! Windows linkers (the same objects `luajit -b` writes).
//!
//! Two sections: `.drectve` asks the linker to export the symbol, `.rdata`
//! holds the dump. Four symbols: the two section symbols (each with an
//! auxiliary record giving the section size), `luaJIT_BC_<module>` (its
//! name in the string table) and `@feat.00` marking the object SafeSEH
//! compliant. Everything is little-endian; symbol records are 18 bytes.
//!
//! ```text
//! header (20) | 2 section headers (40 each) | 6 symbol records (18 each)
//! | string table: size, symbol name, 0 | export directive | dump
//! ```

/// The COFF machine numbers, by LuaJIT's architecture names.
pub fn machine(arch: &str) -> Option<u16> {
    match arch {
        "x86" => Some(0x14c),
        "x64" => Some(0x8664),
        "arm" => Some(0x1c0),
        "arm64" => Some(0xaa64),
        _ => None,
    }
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// An 8-byte name field, zero-padded.
fn name8(out: &mut Vec<u8>, name: &[u8]) {
    let mut field = [0u8; 8];
    field[..name.len()].copy_from_slice(name);
    out.extend_from_slice(&field);
}

/// A symbol record: name field, value, section number, type, storage
/// class, number of auxiliary records.
fn symbol(out: &mut Vec<u8>, name: [u8; 8], value: u32, section: i16, class: u8, naux: u8) {
    out.extend_from_slice(&name);
    u32le(out, value);
    u16le(out, section as u16);
    u16le(out, 0);
    out.push(class);
    out.push(naux);
}

/// The auxiliary record of a section symbol: only its size is set.
fn section_aux(out: &mut Vec<u8>, size: u32) {
    u32le(out, size);
    out.extend_from_slice(&[0; 14]);
}

/// Builds the object for `dump` under `symbol_name` on `machine`.
pub fn build(machine: u16, symbol_name: &str, dump: &[u8]) -> Vec<u8> {
    const HEADER: u32 = 20;
    const SECTION: u32 = 40;
    const SYMBOLS: u32 = 6 * 18;
    let symtab_ofs = HEADER + 2 * SECTION;
    let space_ofs = symtab_ofs + SYMBOLS + 4;
    let export = format!("   /EXPORT:{symbol_name},DATA ");
    let name_len = symbol_name.len() as u32 + 1;
    let drectve_ofs = space_ofs + name_len;
    let rdata_ofs = drectve_ofs + export.len() as u32;

    let mut o = Vec::new();
    u16le(&mut o, machine);
    u16le(&mut o, 2);
    u32le(&mut o, 0); // time stamp
    u32le(&mut o, symtab_ofs);
    u32le(&mut o, 6);
    u16le(&mut o, 0);
    u16le(&mut o, 0);
    for (name, size, ofs, flags) in [
        (
            &b".drectve"[..],
            export.len() as u32,
            drectve_ofs,
            0x0010_0a00,
        ),
        (&b".rdata"[..], dump.len() as u32, rdata_ofs, 0x4030_0040),
    ] {
        name8(&mut o, name);
        u32le(&mut o, 0); // virtual size
        u32le(&mut o, 0); // virtual address
        u32le(&mut o, size);
        u32le(&mut o, ofs);
        u32le(&mut o, 0); // relocations
        u32le(&mut o, 0); // line numbers
        u16le(&mut o, 0);
        u16le(&mut o, 0);
        u32le(&mut o, flags);
    }
    symbol(&mut o, *b".drectve", 0, 1, 3, 1);
    section_aux(&mut o, export.len() as u32);
    symbol(&mut o, *b".rdata\0\0", 0, 2, 3, 1);
    section_aux(&mut o, dump.len() as u32);
    // A long name: zero, then its offset in the string table.
    let mut long_name = [0u8; 8];
    long_name[4..].copy_from_slice(&4u32.to_le_bytes());
    symbol(&mut o, long_name, 0, 2, 2, 0);
    symbol(&mut o, *b"@feat.00", 1, -1, 2, 0);
    u32le(&mut o, name_len + 4);
    o.extend_from_slice(symbol_name.as_bytes());
    o.push(0);
    o.extend_from_slice(export.as_bytes());
    o.extend_from_slice(dump);
    o
}
