//! `xlj -b -o osx ... out.o`: the dump wrapped in a Mach-O object (the
//! same objects `luajit -b` writes), exporting `_luaJIT_BC_<module>`.
//!
//! One slice holds a header, a segment command with one `__DATA,__data`
//! section, a symbol table command, one symbol, the string table and then
//! the dump. `arm` and `arm64` objects are "fat": two slices, for the two
//! CPU types LuaJIT lists, that share the symbol, strings and data at the
//! end of the file. LuaJIT always lays fat objects out with 32-bit
//! structures (even for arm64, where the header says 64-bit); that layout
//! is kept so the bytes agree. The fat header is big-endian, the rest
//! little-endian.

/// How one target is laid out.
struct Layout {
    /// 64-bit structures (segment and section with 64-bit fields).
    wide: bool,
    /// 64-bit magic and segment command number.
    is64: bool,
    fat: bool,
    align: usize,
    cpus: &'static [(u32, u32)],
}

fn layout(arch: &str) -> Option<Layout> {
    Some(match arch {
        "x86" => Layout {
            wide: false,
            is64: false,
            fat: false,
            align: 4,
            cpus: &[(7, 3)],
        },
        "x64" => Layout {
            wide: true,
            is64: true,
            fat: false,
            align: 8,
            cpus: &[(0x0100_0007, 3)],
        },
        "arm" => Layout {
            wide: false,
            is64: false,
            fat: true,
            align: 4,
            cpus: &[(7, 3), (12, 9)],
        },
        "arm64" => Layout {
            wide: false,
            is64: true,
            fat: true,
            align: 8,
            cpus: &[(0x0100_0007, 3), (0x0100_000c, 0)],
        },
        _ => return None,
    })
}

fn aligned(v: usize, a: usize) -> usize {
    (v + a - 1) & !(a - 1)
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn name16(out: &mut Vec<u8>, name: &str) {
    let mut field = [0u8; 16];
    field[..name.len()].copy_from_slice(name.as_bytes());
    out.extend_from_slice(&field);
}

/// Builds the object, or `None` for an architecture Mach-O objects are
/// not made for.
pub fn build(arch: &str, symbol: &str, dump: &[u8]) -> Option<Vec<u8>> {
    let l = layout(arch)?;
    let (header, segment, section, symtab, nlist) = if l.wide {
        (32, 72, 80, 24, 16)
    } else {
        (28, 56, 68, 24, 12)
    };
    let slice = header + segment + section + symtab;
    let slices_at = if l.fat { 8 + 20 * 2 } else { 0 };
    let nlist_at = slices_at + slice * l.cpus.len();
    let space_at = nlist_at + nlist;
    let symbol = format!("_{symbol}");
    let mach_size = aligned(space_at + symbol.len() + 2, l.align);

    let mut o = Vec::with_capacity(mach_size + dump.len());
    if l.fat {
        o.extend_from_slice(&0xcafe_babeu32.to_be_bytes());
        o.extend_from_slice(&(l.cpus.len() as u32).to_be_bytes());
        for (i, &(cputype, subtype)) in l.cpus.iter().enumerate() {
            // The slices overlap: each runs to the end of the shared data.
            let ofs = slices_at + i * slice;
            for v in [
                cputype,
                subtype,
                ofs as u32,
                (mach_size - ofs + dump.len()) as u32,
                0,
            ] {
                o.extend_from_slice(&v.to_be_bytes());
            }
        }
    }
    for (i, &(cputype, subtype)) in l.cpus.iter().enumerate() {
        let ofs = if l.fat { slices_at + i * slice } else { 0 };
        let data_ofs = (mach_size - ofs) as u32;
        let addr = |out: &mut Vec<u8>, v: u64| {
            if l.wide {
                out.extend_from_slice(&v.to_le_bytes());
            } else {
                u32le(out, v as u32);
            }
        };
        u32le(&mut o, if l.is64 { 0xfeed_facf } else { 0xfeed_face });
        u32le(&mut o, cputype);
        u32le(&mut o, subtype);
        u32le(&mut o, 1); // object file
        u32le(&mut o, 2); // two load commands
        u32le(&mut o, (segment + section + symtab) as u32);
        u32le(&mut o, 0);
        if l.wide {
            u32le(&mut o, 0);
        }
        u32le(&mut o, if l.is64 { 0x19 } else { 0x1 });
        u32le(&mut o, (segment + section) as u32);
        name16(&mut o, "");
        addr(&mut o, 0);
        addr(&mut o, dump.len() as u64);
        addr(&mut o, data_ofs as u64);
        addr(&mut o, dump.len() as u64);
        for v in [1, 1, 1, 0] {
            u32le(&mut o, v); // protections, one section, no flags
        }
        name16(&mut o, "__data");
        name16(&mut o, "__DATA");
        addr(&mut o, 0);
        addr(&mut o, dump.len() as u64);
        for v in [data_ofs, 0, 0, 0, 0, 0, 0] {
            u32le(&mut o, v);
        }
        if l.wide {
            u32le(&mut o, 0);
        }
        u32le(&mut o, 2); // symbol table command
        u32le(&mut o, symtab as u32);
        u32le(&mut o, (nlist_at - ofs) as u32);
        u32le(&mut o, 1);
        u32le(&mut o, (nlist_at + nlist - ofs) as u32);
        u32le(&mut o, aligned(symbol.len() + 2, l.align) as u32);
    }
    // The symbol: string 1, external section symbol, in section 1.
    u32le(&mut o, 1);
    o.push(0xf);
    o.push(1);
    o.extend_from_slice(&[0, 0]);
    if l.wide {
        o.extend_from_slice(&0u64.to_le_bytes());
    } else {
        u32le(&mut o, 0);
    }
    o.push(0);
    o.extend_from_slice(symbol.as_bytes());
    o.resize(mach_size, 0);
    o.extend_from_slice(dump);
    Some(o)
}
