//! Debug facts derived from bytecode: the names of slots in error
//! messages (`local 'x'`, `global 'f'`, `field 'k'`, `method 'm'`,
//! `upvalue 'u'`), walking the frames of a thread, source positions, and
//! the errors natives raise in their caller's context.

use crate::bc::{Ins, Mode, Op};
use crate::obj::{GcFunc, GcProto, GcStr};
use crate::value::Value;
use crate::vm::{frame, obj, Args, LuaError, Vm};

/// The kind and name of the value in `slot` just before instruction `pc`
/// executes, found as LuaJIT does: a live local, or the instruction that
/// last wrote the slot.
pub fn slot_name(pt: &GcProto, pc: usize, slot: u32) -> Option<(&'static str, String)> {
    let code = pt.code();
    let mut pc = pc;
    let mut slot = slot;
    'restart: loop {
        if let Some(name) = pt.var_name(pc, slot as usize) {
            return Some(("local", name.to_string()));
        }
        while pc > 1 {
            pc -= 1;
            let ins = code[pc];
            let op = ins.op();
            let ra = ins.a() as u32;
            let info = op.info();
            if info.a == Mode::Base {
                if slot >= ra && (op != Op::KNIL || slot <= ins.d() as u32) {
                    return None;
                }
            } else if info.a == Mode::Dst && ra == slot {
                let kstr = |i: usize| {
                    let v = pt.kgc_at(i);
                    // SAFETY: GGET/TGETS operands name string constants.
                    String::from_utf8_lossy(unsafe { (*obj::<GcStr>(v)).as_bytes() }).into_owned()
                };
                return match op {
                    Op::MOV => {
                        slot = ins.d() as u32;
                        continue 'restart;
                    }
                    Op::GGET => Some(("global", kstr(ins.d() as usize))),
                    Op::TGETS => {
                        let name = kstr(ins.c() as usize);
                        if pc > 1 {
                            let p = code[pc - 1];
                            if p.op() == Op::MOV
                                && p.a() as u32 == ra + 2
                                && p.d() == ins.b() as u16
                            {
                                return Some(("method", name));
                            }
                        }
                        Some(("field", name))
                    }
                    Op::UGET => Some(("upvalue", pt.uv_name(ins.d() as usize).to_string())),
                    _ => None,
                };
            }
        }
        return None;
    }
}

/// One frame of a thread, innermost first.
#[derive(Clone, Copy, Debug)]
pub struct FrameInfo {
    /// Where the function was called: its function slot is `base - 2`.
    pub base: u32,
    /// Where it runs (slot 0 of its locals): above `base` for a vararg
    /// function, whose fixed frame is copied above its arguments.
    pub run_base: u32,
    /// The instruction after the one being executed (Lua frames).
    pub pc: Option<*const Ins>,
}

impl Vm {
    /// The frames of the running thread, innermost first. `top_pc` is the
    /// pc of the innermost frame if it is a running Lua frame.
    pub fn frames(&mut self, top_pc: Option<*const Ins>) -> Vec<FrameInfo> {
        let th = self.thread();
        let mut out = Vec::new();
        let mut base = th.base;
        let mut pc = top_pc;
        while base >= 2 {
            let run_base = base;
            let mut link = th.get(base - 1);
            if frame::kind(link) == frame::VARG {
                base -= frame::delta(link);
                link = th.get(base - 1);
            }
            out.push(FrameInfo { base, run_base, pc });
            match frame::kind(link) {
                frame::LUA => {
                    let p = frame::pc(link);
                    // SAFETY: a Lua link points just after a call instruction.
                    let a = unsafe { (*p.sub(1)).a() } as u32;
                    pc = Some(p);
                    base = base - 2 - a;
                }
                frame::CONT => {
                    pc = Some(frame::pc(th.get(base - 3)));
                    base -= frame::delta(link);
                }
                _ => {
                    pc = None;
                    base -= frame::delta(link);
                }
            }
        }
        out
    }

    /// The Lua function of a frame, if it is one.
    pub fn frame_proto(&mut self, f: &FrameInfo) -> Option<&GcProto> {
        let fv = self.thread().get(f.base - 2);
        if fv.itype() != crate::value::itype::FUNC {
            return None;
        }
        // SAFETY: a function value in a frame's function slot.
        let func = unsafe { &*obj::<GcFunc>(fv) };
        func.is_lua().then(|| func.proto())
    }

    /// `chunk:line: ` for a Lua frame, empty otherwise.
    pub fn frame_where(&mut self, f: &FrameInfo) -> String {
        let Some(pc) = f.pc else { return String::new() };
        let Some(pt) = self.frame_proto(f) else {
            return String::new();
        };
        // SAFETY: pc points into this prototype's code.
        let idx = unsafe { pc.offset_from(pt.bc) } as usize;
        proto_where(pt, idx.saturating_sub(1))
    }

    /// The position prefix of stack level `level` (1: the caller of the
    /// running native).
    pub fn where_(&mut self, level: usize) -> String {
        let frames = self.frames(None);
        match frames.get(level) {
            Some(f) => {
                let f = *f;
                self.frame_where(&f)
            }
            None => String::new(),
        }
    }

    /// An error raised by a native in its caller's context.
    pub fn caller_error(&mut self, msg: &str) -> LuaError {
        let w = self.where_(1);
        self.err_msg(&format!("{w}{msg}"))
    }

    /// The name a native was called by, from its caller's call instruction.
    fn native_name(&mut self) -> Option<(&'static str, String)> {
        let frames = self.frames(None);
        let me = frames.first()?;
        let link = self.thread().get(me.base - 1);
        if frame::kind(link) != frame::LUA {
            return None;
        }
        let caller = *frames.get(1)?;
        let pc = frame::pc(link);
        let pt = self.frame_proto(&caller)?;
        // SAFETY: the link points into the caller's code.
        let idx = unsafe { pc.offset_from(pt.bc) } as usize - 1;
        let ins = pt.code()[idx];
        let slot = match ins.op() {
            Op::ITERC | Op::ITERN => ins.a() as u32 - 3,
            Op::CALL | Op::CALLM | Op::CALLT | Op::CALLMT => ins.a() as u32,
            _ => return None,
        };
        slot_name(pt, idx, slot)
    }

    /// `bad argument #n to 'name' (msg)`, in the caller's context.
    pub fn arg_error(&mut self, narg: u32, msg: &str) -> LuaError {
        let (kind, name) = match self.native_name() {
            Some((k, n)) => (k, n),
            None => ("", "?".to_string()),
        };
        let mut narg = narg;
        if kind == "method" {
            narg -= 1;
            if narg == 0 {
                return self.caller_error(&format!("calling '{name}' on bad self ({msg})"));
            }
        }
        self.caller_error(&format!("bad argument #{narg} to '{name}' ({msg})"))
    }

    /// `bad argument` for a wrong type.
    pub fn type_error(&mut self, a: Args, narg: u32, expected: &str) -> LuaError {
        let got = if narg > a.n {
            "no value"
        } else {
            self.arg(a, narg - 1).type_name()
        };
        self.arg_error(narg, &format!("{expected} expected, got {got}"))
    }

    /// Checks that argument `narg` (1-based) is a table.
    pub fn check_table(&mut self, a: Args, narg: u32) -> Result<Value, LuaError> {
        let v = self.arg(a, narg - 1);
        if v.itype() == crate::value::itype::TAB {
            Ok(v)
        } else {
            Err(self.type_error(a, narg, "table"))
        }
    }

    /// Checks that argument `narg` (1-based) is present.
    pub fn check_any(&mut self, a: Args, narg: u32) -> Result<Value, LuaError> {
        if narg > a.n {
            Err(self.arg_error(narg, "value expected"))
        } else {
            Ok(self.arg(a, narg - 1))
        }
    }

    /// A short traceback of the running thread's frames.
    pub fn traceback_lines(&mut self) -> Vec<String> {
        self.traceback_from(None)
    }

    /// The traceback, `top_pc` being the pc of a running Lua frame on top:
    /// one line per frame in LuaJIT's words (see [`Vm::traceback_line`]).
    pub fn traceback_from(&mut self, top_pc: Option<*const Ins>) -> Vec<String> {
        let frames = self.frames(top_pc);
        (0..frames.len())
            .map(|i| self.traceback_line(&frames, i))
            .collect()
    }

    /// How the function of frame `i` was named by its caller's call
    /// instruction: (`namewhat`, name), as `getinfo`'s `n` option reports.
    pub fn frame_call_name(
        &mut self,
        frames: &[FrameInfo],
        i: usize,
    ) -> Option<(&'static str, String)> {
        let me = frames.get(i)?;
        let link = self.thread().get(me.base - 1);
        if frame::kind(link) != frame::LUA {
            return None;
        }
        let caller = *frames.get(i + 1)?;
        let pc = frame::pc(link);
        let pt = self.frame_proto(&caller)?;
        // SAFETY: a Lua link points into its caller's code.
        let idx = unsafe { pc.offset_from(pt.bc) } as usize - 1;
        let ins = pt.code()[idx];
        let slot = match ins.op() {
            Op::ITERC | Op::ITERN => ins.a() as u32 - 3,
            Op::CALL | Op::CALLM | Op::CALLT | Op::CALLMT => ins.a() as u32,
            _ => return None,
        };
        slot_name(pt, idx, slot)
    }

    /// The current line of a frame, -1 for natives. A frame stopped in a
    /// debug hook reports the hooked instruction's line.
    pub fn frame_current_line(&mut self, f: &FrameInfo) -> i64 {
        let hooked = crate::lualib::hook::hooked_pc(self, f.run_base);
        let Some(pc) = f.pc.or(hooked) else {
            return -1;
        };
        match self.frame_proto(f) {
            Some(pt) => {
                // SAFETY: `pc` points into this prototype's code.
                let idx = unsafe { pc.offset_from(pt.bc) } as usize;
                pt.line_of(idx.saturating_sub(1)) as i64
            }
            None => -1,
        }
    }

    /// One traceback line for frame `i`, in LuaJIT's words: the source and
    /// line, then the function's name as its caller called it, or where it
    /// was defined, or the native's address.
    pub fn traceback_line(&mut self, frames: &[FrameInfo], i: usize) -> String {
        let f = frames[i];
        let fv = self.thread().get(f.base - 2);
        let name = self.frame_call_name(frames, i);
        let line = self.frame_current_line(&f);
        let short_src = |chunk: &[u8]| crate::lex::short_name(&String::from_utf8_lossy(chunk));
        let mut out = match self.frame_proto(&f) {
            Some(pt) => short_src(pt.chunk_name()),
            None => "[C]".to_string(),
        };
        out.push(':');
        if line > 0 {
            out.push_str(&format!("{line}:"));
        }
        if let Some((_, n)) = name {
            out.push_str(&format!(" in function '{n}'"));
            return out;
        }
        match self.frame_proto(&f) {
            Some(pt) if pt.firstline == 0 => out.push_str(" in main chunk"),
            Some(pt) => {
                let src = short_src(pt.chunk_name());
                out.push_str(&format!(" in function <{src}:{}>", pt.firstline));
            }
            None => out.push_str(&format!(" at {:#x}", fv.payload())),
        }
        out
    }
}

/// `chunk:line: ` of instruction `pc` of a prototype.
pub fn proto_where(pt: &GcProto, pc: usize) -> String {
    let name = crate::lex::short_name(&String::from_utf8_lossy(pt.chunk_name()));
    format!("{}:{}: ", name, pt.line_of(pc))
}
