//! C stdio's output buffering for io files and standard output.
//!
//! LuaJIT writes through C's `FILE*`, so what a program observes (the
//! order of its output against a child process's or stderr's, what is on
//! disk before a file is flushed or closed) follows stdio's rules: files
//! and pipes are fully buffered, standard output is line buffered on a
//! terminal and fully buffered otherwise, standard error is unbuffered,
//! and `setvbuf` switches between the three. [`WriteBuf`] holds those
//! rules for one stream; [`StdoutBuf`] is the sink `print` and
//! `io.stdout` share (installed as `Vm::out` by the io library), whose
//! mode `setvbuf` changes through a shared cell.

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

/// What `setvbuf` calls `"no"`, `"line"` and `"full"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BufMode {
    No,
    Line,
    Full,
}

/// A stream's buffering: the mode and the buffer size.
pub(crate) type BufSetting = (BufMode, usize);

/// glibc's default buffer size when the descriptor reports none.
pub(crate) const BUFSIZ: usize = 8192;

/// Bytes written and not yet handed to the OS.
pub(crate) struct WriteBuf {
    mode: BufMode,
    cap: usize,
    data: Vec<u8>,
    /// The mode was line buffering until `set`: glibc's write pointers
    /// then leave no room in the buffer, so the next write flushes what
    /// is pending before it buffers anything.
    was_line: bool,
}

impl WriteBuf {
    pub fn new((mode, cap): BufSetting) -> WriteBuf {
        WriteBuf {
            mode,
            cap: cap.max(1),
            data: Vec::new(),
            was_line: false,
        }
    }

    pub fn mode(&self) -> BufMode {
        self.mode
    }

    /// `setvbuf` as glibc does it when given no buffer: switching to
    /// unbuffered writes out what is pending and leaves a one-byte
    /// buffer; switching to line or full buffering changes only the mode
    /// (the size asked for is ignored, the buffer in place is kept).
    pub fn set(&mut self, sink: &mut dyn Write, mode: BufMode) -> io::Result<()> {
        self.was_line = self.mode == BufMode::Line && mode != BufMode::Line;
        self.mode = mode;
        if mode == BufMode::No {
            self.cap = 1;
            return self.flush(sink);
        }
        Ok(())
    }

    /// Writes `bytes` to `sink` as glibc's `fwrite` does: what fits
    /// stays in the buffer (on a line-buffered stream, up to the last
    /// newline, which forces a flush); otherwise the buffer is filled
    /// and flushed, whole buffer-sized blocks go straight out and the
    /// rest is buffered.
    pub fn write(&mut self, sink: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        if self.mode == BufMode::No {
            self.flush(sink)?;
            return put(sink, bytes);
        }
        if self.was_line && !bytes.is_empty() {
            self.was_line = false;
            self.flush(sink)?;
        }
        let space = self.cap.saturating_sub(self.data.len());
        let mut count = space.min(bytes.len());
        let mut must_flush = false;
        if self.mode == BufMode::Line && space >= bytes.len() {
            if let Some(nl) = bytes.iter().rposition(|&c| c == b'\n') {
                count = nl + 1;
                must_flush = true;
            }
        }
        self.data.extend_from_slice(&bytes[..count]);
        let rest = &bytes[count..];
        if rest.is_empty() && !must_flush {
            return Ok(());
        }
        self.flush(sink)?;
        // glibc writes small remainders straight out when its buffer is
        // tiny (under 128 bytes), keeping none back.
        let direct = if self.cap >= 128 {
            rest.len() - rest.len() % self.cap
        } else {
            rest.len()
        };
        if direct > 0 {
            put(sink, &rest[..direct])?;
        }
        self.data.extend_from_slice(&rest[direct..]);
        Ok(())
    }

    /// Hands everything buffered to `sink`. The buffer is emptied even on
    /// an error, as stdio drops what it failed to write.
    pub fn flush(&mut self, sink: &mut dyn Write) -> io::Result<()> {
        if self.data.is_empty() {
            return Ok(());
        }
        let r = put(sink, &self.data);
        self.data.clear();
        r
    }
}

/// Writes through any buffering of the sink itself (Rust's `Stdout` is
/// line buffered): when a [`WriteBuf`] lets bytes go, they go.
fn put(sink: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
    sink.write_all(bytes)?;
    sink.flush()
}

/// Standard output as `print` and `io.stdout` see it: one buffer in front
/// of the real sink, so the two interleave exactly as through one C
/// `FILE*`.
pub struct StdoutBuf {
    inner: Box<dyn Write>,
    buf: WriteBuf,
    /// The mode `setvbuf` last asked for; applied at the next write or
    /// flush (a switch to unbuffered is followed by a flush at once).
    wanted: Rc<Cell<BufMode>>,
}

impl StdoutBuf {
    /// Buffers `inner` as C does stdout: by lines on a terminal, fully
    /// otherwise. Returns the cell through which `setvbuf` changes it.
    pub(crate) fn new(inner: Box<dyn Write>, on_tty: bool) -> (StdoutBuf, Rc<Cell<BufMode>>) {
        let setting = if on_tty {
            (BufMode::Line, 1024)
        } else {
            (BufMode::Full, stdout_blksize())
        };
        let wanted = Rc::new(Cell::new(setting.0));
        let b = StdoutBuf {
            inner,
            buf: WriteBuf::new(setting),
            wanted: wanted.clone(),
        };
        (b, wanted)
    }

    fn apply_mode(&mut self) -> io::Result<()> {
        let w = self.wanted.get();
        if w != self.buf.mode() {
            self.buf.set(&mut *self.inner, w)?;
        }
        Ok(())
    }
}

impl Write for StdoutBuf {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.apply_mode()?;
        self.buf.write(&mut *self.inner, bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.apply_mode()?;
        self.buf.flush(&mut *self.inner)
    }
}

impl Drop for StdoutBuf {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// The buffer size glibc picks for a descriptor: its preferred block
/// size.
#[cfg(unix)]
pub(crate) fn blksize_of(f: &std::fs::File) -> usize {
    use std::os::unix::fs::MetadataExt;
    match f.metadata() {
        Ok(m) if m.blksize() > 0 => m.blksize() as usize,
        _ => BUFSIZ,
    }
}

#[cfg(not(unix))]
pub(crate) fn blksize_of(_f: &std::fs::File) -> usize {
    BUFSIZ
}

/// The preferred block size of the process's standard output (through
/// procfs, which resolves pipes and terminals as well as files).
fn stdout_blksize() -> usize {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata("/proc/self/fd/1") {
            Ok(m) if m.blksize() > 0 => m.blksize() as usize,
            _ => BUFSIZ,
        }
    }
    #[cfg(not(unix))]
    {
        BUFSIZ
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_buffering_holds_until_full() {
        let mut sink = Vec::new();
        let mut b = WriteBuf::new((BufMode::Full, 8));
        b.write(&mut sink, b"abc\n").unwrap();
        assert!(sink.is_empty());
        // Fills the buffer, flushes it; a tiny buffer keeps no remainder.
        b.write(&mut sink, b"defgh").unwrap();
        assert_eq!(sink, b"abc\ndefgh");
        b.write(&mut sink, b"0123456789").unwrap();
        assert_eq!(sink, b"abc\ndefgh0123456789");
    }

    #[test]
    fn large_buffers_write_whole_blocks_and_keep_the_rest() {
        let mut sink = Vec::new();
        let mut b = WriteBuf::new((BufMode::Full, 128));
        b.write(&mut sink, &[b'a'; 100]).unwrap();
        b.write(&mut sink, &[b'b'; 300]).unwrap();
        // 28 bytes fill the buffer, 256 go straight out, 16 stay.
        assert_eq!(sink.len(), 128 + 256);
        b.flush(&mut sink).unwrap();
        assert_eq!(sink.len(), 400);
    }

    #[test]
    fn line_buffering_flushes_at_newline() {
        let mut sink = Vec::new();
        let mut b = WriteBuf::new((BufMode::Line, 64));
        b.write(&mut sink, b"ab").unwrap();
        assert!(sink.is_empty());
        b.write(&mut sink, b"c\nd").unwrap();
        assert_eq!(sink, b"abc\nd");
    }

    #[test]
    fn leaving_line_buffering_flushes_at_the_next_write() {
        let mut sink = Vec::new();
        let mut b = WriteBuf::new((BufMode::Line, 1024));
        b.write(&mut sink, b"f").unwrap();
        b.set(&mut sink, BufMode::Full).unwrap();
        assert!(sink.is_empty());
        b.write(&mut sink, b"h\n").unwrap();
        assert_eq!(sink, b"f");
    }

    #[test]
    fn unbuffered_and_mode_switch_keep_order() {
        let mut sink = Vec::new();
        let mut b = WriteBuf::new((BufMode::Full, 64));
        b.write(&mut sink, b"1").unwrap();
        b.set(&mut sink, BufMode::No).unwrap();
        assert_eq!(sink, b"1");
        b.write(&mut sink, b"2").unwrap();
        assert_eq!(sink, b"12");
    }
}
