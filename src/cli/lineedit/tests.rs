//! Key sequences fed to the editor, as a terminal in raw mode sends them.

use super::{Editor, Key, HISTORY_MAX};

const LEFT: &[u8] = b"\x1b[D";
const RIGHT: &[u8] = b"\x1b[C";
const UP: &[u8] = b"\x1b[A";
const DOWN: &[u8] = b"\x1b[B";
const HOME: &[u8] = b"\x1b[H";
const END: &[u8] = b"\x1b[F";
const DEL: &[u8] = b"\x1b[3~";

/// Feeds the pieces in order and returns the editor.
fn typed(pieces: &[&[u8]]) -> Editor {
    let mut e = Editor::new();
    for p in pieces {
        e.feed_all(p);
    }
    e
}

fn line(e: &Editor) -> String {
    String::from_utf8_lossy(e.line()).into_owned()
}

#[test]
fn plain_typing_and_enter() {
    let mut e = Editor::new();
    assert_eq!(e.feed(b'x'), Key::Redraw);
    assert_eq!(e.feed_all(b" = 1"), Key::Redraw);
    assert_eq!(e.feed(b'\r'), Key::Done(b"x = 1".to_vec()));
    assert_eq!(e.line(), b"");
    assert_eq!(e.cursor(), 0);
    // A newline ends a line as well as a carriage return.
    assert_eq!(e.feed_all(b"y\n"), Key::Done(b"y".to_vec()));
}

#[test]
fn cursor_movement_inserts_in_the_middle() {
    let e = typed(&[b"ac", LEFT, b"b"]);
    assert_eq!(line(&e), "abc");
    assert_eq!(e.cursor(), 2);
    let e = typed(&[b"bc", HOME, b"a", END, b"d"]);
    assert_eq!(line(&e), "abcd");
    let e = typed(&[b"xy", b"\x01", b"<", b"\x05", b">"]);
    assert_eq!(line(&e), "<xy>");
    let e = typed(&[b"ab", LEFT, LEFT, RIGHT, b"-"]);
    assert_eq!(line(&e), "a-b");
    // Ctrl-B and Ctrl-F move like the arrows.
    let e = typed(&[b"ab", b"\x02\x02\x06", b"-"]);
    assert_eq!(line(&e), "a-b");
}

#[test]
fn alternative_home_end_sequences() {
    for home in [&b"\x1b[1~"[..], b"\x1b[7~", b"\x1bOH"] {
        for end in [&b"\x1b[4~"[..], b"\x1b[8~", b"\x1bOF"] {
            let e = typed(&[b"mid", home, b"<", end, b">"]);
            assert_eq!(line(&e), "<mid>", "{home:?} {end:?}");
        }
    }
}

#[test]
fn movement_stops_at_the_ends() {
    let mut e = typed(&[b"a"]);
    assert_eq!(e.feed_all(RIGHT), Key::Pending);
    assert_eq!(e.feed_all(LEFT), Key::Redraw);
    assert_eq!(e.feed_all(LEFT), Key::Pending);
    assert_eq!(e.cursor(), 0);
    assert_eq!(e.feed(0x7f), Key::Pending, "backspace at column 0");
}

#[test]
fn backspace_and_delete() {
    let e = typed(&[b"abc", b"\x7f"]);
    assert_eq!(line(&e), "ab");
    let e = typed(&[b"abc", b"\x08"]);
    assert_eq!(line(&e), "ab");
    let e = typed(&[b"abc", HOME, DEL]);
    assert_eq!(line(&e), "bc");
    assert_eq!(e.cursor(), 0);
    let mut e = typed(&[b"abc"]);
    assert_eq!(e.feed_all(DEL), Key::Pending, "delete at the end");
    // Ctrl-D deletes under the cursor on a non-empty line.
    let e = typed(&[b"abc", LEFT, LEFT, b"\x04"]);
    assert_eq!(line(&e), "ac");
}

#[test]
fn kill_keys() {
    let e = typed(&[b"hello world", LEFT, LEFT, b"\x0b"]);
    assert_eq!(line(&e), "hello wor");
    let e = typed(&[b"hello world", LEFT, LEFT, b"\x15"]);
    assert_eq!(line(&e), "ld");
    assert_eq!(e.cursor(), 0);
    let e = typed(&[b"local x  ", b"\x17"]);
    assert_eq!(line(&e), "local ");
}

#[test]
fn ctrl_d_on_empty_line_is_eof_and_ctrl_c_cancels() {
    let mut e = Editor::new();
    assert_eq!(e.feed(0x04), Key::Eof);
    let mut e = typed(&[b"half a line"]);
    assert_eq!(e.feed(0x03), Key::Cancel);
    assert_eq!(e.line(), b"");
    assert!(e.history().is_empty(), "a cancelled line is not history");
}

#[test]
fn multibyte_characters_move_as_one() {
    let e = typed(&["aé".as_bytes(), LEFT, b"|"]);
    assert_eq!(line(&e), "a|é");
    let e = typed(&["é€".as_bytes(), b"\x7f"]);
    assert_eq!(line(&e), "é");
    let e = typed(&["é€".as_bytes(), HOME, DEL]);
    assert_eq!(line(&e), "€");
    // The cursor column counts characters, not bytes.
    let e = typed(&["é€".as_bytes()]);
    assert_eq!(
        e.render(b"> "),
        b"\r> \xc3\xa9\xe2\x82\xac\x1b[0K\r\x1b[4C".to_vec()
    );
}

#[test]
fn history_walks_and_restores_the_draft() {
    let mut e = typed(&[b"one\r", b"two\r", b"dra"]);
    assert_eq!(e.history(), &[b"one".to_vec(), b"two".to_vec()]);
    e.feed_all(UP);
    assert_eq!(line(&e), "two");
    assert_eq!(e.cursor(), 3);
    e.feed_all(UP);
    assert_eq!(line(&e), "one");
    assert_eq!(e.feed_all(UP), Key::Pending, "no older entry");
    assert_eq!(line(&e), "one");
    e.feed_all(DOWN);
    e.feed_all(DOWN);
    assert_eq!(line(&e), "dra", "the line being typed comes back");
    assert_eq!(e.feed_all(DOWN), Key::Pending);
    // An entry recalled and edited is entered as a new line.
    e.feed_all(b"\x15");
    e.feed_all(UP);
    e.feed_all(b"!");
    assert_eq!(e.feed(b'\r'), Key::Done(b"two!".to_vec()));
    assert_eq!(e.history().len(), 3);
}

#[test]
fn history_skips_blanks_and_repeats_and_is_bounded() {
    let mut e = typed(&[b"a\r", b"a\r", b"\r"]);
    assert_eq!(e.history(), &[b"a".to_vec()]);
    for i in 0..HISTORY_MAX + 10 {
        e.add_history(format!("line {i}").as_bytes());
    }
    assert_eq!(e.history().len(), HISTORY_MAX);
    assert_eq!(e.history()[0], b"line 10".to_vec());
}

#[test]
fn unknown_sequences_and_controls_are_ignored() {
    let e = typed(&[b"a", b"\x1b[5~", b"\x1b[1;5C", b"\x1bx", b"\x07", b"b"]);
    // ESC [ 1 ; 5 C (Ctrl-Right) moves right like a plain arrow.
    assert_eq!(line(&e), "ab");
}

#[test]
fn render_places_the_cursor() {
    let e = typed(&[b"abc", LEFT]);
    assert_eq!(e.render(b">> "), b"\r>> abc\x1b[0K\r\x1b[5C".to_vec());
    let e = Editor::new();
    assert_eq!(e.render(b""), b"\r\x1b[0K\r".to_vec());
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic generator walks many byte sequences.
    let mut x: u32 = 12345;
    for _ in 0..2000 {
        let mut e = Editor::new();
        for _ in 0..64 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let b = match x % 5 {
                0 => 0x1b,
                1 => b'[',
                _ => (x >> 8) as u8,
            };
            e.feed(b);
            assert!(e.cursor() <= e.line().len());
            let _ = e.render(b"> ");
        }
    }
}

#[test]
fn tabs_are_kept_and_shown_as_one_column() {
    let mut e = typed(&[b"a\tb"]);
    assert_eq!(e.line(), b"a\tb");
    assert_eq!(e.render(b"> "), b"\r> a b\x1b[0K\r\x1b[5C".to_vec());
    assert_eq!(e.feed(b'\r'), Key::Done(b"a\tb".to_vec()));
}

#[test]
fn long_lines_scroll_to_keep_the_cursor_visible() {
    // "> " plus 10 characters on a 10-column terminal.
    let mut e = typed(&[b"0123456789"]);
    // The cursor at the end: the leftmost characters scroll out, and the
    // cursor sits in the last column left free.
    assert_eq!(
        e.render_in(b"> ", 10),
        b"\r> 3456789\x1b[0K\r\x1b[9C".to_vec()
    );
    // At the start: the right end is cut instead.
    e.feed_all(HOME);
    assert_eq!(
        e.render_in(b"> ", 10),
        b"\r> 0123456\x1b[0K\r\x1b[2C".to_vec()
    );
    // In the middle, past the width: scrolled just enough.
    e.feed_all(&[RIGHT; 8].concat());
    assert_eq!(
        e.render_in(b"> ", 10),
        b"\r> 1234567\x1b[0K\r\x1b[9C".to_vec()
    );
    // A line that fits is drawn whole.
    let e = typed(&[b"abc"]);
    assert_eq!(e.render_in(b"> ", 10), e.render(b"> "));
}

#[test]
fn scrolling_never_panics_on_any_width() {
    let e = typed(&["é€ab\tc".as_bytes(), LEFT, LEFT]);
    for width in 0..20 {
        let _ = e.render_in(b">> ", width);
    }
}
