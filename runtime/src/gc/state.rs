//! The collector's state and its pacing parameters.
//!
//! The gray set is a side stack (`Vec`) rather than a list threaded
//! through the objects' `gclist` fields: prototypes and upvalues have no
//! such field, and a stack keeps marking free of pointer surgery inside
//! objects. Its memory is the collector's own working space, like
//! LuaJIT's gray lists are free riders on the objects, so it is not
//! charged to the heap.

use std::collections::VecDeque;

use super::GcHeader;
use crate::obj::{GcTab, GcThread, GcUdata};

/// Where the collector is in its cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Between cycles.
    Pause,
    /// Traversing gray objects, a few per step.
    Propagate,
    /// The non-incremental end of marking (next step).
    Atomic,
    /// Freeing dead strings.
    SweepStrings,
    /// Freeing dead objects of the all-objects list, a few per step.
    Sweep,
    /// Calling `__gc` finalizers, one per step.
    Finalize,
}

/// The stress modes, for finding missing roots and barriers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stress {
    Off,
    /// Every safepoint runs a full collection: an object reachable only
    /// through something the collector does not see as a root dies at once.
    Full,
    /// Every safepoint runs one unit of incremental work, so marking
    /// interleaves with the program as finely as possible, and each atomic
    /// phase checks that no black object points at a white one (what a
    /// missing write barrier leaves behind). The paced steps of a normal
    /// run happen too, so memory stays as bounded as without stress.
    Incremental,
}

impl Stress {
    /// The mode `XLJ_GC_STRESS` asks for: `inc` for incremental, any other
    /// non-empty value but `0` for full.
    pub fn from_env() -> Stress {
        match std::env::var("XLJ_GC_STRESS") {
            Ok(v) if v == "inc" => Stress::Incremental,
            Ok(v) if !v.is_empty() && v != "0" => Stress::Full,
            _ => Stress::Off,
        }
    }
}

/// Work units of one step (LuaJIT's `GCSTEPSIZE`).
pub const STEP_SIZE: usize = 1024;
/// Objects swept per sweep step.
pub const SWEEP_MAX: usize = 40;
/// The cost charged for one swept object.
pub const SWEEP_COST: usize = 10;
/// The cost charged for one finalizer call.
pub const FINALIZE_COST: usize = 100;

/// The incremental collector's bookkeeping (one per [`crate::vm::Vm`]).
pub struct GcState {
    pub phase: Phase,
    /// Reached objects whose children are not yet marked.
    pub(crate) gray: Vec<*mut GcHeader>,
    /// Objects to traverse again in the atomic phase: threads (their
    /// stacks change without barriers) and tables a backward barrier
    /// turned gray.
    pub(crate) grayagain: Vec<*mut GcHeader>,
    /// Weak tables met while marking, cleared in the atomic phase.
    pub(crate) weak: Vec<(*mut GcTab, u8)>,
    /// Every thread: a dead thread's open upvalues that are still
    /// reachable must be closed before its stack goes.
    pub(crate) threads: Vec<*mut GcThread>,
    /// Userdata not yet checked for a finalizer, oldest first.
    pub(crate) udata: Vec<*mut GcUdata>,
    /// Userdata whose `__gc` is due, in call order.
    pub(crate) tobefnz: VecDeque<*mut GcUdata>,
    /// The sweep position: the last object kept (null: the list head).
    pub(crate) sweep_after: *mut GcHeader,
    /// The next string chain to sweep.
    pub(crate) sweep_str: usize,
    /// Heap size at which the next step runs (`usize::MAX`: stopped).
    pub threshold: usize,
    /// Work owed by the mutator beyond the threshold.
    pub(crate) debt: usize,
    /// Estimate of live bytes, the base of the next threshold.
    pub(crate) estimate: usize,
    /// Percentage of `estimate` the heap may reach before a new cycle.
    pub pause: u32,
    /// Work done per step, in percent of `STEP_SIZE`.
    pub stepmul: u32,
    pub stress: Stress,
    /// Set while finalizers run: safepoints do nothing meanwhile.
    pub(crate) in_finalizer: bool,
    /// Completed cycles, for tests and statistics.
    pub cycles: u64,
    /// A finalizer's error from a step at a safepoint, raised by the next
    /// [`crate::vm::Vm::gc_check_err`] (its value is a root meanwhile).
    pub(crate) pending_error: Option<crate::vm::LuaError>,
    /// The VM is closing: no more collection or finalization.
    pub(crate) closed: bool,
}

/// The weak-key bit of a weak table's mode.
pub const WEAK_KEY: u8 = 1;
/// The weak-value bit of a weak table's mode.
pub const WEAK_VAL: u8 = 2;

impl Default for GcState {
    fn default() -> Self {
        GcState::new()
    }
}

impl GcState {
    pub fn new() -> GcState {
        GcState {
            phase: Phase::Pause,
            gray: Vec::new(),
            grayagain: Vec::new(),
            weak: Vec::new(),
            threads: Vec::new(),
            udata: Vec::new(),
            tobefnz: VecDeque::new(),
            sweep_after: std::ptr::null_mut(),
            sweep_str: 0,
            // The first cycle starts once the heap has a working set.
            threshold: 256 * 1024,
            debt: 0,
            estimate: 0,
            pause: 200,
            stepmul: 200,
            stress: Stress::from_env(),
            in_finalizer: false,
            cycles: 0,
            pending_error: None,
            closed: false,
        }
    }

    /// The threshold after a cycle: `pause` percent of the live estimate.
    pub(crate) fn next_threshold(&self) -> usize {
        (self.estimate / 100).saturating_mul(self.pause as usize)
    }

    /// Whether automatic collection is on (`collectgarbage("stop")` turns
    /// it off).
    pub fn is_running(&self) -> bool {
        self.threshold != usize::MAX
    }

    /// Marking is under way: the tri-colour invariant must be kept.
    pub fn keeps_invariant(&self) -> bool {
        matches!(self.phase, Phase::Propagate | Phase::Atomic)
    }
}
