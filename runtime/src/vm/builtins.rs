//! LuaJIT's fast-function numbers, given to our builtins of the same
//! names. The number is what `tostring` prints (`function: builtin#N`),
//! and generated interpreters select their assembly fast paths by it; the
//! specials the reference interpreter itself handles (`pcall`, `next`,
//! `coroutine.yield`, ...) have constants in [`crate::obj::func::ffid`]
//! with the same numbers. The list is checked against
//! `tests/golden/builtins.txt`, recorded from luajit by
//! `tests/tools/record_builtins.lua`.

use crate::obj::func::ffid;
use crate::obj::{GcFunc, GcTab};
use crate::value::{itype, Value};
use crate::vm::{obj, Vm};

/// `(name, number)`: base functions by name, library functions as
/// `lib.name`.
pub const BUILTINS: &[(&str, u8)] = &[
    ("assert", 2),
    ("bit.arshift", 69),
    ("bit.band", 72),
    ("bit.bnot", 65),
    ("bit.bor", 73),
    ("bit.bswap", 66),
    ("bit.bxor", 74),
    ("bit.lshift", 67),
    ("bit.rol", 70),
    ("bit.ror", 71),
    ("bit.rshift", 68),
    ("bit.tobit", 64),
    ("bit.tohex", 75),
    ("collectgarbage", 27),
    ("coroutine.create", 33),
    ("coroutine.isyieldable", 32),
    ("coroutine.resume", 35),
    ("coroutine.running", 31),
    ("coroutine.status", 30),
    ("coroutine.wrap", 37),
    ("coroutine.yield", 34),
    ("debug.debug", 141),
    ("debug.getfenv", 130),
    ("debug.gethook", 140),
    ("debug.getinfo", 132),
    ("debug.getlocal", 133),
    ("debug.getmetatable", 128),
    ("debug.getregistry", 127),
    ("debug.getupvalue", 135),
    ("debug.setfenv", 131),
    ("debug.sethook", 139),
    ("debug.setlocal", 134),
    ("debug.setmetatable", 129),
    ("debug.setupvalue", 136),
    ("debug.traceback", 142),
    ("debug.upvalueid", 137),
    ("debug.upvaluejoin", 138),
    ("dofile", 25),
    ("error", 19),
    ("gcinfo", 26),
    ("getfenv", 10),
    ("getmetatable", 8),
    ("io.close", 108),
    ("io.flush", 111),
    ("io.input", 112),
    ("io.lines", 114),
    ("io.open", 105),
    ("io.output", 113),
    ("io.popen", 106),
    ("io.read", 109),
    ("io.tmpfile", 107),
    ("io.type", 115),
    ("io.write", 110),
    ("ipairs", 7),
    ("jit.attach", 148),
    ("jit.flush", 145),
    ("jit.off", 144),
    ("jit.on", 143),
    ("jit.security", 147),
    ("jit.status", 146),
    ("load", 23),
    ("loadfile", 22),
    ("loadstring", 24),
    ("math.abs", 38),
    ("math.acos", 48),
    ("math.asin", 47),
    ("math.atan", 49),
    ("math.atan2", 56),
    ("math.ceil", 40),
    ("math.cos", 45),
    ("math.cosh", 51),
    ("math.exp", 43),
    ("math.floor", 39),
    ("math.fmod", 58),
    ("math.frexp", 53),
    ("math.ldexp", 59),
    ("math.log", 55),
    ("math.log10", 42),
    ("math.max", 61),
    ("math.min", 60),
    ("math.modf", 54),
    ("math.pow", 57),
    ("math.random", 62),
    ("math.randomseed", 63),
    ("math.sin", 44),
    ("math.sinh", 50),
    ("math.sqrt", 41),
    ("math.tan", 46),
    ("math.tanh", 52),
    ("newproxy", 28),
    ("next", 4),
    ("os.clock", 122),
    ("os.date", 123),
    ("os.difftime", 125),
    ("os.execute", 116),
    ("os.exit", 121),
    ("os.getenv", 120),
    ("os.remove", 117),
    ("os.rename", 118),
    ("os.setlocale", 126),
    ("os.time", 124),
    ("os.tmpname", 119),
    ("pairs", 5),
    ("pcall", 20),
    ("print", 29),
    ("rawequal", 14),
    ("rawget", 12),
    ("rawset", 13),
    ("select", 16),
    ("setfenv", 11),
    ("setmetatable", 9),
    ("string.byte", 76),
    ("string.char", 77),
    ("string.dump", 83),
    ("string.find", 84),
    ("string.format", 89),
    ("string.gmatch", 87),
    ("string.gsub", 88),
    ("string.lower", 81),
    ("string.match", 85),
    ("string.rep", 79),
    ("string.reverse", 80),
    ("string.sub", 78),
    ("string.upper", 82),
    ("table.concat", 92),
    ("table.insert", 91),
    ("table.maxn", 90),
    ("table.sort", 93),
    ("tonumber", 17),
    ("tostring", 18),
    ("type", 3),
    ("unpack", 15),
    ("xpcall", 21),
];

impl Vm {
    /// Gives every builtin of [`BUILTINS`] its number (natives that are
    /// not LuaJIT fast functions stay `ffid::NATIVE`).
    pub fn number_builtins(&mut self) {
        for &(path, id) in BUILTINS {
            let (lib, name) = match path.split_once('.') {
                Some((l, n)) => (Some(l), n),
                None => (None, path),
            };
            let mut t = self.globals;
            if let Some(lib) = lib {
                let v = self.raw_field(t, lib);
                if v.itype() != itype::TAB {
                    continue;
                }
                t = obj::<GcTab>(v);
            }
            let f = self.raw_field(t, name);
            if f.itype() == itype::FUNC {
                let f = obj::<GcFunc>(f);
                // SAFETY: a live closure of this VM.
                unsafe {
                    if (*f).ffid == ffid::NATIVE {
                        (*f).ffid = id;
                    }
                }
            }
        }
    }

    fn raw_field(&mut self, t: *mut GcTab, name: &str) -> Value {
        match self.intern(name.as_bytes()) {
            // SAFETY: `t` is a live table.
            Ok(s) => unsafe { (*t).get_str(s) },
            Err(_) => Value::NIL,
        }
    }
}
