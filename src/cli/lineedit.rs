//! The interactive line editor: a state machine fed one input byte at a
//! time, with no I/O of its own, so that every key sequence can be tested
//! without a terminal.
//!
//! It understands what a VT100-style terminal sends in raw mode: printable
//! bytes (UTF-8 sequences move as one character), Enter, Backspace, the
//! arrow/Home/End/Delete escape sequences (`ESC [ x`, `ESC [ n ~` and
//! `ESC O x`), and the Emacs control keys Ctrl-A/B/E/F/K/U/W, Ctrl-D
//! (delete, or end of input on an empty line) and Ctrl-C (abandon the
//! line). Up and Down walk the history of entered lines; the line being
//! typed is kept aside while walking and comes back below the newest entry.
//! The line is drawn on one terminal row, scrolled sideways when it is
//! wider than the terminal, with tabs shown as single spaces.

/// How many lines the history keeps.
pub const HISTORY_MAX: usize = 500;

/// What one byte did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// The line changed or the cursor moved: draw it again.
    Redraw,
    /// Nothing visible happened (inside an escape sequence, or a key
    /// without meaning here).
    Pending,
    /// Enter: the finished line (also added to the history).
    Done(Vec<u8>),
    /// Ctrl-D on an empty line: end of input.
    Eof,
    /// Ctrl-C: the line is abandoned.
    Cancel,
}

/// Where the editor is inside an escape sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Esc {
    None,
    /// After ESC.
    Start,
    /// After `ESC [`, with the numeric parameter so far.
    Csi(u16),
    /// After `ESC O`.
    Ss3,
}

/// The line being edited, the cursor (a byte offset at a character
/// boundary) and the history.
#[derive(Clone, Debug)]
pub struct Editor {
    buf: Vec<u8>,
    cursor: usize,
    esc: Esc,
    history: Vec<Vec<u8>>,
    /// The history entry shown; `history.len()` is the line being typed.
    hist_pos: usize,
    /// The line being typed, kept while the history is shown.
    draft: Vec<u8>,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new()
    }
}

impl Editor {
    pub fn new() -> Editor {
        Editor {
            buf: Vec::new(),
            cursor: 0,
            esc: Esc::None,
            history: Vec::new(),
            hist_pos: 0,
            draft: Vec::new(),
        }
    }

    /// Starts a new, empty line (the history stays).
    pub fn reset(&mut self) {
        self.buf.clear();
        self.cursor = 0;
        self.esc = Esc::None;
        self.hist_pos = self.history.len();
        self.draft.clear();
    }

    /// The line as it stands.
    pub fn line(&self) -> &[u8] {
        &self.buf
    }

    /// The cursor as a byte offset into [`line`](Self::line).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn history(&self) -> &[Vec<u8>] {
        &self.history
    }

    /// Adds a line to the history (not empty lines, nor a repeat of the
    /// newest entry).
    pub fn add_history(&mut self, line: &[u8]) {
        if line.is_empty() || self.history.last().is_some_and(|l| l == line) {
            return;
        }
        if self.history.len() == HISTORY_MAX {
            self.history.remove(0);
        }
        self.history.push(line.to_vec());
        self.hist_pos = self.history.len();
    }

    /// Feeds every byte of `bytes`, returning what the last one did (or
    /// the first `Done`, `Eof` or `Cancel`, which ends the line).
    pub fn feed_all(&mut self, bytes: &[u8]) -> Key {
        let mut last = Key::Pending;
        for &b in bytes {
            last = self.feed(b);
            if matches!(last, Key::Done(_) | Key::Eof | Key::Cancel) {
                break;
            }
        }
        last
    }

    /// Feeds one input byte.
    pub fn feed(&mut self, b: u8) -> Key {
        match self.esc {
            Esc::None => self.plain(b),
            Esc::Start => {
                self.esc = match b {
                    b'[' => Esc::Csi(0),
                    b'O' => Esc::Ss3,
                    _ => Esc::None,
                };
                Key::Pending
            }
            Esc::Csi(n) => match b {
                b'0'..=b'9' => {
                    self.esc = Esc::Csi(n.saturating_mul(10).saturating_add((b - b'0') as u16));
                    Key::Pending
                }
                b';' => Key::Pending,
                _ => {
                    self.esc = Esc::None;
                    self.csi(n, b)
                }
            },
            Esc::Ss3 => {
                self.esc = Esc::None;
                self.csi(0, b)
            }
        }
    }

    fn plain(&mut self, b: u8) -> Key {
        match b {
            0x1b => {
                self.esc = Esc::Start;
                Key::Pending
            }
            b'\r' | b'\n' => {
                let line = std::mem::take(&mut self.buf);
                self.add_history(&line);
                self.reset();
                Key::Done(line)
            }
            0x01 => self.move_to(0),
            0x05 => self.move_to(self.buf.len()),
            0x02 => self.left(),
            0x06 => self.right(),
            0x03 => {
                self.reset();
                Key::Cancel
            }
            0x04 => {
                if self.buf.is_empty() {
                    Key::Eof
                } else {
                    self.delete()
                }
            }
            0x7f | 0x08 => self.backspace(),
            0x0b => {
                self.buf.truncate(self.cursor);
                Key::Redraw
            }
            0x15 => {
                self.buf.drain(..self.cursor);
                self.cursor = 0;
                Key::Redraw
            }
            0x17 => self.delete_word(),
            0x0c => Key::Redraw,
            b if b < 0x20 && b != b'\t' => Key::Pending,
            b => {
                self.buf.insert(self.cursor, b);
                self.cursor += 1;
                Key::Redraw
            }
        }
    }

    /// The final byte of an escape sequence with its parameter.
    fn csi(&mut self, n: u16, b: u8) -> Key {
        match (b, n) {
            (b'A', _) => self.history_step(-1),
            (b'B', _) => self.history_step(1),
            (b'C', _) => self.right(),
            (b'D', _) => self.left(),
            (b'H', _) | (b'~', 1) | (b'~', 7) => self.move_to(0),
            (b'F', _) | (b'~', 4) | (b'~', 8) => self.move_to(self.buf.len()),
            (b'~', 3) => self.delete(),
            _ => Key::Pending,
        }
    }

    fn move_to(&mut self, at: usize) -> Key {
        self.cursor = at;
        Key::Redraw
    }

    fn left(&mut self) -> Key {
        if self.cursor == 0 {
            return Key::Pending;
        }
        self.cursor = prev_boundary(&self.buf, self.cursor);
        Key::Redraw
    }

    fn right(&mut self) -> Key {
        if self.cursor == self.buf.len() {
            return Key::Pending;
        }
        self.cursor = next_boundary(&self.buf, self.cursor);
        Key::Redraw
    }

    fn backspace(&mut self) -> Key {
        if self.cursor == 0 {
            return Key::Pending;
        }
        let start = prev_boundary(&self.buf, self.cursor);
        self.buf.drain(start..self.cursor);
        self.cursor = start;
        Key::Redraw
    }

    fn delete(&mut self) -> Key {
        if self.cursor == self.buf.len() {
            return Key::Pending;
        }
        let end = next_boundary(&self.buf, self.cursor);
        self.buf.drain(self.cursor..end);
        Key::Redraw
    }

    /// Ctrl-W: the spaces before the cursor, then the word before them.
    fn delete_word(&mut self) -> Key {
        let mut start = self.cursor;
        while start > 0 && self.buf[start - 1] == b' ' {
            start -= 1;
        }
        while start > 0 && self.buf[start - 1] != b' ' {
            start -= 1;
        }
        self.buf.drain(start..self.cursor);
        self.cursor = start;
        Key::Redraw
    }

    /// Up (`-1`) or Down (`1`) through the history.
    fn history_step(&mut self, dir: i32) -> Key {
        let len = self.history.len();
        let target = if dir < 0 {
            match self.hist_pos.checked_sub(1) {
                Some(t) => t,
                None => return Key::Pending,
            }
        } else if self.hist_pos < len {
            self.hist_pos + 1
        } else {
            return Key::Pending;
        };
        if self.hist_pos == len {
            self.draft = std::mem::take(&mut self.buf);
        }
        self.hist_pos = target;
        self.buf = if target == len {
            std::mem::take(&mut self.draft)
        } else {
            self.history[target].clone()
        };
        self.cursor = self.buf.len();
        Key::Redraw
    }

    /// The bytes that draw `prompt` and the line on the current terminal
    /// row and put the cursor in place: back to column 0, the text, erase
    /// to the end of the row, back to column 0 and forward to the cursor.
    pub fn render(&self, prompt: &[u8]) -> Vec<u8> {
        self.render_in(prompt, usize::MAX)
    }

    /// [`render`](Self::render) on a terminal `width` columns wide: a line
    /// that does not fit scrolls sideways so that the cursor stays
    /// visible, instead of wrapping onto rows that later redraws miss.
    pub fn render_in(&self, prompt: &[u8], width: usize) -> Vec<u8> {
        let plen = columns(prompt);
        let (mut start, mut end) = (0, self.buf.len());
        let mut cursor_col = columns(&self.buf[..self.cursor]);
        // Drop characters on the left until the cursor fits, then on the
        // right until the rest fits (the last column stays free for it).
        while plen + cursor_col >= width && start < self.cursor {
            start = next_boundary(&self.buf, start);
            cursor_col -= 1;
        }
        while plen + columns(&self.buf[start..end]) >= width && end > self.cursor {
            end = prev_boundary(&self.buf, end);
        }
        let shown = &self.buf[start..end];
        let mut out = Vec::with_capacity(prompt.len() + shown.len() + 16);
        out.push(b'\r');
        out.extend_from_slice(prompt);
        // A tab (pasted code keeps its tabs) shows as one space, so that
        // every byte but UTF-8 continuations is one column.
        out.extend(shown.iter().map(|&b| if b == b'\t' { b' ' } else { b }));
        out.extend_from_slice(b"\x1b[0K\r");
        let col = plen + cursor_col;
        if col > 0 {
            out.extend_from_slice(format!("\x1b[{col}C").as_bytes());
        }
        out
    }
}

/// UTF-8 continuation bytes belong to the character before them.
fn is_continuation(b: u8) -> bool {
    b & 0xc0 == 0x80
}

fn prev_boundary(buf: &[u8], mut at: usize) -> usize {
    at -= 1;
    while at > 0 && is_continuation(buf[at]) {
        at -= 1;
    }
    at
}

fn next_boundary(buf: &[u8], mut at: usize) -> usize {
    at += 1;
    while at < buf.len() && is_continuation(buf[at]) {
        at += 1;
    }
    at
}

/// Terminal columns of a byte string: one per character (wide characters
/// are not measured).
fn columns(s: &[u8]) -> usize {
    s.iter().filter(|&&b| !is_continuation(b)).count()
}

#[cfg(test)]
mod tests;
