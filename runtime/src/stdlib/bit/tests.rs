//! Every row of `tests/golden/stdlib2/bit.txt` (recorded from luajit by
//! `tools/gen-stdlib2-bit.lua`) replayed through this module.

use super::*;

const GOLDEN: &str = include_str!("../../../tests/golden/stdlib2/bit.txt");

fn double(hex: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(hex, 16).expect("hex bit pattern"))
}

fn run(name: &str, args: &[f64]) -> String {
    let b: Vec<i32> = args.iter().map(|&x| tobit(x)).collect();
    let num = |v: i32| v.to_string();
    match name {
        "tobit" => num(b[0]),
        "bnot" => num(bnot(b[0])),
        "bswap" => num(bswap(b[0])),
        "lshift" => num(lshift(b[0], b[1])),
        "rshift" => num(rshift(b[0], b[1])),
        "arshift" => num(arshift(b[0], b[1])),
        "rol" => num(rol(b[0], b[1])),
        "ror" => num(ror(b[0], b[1])),
        "band" => num(band(&b)),
        "bor" => num(bor(&b)),
        "bxor" => num(bxor(&b)),
        "tohex" => {
            let n = b.get(1).copied().unwrap_or(TOHEX_DEFAULT_DIGITS);
            format!("\"{}\"", tohex(b[0], n))
        }
        other => panic!("unknown function {other} in golden file"),
    }
}

#[test]
fn bit_library_matches_luajit() {
    let mut total = 0;
    let mut failures = Vec::new();
    for line in GOLDEN.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.splitn(3, ' ');
        let (name, args, want) = (
            parts.next().unwrap(),
            parts.next().expect("arguments"),
            parts.next().expect("result"),
        );
        let args: Vec<f64> = args.split(',').map(double).collect();
        let got = run(name, &args);
        total += 1;
        if got != want {
            failures.push(format!("{line}: got {got}"));
        }
    }
    println!("bit rows checked: {total}");
    assert!(total > 10_000, "golden file too small: {total}");
    assert!(
        failures.is_empty(),
        "{} of {total} differ:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn tobit_rounds_halves_to_even() {
    assert_eq!(tobit(2.5), 2);
    assert_eq!(tobit(3.5), 4);
    assert_eq!(tobit(-2.5), -2);
    assert_eq!(tobit(f64::NAN), 0);
    assert_eq!(tobit(f64::INFINITY), 0);
}
