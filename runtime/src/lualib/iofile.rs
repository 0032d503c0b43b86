//! The Rust side of an io file: the OS handle, a read-ahead buffer (the
//! `*n` and `*l` formats look one byte past what they consume), a write
//! buffer with stdio's rules ([`super::iobuf`]) and the operations the
//! `io` library needs, all returning `std::io::Result` so the library can
//! report `nil, message, errno`.

use std::cell::Cell;
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::Rc;

use super::iobuf::{blksize_of, BufMode, WriteBuf, BUFSIZ};

/// Where a file's bytes go.
pub(crate) enum Handle {
    Stdin,
    /// Standard output: writes go to the VM's output sink (`Vm::out`),
    /// the same one `print` uses, so the two interleave correctly.
    Stdout,
    Stderr,
    File(std::fs::File),
    Pipe(std::process::Child),
}

pub(crate) struct IoFile {
    pub handle: Handle,
    /// Bytes read ahead and not yet consumed.
    buf: Vec<u8>,
    pos: usize,
    /// Bytes written and not yet passed on (standard output buffers in
    /// the VM's sink instead, shared with `print`).
    wbuf: WriteBuf,
    /// For standard output: where `setvbuf` sets the sink's mode.
    stdout_mode: Option<Rc<Cell<BufMode>>>,
    /// False for handles opened for reading only: a write fails at once
    /// (EBADF) instead of when the buffer would be flushed.
    writable: bool,
}

impl IoFile {
    pub fn new(handle: Handle) -> IoFile {
        let setting = match &handle {
            Handle::Stderr | Handle::Stdin | Handle::Stdout => (BufMode::No, BUFSIZ),
            Handle::File(f) => (BufMode::Full, blksize_of(f)),
            Handle::Pipe(_) => (BufMode::Full, 4096),
        };
        let writable = match &handle {
            Handle::Stdin => false,
            Handle::Pipe(c) => c.stdin.is_some(),
            _ => true,
        };
        IoFile {
            handle,
            buf: Vec::new(),
            pos: 0,
            wbuf: WriteBuf::new(setting),
            stdout_mode: None,
            writable,
        }
    }

    /// The same file, refusing writes (opened for reading only).
    pub fn read_only(mut self) -> IoFile {
        self.writable = false;
        self
    }

    /// Standard output, whose buffering `mode` controls.
    pub fn stdout(mode: Rc<Cell<BufMode>>) -> IoFile {
        let mut f = IoFile::new(Handle::Stdout);
        f.stdout_mode = Some(mode);
        f
    }

    /// Standard input, which knows standard output's buffering for
    /// [`IoFile::flushes_stdout_before_read`].
    pub fn stdin(stdout_mode: Rc<Cell<BufMode>>) -> IoFile {
        let mut f = IoFile::new(Handle::Stdin);
        f.stdout_mode = Some(stdout_mode);
        f
    }

    /// Whether reading this file first writes out standard output, as
    /// glibc flushes line-buffered streams before it reads a terminal:
    /// a prompt written without a newline shows before the input.
    pub fn flushes_stdout_before_read(&self) -> bool {
        use std::io::IsTerminal;
        match (&self.handle, &self.stdout_mode) {
            (Handle::Stdin, Some(m)) => m.get() == BufMode::Line && std::io::stdin().is_terminal(),
            _ => false,
        }
    }

    /// `setvbuf` (see [`WriteBuf::set`]); standard output's mode is
    /// the VM sink's, which only a switch to unbuffered flushes.
    pub fn set_buffering(&mut self, out: &mut dyn Write, mode: BufMode) -> std::io::Result<()> {
        if let (Handle::Stdout, Some(m)) = (&self.handle, &self.stdout_mode) {
            m.set(mode);
            return if mode == BufMode::No {
                out.flush()
            } else {
                Ok(())
            };
        }
        let IoFile { handle, wbuf, .. } = self;
        with_sink(handle, |sink| wbuf.set(sink, mode))
    }

    pub fn is_std(&self) -> bool {
        matches!(self.handle, Handle::Stdin | Handle::Stdout | Handle::Stderr)
    }

    /// Refills the read-ahead buffer; false at end of file.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.pos < self.buf.len() {
            return Ok(true);
        }
        // Reading after writing sees what was written.
        self.flush_writes()?;
        self.buf.resize(8192, 0);
        self.pos = 0;
        let n = match &mut self.handle {
            Handle::Stdin => std::io::stdin().read(&mut self.buf),
            Handle::File(f) => f.read(&mut self.buf),
            Handle::Pipe(c) => match c.stdout.as_mut() {
                Some(o) => o.read(&mut self.buf),
                None => Ok(0),
            },
            Handle::Stdout | Handle::Stderr => Err(std::io::Error::from_raw_os_error(9)),
        };
        match n {
            Ok(n) => {
                self.buf.truncate(n);
                Ok(n > 0)
            }
            Err(e) => {
                self.buf.clear();
                Err(e)
            }
        }
    }

    pub fn peek(&mut self) -> std::io::Result<Option<u8>> {
        Ok(if self.fill()? {
            Some(self.buf[self.pos])
        } else {
            None
        })
    }

    pub fn next_byte(&mut self) -> std::io::Result<Option<u8>> {
        let c = self.peek()?;
        if c.is_some() {
            self.pos += 1;
        }
        Ok(c)
    }

    /// A line without (or with, when `keep`) its newline; `None` at end
    /// of file with nothing read.
    pub fn read_line(&mut self, keep: bool) -> std::io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        loop {
            if !self.fill()? {
                return Ok(if out.is_empty() { None } else { Some(out) });
            }
            let avail = &self.buf[self.pos..];
            match avail.iter().position(|&c| c == b'\n') {
                Some(i) => {
                    out.extend_from_slice(&avail[..i + usize::from(keep)]);
                    self.pos += i + 1;
                    return Ok(Some(out));
                }
                None => {
                    out.extend_from_slice(avail);
                    self.pos = self.buf.len();
                }
            }
        }
    }

    /// Up to `n` bytes; `None` at end of file (for `n > 0`).
    pub fn read_n(&mut self, n: usize) -> std::io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        while out.len() < n {
            if !self.fill()? {
                break;
            }
            let take = (n - out.len()).min(self.buf.len() - self.pos);
            out.extend_from_slice(&self.buf[self.pos..self.pos + take]);
            self.pos += take;
        }
        Ok(if out.is_empty() && n > 0 {
            None
        } else {
            Some(out)
        })
    }

    pub fn read_all(&mut self) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        while self.fill()? {
            out.extend_from_slice(&self.buf[self.pos..]);
            self.pos = self.buf.len();
        }
        Ok(out)
    }

    /// Drops the read-ahead, moving the OS position back over it, before
    /// a write or a seek.
    fn sync_read(&mut self) -> std::io::Result<()> {
        let unread = (self.buf.len() - self.pos) as i64;
        self.buf.clear();
        self.pos = 0;
        if unread > 0 {
            if let Handle::File(f) = &mut self.handle {
                f.seek(SeekFrom::Current(-unread))?;
            }
        }
        Ok(())
    }

    pub fn write(&mut self, out: &mut dyn Write, bytes: &[u8]) -> std::io::Result<()> {
        self.sync_read()?;
        if !self.writable {
            return Err(std::io::Error::from_raw_os_error(9));
        }
        let IoFile { handle, wbuf, .. } = self;
        match handle {
            Handle::Stdout => out.write_all(bytes),
            _ => with_sink(handle, |sink| wbuf.write(sink, bytes)),
        }
    }

    /// Passes on what this file buffered (not standard output's sink).
    fn flush_writes(&mut self) -> std::io::Result<()> {
        if !self.writable {
            return Ok(());
        }
        let IoFile { handle, wbuf, .. } = self;
        match handle {
            Handle::Stdout | Handle::Stdin => Ok(()),
            _ => with_sink(handle, |sink| wbuf.flush(sink)),
        }
    }

    pub fn flush(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        match &mut self.handle {
            Handle::Stdout => out.flush(),
            _ => self.flush_writes(),
        }
    }

    pub fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.flush_writes()?;
        self.sync_read()?;
        match &mut self.handle {
            Handle::File(f) => f.seek(to),
            _ => Err(std::io::Error::from_raw_os_error(29)),
        }
    }

    /// Writes out the buffer and closes the handle; for a pipe, waits
    /// for the process.
    pub fn close(mut self) -> std::io::Result<()> {
        let flushed = self.flush_writes();
        let closed = match self.handle {
            Handle::Pipe(mut c) => {
                drop(c.stdin.take());
                c.wait().map(|_| ())
            }
            _ => Ok(()),
        };
        flushed.and(closed)
    }
}

/// Runs `f` on the writer behind a handle (EBADF for one that cannot be
/// written).
fn with_sink(
    handle: &mut Handle,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match handle {
        Handle::Stderr => f(&mut std::io::stderr()),
        Handle::File(file) => f(file),
        Handle::Pipe(c) => match c.stdin.as_mut() {
            Some(i) => f(i),
            None => Err(std::io::Error::from_raw_os_error(9)),
        },
        Handle::Stdout | Handle::Stdin => Err(std::io::Error::from_raw_os_error(9)),
    }
}
