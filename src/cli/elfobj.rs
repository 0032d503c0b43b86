//! `xlj -b ... out.o`: the dump wrapped in an ELF relocatable object, so
//! that C programs can link bytecode in and find it under the symbol
//! `luaJIT_BC_<module>` (the same objects `luajit -b` writes).
//!
//! The object is fixed in shape: six section headers (null, `.symtab`,
//! `.shstrtab`, `.strtab`, `.rodata` holding the dump, an empty
//! `.note.GNU-stack`), two symbols (null and the global data object), then
//! the string tables and the dump:
//!
//! ```text
//! ELF header | 6 section headers | 2 symbols | 0 ".symtab" 0 ... 0 | 0 symbol 0 | dump
//! ```
//!
//! Word sizes and byte order follow the target architecture; PE (Windows)
//! and Mach-O (macOS) objects are not written.

/// What an architecture needs in an ELF header.
#[derive(Clone, Copy, Debug)]
pub struct Arch {
    pub name: &'static str,
    pub big_endian: bool,
    pub is64: bool,
    pub machine: u16,
    pub flags: u32,
}

const fn arch(name: &'static str, big_endian: bool, is64: bool, machine: u16, flags: u32) -> Arch {
    Arch {
        name,
        big_endian,
        is64,
        machine,
        flags,
    }
}

/// The architectures `-a` accepts, as LuaJIT names them.
pub const ARCHS: &[Arch] = &[
    arch("x86", false, false, 3, 0),
    arch("x64", false, true, 62, 0),
    arch("arm", false, false, 40, 0),
    arch("arm64", false, true, 183, 0),
    arch("arm64be", true, true, 183, 0),
    arch("ppc", true, false, 20, 0),
    arch("mips", true, false, 8, 0x5000_1006),
    arch("mipsel", false, false, 8, 0x5000_1006),
    arch("mips64", true, true, 8, 0x8000_0007),
    arch("mips64el", false, true, 8, 0x8000_0007),
    arch("mips64r6", true, true, 8, 0xa000_0407),
    arch("mips64r6el", false, true, 8, 0xa000_0407),
];

/// The operating systems `-o` accepts.
pub const OSES: &[&str] = &[
    "linux",
    "windows",
    "osx",
    "freebsd",
    "netbsd",
    "openbsd",
    "dragonfly",
    "solaris",
];

pub fn find_arch(name: &str) -> Option<&'static Arch> {
    ARCHS.iter().find(|a| a.name == name)
}

/// The architecture xlj itself runs on, the default for `-a`.
pub fn host_arch() -> &'static str {
    if cfg!(target_arch = "x86_64") {
        "x64"
    } else if cfg!(target_arch = "x86") {
        "x86"
    } else if cfg!(target_arch = "aarch64") {
        if cfg!(target_endian = "big") {
            "arm64be"
        } else {
            "arm64"
        }
    } else if cfg!(target_arch = "arm") {
        "arm"
    } else if cfg!(target_arch = "mips") {
        if cfg!(target_endian = "big") {
            "mips"
        } else {
            "mipsel"
        }
    } else if cfg!(target_arch = "powerpc") {
        "ppc"
    } else {
        "x64"
    }
}

/// The operating system xlj runs on, the default for `-o`.
pub fn host_os() -> &'static str {
    match std::env::consts::OS {
        "macos" => "osx",
        "windows" => "windows",
        "freebsd" => "freebsd",
        "netbsd" => "netbsd",
        "openbsd" => "openbsd",
        "dragonfly" => "dragonfly",
        "solaris" | "illumos" => "solaris",
        _ => "linux",
    }
}

/// Little helper that writes fields in the target's byte order and word
/// size ("addr" fields are 4 or 8 bytes).
struct Out {
    buf: Vec<u8>,
    be: bool,
    is64: bool,
}

impl Out {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    fn u16(&mut self, v: u16) {
        let b = if self.be {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.buf.extend_from_slice(&b);
    }
    fn u32(&mut self, v: u32) {
        let b = if self.be {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.buf.extend_from_slice(&b);
    }
    fn addr(&mut self, v: u64) {
        if self.is64 {
            let b = if self.be {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            };
            self.buf.extend_from_slice(&b);
        } else {
            self.u32(v as u32);
        }
    }
}

/// One section header's fields.
#[derive(Default)]
struct Section {
    name: u32,
    kind: u32,
    flags: u64,
    offset: u64,
    size: u64,
    link: u32,
    info: u32,
    align: u64,
    entsize: u64,
}

const SECTION_NAMES: [&str; 5] = [
    ".symtab",
    ".shstrtab",
    ".strtab",
    ".rodata",
    ".note.GNU-stack",
];

/// Builds the object file for `dump` under `luaJIT_BC_<modname>`.
pub fn build(arch: &Arch, os: &str, symbol: &str, dump: &[u8]) -> Vec<u8> {
    let (ehsize, shentsize, symsize) = if arch.is64 {
        (64u64, 64u64, 24u64)
    } else {
        (52, 40, 16)
    };
    let sect_ofs = ehsize;
    let sym_ofs = sect_ofs + 6 * shentsize;
    let space_ofs = sym_ofs + 2 * symsize;

    // The section name table, then the symbol name table right after it.
    let mut space = vec![0u8];
    let mut name_at = Vec::new();
    for n in SECTION_NAMES {
        name_at.push(space.len() as u32);
        space.extend_from_slice(n.as_bytes());
        space.push(0);
    }
    let shstr_size = space.len() as u64;
    space.push(0);
    space.extend_from_slice(symbol.as_bytes());
    space.push(0);
    let strtab_ofs = space_ofs + shstr_size;
    let rodata_ofs = space_ofs + space.len() as u64;

    let mut sections: Vec<Section> = (0..6).map(|_| Section::default()).collect();
    for (i, s) in sections.iter_mut().enumerate().skip(1) {
        s.name = name_at[i - 1];
        s.align = 1;
    }
    let s = &mut sections[1]; // .symtab
    s.kind = 2;
    s.link = 3;
    s.info = 1;
    s.align = 8;
    s.offset = sym_ofs;
    s.entsize = symsize;
    s.size = 2 * symsize;
    let s = &mut sections[2]; // .shstrtab
    s.kind = 3;
    s.offset = space_ofs;
    s.size = shstr_size;
    let s = &mut sections[3]; // .strtab
    s.kind = 3;
    s.offset = strtab_ofs;
    s.size = symbol.len() as u64 + 2;
    let s = &mut sections[4]; // .rodata
    s.kind = 1;
    s.flags = 2;
    s.offset = rodata_ofs;
    s.size = dump.len() as u64;
    let s = &mut sections[5]; // .note.GNU-stack
    s.kind = 1;
    s.offset = rodata_ofs + dump.len() as u64;

    let mut o = Out {
        buf: Vec::new(),
        be: arch.big_endian,
        is64: arch.is64,
    };
    o.buf.extend_from_slice(b"\x7fELF");
    o.u8(if arch.is64 { 2 } else { 1 });
    o.u8(if arch.big_endian { 2 } else { 1 });
    o.u8(1);
    o.u8(match os {
        "freebsd" => 9,
        "netbsd" => 2,
        "openbsd" => 12,
        "solaris" => 6,
        _ => 0,
    });
    o.buf.extend_from_slice(&[0; 8]);
    o.u16(1); // relocatable
    o.u16(arch.machine);
    o.u32(1);
    o.addr(0); // entry
    o.addr(0); // program headers
    o.addr(sect_ofs);
    o.u32(arch.flags);
    o.u16(ehsize as u16);
    o.u16(0);
    o.u16(0);
    o.u16(shentsize as u16);
    o.u16(6);
    o.u16(2);
    for s in &sections {
        o.u32(s.name);
        o.u32(s.kind);
        o.addr(s.flags);
        o.addr(0);
        o.addr(s.offset);
        o.addr(s.size);
        o.u32(s.link);
        o.u32(s.info);
        o.addr(s.align);
        o.addr(s.entsize);
    }
    // Symbols: the null one, then the bytecode as a global data object.
    for sym in 0..2u32 {
        let (name, size, info, index) = if sym == 0 {
            (0, 0, 0, 0)
        } else {
            (1, dump.len() as u64, 17, 4)
        };
        if arch.is64 {
            o.u32(name);
            o.u8(info);
            o.u8(0);
            o.u16(index);
            o.addr(0);
            o.addr(size);
        } else {
            o.u32(name);
            o.u32(0);
            o.u32(size as u32);
            o.u8(info);
            o.u8(0);
            o.u16(index);
        }
    }
    o.buf.extend_from_slice(&space);
    o.buf.extend_from_slice(dump);
    o.buf
}
