//! The sort against `tests/golden/stdlib2/sort.txt`, recorded from luajit
//! by `tools/gen-stdlib2-sort.lua` (whose header defines the comparators
//! re-implemented here).

use super::*;

const GOLDEN: &str = include_str!("../../../tests/golden/stdlib2/sort.txt");

#[derive(Clone, Copy, Debug, PartialEq)]
struct Rec {
    key: i64,
    id: usize,
}

#[derive(Debug, PartialEq)]
enum Failure {
    Order,
    Comparator,
}

struct Records<'a> {
    items: Vec<Rec>,
    cmp: &'a str,
    calls: usize,
    rand_state: u64,
}

impl SortAccess for Records<'_> {
    type Value = Rec;
    type Error = Failure;

    fn get(&mut self, i: i32) -> Result<Rec, Failure> {
        Ok(self.items[(i - 1) as usize])
    }

    fn set(&mut self, i: i32, v: Rec) -> Result<(), Failure> {
        self.items[(i - 1) as usize] = v;
        Ok(())
    }

    fn less(&mut self, a: &Rec, b: &Rec) -> Result<bool, Failure> {
        let n = self.items.len();
        let r = match self.cmp {
            "lt" => a.key < b.key,
            "gt" => a.key > b.key,
            "le" => a.key <= b.key,
            "true" => true,
            "false" => false,
            "ltid" => (a.key, a.id) < (b.key, b.id),
            "rand" => {
                self.rand_state = self.rand_state * 48271 % 2_147_483_647;
                matches!(self.rand_state % 3, 0)
            }
            "mut" => {
                let c = self.calls;
                if c % 5 == 4 {
                    self.items[c % n] = Rec {
                        key: (c % 7) as i64,
                        id: 1000 + c,
                    };
                }
                a.key < b.key
            }
            "fail" => {
                if self.calls + 1 == n {
                    return Err(Failure::Comparator);
                }
                a.key < b.key
            }
            other => panic!("unknown comparator {other}"),
        };
        self.calls += 1;
        Ok(r)
    }

    fn invalid_order(&mut self) -> Failure {
        Failure::Order
    }
}

/// Plain numbers under the default `<`.
struct Numbers(Vec<i64>);

impl SortAccess for Numbers {
    type Value = i64;
    type Error = Failure;

    fn get(&mut self, i: i32) -> Result<i64, Failure> {
        Ok(self.0[(i - 1) as usize])
    }

    fn set(&mut self, i: i32, v: i64) -> Result<(), Failure> {
        self.0[(i - 1) as usize] = v;
        Ok(())
    }

    fn less(&mut self, a: &i64, b: &i64) -> Result<bool, Failure> {
        Ok(a < b)
    }

    fn invalid_order(&mut self) -> Failure {
        Failure::Order
    }
}

fn list<T: ToString>(xs: &[T]) -> String {
    if xs.is_empty() {
        "-".to_string()
    } else {
        xs.iter().map(T::to_string).collect::<Vec<_>>().join(",")
    }
}

fn outcome(r: Result<(), Failure>) -> &'static str {
    match r {
        Ok(()) => "ok",
        Err(Failure::Order) => "order",
        Err(Failure::Comparator) => "cmp",
    }
}

fn run(cmp: &str, keys: &[i64]) -> String {
    let n = keys.len();
    if cmp == "nil" {
        let mut nums = Numbers(keys.to_vec());
        let r = sort(&mut nums, n as i32);
        // Map each sorted key back to the first unused equal input.
        let mut used = vec![false; n];
        let ids: Vec<usize> = nums
            .0
            .iter()
            .map(|v| {
                let j = (0..n).find(|&j| !used[j] && keys[j] == *v).unwrap();
                used[j] = true;
                j + 1
            })
            .collect();
        return format!("{cmp} {} {} - {}", list(keys), list(&ids), outcome(r));
    }
    let mut recs = Records {
        items: keys
            .iter()
            .enumerate()
            .map(|(i, &key)| Rec { key, id: i + 1 })
            .collect(),
        cmp,
        calls: 0,
        rand_state: n as u64 + 1,
    };
    let r = sort(&mut recs, n as i32);
    let ids: Vec<usize> = recs.items.iter().map(|r| r.id).collect();
    format!(
        "{cmp} {} {} {} {}",
        list(keys),
        list(&ids),
        recs.calls,
        outcome(r)
    )
}

#[test]
fn sort_matches_luajit() {
    let mut total = 0;
    let mut failures = Vec::new();
    for line in GOLDEN.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split(' ');
        let cmp = fields.next().unwrap();
        let keys: Vec<i64> = match fields.next().expect("keys") {
            "-" => Vec::new(),
            k => k.split(',').map(|x| x.parse().expect("key")).collect(),
        };
        let got = run(cmp, &keys);
        total += 1;
        if got != line {
            failures.push(format!("want {line}\n got {got}"));
        }
    }
    println!("sort cases checked: {total}");
    assert!(total > 2_000, "golden file too small: {total}");
    assert!(
        failures.is_empty(),
        "{} of {total} differ:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

#[test]
fn short_ranges_do_nothing() {
    let mut nums = Numbers(vec![3, 1]);
    assert_eq!(sort(&mut nums, 0), Ok(()));
    assert_eq!(sort(&mut nums, 1), Ok(()));
    assert_eq!(sort(&mut nums, -5), Ok(()));
    assert_eq!(nums.0, vec![3, 1]);
}
