//! A second, independent disassembler: for every golden row, capstone (ARM
//! mode) must decode the bytes to the same instruction as ours.
//!
//! The normalisation, applied to both texts, covers spelling only:
//! * register names: capstone's `sb` is `r9`; `r10`/`r11`/`r12` are
//!   `sl`/`fp`/`ip`;
//! * numbers: every integer is compared by value modulo 2^32, whatever its
//!   radix or sign (`#0x10` = `#16`, `#-1` = `#0xffffffff`), and the `#`
//!   prefix is optional;
//! * aliases: `ldmia`/`ldmfd` are `ldm`, `stmia` is `stm`, `stmfd` is
//!   `stmdb`, `hs`/`lo` are `cs`/`cc`, `vldm`/`vstm` carry their `ia`, an
//!   `ldrd` names both registers;
//! * VFP immediates are compared as values (`#1.0` = `#1.000000e+00`),
//!   `#0` = `#0.0`, and an unspecified `vmov.f64` register move may print
//!   as `vmov.f64` or `vorr`.

use capstone::arch::arm::ArchMode;
use capstone::prelude::*;

use asm_dsl_core::Isa;
use xlj_isa_arm::ARM;

const ADDR: u64 = 0x400_0000;

fn norm(text: &str) -> String {
    let t = text.to_ascii_lowercase().replace(['\t'], " ");
    let t = t.split([';', '@']).next().unwrap_or("").trim().to_string();
    let t = expand_ranges(&t);
    let (mn, ops) = t.split_once(' ').unwrap_or((&t, ""));
    let mn = normalise_mnemonic(mn);
    let mut out = Vec::new();
    for tok in ops.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        out.push(normalise_operand(tok));
    }
    format!("{mn} {}", out.join(","))
}

fn normalise_mnemonic(mn: &str) -> String {
    let mut m = mn.to_string();
    for (from, to) in [
        ("ldmia", "ldm"),
        ("ldmfd", "ldm"),
        ("stmia", "stm"),
        ("stmfd", "stmdb"),
    ] {
        if let Some(rest) = m.strip_prefix(from) {
            m = format!("{to}{rest}");
        }
    }
    for (from, to) in [("vldm", "vldmia"), ("vstm", "vstmia")] {
        let rest = m.strip_prefix(from).map(str::to_string);
        if let Some(rest) = rest {
            if !rest.starts_with("ia") && !rest.starts_with("db") {
                m = format!("{to}{rest}");
            }
        }
    }
    // Condition aliases, wherever the condition sits (before a data type).
    let (head, dt) = m.split_once('.').unwrap_or((&m, ""));
    let mut head = head.to_string();
    for (from, to) in [("hs", "cs"), ("lo", "cc")] {
        if head.len() > 2 && head.ends_with(from) && head != "vmrs" {
            head = format!("{}{to}", &head[..head.len() - 2]);
        }
    }
    if dt.is_empty() {
        head
    } else {
        format!("{head}.{dt}")
    }
}

fn normalise_operand(tok: &str) -> String {
    let t = tok.trim();
    // Split off brackets and braces so that the number/register inside is
    // normalised on its own.
    let core: String = t.trim_matches(|c| "[]{}!".contains(c)).to_string();
    let prefix: String = t.chars().take_while(|c| "[{".contains(*c)).collect();
    let suffix: String = t
        .chars()
        .rev()
        .take_while(|c| "]}!".contains(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let parts: Vec<String> = core
        .split(' ')
        .map(|p| match p {
            "sb" | "r9" => "r9".to_string(),
            "r10" => "sl".to_string(),
            "r11" => "fp".to_string(),
            "r12" => "ip".to_string(),
            _ => number(p).unwrap_or_else(|| p.to_string()),
        })
        .collect();
    format!("{prefix}{}{suffix}", parts.join(" "))
}

/// Expands VFP register ranges: `{d0-d2}` is `{d0, d1, d2}`.
fn expand_ranges(t: &str) -> String {
    let Some(open) = t.find('{') else {
        return t.to_string();
    };
    let Some(close) = t[open..].find('}').map(|c| c + open) else {
        return t.to_string();
    };
    let inner = &t[open + 1..close];
    let Some((a, b)) = inner.split_once('-') else {
        return t.to_string();
    };
    let (class, a) = a.trim().split_at(1);
    let b = b.trim().get(1..).unwrap_or("");
    let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return t.to_string();
    };
    let list: Vec<String> = (a..=b).map(|n| format!("{class}{n}")).collect();
    format!("{}{{{}}}{}", &t[..open], list.join(", "), &t[close + 1..])
}

/// A number (with or without `#`) as a canonical value.
fn number(p: &str) -> Option<String> {
    let s = p.strip_prefix('#').unwrap_or(p);
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let v = if let Some(h) = s.strip_prefix("0x") {
        u64::from_str_radix(h, 16).ok()?
    } else if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
        s.parse::<u64>().ok()?
    } else {
        let f: f64 = s.parse().ok()?;
        let f = if neg { -f } else { f };
        if f == 0.0 {
            return Some("#0".to_string());
        }
        return Some(format!("#f{f}"));
    };
    let v = if neg { v.wrapping_neg() } else { v } as u32;
    Some(format!("#{v}"))
}

/// Known capstone differences in what it chooses to print for the same
/// bytes: it prints a one-register push as the `str` it is, and it prints
/// `ldr rX, [sp], #-4` as `pop {rX}` although pop adds 4 (a capstone bug:
/// it ignores the U bit when it picks the alias).
fn capstone_quirk(ours: &str, theirs: &str) -> bool {
    if let Some(r) = ours
        .strip_prefix("push {")
        .and_then(|r| r.strip_suffix('}'))
    {
        return norm(theirs) == norm(&format!("str {r}, [sp, #-4]!"));
    }
    if let Some(r) = ours
        .strip_prefix("ldr ")
        .and_then(|r| r.strip_suffix(", [sp], #-4"))
    {
        return norm(theirs) == norm(&format!("pop {{{r}}}"));
    }
    false
}

#[test]
fn capstone_agrees_on_every_golden_row() {
    let cs = Capstone::new()
        .arm()
        .mode(ArchMode::Arm)
        .build()
        .expect("capstone ARM");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in include_str!("golden/arm.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (_, hex) = line.rsplit_once(" | ").expect("row");
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        count += 1;
        let ours = match ARM.disassemble(&bytes, ADDR) {
            Ok((_, t)) => t,
            Err(e) => {
                failures.push(format!("{hex}: {e}"));
                continue;
            }
        };
        let insns = cs.disasm_all(&bytes, ADDR).expect("capstone runs");
        let theirs = match insns.iter().next() {
            Some(i) => format!(
                "{} {}",
                i.mnemonic().unwrap_or(""),
                i.op_str().unwrap_or("")
            ),
            None => {
                failures.push(format!("{hex}: capstone cannot decode ({ours})"));
                continue;
            }
        };
        if norm(&ours) != norm(&theirs) && !capstone_quirk(&ours, &theirs) {
            failures.push(format!("{hex}: ours {ours:?}, capstone {theirs:?}"));
        }
    }
    assert!(count > 10_000);
    assert!(
        failures.is_empty(),
        "{} of {count} rows disagree:\n{}",
        failures.len(),
        failures[..failures.len().min(80)].join("\n")
    );
}
