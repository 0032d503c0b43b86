//! Number comments in listings against LuaJIT's `tostring`: thousands of
//! doubles (random bit patterns, integers, decimals, ties, powers of ten)
//! recorded with their text by `tools/numfmt.lua`.

use std::fs;

use xlj_runtime::bc::listing::format_number;
use xlj_tests::golden_dir;

#[test]
fn numbers_format_like_luajit() {
    let text = fs::read_to_string(golden_dir().join("numfmt.txt")).expect("golden numbers");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in text.lines() {
        let (bits, want) = line.split_once(' ').expect("bits and text");
        let x = f64::from_bits(u64::from_str_radix(bits, 16).expect("hex bits"));
        total += 1;
        let got = format_number(x);
        if got != want {
            failures.push(format!("{bits}: xlj {got}, luajit {want}"));
        }
    }
    println!("numbers checked: {total}");
    assert!(total > 1000);
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
