//! The dump reader and writer against dumps written by `luajit -b` (and
//! `-b -g`): every golden dump loads, writes back byte for byte, lists as
//! `luajit -bl` lists it, and survives a trip through big-endian form.

use std::rc::Rc;

use xlj_runtime::bc::dump::{read_dump, write_dump, DumpOptions};
use xlj_runtime::bc::listing::list_chunk_bytes;
use xlj_runtime::bc::{GcConst, Proto};
use xlj_tests::{corpus, Case};

/// (case, golden extension, chunk name to give a stripped dump)
fn dumps() -> Vec<(Case, &'static str, Vec<u8>)> {
    let mut out = Vec::new();
    for case in corpus() {
        for ext in ["raw", "g.raw"] {
            if let Some(bytes) = case.golden(ext) {
                out.push((case.clone(), ext, bytes));
            }
        }
    }
    out
}

fn show_diff(what: &str, ours: &[u8], theirs: &[u8]) -> String {
    let at = ours
        .iter()
        .zip(theirs)
        .position(|(a, b)| a != b)
        .unwrap_or(ours.len().min(theirs.len()));
    format!(
        "{what}: first difference at byte {at} (ours {} bytes, luajit {} bytes)",
        ours.len(),
        theirs.len()
    )
}

#[test]
fn luajit_dumps_load_and_write_back_identically() {
    let all = dumps();
    assert!(!all.is_empty(), "no golden dumps found");
    let mut failures = Vec::new();
    for (case, ext, bytes) in &all {
        let what = format!("{}.{ext}", case.stem);
        match read_dump(bytes, &case.raw_name()) {
            Err(e) => failures.push(format!("{what}: {e}")),
            Ok(dump) => match write_dump(&dump.main, &dump.options) {
                Err(e) => failures.push(format!("{what}: {e}")),
                Ok(again) if &again != bytes => failures.push(show_diff(&what, &again, bytes)),
                Ok(_) => {}
            },
        }
    }
    println!(
        "dumps round-tripped: {}/{}",
        all.len() - failures.len(),
        all.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn listing_of_loaded_dumps_matches_luajit() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in corpus() {
        // The debug dump lists exactly like the source; the stripped dump
        // like luajit lists the .raw file.
        for (ext, golden) in [("g.raw", "bl"), ("raw", "raw.bl")] {
            let (Some(bytes), Some(expected)) = (case.golden(ext), case.golden(golden)) else {
                continue;
            };
            checked += 1;
            let dump = match read_dump(&bytes, &case.raw_name()) {
                Ok(d) => d,
                Err(e) => {
                    failures.push(format!("{}.{ext}: {e}", case.stem));
                    continue;
                }
            };
            let ours = list_chunk_bytes(&dump.main);
            if ours != expected {
                failures.push(format!(
                    "{}.{ext}: listing differs from {}.{golden}:\n--- ours\n{}\n--- luajit\n{}",
                    case.stem,
                    case.stem,
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&expected)
                ));
            }
        }
    }
    println!("listings of loaded dumps checked: {checked}");
    assert!(checked > 0, "no golden listings found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn big_endian_form_round_trips() {
    for (case, ext, bytes) in dumps() {
        let dump = read_dump(&bytes, &case.raw_name()).expect("golden dump loads");
        let be_opts = DumpOptions {
            big_endian: true,
            ..dump.options
        };
        let be = write_dump(&dump.main, &be_opts).expect("writes big-endian");
        let back = read_dump(&be, &case.raw_name()).expect("big-endian dump loads");
        assert!(back.options.big_endian);
        assert_eq!(
            list_chunk_bytes(&back.main),
            list_chunk_bytes(&dump.main),
            "{}.{ext}",
            case.stem
        );
        let le = write_dump(&back.main, &dump.options).expect("writes little-endian");
        assert!(
            le == bytes,
            "{}.{ext}: LE -> BE -> LE changed the dump",
            case.stem
        );
    }
}

/// A printable form of a prototype tree in which template tables list
/// their hash part sorted: luajit seeds its string hashes per run, so two
/// runs may store the same table's entries in different orders.
fn canonical(pt: &Proto) -> String {
    let mut pt = pt.clone();
    for k in &mut pt.kgc {
        match k {
            GcConst::Table(t) => {
                let mut t = (**t).clone();
                t.hash.sort_by_key(|e| format!("{e:?}"));
                *k = GcConst::Table(Rc::new(t));
            }
            GcConst::Child(c) => *k = GcConst::Str(canonical(c).into_bytes().into()),
            _ => {}
        }
    }
    format!("{pt:?}")
}

#[test]
fn stripping_a_debug_dump_gives_luajits_stripped_dump() {
    let (mut identical, mut equivalent) = (0, 0);
    for case in corpus() {
        let (Some(g), Some(raw)) = (case.golden("g.raw"), case.golden("raw")) else {
            continue;
        };
        let dump = read_dump(&g, "=unused").expect("golden dump loads");
        let opts = DumpOptions {
            strip: true,
            ..dump.options
        };
        let stripped = write_dump(&dump.main, &opts).expect("writes stripped");
        if stripped == raw {
            identical += 1;
            continue;
        }
        let ours = read_dump(&stripped, "=x").expect("our dump loads");
        let theirs = read_dump(&raw, "=x").expect("golden dump loads");
        assert_eq!(
            canonical(&ours.main),
            canonical(&theirs.main),
            "{}: stripped form differs",
            case.stem
        );
        equivalent += 1;
    }
    println!("stripped dumps: {identical} identical, {equivalent} equal up to hash order");
    assert!(identical > 0);
}

/// Applies `f` to every prototype of a tree, children first.
fn map_tree(pt: &Proto, f: &dyn Fn(&mut Proto)) -> Proto {
    let mut pt = pt.clone();
    for k in &mut pt.kgc {
        if let GcConst::Child(c) = k {
            *k = GcConst::Child(Rc::new(map_tree(c, f)));
        }
    }
    f(&mut pt);
    pt
}

#[test]
fn wide_line_numbers_round_trip_in_both_byte_orders() {
    // Functions spanning 65536 lines or more store 4-byte line deltas;
    // the corpus only reaches 2 bytes, so stretch its functions.
    let mut checked = 0;
    for case in corpus() {
        let Some(g) = case.golden("g.raw") else {
            continue;
        };
        let dump = read_dump(&g, "=unused").expect("golden dump loads");
        let stretched = map_tree(&dump.main, &|p| p.num_lines += 70_000);
        for big_endian in [false, true] {
            let opts = DumpOptions {
                big_endian,
                ..dump.options
            };
            let bytes = write_dump(&stretched, &opts).expect("writes");
            let back = read_dump(&bytes, "=unused").expect("reads back");
            assert_eq!(
                format!("{:?}", back.main),
                format!("{stretched:?}"),
                "{} (big-endian: {big_endian})",
                case.stem
            );
            assert_eq!(write_dump(&back.main, &opts).expect("writes again"), bytes);
        }
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn writer_refuses_what_the_format_cannot_hold() {
    let case = corpus()
        .into_iter()
        .find(|c| c.golden("g.raw").is_some())
        .expect("a dump");
    let dump = read_dump(&case.golden("g.raw").unwrap(), "=x").unwrap();
    let opts = dump.options;
    // A line before the function's first line has no delta.
    let bad_line = map_tree(&dump.main, &|p| {
        if p.line_info.len() > 1 {
            p.first_line += 1_000_000;
        }
    });
    assert!(write_dump(&bad_line, &opts).is_err());
    // More than 255 upvalues do not fit the header byte.
    let mut many_uv = dump.main.clone();
    many_uv.upvalues = vec![xlj_runtime::bc::UpvalDesc(0); 256];
    assert!(write_dump(&many_uv, &opts).is_err());
    // Variable ranges must not run backwards.
    let backwards = map_tree(&dump.main, &|p| {
        for v in &mut p.var_info {
            v.end_pc = v.start_pc.wrapping_sub(1);
        }
    });
    if has_var_after_start(&dump.main) {
        assert!(write_dump(&backwards, &opts).is_err());
    }
}

/// True if some variable starts after pc 0 (so an end before its start
/// is representable as a backwards range).
fn has_var_after_start(pt: &Proto) -> bool {
    pt.var_info.iter().any(|v| v.start_pc > 0) || pt.children().any(|c| has_var_after_start(c))
}
