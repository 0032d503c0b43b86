//! Raw terminal mode and the terminal's width for the line editor, and the
//! default action for `SIGPIPE`: the one place the command calls the C
//! library directly.
//!
//! Raw mode here means: no line buffering and no echo (the editor draws
//! the line itself), Ctrl-C/Ctrl-Z/Ctrl-S arrive as bytes instead of
//! signals or flow control, and CR is not turned into NL. Output
//! processing stays on, so `\n` still starts a new row.
//!
//! # Invariants
//! * The termios structure is only read from a successful `tcgetattr` on
//!   fd 0, and only ever handed back to `tcsetattr` on fd 0.
//! * [`width`] only reads a `winsize` the kernel filled in.
//! * [`default_sigpipe`] runs at start-up, before any other thread exists
//!   and before anything is written.
//! * A [`RawMode`] exists only while the terminal is in raw mode; dropping
//!   it restores the settings saved when it was made, on every path
//!   (including unwinding).

/// The terminal on stdin, switched to raw mode until this is dropped.
pub struct RawMode {
    #[cfg(unix)]
    saved: libc::termios,
}

impl RawMode {
    /// Switches stdin's terminal to raw mode; an error if stdin is not a
    /// terminal or its settings cannot be changed.
    #[cfg(unix)]
    pub fn enable() -> std::io::Result<RawMode> {
        // SAFETY: `termios` is plain data, so all-zero is a valid value to
        // be overwritten; tcgetattr fills it or fails (checked).
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd 0 and a pointer to a live, writable termios.
        if unsafe { libc::tcgetattr(0, &mut t) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let saved = t;
        t.c_iflag &= !(libc::BRKINT | libc::ICRNL | libc::INPCK | libc::ISTRIP | libc::IXON);
        t.c_cflag |= libc::CS8;
        t.c_lflag &= !(libc::ECHO | libc::ICANON | libc::IEXTEN | libc::ISIG);
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
        // SAFETY: fd 0 and a termios derived from tcgetattr's result.
        if unsafe { libc::tcsetattr(0, libc::TCSADRAIN, &t) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(RawMode { saved })
    }

    #[cfg(not(unix))]
    pub fn enable() -> std::io::Result<RawMode> {
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "no raw terminal mode on this platform",
        ))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: fd 0 and the settings tcgetattr returned.
        unsafe {
            libc::tcsetattr(0, libc::TCSADRAIN, &self.saved);
        }
    }
}

/// Rust starts programs with `SIGPIPE` ignored, so writing to a closed
/// pipe fails instead of ending the process; `print` ignores write errors
/// (as C's stdio does), so `xlj loop.lua | head` would spin forever.
/// luajit dies of the signal; so does xlj once this has run.
pub fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: installs the default disposition for one signal; called
    // from `main` before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Columns of the terminal on stdout, if it is one and says.
pub fn width() -> Option<usize> {
    #[cfg(unix)]
    {
        // SAFETY: `winsize` is plain data; all-zero is a valid value.
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        // SAFETY: TIOCGWINSZ on fd 1 writes one `winsize` through the
        // pointer, which points at a live, writable one.
        let r = unsafe { libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) };
        (r == 0 && ws.ws_col > 0).then_some(ws.ws_col as usize)
    }
    #[cfg(not(unix))]
    {
        None
    }
}
