//! The Rust side of an io file: the OS handle, a read-ahead buffer (the
//! `*n` and `*l` formats look one byte past what they consume) and the
//! operations the `io` library needs, all returning `std::io::Result` so
//! the library can report `nil, message, errno`.

use std::io::{Read, Seek, SeekFrom, Write};

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
}

impl IoFile {
    pub fn new(handle: Handle) -> IoFile {
        IoFile {
            handle,
            buf: Vec::new(),
            pos: 0,
        }
    }

    pub fn is_std(&self) -> bool {
        matches!(self.handle, Handle::Stdin | Handle::Stdout | Handle::Stderr)
    }

    /// Refills the read-ahead buffer; false at end of file.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.pos < self.buf.len() {
            return Ok(true);
        }
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
        match &mut self.handle {
            Handle::Stdout => out.write_all(bytes),
            Handle::Stderr => std::io::stderr().write_all(bytes),
            Handle::File(f) => f.write_all(bytes),
            Handle::Pipe(c) => match c.stdin.as_mut() {
                Some(i) => i.write_all(bytes),
                None => Err(std::io::Error::from_raw_os_error(9)),
            },
            Handle::Stdin => Err(std::io::Error::from_raw_os_error(9)),
        }
    }

    pub fn flush(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        match &mut self.handle {
            Handle::Stdout => out.flush(),
            Handle::File(f) => f.flush(),
            _ => Ok(()),
        }
    }

    pub fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.sync_read()?;
        match &mut self.handle {
            Handle::File(f) => f.seek(to),
            _ => Err(std::io::Error::from_raw_os_error(29)),
        }
    }

    /// Closes the handle; for a pipe, waits for the process.
    pub fn close(self) -> std::io::Result<()> {
        match self.handle {
            Handle::Pipe(mut c) => {
                drop(c.stdin.take());
                c.wait().map(|_| ())
            }
            _ => Ok(()),
        }
    }
}
