use super::*;
use crate::gc::mark;

fn new_table(heap: &mut Heap) -> &'static mut GcTab {
    // SAFETY: the tests free every table they make before the heap goes.
    unsafe { &mut *GcTab::new(heap, mark::WHITE0, 0, 0).unwrap().as_ptr() }
}

fn free(heap: &mut Heap, t: &mut GcTab) {
    unsafe { GcTab::free(NonNull::from(t), heap) }
}

fn num(n: f64) -> Value {
    Value::number(n)
}

/// Replays the raw stores recorded from luajit and checks `#t` and the
/// order `next` visits the keys in.
#[test]
fn matches_luajit_on_recorded_store_sequences() {
    let golden = include_str!("../../../tests/golden/tables.txt");
    let mut heap = Heap::default();
    let mut checked = 0;
    for (line_no, line) in golden
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'))
    {
        let mut cols = line.split('\t');
        let (ops, len, keys) = (
            cols.next().unwrap(),
            cols.next().unwrap(),
            cols.next().unwrap_or(""),
        );
        let t = new_table(&mut heap);
        for op in ops.split(';') {
            let mut f = op.split(' ');
            assert_eq!(f.next(), Some("s"));
            let k: f64 = f.next().unwrap().parse().unwrap();
            let v = if f.next() == Some("nil") {
                Value::NIL
            } else {
                num(1.0)
            };
            t.set(&mut heap, num(k), v).unwrap();
        }
        let expected_keys: Vec<f64> = keys
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        let mut got_keys = Vec::new();
        let mut k = Value::NIL;
        while let Some((key, _)) = t.next(k).unwrap() {
            got_keys.push(key.as_number().unwrap());
            k = key;
        }
        assert_eq!(
            t.len().to_string(),
            len,
            "#t differs on line {}: {ops}",
            line_no + 1
        );
        assert_eq!(
            got_keys,
            expected_keys,
            "next() order differs on line {}: {ops}",
            line_no + 1
        );
        free(&mut heap, t);
        checked += 1;
    }
    assert!(checked >= 1000, "golden file too small: {checked} cases");
    assert_eq!(heap.used(), 0, "a table leaked memory");
}

#[test]
fn nil_and_nan_keys_are_refused() {
    let mut heap = Heap::default();
    let t = new_table(&mut heap);
    assert_eq!(
        t.set(&mut heap, Value::NIL, num(1.0)),
        Err(TabError::NilIndex)
    );
    assert_eq!(
        t.set(&mut heap, num(f64::NAN), num(1.0)),
        Err(TabError::NanIndex)
    );
    assert_eq!(t.get(Value::NIL), Value::NIL);
    assert_eq!(t.get(num(f64::NAN)), Value::NIL);
    assert_eq!(t.next(num(99.0)), Err(TabError::BadNextKey));
    assert_eq!(TabError::NilIndex.message(), "table index is nil");
    free(&mut heap, t);
}

#[test]
fn minus_zero_and_integral_floats_are_the_same_key() {
    let mut heap = Heap::default();
    let t = new_table(&mut heap);
    t.set(&mut heap, num(-0.0), num(7.0)).unwrap();
    assert_eq!(t.get(num(0.0)), num(7.0));
    t.set(&mut heap, num(1e6), num(8.0)).unwrap();
    assert_eq!(t.get_int(1_000_000), num(8.0));
    for i in 1..=1000 {
        t.set_int(&mut heap, i, num(i as f64)).unwrap();
    }
    assert_eq!(t.len(), 1000);
    assert!(t.asize > 1000, "integer keys moved into the array part");
    free(&mut heap, t);
}

#[test]
fn other_key_types_round_trip() {
    let mut heap = Heap::default();
    let mut strs = crate::obj::StrTable::new();
    let t = new_table(&mut heap);
    let keys: Vec<Value> = (0..300)
        .map(|i| {
            let s = strs
                .intern(
                    &mut heap,
                    format!("k{i}").as_bytes(),
                    mark::WHITE0,
                    mark::WHITE1,
                )
                .unwrap();
            Value::tagged(itype::STR, s.as_ptr() as usize)
        })
        .chain([
            Value::TRUE,
            Value::FALSE,
            Value::tagged(itype::LIGHTUD, 0x1000),
        ])
        .collect();
    for (i, k) in keys.iter().enumerate() {
        t.set(&mut heap, *k, num(i as f64)).unwrap();
    }
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(t.get(*k), num(i as f64));
    }
    let mut seen = 0;
    let mut k = Value::NIL;
    while let Some((key, _)) = t.next(k).unwrap() {
        seen += 1;
        k = key;
    }
    assert_eq!(seen, keys.len());
    let copy = t.dup(&mut heap, mark::WHITE0).unwrap();
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(unsafe { copy.as_ref() }.get(*k), num(i as f64));
    }
    unsafe { GcTab::free(copy, &mut heap) };
    free(&mut heap, t);
    strs.free_all(&mut heap);
    assert_eq!(heap.used(), 0);
}

#[test]
fn out_of_memory_is_an_error_not_an_abort() {
    let mut heap = Heap::new(4096);
    let t = new_table(&mut heap);
    let mut result = Ok(());
    for i in 1..10_000 {
        result = t.set_int(&mut heap, i, num(1.0));
        if result.is_err() {
            break;
        }
    }
    assert_eq!(result, Err(TabError::OutOfMemory));
    free(&mut heap, t);
    assert_eq!(heap.used(), 0);
}
