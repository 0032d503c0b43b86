//! Ctrl-C while Lua code runs, handled as luajit's `lua.c` does: while a
//! chunk runs, SIGINT makes the next instruction raise `interrupted!`
//! (with the usual traceback; a script then exits with code 1, the REPL
//! goes back to its prompt). A second Ctrl-C while the same chunk runs
//! kills the process, and outside a chunk SIGINT keeps its default action.
//! While `os.execute` waits for its command, an interrupt is dropped, as
//! C's `system` ignores SIGINT (the command gets it).
//!
//! The handler only flags the request (see
//! `xlj_runtime::lualib::signal_interrupt`); the interpreter's hook check
//! notices it, so nothing is polled on the fast path.
//!
//! # Invariants of the unsafe code
//! - `TARGET` is null or the hook mask of the VM a live [`Guard`] was made
//!   for; the guard clears it (after restoring the default action) before
//!   that VM can move or go away, and guards do not nest.
//! - The handler runs on the thread running the VM (the command runs Lua
//!   on its main thread and starts no other threads), and does only what
//!   is safe in a handler: atomic loads and stores, one byte written,
//!   and `signal` and `raise`, which POSIX lists as async-signal-safe.

use xlj_runtime::vm::Vm;

/// SIGINT handling for the duration of one call into Lua.
pub struct Guard {
    _private: (),
}

#[cfg(unix)]
mod imp {
    use std::sync::atomic::{AtomicPtr, Ordering};

    static TARGET: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());

    extern "C" fn on_sigint(_sig: libc::c_int) {
        let p = TARGET.load(Ordering::SeqCst);
        // SAFETY: see the module invariants: `p` is the hook mask of the
        // VM running on this very thread.
        let again = !p.is_null() && unsafe { xlj_runtime::lualib::signal_interrupt(p) };
        if p.is_null() || again {
            // A second Ctrl-C while the same chunk runs ends the process,
            // as in lua.c. SAFETY: `signal` and `raise` are
            // async-signal-safe.
            unsafe {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                libc::raise(libc::SIGINT);
            }
        }
    }

    pub fn install(target: *mut u8) {
        TARGET.store(target, Ordering::SeqCst);
        xlj_runtime::lualib::arm_interrupts();
        let handler = on_sigint as extern "C" fn(libc::c_int);
        // SAFETY: installs a handler that keeps the invariants above.
        unsafe { libc::signal(libc::SIGINT, handler as libc::sighandler_t) };
    }

    pub fn uninstall() {
        // SAFETY: restores the default action; afterwards no handler can
        // see `TARGET`, which is cleared.
        unsafe { libc::signal(libc::SIGINT, libc::SIG_DFL) };
        TARGET.store(std::ptr::null_mut(), Ordering::SeqCst);
    }
}

#[cfg(not(unix))]
mod imp {
    pub fn install(_target: *mut u8) {}
    pub fn uninstall() {}
}

impl Guard {
    /// Makes SIGINT interrupt `vm` until the guard is dropped. `vm` must
    /// not move meanwhile (the caller holds it borrowed through its
    /// session for the call).
    pub fn new(vm: &mut Vm) -> Guard {
        imp::install(xlj_runtime::lualib::interrupt_target(vm));
        Guard { _private: () }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        imp::uninstall();
    }
}
