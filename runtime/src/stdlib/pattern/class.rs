//! Character classes of Lua patterns, with the C locale's definitions:
//! ASCII only, so bytes 128..=255 belong to no class.

/// Whether `c` is in class `%cl` (`cl` a letter; upper case complements).
/// Returns `None` when `cl` names no class, so that `%cl` is the literal
/// `cl`.
pub(super) fn in_class(c: u8, cl: u8) -> Option<bool> {
    let yes = match cl | 0x20 {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c < 32 || c == 127,
        b'd' => c.is_ascii_digit(),
        // LuaJIT knows %g (printing characters except space), as Lua 5.2.
        b'g' => c.is_ascii_graphic(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => matches!(c, 9..=13 | b' '),
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        b'z' => c == 0,
        _ => return None,
    };
    if !cl.is_ascii_alphabetic() {
        return None;
    }
    Some(if cl.is_ascii_lowercase() { yes } else { !yes })
}

/// `%x` inside or outside a set: a class, or the escaped byte itself.
pub(super) fn match_escape(c: u8, cl: u8) -> bool {
    in_class(c, cl).unwrap_or(c == cl)
}

/// Whether `c` is in the set `p[start..=end]`, where `p[start]` is the
/// `[` and `p[end]` the closing `]`.
pub(super) fn in_set(c: u8, p: &[u8], start: usize, end: usize) -> bool {
    let at = |i: usize| p.get(i).copied().unwrap_or(0);
    let mut i = start;
    let mut yes = true;
    if at(i + 1) == b'^' {
        yes = false;
        i += 1;
    }
    loop {
        i += 1;
        if i >= end {
            break;
        }
        if at(i) == b'%' {
            i += 1;
            if match_escape(c, at(i)) {
                return yes;
            }
        } else if at(i + 1) == b'-' && i + 2 < end {
            if at(i) <= c && c <= at(i + 2) {
                return yes;
            }
            i += 2;
        } else if at(i) == c {
            return yes;
        }
    }
    !yes
}
