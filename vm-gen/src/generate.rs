//! Assembling a template and running the result.

use std::time::{Duration, Instant};

use asm_dsl::{AsmError, Assembler, ExecBuffer, FinishExec, Isa};
use xlj_runtime::bc::{Ins, OP_COUNT};
use xlj_runtime::interp::engine::{Engine, EngineRegs};

use crate::dispatch::DispatchData;
use crate::hotcount;
use crate::optable::{self, OpRow};

/// The global label of the entry gate, an `extern "C" fn(*mut EngineRegs)`.
pub const ENTRY_LABEL: &str = "vm_enter";
/// The global label of the hand-over exit, also the fast-function table's
/// entry for builtins a template has no assembly for.
pub const FALLBACK_LABEL: &str = "vm_fallback";
/// Fast function `id` is placed at dynamic label `FAST_LABEL_BASE + id`
/// (opcodes use the labels below it).
pub const FAST_LABEL_BASE: u32 = 0x100;

/// What a target's interpreter template provides.
pub trait Template {
    /// The target's name (`x64`), which is also the engine's `jit.arch`.
    fn target(&self) -> &'static str;

    /// The instruction set the template is written in.
    fn isa(&self) -> &'static dyn Isa;

    /// The gates between Rust and the interpreter and the subroutines the
    /// fragments share. Must define the global label [`ENTRY_LABEL`].
    /// `dispatch` is the address of the [`DispatchData`] block.
    fn gates(&self, ops: &mut Assembler, dispatch: u64);

    /// The fragment for one opcode; vm-gen has just defined the dynamic
    /// label numbered by the opcode at the current offset.
    fn op(&self, ops: &mut Assembler, row: &OpRow, dispatch: u64);

    /// Whether the template has builtin `id` (a LuaJIT builtin number) in
    /// assembly.
    fn has_fast_function(&self, id: u8) -> bool;

    /// The assembly for builtin `id` (only asked when `has_fast_function`
    /// said yes); vm-gen has just defined its dynamic label.
    fn fast_function(&self, ops: &mut Assembler, id: u8, dispatch: u64);
}

/// Why an interpreter could not be generated.
#[derive(Debug)]
pub enum GenError {
    /// The assembler refused something (a bug in the template) or the
    /// executable mapping failed.
    Asm(AsmError),
    /// The template emitted no code for an opcode.
    MissingFragment(&'static str),
    /// The template lacks its entry gate, its hand-over exit or a fast
    /// function it claimed.
    NoEntry,
}

impl std::fmt::Display for GenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenError::Asm(e) => write!(f, "interpreter generation failed: {e}"),
            GenError::MissingFragment(op) => write!(f, "interpreter template lacks {op}"),
            GenError::NoEntry => write!(f, "interpreter template lacks a gate or a fast function"),
        }
    }
}

impl std::error::Error for GenError {}

/// Figures about one generation.
#[derive(Clone, Copy, Debug)]
pub struct GenStats {
    /// Bytes of machine code.
    pub code_bytes: usize,
    /// Wall time from the first instruction assembled to the dispatch
    /// table filled.
    pub time: Duration,
}

/// A generated interpreter: its code, its dispatch data and its entry.
pub struct GeneratedInterp {
    target: &'static str,
    // Field order matters for drop: the code goes before the data it
    // points at (neither is used while dropping).
    code: ExecBuffer,
    data: *mut DispatchData,
    entry: unsafe extern "C" fn(*mut EngineRegs),
    stats: GenStats,
    /// Hand-overs per opcode, kept when `XLJ_ENGINE_STATS` is set and
    /// printed to stderr when the interpreter is dropped.
    handovers: Option<std::cell::RefCell<Vec<u64>>>,
}

impl Drop for GeneratedInterp {
    fn drop(&mut self) {
        if let Some(counts) = &self.handovers {
            let counts = counts.borrow();
            let mut rows: Vec<(u64, &str)> = optable::rows()
                .map(|r| (counts[r.op as usize], r.info.name))
                .filter(|&(n, _)| n > 0)
                .collect();
            rows.sort_by(|a, b| b.cmp(a));
            let total: u64 = rows.iter().map(|r| r.0).sum();
            eprintln!("[engine {}] {} hand-overs", self.target, total);
            for (n, name) in rows {
                eprintln!("[engine {}] {:>12} {}", self.target, n, name);
            }
        }
        // SAFETY: `data` came from `Box::into_raw` in `generate` and no
        // code runs any more.
        drop(unsafe { Box::from_raw(self.data) });
    }
}

impl GeneratedInterp {
    pub fn stats(&self) -> GenStats {
        self.stats
    }

    pub fn target(&self) -> &'static str {
        self.target
    }

    /// The machine code, for disassembly listings.
    pub fn code(&self) -> &[u8] {
        self.code.code()
    }

    /// Address of the fragment for opcode `op`.
    pub fn fragment_addr(&self, op: u8) -> u64 {
        // SAFETY: `data` lives as long as `self`; reads do not race with
        // the interpreter, which runs on this thread only.
        unsafe { (*self.data).table[op as usize] }
    }
}

/// Assembles `template` into a running interpreter.
pub fn generate(template: &dyn Template) -> Result<GeneratedInterp, GenError> {
    let t0 = Instant::now();
    let data = Box::into_raw(DispatchData::new());
    let fail = move |e: GenError| {
        // SAFETY: not shared yet.
        drop(unsafe { Box::from_raw(data) });
        e
    };
    let daddr = data as u64;
    let mut ops = Assembler::new(template.isa());
    template.gates(&mut ops, daddr);
    let mut starts = [0usize; OP_COUNT];
    for row in optable::rows() {
        ops.dynamic_label(row.op as u32);
        starts[row.op as usize] = ops.offset();
        template.op(&mut ops, &row, daddr);
        if ops.offset() == starts[row.op as usize] {
            return Err(fail(GenError::MissingFragment(row.info.name)));
        }
    }
    for id in 0..=u8::MAX {
        if template.has_fast_function(id) {
            ops.dynamic_label(FAST_LABEL_BASE + id as u32);
            template.fast_function(&mut ops, id, daddr);
        }
    }
    let code = ops.finish_exec().map_err(|e| fail(GenError::Asm(e)))?;
    // SAFETY: the template's contract: the entry gate has this signature.
    let entry = match unsafe { code.entry::<unsafe extern "C" fn(*mut EngineRegs)>(ENTRY_LABEL) } {
        Some(f) => f,
        None => return Err(fail(GenError::NoEntry)),
    };
    for row in optable::rows() {
        let addr = code
            .dynamic_addr(row.op as u32)
            .ok_or_else(|| fail(GenError::MissingFragment(row.info.name)))?;
        // SAFETY: not shared with running code yet.
        unsafe { (*data).table[row.op as usize] = addr };
    }
    let fallback = code
        .global_addr(FALLBACK_LABEL)
        .ok_or_else(|| fail(GenError::NoEntry))?;
    for id in 0..=u8::MAX {
        let addr = if template.has_fast_function(id) {
            code.dynamic_addr(FAST_LABEL_BASE + id as u32)
                .ok_or_else(|| fail(GenError::NoEntry))?
        } else {
            fallback
        };
        // SAFETY: not shared with running code yet.
        unsafe { (*data).fast[id as usize] = addr };
    }
    let stats = GenStats {
        code_bytes: code.len(),
        time: t0.elapsed(),
    };
    Ok(GeneratedInterp {
        target: template.target(),
        code,
        data,
        entry,
        stats,
        handovers: std::env::var_os("XLJ_ENGINE_STATS")
            .map(|_| std::cell::RefCell::new(vec![0; OP_COUNT])),
    })
}

impl Engine for GeneratedInterp {
    fn name(&self) -> &'static str {
        "asm"
    }

    unsafe fn run(&self, regs: &mut EngineRegs) {
        // SAFETY: the caller's contract on `regs`; the code and its
        // dispatch data live as long as `self`.
        unsafe { (self.entry)(regs) }
    }

    fn note_handover(&self, op: xlj_runtime::bc::Op) {
        if let Some(c) = &self.handovers {
            c.borrow_mut()[op as usize] += 1;
        }
    }

    fn hot(&self, pc: *const Ins) {
        // SAFETY: the interpreter is stopped; the counters are ours.
        unsafe { (*self.data).hotcount[hotcount::slot_of(pc as usize)] = hotcount::START };
    }
}
