//! Per-function parser state, the constant tables and turning a finished
//! function into a [`Proto`].
//!
//! Constants get their operand numbers in order of first use, separately for
//! numbers and GC objects, exactly as LuaJIT numbers them, so that listings
//! and dumps agree operand for operand.

use std::collections::HashMap;
use std::rc::Rc;

use crate::bc::proto::flags;
use crate::bc::{GcConst, Ins, NumConst, Proto, TemplateTable, UpvalDesc, VarInfo};

use super::expdesc::NO_JMP;

/// Flags only the parser uses, above the prototype flags.
pub const HAS_RETURN: u8 = 0x20;
pub const FIXUP_RETURN: u8 = 0x40;

/// Scope flags.
pub const SCOPE_LOOP: u8 = 0x01;
pub const SCOPE_BREAK: u8 = 0x02;
pub const SCOPE_GOLA: u8 = 0x04;
pub const SCOPE_UPVAL: u8 = 0x08;
pub const SCOPE_NOCLOSE: u8 = 0x10;

/// Upvalue references to an enclosing function's upvalue (rather than to one
/// of its locals) are kept offset by this much until the parent finishes.
pub const UV_OF_UPVAL: u32 = 0x10000;

/// A block scope.
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    /// Variable stack index where the block's entries start.
    pub vstart: usize,
    /// Active locals outside the block.
    pub nactvar: u32,
    pub flags: u8,
}

/// A GC constant while its function is being parsed.
pub enum PendingGc {
    Str(Rc<[u8]>),
    Table(TemplateTable),
    /// A child and its upvalue references, resolved when this function ends
    /// (an upvalue is immutable only if its local is never assigned).
    Child(Proto, Vec<u32>),
    I64(i64),
    U64(u64),
    Complex(f64, f64),
}

/// The state of one function being compiled.
pub struct FuncState {
    pub code: Vec<(Ins, u32)>,
    /// Position of the last jump target; no peephole merging across it.
    pub last_target: usize,
    /// Jumps waiting to be patched to the next instruction.
    pub jpc: usize,
    pub freereg: u32,
    pub nactvar: u32,
    pub framesize: u32,
    pub flags: u8,
    pub numparams: u8,
    pub linedefined: u32,
    /// Variable stack index where this function's entries start.
    pub vbase: usize,
    /// Variable stack index of each active local, by slot.
    pub varmap: Vec<usize>,
    /// Variable stack index of each upvalue's variable.
    pub uvmap: Vec<usize>,
    /// How each upvalue is captured: a variable stack index of the
    /// parent's local, or `UV_OF_UPVAL + index` of the parent's upvalue.
    pub uvtmp: Vec<u32>,
    pub scopes: Vec<Scope>,
    knum_map: HashMap<u64, u32>,
    pub knum: Vec<f64>,
    kstr_map: HashMap<Rc<[u8]>, u32>,
    pub kgc: Vec<PendingGc>,
}

impl FuncState {
    pub fn new(vbase: usize, linedefined: u32) -> FuncState {
        FuncState {
            code: Vec::new(),
            last_target: 0,
            jpc: NO_JMP,
            freereg: 0,
            nactvar: 0,
            framesize: 1,
            flags: 0,
            numparams: 0,
            linedefined,
            vbase,
            varmap: vec![0; 256],
            uvmap: Vec::new(),
            uvtmp: Vec::new(),
            scopes: Vec::new(),
            knum_map: HashMap::new(),
            knum: Vec::new(),
            kstr_map: HashMap::new(),
            kgc: Vec::new(),
        }
    }

    pub fn pc(&self) -> usize {
        self.code.len()
    }

    pub fn scope(&mut self) -> &mut Scope {
        self.scopes.last_mut().expect("no open scope")
    }

    /// The number constant `n`, added on first use. `+0` and `-0` share a
    /// slot, as they do in LuaJIT's constant table.
    pub fn const_num(&mut self, n: f64) -> u32 {
        let key = if n == 0.0 { 0 } else { n.to_bits() };
        if let Some(&i) = self.knum_map.get(&key) {
            return i;
        }
        let i = self.knum.len() as u32;
        self.knum.push(n);
        self.knum_map.insert(key, i);
        i
    }

    pub fn const_str(&mut self, s: &Rc<[u8]>) -> u32 {
        if let Some(&i) = self.kstr_map.get(s) {
            return i;
        }
        let i = self.kgc.len() as u32;
        self.kgc.push(PendingGc::Str(s.clone()));
        self.kstr_map.insert(s.clone(), i);
        i
    }

    /// The index `s` has if it is already a string constant.
    pub fn find_str(&self, s: &[u8]) -> Option<u32> {
        self.kstr_map.get(s).copied()
    }

    /// A GC constant that is never shared (tables, children, cdata).
    pub fn const_unique(&mut self, k: PendingGc) -> u32 {
        self.kgc.push(k);
        (self.kgc.len() - 1) as u32
    }
}

/// Names of the hidden loop variables, as LuaJIT's debug info shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarName {
    Named(Rc<[u8]>),
    ForIndex,
    ForStop,
    ForStep,
    ForGen,
    ForState,
    ForCtl,
    /// The pseudo label of `break`.
    Break,
    /// A resolved goto or a label out of scope.
    Dead,
}

impl VarName {
    pub fn printable(&self) -> Rc<str> {
        let s = match self {
            VarName::Named(n) => return String::from_utf8_lossy(n).into(),
            VarName::ForIndex => "(for index)",
            VarName::ForStop => "(for limit)",
            VarName::ForStep => "(for step)",
            VarName::ForGen => "(for generator)",
            VarName::ForState => "(for state)",
            VarName::ForCtl => "(for control)",
            VarName::Break => "break",
            VarName::Dead => "",
        };
        s.into()
    }
}

pub const VSTACK_VAR_RW: u8 = 0x01;
pub const VSTACK_GOTO: u8 = 0x02;
pub const VSTACK_LABEL: u8 = 0x04;

/// An entry of the variable stack: a local, a pending goto or a label.
#[derive(Clone, Debug)]
pub struct VarSlot {
    pub name: VarName,
    pub startpc: usize,
    pub endpc: usize,
    pub slot: u32,
    pub info: u8,
}

/// Builds the prototype of a finished function. `vstack` still holds the
/// function's variables (needed for its children's upvalue flags).
pub fn build_proto(fs: FuncState, vstack: &[VarSlot], chunk_name: &Rc<str>, numline: u32) -> Proto {
    let mut code: Vec<Ins> = fs.code.iter().map(|&(i, _)| i).collect();
    let mut line_info: Vec<u32> = fs.code.iter().map(|&(_, l)| l).collect();
    let head = if fs.flags & flags::VARARG != 0 {
        crate::bc::Op::FUNCV
    } else {
        crate::bc::Op::FUNCF
    };
    code[0] = Ins::ad(head, fs.framesize as u8, 0);
    line_info[0] = fs.linedefined;
    let kgc = fs
        .kgc
        .into_iter()
        .map(|k| match k {
            PendingGc::Str(s) => GcConst::Str(s),
            PendingGc::Table(t) => GcConst::Table(Rc::new(t)),
            PendingGc::Child(mut p, uvs) => {
                p.upvalues = uvs.iter().map(|&u| child_upvalue(u, vstack)).collect();
                GcConst::Child(Rc::new(p))
            }
            PendingGc::I64(v) => GcConst::I64(v),
            PendingGc::U64(v) => GcConst::U64(v),
            PendingGc::Complex(re, im) => GcConst::Complex(re, im),
        })
        .collect();
    let knum = fs
        .knum
        .iter()
        .map(|&n| {
            let i = n as i32;
            if i as f64 == n && !(n == 0.0 && n.is_sign_negative()) {
                NumConst::Int(i)
            } else {
                NumConst::Num(n)
            }
        })
        .collect();
    let upvalue_names = fs
        .uvmap
        .iter()
        .map(|&v| vstack[v].name.printable())
        .collect();
    let var_info = vstack[fs.vbase..]
        .iter()
        .filter(|v| v.info & (VSTACK_GOTO | VSTACK_LABEL) == 0)
        .map(|v| VarInfo {
            name: v.name.printable(),
            start_pc: v.startpc as u32,
            end_pc: v.endpc as u32,
        })
        .collect();
    Proto {
        chunk_name: chunk_name.clone(),
        first_line: fs.linedefined,
        num_lines: numline,
        num_params: fs.numparams,
        frame_size: fs.framesize as u8,
        flags: fs.flags & !(HAS_RETURN | FIXUP_RETURN),
        code,
        line_info,
        kgc,
        knum,
        // Filled in by the parent when it finishes.
        upvalues: Vec::new(),
        upvalue_names,
        var_info,
    }
}

fn child_upvalue(u: u32, vstack: &[VarSlot]) -> UpvalDesc {
    if u >= UV_OF_UPVAL {
        return UpvalDesc((u - UV_OF_UPVAL) as u16);
    }
    let v = &vstack[u as usize];
    let mut d = v.slot as u16 | UpvalDesc::LOCAL;
    if v.info & VSTACK_VAR_RW == 0 {
        d |= UpvalDesc::IMMUTABLE;
    }
    UpvalDesc(d)
}
