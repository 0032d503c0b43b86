//! Chunk names as LuaJIT shortens them for messages.
//!
//! `@file.lua` names a file (long names keep their tail), `=name` is used
//! verbatim, anything else is source text shown as `[string "..."]`,
//! cut at the first control character or after LuaJIT's length limit.

/// Size of LuaJIT's short-source buffer, terminator included.
const ID_SIZE: usize = 60;

/// The printable form of a chunk name.
pub fn short_name(chunk_name: &str) -> String {
    let bytes = chunk_name.as_bytes();
    // C strings stop at the first NUL.
    let bytes = &bytes[..bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len())];
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match bytes.first() {
        Some(b'=') => text(&bytes[1..bytes.len().min(ID_SIZE)]),
        Some(b'@') => {
            let name = &bytes[1..];
            if name.len() >= ID_SIZE {
                format!("...{}", text(&name[name.len() - (ID_SIZE - 4)..]))
            } else {
                text(name)
            }
        }
        _ => {
            let limit = ID_SIZE - 12;
            let len = bytes
                .iter()
                .take(limit)
                .position(|&b| b < b' ')
                .unwrap_or(bytes.len().min(limit));
            if len < bytes.len() {
                let len = len.min(ID_SIZE - 15);
                format!("[string \"{}...\"]", text(&bytes[..len]))
            } else {
                format!("[string \"{}\"]", text(bytes))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn shapes() {
        assert_eq!(short_name("@t.lua"), "t.lua");
        assert_eq!(short_name("=stdin"), "stdin");
        assert_eq!(short_name("x = 1"), "[string \"x = 1\"]");
        assert_eq!(short_name("x = 1\ny = 2"), "[string \"x = 1...\"]");
        let long = "a".repeat(70);
        assert_eq!(
            short_name(&long),
            format!("[string \"{}...\"]", "a".repeat(45))
        );
        let file = format!("@{}", "d/".repeat(40));
        assert_eq!(
            short_name(&file),
            format!("...{}", &file[file.len() - 56..])
        );
    }
}
