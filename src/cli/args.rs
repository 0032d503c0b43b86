//! Option collection, as LuaJIT's command line does it, and the layout of
//! the global `arg` table.
//!
//! Options end at the first argument that does not start with `-`, at `-`
//! (the script is stdin) or after `--`; `-b` ends them too and hands every
//! remaining argument to the bytecode tool. `-e`, `-l` and `-j` take their
//! value from the same argument (`-lname`) or the next one; `-i` and `-v`
//! must stand alone; `-b` must come before any option that sets a flag.
//! xlj adds `--interp=NAME`, which may appear among the options.

use super::Script;

/// One option that does something when the command runs, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opt {
    /// `-e chunk`
    Exec(Vec<u8>),
    /// `-l name`
    Require(Vec<u8>),
    /// `-j cmd`
    Jit(Vec<u8>),
    /// `-O[opt]`
    Optimize(Vec<u8>),
    /// `-b...`: the arguments for the bytecode tool; `-bl` passes `-l`
    /// first, as LuaJIT does.
    Bytecode(Vec<Vec<u8>>),
}

/// The command line, understood.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Invocation {
    /// Index of the script in `argv`, or `argv.len()` when there is none.
    /// The `arg` table is numbered from it.
    pub argn: usize,
    pub options: Vec<Opt>,
    pub version: bool,
    pub interactive: bool,
    /// Something was given to execute (`-e` or `-b`), so stdin is not run.
    pub exec: bool,
    /// `-E`: ignore `LUA_INIT` and the path variables.
    pub no_env: bool,
    /// `--interp=NAME` (xlj's own option): the engine to run Lua with.
    pub interp: Option<Vec<u8>>,
}

/// xlj's one long option; luajit has none, so it cannot clash.
const INTERP_OPT: &[u8] = b"--interp=";

/// The command line is invalid: print the usage text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArgError;

/// Collects options from `argv` (`argv[0]` is the program).
pub fn collect(argv: &[Vec<u8>]) -> Result<Invocation, ArgError> {
    let mut inv = Invocation::default();
    // Any of -e, -j, -l, -v, -i, -E forbids a later -b.
    let mut flagged = false;
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i][..];
        if a.first() != Some(&b'-') {
            inv.argn = i;
            return Ok(inv);
        }
        let tail_empty = a.len() == 2;
        match a.get(1) {
            None => {
                inv.argn = i;
                return Ok(inv);
            }
            Some(b'-') if a.starts_with(INTERP_OPT) => {
                inv.interp = Some(a[INTERP_OPT.len()..].to_vec());
            }
            Some(b'-') => {
                if !tail_empty {
                    return Err(ArgError);
                }
                inv.argn = i + 1;
                return Ok(inv);
            }
            Some(b'i') | Some(b'v') => {
                if !tail_empty {
                    return Err(ArgError);
                }
                inv.interactive |= a[1] == b'i';
                inv.version = true;
                flagged = true;
            }
            Some(&c @ (b'e' | b'j' | b'l')) => {
                let value = if tail_empty {
                    i += 1;
                    argv.get(i).ok_or(ArgError)?.clone()
                } else {
                    a[2..].to_vec()
                };
                inv.options.push(match c {
                    b'e' => {
                        inv.exec = true;
                        Opt::Exec(value)
                    }
                    b'j' => Opt::Jit(value),
                    _ => Opt::Require(value),
                });
                flagged = true;
            }
            Some(b'O') => inv.options.push(Opt::Optimize(a[2..].to_vec())),
            Some(b'b') => {
                if flagged {
                    return Err(ArgError);
                }
                inv.exec = true;
                let mut rest = Vec::new();
                if !tail_empty {
                    let mut first = b"-".to_vec();
                    first.extend_from_slice(&a[2..]);
                    rest.push(first);
                }
                rest.extend(argv[i + 1..].iter().cloned());
                inv.options.push(Opt::Bytecode(rest));
                inv.argn = i + 1;
                return Ok(inv);
            }
            Some(b'E') => {
                inv.no_env = true;
                flagged = true;
            }
            Some(_) => return Err(ArgError),
        }
        i += 1;
    }
    inv.argn = argv.len();
    Ok(inv)
}

impl Invocation {
    /// The script to run, if the options left one (never with `-b`).
    pub fn script<'a>(&self, argv: &'a [Vec<u8>]) -> Option<Script<'a>> {
        if self.options.iter().any(|o| matches!(o, Opt::Bytecode(_))) {
            return None;
        }
        let name = argv.get(self.argn)?;
        if name == b"-" && argv[self.argn - 1] != b"--" {
            Some(Script::Stdin)
        } else {
            Some(Script::File(name))
        }
    }

    /// The global `arg` table: the script at index 0, its arguments at
    /// 1, 2, ..., and the interpreter with its options at negative indices
    /// (all of `argv` goes to negative indices when there is no script).
    pub fn arg_table(&self, argv: &[Vec<u8>]) -> Vec<(i64, Vec<u8>)> {
        argv.iter()
            .enumerate()
            .map(|(i, a)| (i as i64 - self.argn as i64, a.clone()))
            .collect()
    }
}
