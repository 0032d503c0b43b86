//! Cross-crate tests of xlj. The suites live in `tests/tests/*.rs`; their
//! data (Lua programs and the outputs recorded from the reference `luajit`)
//! lives beside them, with the scripts that regenerate it in `tests/tools`.
