//! `xlj -b`: save or list bytecode, with the sub-options of LuaJIT's
//! bytecode tool.
//!
//! ```text
//! xlj -b[options] input output
//!   -l  list only    -s  strip (default)    -g  keep debug information
//!   -n name  module name     -t type  file type (raw, c, h, obj/o)
//!   -a arch  -o os  target of object files (ELF; COFF for windows, Mach-O for osx)
//!   -e chunk  the input is this string     --  stop handling options
//!   -  stdin as input and/or stdout as output
//! ```
//!
//! Options may be clustered (`-lg`); one that takes a value must end its
//! cluster. The input is loaded as `loadfile` would (source or dump), so
//! `xlj -bl file.raw` lists a dump and `xlj -b in.raw out.raw` rewrites it.

use xlj_runtime::bc::dump::{write_dump, DumpOptions};
use xlj_runtime::bc::listing::list_chunk_bytes;
use xlj_runtime::bc::Proto;

use super::{elfobj, io_message, machobj, path_from_bytes, peobj, read_input, Console, Script};

const USAGE: &str = "\
Save LuaJIT bytecode: xlj -b[options] input output
  -l        Only list bytecode.
  -s        Strip debug info (default).
  -g        Keep debug info.
  -n name   Set module name (default: auto-detect from input name).
  -t type   Set output file type (default: auto-detect from output name).
  -a arch   Override architecture for object files (default: native).
  -o os     Override OS for object files (default: native).
  -e chunk  Use chunk string as input.
  --        Stop handling options.
  -         Use stdin as input and/or stdout as output.

File types: c h obj o raw (default)
";

/// The prefix of the symbol that holds the bytecode in C output.
const SYMBOL_PREFIX: &str = "luaJIT_BC_";

/// A positional argument: a name, or a chunk already loaded by `-e`.
enum Input {
    Name(Vec<u8>),
    Loaded(Proto),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileType {
    Raw,
    C,
    H,
    Obj,
}

struct Ctx {
    list: bool,
    strip: bool,
    modname: Option<String>,
    ftype: Option<FileType>,
    arch: String,
    os: String,
}

/// A failure: either the usage text or an `xlj: message` line.
enum Failure {
    Usage,
    Message(String),
}

/// Runs the bytecode tool with the arguments after `-b`.
pub fn run(args: &[Vec<u8>], con: &mut Console) -> i32 {
    match run_inner(args, con) {
        Ok(()) => 0,
        Err(Failure::Usage) => {
            let _ = con.stderr.write_all(USAGE.as_bytes());
            let _ = con.stderr.flush();
            1
        }
        Err(Failure::Message(m)) => con.fail(m),
    }
}

fn run_inner(args: &[Vec<u8>], con: &mut Console) -> Result<(), Failure> {
    let mut ctx = Ctx {
        list: false,
        strip: true,
        modname: None,
        ftype: None,
        arch: elfobj::host_arch().to_string(),
        os: elfobj::host_os().to_string(),
    };
    let mut rest: Vec<Input> = args.iter().cloned().map(Input::Name).collect();
    let mut n = 0;
    while n < rest.len() {
        let opt = match &rest[n] {
            Input::Name(a) if a.first() == Some(&b'-') && a != b"-" => a.clone(),
            _ => {
                n += 1;
                continue;
            }
        };
        rest.remove(n);
        if opt == b"--" {
            break;
        }
        for (m, &c) in opt.iter().enumerate().skip(1) {
            match c {
                b'l' => ctx.list = true,
                b's' => ctx.strip = true,
                b'g' => ctx.strip = false,
                _ => {
                    // A value-taking option ends its cluster and needs an
                    // argument after it.
                    if n >= rest.len() || m != opt.len() - 1 {
                        return Err(Failure::Usage);
                    }
                    match c {
                        b'e' => {
                            if n != 0 {
                                return Err(Failure::Usage);
                            }
                            let Input::Name(src) = &rest[0] else {
                                return Err(Failure::Usage);
                            };
                            let name = String::from_utf8_lossy(src).into_owned();
                            let proto = crate::load(src, &name)
                                .map_err(|e| Failure::Message(e.to_string()))?;
                            rest[0] = Input::Loaded(proto);
                        }
                        b'n' => ctx.modname = Some(check_modname(&take_name(&mut rest, n))?),
                        b't' => ctx.ftype = Some(file_type(&take_name(&mut rest, n))?),
                        b'a' => {
                            let names: Vec<&str> = elfobj::ARCHS.iter().map(|a| a.name).collect();
                            ctx.arch =
                                check_choice(&take_name(&mut rest, n), &names, "architecture")?;
                        }
                        b'o' => {
                            ctx.os =
                                check_choice(&take_name(&mut rest, n), elfobj::OSES, "OS name")?
                        }
                        _ => return Err(Failure::Usage),
                    }
                }
            }
        }
    }
    if ctx.list {
        if rest.is_empty() || rest.len() > 2 {
            return Err(Failure::Usage);
        }
        let output = if rest.len() == 2 {
            match rest.pop() {
                Some(Input::Name(o)) => o,
                _ => return Err(Failure::Usage),
            }
        } else {
            b"-".to_vec()
        };
        let input = rest.pop().expect("one input");
        let (proto, _) = load_input(input, con)?;
        let listing = list_chunk_bytes(&proto);
        return save(&output, &listing, con);
    }
    if rest.len() != 2 {
        return Err(Failure::Usage);
    }
    let Some(Input::Name(output)) = rest.pop() else {
        return Err(Failure::Usage);
    };
    let input = rest.pop().expect("one input");
    let (proto, input_name) = load_input(input, con)?;
    let opts = DumpOptions {
        strip: ctx.strip,
        ..DumpOptions::default()
    };
    let bytes = write_dump(&proto, &opts).map_err(|e| Failure::Message(e.to_string()))?;
    let ftype = ctx.ftype.unwrap_or_else(|| detect_type(&output));
    if ftype == FileType::Raw {
        return save(&output, &bytes, con);
    }
    let modname = match ctx.modname {
        Some(m) => m,
        None => detect_modname(input_name.as_deref())?,
    };
    match ftype {
        FileType::Obj => {
            let symbol = format!("{SYMBOL_PREFIX}{modname}");
            let object = match ctx.os.as_str() {
                "windows" => {
                    let Some(machine) = peobj::machine(&ctx.arch) else {
                        return Err(Failure::Message(format!(
                            "no Windows object files for {}",
                            ctx.arch
                        )));
                    };
                    peobj::build(machine, &symbol, &bytes)
                }
                "osx" => match machobj::build(&ctx.arch, &symbol, &bytes) {
                    Some(o) => o,
                    None => {
                        return Err(Failure::Message("unsupported architecture for OSX".into()))
                    }
                },
                os => {
                    let arch = elfobj::find_arch(&ctx.arch).expect("architecture was checked");
                    elfobj::build(arch, os, &symbol, &bytes)
                }
            };
            save(&output, &object, con)
        }
        _ => save(&output, &c_source(ftype, &modname, &bytes), con),
    }
}

fn take_name(rest: &mut Vec<Input>, n: usize) -> Vec<u8> {
    match rest.remove(n) {
        Input::Name(v) => v,
        Input::Loaded(_) => Vec::new(),
    }
}

/// Loads the input; also returns its name when it is a file (for
/// deriving a module name).
fn load_input(input: Input, con: &mut Console) -> Result<(Proto, Option<Vec<u8>>), Failure> {
    match input {
        Input::Loaded(p) => Ok((p, None)),
        Input::Name(name) => {
            let script = if name == b"-" {
                Script::Stdin
            } else {
                Script::File(&name)
            };
            let (bytes, chunk) = read_input(script, con).map_err(Failure::Message)?;
            let proto = crate::load(&bytes, &chunk).map_err(|e| Failure::Message(e.to_string()))?;
            Ok((proto, Some(name)))
        }
    }
}

/// Writes to a file, or to stdout for `-`.
fn save(output: &[u8], bytes: &[u8], con: &mut Console) -> Result<(), Failure> {
    let shown = String::from_utf8_lossy(output).into_owned();
    if output == b"-" {
        con.stdout
            .write_all(bytes)
            .and_then(|_| con.stdout.flush())
            .map_err(|e| Failure::Message(format!("cannot write -: {}", io_message(&e))))
    } else {
        std::fs::write(path_from_bytes(output), bytes).map_err(|e| {
            // luajit's message ends with the bare errno, as Lua's
            // io.open returns it as a third value that gets printed.
            let errno = e.raw_os_error().map(|n| n.to_string()).unwrap_or_default();
            Failure::Message(format!("{shown}: {}{errno}", io_message(&e)))
        })
    }
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-')
}

/// Module names become C identifiers: `.` and `-` turn into `_`.
fn mangle(name: &[u8]) -> String {
    name.iter()
        .map(|&c| {
            if c == b'.' || c == b'-' {
                '_'
            } else {
                c as char
            }
        })
        .collect()
}

fn check_modname(name: &[u8]) -> Result<String, Failure> {
    if name.is_empty() || !name.iter().all(|&c| is_name_char(c)) {
        return Err(Failure::Message("bad module name".into()));
    }
    Ok(mangle(name))
}

/// The module name from an input path: the file name without its last
/// extension, cut at the first character a module name cannot hold.
fn detect_modname(input: Option<&[u8]>) -> Result<String, Failure> {
    let fail = || Failure::Message("cannot derive module name, use -n name".into());
    let path = input.ok_or_else(fail)?;
    let base = match path.iter().rposition(|&c| c == b'/' || c == b'\\') {
        Some(i) if i + 1 < path.len() => &path[i + 1..],
        _ => path,
    };
    let stem = match base.iter().rposition(|&c| c == b'.') {
        Some(i) => &base[..i],
        None => base,
    };
    let len = stem.iter().take_while(|&&c| is_name_char(c)).count();
    if len == 0 {
        return Err(fail());
    }
    Ok(mangle(&stem[..len]))
}

fn file_type(name: &[u8]) -> Result<FileType, Failure> {
    match name.to_ascii_lowercase().as_slice() {
        b"raw" => Ok(FileType::Raw),
        b"c" => Ok(FileType::C),
        b"h" => Ok(FileType::H),
        b"o" | b"obj" => Ok(FileType::Obj),
        _ => Err(Failure::Message("unknown file type".into())),
    }
}

/// The file type named by the output's extension (letters only), raw if
/// none matches.
fn detect_type(output: &[u8]) -> FileType {
    let lower = output.to_ascii_lowercase();
    let Some(dot) = lower.iter().rposition(|&c| c == b'.') else {
        return FileType::Raw;
    };
    let ext = &lower[dot + 1..];
    if ext.is_empty() || !ext.iter().all(|c| c.is_ascii_alphabetic()) {
        return FileType::Raw;
    }
    file_type(ext).unwrap_or(FileType::Raw)
}

/// A case-insensitive choice from a list; the lower-case name on success.
fn check_choice(value: &[u8], choices: &[&str], what: &str) -> Result<String, Failure> {
    let lower = value.to_ascii_lowercase();
    match choices.iter().find(|c| c.as_bytes() == lower.as_slice()) {
        Some(c) => Ok(c.to_string()),
        None => Err(Failure::Message(format!("unknown {what}"))),
    }
}

/// The dump as a C array: a `.c` file exports it, a `.h` file declares it
/// static with its size. Lines of decimal bytes wrap before 79 columns.
fn c_source(ftype: FileType, modname: &str, bytes: &[u8]) -> Vec<u8> {
    let sym = format!("{SYMBOL_PREFIX}{modname}");
    let mut out = String::new();
    if ftype == FileType::C {
        out.push_str("#ifdef __cplusplus\nextern \"C\"\n#endif\n#ifdef _WIN32\n__declspec(dllexport)\n#endif\n");
        out.push_str(&format!("const unsigned char {sym}[] = {{\n"));
    } else {
        out.push_str(&format!("#define {sym}_SIZE {}\n", bytes.len()));
        out.push_str(&format!("static const unsigned char {sym}[] = {{\n"));
    }
    let mut line: Vec<String> = Vec::new();
    let mut width = 0;
    for b in bytes {
        let s = b.to_string();
        width += s.len() + 1;
        if width > 78 {
            out.push_str(&line.join(","));
            out.push_str(",\n");
            line.clear();
            width = s.len() + 1;
        }
        line.push(s);
    }
    out.push_str(&line.join(","));
    out.push_str("\n};\n");
    out.into_bytes()
}
