//! `-O[opt]`: checking JIT optimisation settings the way LuaJIT's
//! `jit.opt.start` does, so that the command accepts and refuses the same
//! spellings. There is no JIT yet, so accepted settings have no effect.
//!
//! The argument is a comma-separated list; each item is a level (one
//! digit), a flag (`fold`, `+fold`, `-fold`, `nofold`, `no-fold`) or a
//! parameter with a decimal value (`hotloop=56`).

/// The optimisation flags of LuaJIT 2.1.
const FLAGS: &[&str] = &[
    "fold", "cse", "dce", "fwd", "dse", "narrow", "loop", "abc", "sink", "fuse",
];

/// The numeric parameters of LuaJIT 2.1.
const PARAMS: &[&str] = &[
    "maxtrace",
    "maxrecord",
    "maxirconst",
    "maxside",
    "maxsnap",
    "minstitch",
    "hotloop",
    "hotexit",
    "tryside",
    "instunroll",
    "loopunroll",
    "callunroll",
    "recunroll",
    "sizemcode",
    "maxmcode",
];

/// Checks an `-O` argument; the error is the message luajit prints.
pub fn check(opt: &[u8]) -> Result<(), String> {
    if opt.is_empty() {
        return Ok(());
    }
    for (i, item) in opt.split(|&c| c == b',').enumerate() {
        // An empty item reaches jit.opt.start as nil.
        if item.is_empty() {
            return Err(format!(
                "bad argument #{} to '?' (string expected, got nil)",
                i + 1
            ));
        }
        if !(is_level(item) || is_flag(item) || is_param(item)) {
            return Err(format!(
                "unknown or malformed optimization flag '{}'",
                String::from_utf8_lossy(item)
            ));
        }
    }
    Ok(())
}

fn is_level(s: &[u8]) -> bool {
    s.len() == 1 && s[0].is_ascii_digit()
}

fn is_flag(s: &[u8]) -> bool {
    let name = if let Some(rest) = s.strip_prefix(b"+").or_else(|| s.strip_prefix(b"-")) {
        rest
    } else if let Some(rest) = s.strip_prefix(b"no") {
        rest.strip_prefix(b"-").unwrap_or(rest)
    } else {
        s
    };
    FLAGS.iter().any(|f| f.as_bytes() == name)
}

fn is_param(s: &[u8]) -> bool {
    PARAMS.iter().any(|p| {
        s.strip_prefix(p.as_bytes())
            .and_then(|rest| rest.strip_prefix(b"="))
            .is_some_and(|value| value.iter().all(u8::is_ascii_digit))
    })
}
