//! The dump reader against hostile input: every truncation and thousands
//! of seeded mutations of the golden dumps must load or be refused with an
//! error, never panic; whatever loads must list and write without panicking.

use std::panic::{catch_unwind, AssertUnwindSafe};

use xlj_runtime::bc::dump::{read_dump, write_dump, DumpErrorKind};
use xlj_runtime::bc::listing::list_chunk_bytes;
use xlj_tests::corpus;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Loads `bytes` and exercises the result; returns whether it loaded.
fn exercise(bytes: &[u8]) -> bool {
    match read_dump(bytes, "=fuzz") {
        Ok(dump) => {
            let _ = list_chunk_bytes(&dump.main);
            let _ = write_dump(&dump.main, &dump.options);
            true
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    }
}

fn golden_dumps() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for case in corpus() {
        for ext in ["raw", "g.raw"] {
            if let Some(b) = case.golden(ext) {
                out.push((format!("{}.{ext}", case.stem), b));
            }
        }
    }
    assert!(!out.is_empty(), "no golden dumps found");
    out
}

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut b = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len());
        match rng.below(7) {
            0 => b[at] ^= 1 << rng.below(8),
            1 => b[at] = rng.next() as u8,
            2 => b[at] = [0x00, 0x7f, 0x80, 0xff][rng.below(4)],
            3 => b.insert(at, rng.next() as u8),
            4 => {
                b.remove(at);
            }
            5 => {
                // A run of continuation bytes: a huge or overlong ULEB128.
                for _ in 0..rng.below(6) {
                    b.insert(at, 0xff);
                }
            }
            _ => {
                let len = rng.below(16).min(b.len() - at);
                let chunk = b[at..at + len].to_vec();
                let to = rng.below(b.len());
                b.splice(to..to, chunk);
            }
        }
        if b.is_empty() {
            break;
        }
    }
    b
}

#[test]
fn every_truncation_is_refused() {
    let mut cases = 0;
    for (name, bytes) in golden_dumps() {
        // Every length near the start (headers, first prototypes), then a
        // sample, so the suite stays quick as the corpus grows.
        let lens = (0..bytes.len()).filter(|&l| l < 2048 || l % 7 == 0);
        for len in lens {
            let cut = &bytes[..len];
            let r = catch_unwind(AssertUnwindSafe(|| read_dump(cut, "=fuzz")));
            match r {
                Err(_) => panic!("{name}: reader panicked on the first {len} bytes"),
                Ok(Ok(_)) => panic!("{name}: truncation to {len} bytes was accepted"),
                Ok(Err(_)) => cases += 1,
            }
        }
    }
    println!("truncations refused: {cases}");
}

#[test]
fn mutations_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut loaded, mut refused) = (0, 0);
    let dumps = golden_dumps();
    // A fixed total budget shared by the dumps, at least 500 each.
    let rounds = (60_000 / dumps.len()).max(500);
    for (name, bytes) in dumps {
        for round in 0..rounds {
            let m = mutate(&mut rng, &bytes);
            match catch_unwind(AssertUnwindSafe(|| exercise(&m))) {
                Ok(true) => loaded += 1,
                Ok(false) => refused += 1,
                Err(_) => panic!("{name}: panic on mutation round {round}: {m:02x?}"),
            }
        }
    }
    println!("mutations: {loaded} loaded, {refused} refused");
    assert!(refused > 0);
}

#[test]
fn bogus_lengths_are_refused_without_allocating() {
    // A header and then a prototype claiming 2^32-1 instructions: the
    // reader must compare counts with the input size before allocating.
    let dump = b"\x1bLJ\x02\x0a\x10\x02\x00\x02\x00\x00\x00\xff\xff\xff\xff\x0f";
    let e = read_dump(dump, "=x").unwrap_err();
    assert_eq!(e.kind, DumpErrorKind::Malformed);
    let e = read_dump(b"\x1bLJ\x01\x00", "=x").unwrap_err();
    assert_eq!(e.kind, DumpErrorKind::Incompatible);
    let e = read_dump(b"\x1bLJ\x02\x80", "=x").unwrap_err();
    assert_eq!(e.kind, DumpErrorKind::Malformed);
    assert!(read_dump(b"", "=x").is_err());
}

/// A stripped little-endian dump of a chain of `depth` functions, each
/// the only child of the next.
fn nested_dump(depth: usize) -> Vec<u8> {
    use xlj_runtime::bc::{Ins, Op};
    let ret0 = Ins::ad(Op::RET0, 0, 1).0.to_le_bytes();
    let mut d = b"\x1bLJ\x02\x0a".to_vec();
    for level in 0..depth {
        let has_child = level > 0;
        let mut p = vec![u8::from(has_child), 0, 1, 0, u8::from(has_child), 0, 1];
        p.extend_from_slice(&ret0);
        if has_child {
            p.push(0); // the CHILD constant
        }
        d.push(p.len() as u8);
        d.extend_from_slice(&p);
    }
    d.push(0);
    d
}

#[test]
fn deep_nesting_is_bounded() {
    use xlj_runtime::bc::dump::MAX_DEPTH;
    let ok = read_dump(&nested_dump(MAX_DEPTH), "=deep").expect("nesting at the limit loads");
    let _ = list_chunk_bytes(&ok.main);
    let e = read_dump(&nested_dump(MAX_DEPTH + 1), "=deep").unwrap_err();
    assert_eq!(e.kind, DumpErrorKind::Malformed);
    assert!(read_dump(&nested_dump(100_000), "=deep").is_err());
}

/// Loads a golden debug dump by stem.
fn golden_proto(stem: &str) -> xlj_runtime::bc::dump::Dump {
    let case = corpus()
        .into_iter()
        .find(|c| c.stem == stem)
        .expect("corpus file");
    read_dump(&case.golden("g.raw").expect("golden dump"), "=x").expect("loads")
}

/// Writes `pt` as `dump` was written and reads it back.
fn reload(pt: &xlj_runtime::bc::Proto, dump: &xlj_runtime::bc::dump::Dump) -> Result<(), String> {
    let bytes = write_dump(pt, &dump.options).map_err(|e| e.to_string())?;
    read_dump(&bytes, "=x")
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn operands_outside_the_frame_are_refused() {
    use xlj_runtime::bc::{GcConst, Op, UpvalDesc};
    let dump = golden_proto("hello");
    reload(&dump.main, &dump).expect("the untouched dump reloads");

    // A frame too small for the slots the code uses.
    let mut small = dump.main.clone();
    small.frame_size = 1;
    let e = reload(&small, &dump).unwrap_err();
    assert!(e.contains("frame"), "{e}");

    // A numeric loop whose hidden slots (A..A+3) run past the frame.
    let mut short_loop = dump.main.clone();
    let fori = short_loop
        .code
        .iter()
        .find(|i| i.op_byte() == Op::FORI as u8)
        .expect("a for loop");
    short_loop.frame_size = fori.a() + 3;
    assert!(reload(&short_loop, &dump).unwrap_err().contains("frame"));

    // A closure capturing a slot its parent does not have.
    let mut capture = dump.main.clone();
    for k in &mut capture.kgc {
        if let GcConst::Child(c) = k {
            let mut child = (**c).clone();
            child.upvalues = vec![UpvalDesc(UpvalDesc::LOCAL | 250)];
            *k = GcConst::Child(std::rc::Rc::new(child));
        }
    }
    assert!(reload(&capture, &dump).unwrap_err().contains("captures"));
}
