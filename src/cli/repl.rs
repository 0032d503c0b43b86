//! Interactive mode (`-i`, or no arguments on a terminal): luajit's
//! read-eval-print loop.
//!
//! Each statement is read with the `> ` prompt (or the global `_PROMPT`)
//! and compiled as the chunk `=stdin`; while compiling fails only because
//! the text ended too early (the message ends in `'<eof>'`, as lua.c
//! checks), more lines are read with `>> ` (`_PROMPT2`). A first line
//! starting with `=` means `return ...`. Results are printed with the
//! global `print`; errors are reported without the program name and the
//! loop goes on. On a terminal lines come from the [`Editor`] in raw
//! mode (see [`Console::line_editing`]); otherwise they are read plainly,
//! as `fgets` with luajit's 512-byte buffer reads them.

use std::io::{ErrorKind, Read, Write};

use xlj_runtime::value::Value;

use super::lineedit::{Editor, Key};
use super::session::{is_stringish, Report, Session};
use super::term::RawMode;
use super::Console;

/// luajit's `LUA_MAXINPUT`: `fgets` reads at most one byte less.
const MAX_INPUT: usize = 512;

/// One read from the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Text(Vec<u8>),
    Eof,
    /// Ctrl-C at the editor: forget the statement being entered.
    Cancel,
}

/// Where lines come from.
trait LineSource {
    /// Shows `prompt` and reads one line, without its newline.
    fn read(&mut self, prompt: &[u8], con: &mut Console) -> Line;
}

/// Plain reading for pipes and files: the prompt is still written.
struct Plain;

impl LineSource for Plain {
    fn read(&mut self, prompt: &[u8], con: &mut Console) -> Line {
        let _ = con.stdout.write_all(prompt);
        let _ = con.stdout.flush();
        read_plain_line(con.stdin)
    }
}

/// What `fgets` into a 512-byte buffer gives: up to and including a
/// newline, at most 511 bytes; the newline is dropped, and so is
/// everything from a NUL byte on (C sees the string end there).
fn read_plain_line(input: &mut dyn Read) -> Line {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while line.len() < MAX_INPUT - 1 {
        match input.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => {
                line.push(byte[0]);
                if byte[0] == b'\n' {
                    break;
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    if line.is_empty() {
        return Line::Eof;
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    if let Some(nul) = line.iter().position(|&b| b == 0) {
        line.truncate(nul);
    }
    Line::Text(line)
}

/// The line editor on a terminal in raw mode.
struct Edited {
    editor: Editor,
}

impl LineSource for Edited {
    fn read(&mut self, prompt: &[u8], con: &mut Console) -> Line {
        let Ok(raw) = RawMode::enable() else {
            return Plain.read(prompt, con);
        };
        self.editor.reset();
        // Asked once per line: a resize shows from the next line on.
        let width = super::term::width().unwrap_or(usize::MAX);
        let _ = con.stdout.write_all(&self.editor.render_in(prompt, width));
        let _ = con.stdout.flush();
        let mut byte = [0u8; 1];
        let line = loop {
            match con.stdin.read(&mut byte) {
                Ok(0) => break Line::Eof,
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break Line::Eof,
            }
            match self.editor.feed(byte[0]) {
                Key::Pending => continue,
                Key::Redraw => {
                    let _ = con.stdout.write_all(&self.editor.render_in(prompt, width));
                    let _ = con.stdout.flush();
                }
                Key::Done(l) => break Line::Text(l),
                Key::Eof => break Line::Eof,
                Key::Cancel => break Line::Cancel,
            }
        };
        drop(raw);
        let _ = match line {
            Line::Text(_) => con.stdout.write_all(b"\n"),
            Line::Cancel => con.stdout.write_all(b"^C\n"),
            Line::Eof => Ok(()),
        };
        let _ = con.stdout.flush();
        line
    }
}

/// The loop itself (luajit's `dotty`).
pub fn dotty(sess: &mut Session, con: &mut Console) {
    let old = sess.progname.take();
    let mut source: Box<dyn LineSource> = if con.line_editing {
        Box::new(Edited {
            editor: Editor::new(),
        })
    } else {
        Box::new(Plain)
    };
    loop {
        // The prompt goes out through the same stdout as what Lua
        // printed, after it (luajit's prompt flushes C's stdout).
        let _ = sess.vm.out.flush();
        let chunk = match load_statement(sess, con, source.as_mut()) {
            Next::Eof => break,
            Next::Cancel => continue,
            Next::Chunk(c) => c,
        };
        match chunk.and_then(|f| sess.docall(f, &[])) {
            Ok(results) if !results.is_empty() => print_results(sess, con, &results),
            Ok(_) => {}
            Err(rep) => sess.report(con, &rep),
        }
    }
    let _ = con.stdout.write_all(b"\n");
    let _ = con.stdout.flush();
    sess.progname = old;
}

enum Next {
    Chunk(Result<Value, Report>),
    Cancel,
    Eof,
}

/// Reads lines until they compile or fail for a reason other than
/// ending too early (luajit's `loadline`).
fn load_statement(sess: &mut Session, con: &mut Console, source: &mut dyn LineSource) -> Next {
    let first = match source.read(&prompt(sess, true), con) {
        Line::Text(t) => t,
        Line::Eof => return Next::Eof,
        Line::Cancel => return Next::Cancel,
    };
    let mut text = match first.strip_prefix(b"=") {
        Some(expr) => [&b"return "[..], expr].concat(),
        None => first,
    };
    loop {
        let r = sess.load(&text, "=stdin");
        match &r {
            Err(Some(msg)) if is_incomplete(msg) => {}
            _ => return Next::Chunk(r),
        }
        match source.read(&prompt(sess, false), con) {
            Line::Text(more) => {
                text.push(b'\n');
                text.extend_from_slice(&more);
            }
            Line::Eof => return Next::Eof,
            Line::Cancel => return Next::Cancel,
        }
    }
}

/// lua.c's test: the first `'<eof>'` in the message is at its very end.
pub fn is_incomplete(msg: &[u8]) -> bool {
    const EOF_MARK: &[u8] = b"'<eof>'";
    msg.windows(EOF_MARK.len())
        .position(|w| w == EOF_MARK)
        .is_some_and(|at| at + EOF_MARK.len() == msg.len())
}

/// `_PROMPT` / `_PROMPT2` when they are strings or numbers, else the
/// defaults.
fn prompt(sess: &mut Session, first: bool) -> Vec<u8> {
    let (name, default) = if first {
        ("_PROMPT", "> ")
    } else {
        ("_PROMPT2", ">> ")
    };
    match sess.vm.get_global(name) {
        Ok(v) if is_stringish(v) => sess.vm.tostring_basic(v),
        _ => default.as_bytes().to_vec(),
    }
}

/// Passes the results to the global `print`.
fn print_results(sess: &mut Session, con: &mut Console, results: &[Value]) {
    let print = sess.vm.get_global("print").unwrap_or(Value::NIL);
    let r = sess.vm.call(print, results);
    let _ = sess.vm.out.flush();
    if let Err(e) = r {
        let rep = Some([&b"error calling 'print' ("[..], &sess.message(&e), b")"].concat());
        sess.report(con, &rep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_means_eof_at_the_very_end() {
        assert!(is_incomplete(b"stdin:1: 'end' expected near '<eof>'"));
        assert!(is_incomplete(b"stdin:1: unexpected symbol near '<eof>'"));
        assert!(!is_incomplete(b"stdin:1: '<eof>' expected near 'end'"));
        assert!(!is_incomplete(b"stdin:1: '<eof>' expected near '<eof>'"));
        assert!(!is_incomplete(b"stdin:1: unexpected symbol near '='"));
    }

    #[test]
    fn plain_lines_behave_like_fgets() {
        let mut input: &[u8] = b"one\ntwo\0three\n\nlast";
        let mut lines = Vec::new();
        loop {
            match read_plain_line(&mut input) {
                Line::Text(t) => lines.push(String::from_utf8(t).unwrap()),
                other => {
                    assert_eq!(other, Line::Eof);
                    break;
                }
            }
        }
        assert_eq!(lines, ["one", "two", "", "last"]);
        let long = vec![b'x'; 1200];
        let mut input: &[u8] = &long;
        let mut sizes = Vec::new();
        while let Line::Text(t) = read_plain_line(&mut input) {
            sizes.push(t.len());
        }
        assert_eq!(sizes, [511, 511, 178]);
    }
}
