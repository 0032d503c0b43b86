//! Presenting results: the terminal table, and the Markdown, JSON and SVG
//! files written to `bench/results/`.

use std::fmt::Write as _;

/// One engine's outcome on one benchmark.
#[derive(Clone)]
pub enum Cell {
    Timed {
        seconds: f64,
        peak_kib: u64,
    },
    /// The engine printed a different checksum from the first engine.
    Mismatch(String),
    Failed(String),
}

pub struct Results {
    pub engines: Vec<String>,
    pub benchmarks: Vec<String>,
    /// `cells[b][e]`: benchmark b on engine e.
    pub cells: Vec<Vec<Cell>>,
    pub runs: usize,
    pub quick: bool,
    pub machine: String,
    pub date: String,
}

impl Results {
    fn seconds(&self, b: usize, e: usize) -> Option<f64> {
        match self.cells[b][e] {
            Cell::Timed { seconds, .. } => Some(seconds),
            _ => None,
        }
    }

    fn engine_index(&self, name: &str) -> Option<usize> {
        self.engines.iter().position(|e| e == name)
    }

    /// Time of engine `e` divided by the time of `base`, per benchmark.
    fn ratios(&self, e: usize, base: usize) -> Vec<Option<f64>> {
        (0..self.benchmarks.len())
            .map(|b| match (self.seconds(b, e), self.seconds(b, base)) {
                (Some(x), Some(y)) if y > 0.0 => Some(x / y),
                _ => None,
            })
            .collect()
    }

    /// The geometric mean of the ratios of `e` against `base`.
    pub fn geomean(&self, e: usize, base: &str) -> Option<f64> {
        let base = self.engine_index(base)?;
        let r: Vec<f64> = self.ratios(e, base).into_iter().flatten().collect();
        if r.is_empty() {
            return None;
        }
        Some((r.iter().map(|x| x.ln()).sum::<f64>() / r.len() as f64).exp())
    }

    pub fn failures(&self) -> usize {
        self.cells
            .iter()
            .flatten()
            .filter(|c| matches!(c, Cell::Mismatch(_) | Cell::Failed(_)))
            .count()
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Timed { seconds, .. } => format!("{seconds:.3}"),
        Cell::Mismatch(_) => "MISMATCH".into(),
        Cell::Failed(_) => "FAILED".into(),
    }
}

fn ratio_text(r: Option<f64>) -> String {
    r.map(|x| format!("{x:.2}")).unwrap_or_else(|| "-".into())
}

/// The results as a Markdown document (also printed on the terminal).
pub fn markdown(r: &Results) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# xlj benchmarks, {} on {}\n", r.date, r.machine);
    let _ = writeln!(
        s,
        "Median wall time in seconds of {} run(s){}; peak memory in MiB after the slash.\n",
        r.runs,
        if r.quick { ", quick sizes" } else { "" }
    );
    let _ = writeln!(s, "| benchmark | {} |", r.engines.join(" | "));
    let _ = writeln!(s, "|---|{}", "---:|".repeat(r.engines.len()));
    for (b, name) in r.benchmarks.iter().enumerate() {
        let cols: Vec<String> = r.cells[b]
            .iter()
            .map(|c| match c {
                Cell::Timed { peak_kib, .. } => {
                    format!("{} / {:.1}", cell_text(c), *peak_kib as f64 / 1024.0)
                }
                _ => cell_text(c),
            })
            .collect();
        let _ = writeln!(s, "| {name} | {} |", cols.join(" | "));
    }
    for base in ["luajit", "lua5.1"] {
        if r.engine_index(base).is_none() {
            continue;
        }
        let g: Vec<String> = (0..r.engines.len())
            .map(|e| ratio_text(r.geomean(e, base)))
            .collect();
        let _ = writeln!(s, "| **time / {base}, geomean** | {} |", g.join(" | "));
    }
    let mut notes = Vec::new();
    for (b, name) in r.benchmarks.iter().enumerate() {
        for (e, c) in r.cells[b].iter().enumerate() {
            match c {
                Cell::Mismatch(m) => notes.push(format!(
                    "- {name} on {}: checksum mismatch: {m}",
                    r.engines[e]
                )),
                Cell::Failed(m) => notes.push(format!("- {name} on {}: failed: {m}", r.engines[e])),
                _ => {}
            }
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(s, "\nFailures:\n{}", notes.join("\n"));
    }
    s
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn json(r: &Results) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "{{\"date\":{},\"machine\":{},\"runs\":{},\"quick\":{},\"engines\":[{}],\"results\":[",
        json_str(&r.date),
        json_str(&r.machine),
        r.runs,
        r.quick,
        r.engines
            .iter()
            .map(|e| json_str(e))
            .collect::<Vec<_>>()
            .join(",")
    );
    for (b, name) in r.benchmarks.iter().enumerate() {
        if b > 0 {
            s.push(',');
        }
        let _ = write!(s, "{{\"benchmark\":{},\"engines\":{{", json_str(name));
        for (e, c) in r.cells[b].iter().enumerate() {
            if e > 0 {
                s.push(',');
            }
            let v = match c {
                Cell::Timed { seconds, peak_kib } => {
                    format!("{{\"seconds\":{seconds:.6},\"peak_kib\":{peak_kib}}}")
                }
                Cell::Mismatch(m) => format!("{{\"mismatch\":{}}}", json_str(m)),
                Cell::Failed(m) => format!("{{\"failed\":{}}}", json_str(m)),
            };
            let _ = write!(s, "{}:{v}", json_str(&r.engines[e]));
        }
        s.push_str("}}");
    }
    s.push_str("]}\n");
    s
}

const COLOURS: &[&str] = &[
    "#d62728", "#ff7f0e", "#bcbd22", "#1f77b4", "#17becf", "#7f7f7f",
];

/// A bar chart of each engine's speed relative to lua5.1 (higher is
/// faster), one bar group per benchmark, on a log scale.
pub fn svg(r: &Results) -> String {
    let base = r
        .engine_index("lua5.1")
        .or_else(|| r.engine_index("luajit-joff"))
        .unwrap_or(0);
    let base_name = &r.engines[base];
    let nb = r.benchmarks.len().max(1);
    let ne = r.engines.len().max(1);
    let group_w = 14.0 * ne as f64 + 12.0;
    let (left, top, plot_h) = (60.0, 40.0, 300.0);
    let width = left + group_w * nb as f64 + 20.0;
    let height = top + plot_h + 120.0;
    // Speed-ups from 1/16 to 64 on a log2 axis.
    let (lo, hi) = (-4.0f64, 6.0f64);
    let y_of =
        |speedup: f64| top + plot_h * (1.0 - ((speedup.log2().clamp(lo, hi) - lo) / (hi - lo)));
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" font-family=\"sans-serif\" font-size=\"11\">"
    );
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    let _ = writeln!(
        s,
        "<text x=\"{left}\" y=\"20\" font-size=\"14\">Speed relative to {base_name} (higher is faster, log scale), {} on {}</text>",
        r.date, r.machine
    );
    for p in (lo as i32)..=(hi as i32) {
        let y = y_of(2f64.powi(p));
        let label = if p >= 0 {
            format!("{}x", 1u64 << p)
        } else {
            format!("1/{}", 1u64 << -p)
        };
        let _ = writeln!(
            s,
            "<line x1=\"{left}\" x2=\"{:.0}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{}\"/><text x=\"5\" y=\"{:.1}\">{label}</text>",
            width - 20.0,
            if p == 0 { "#000" } else { "#ddd" },
            y + 4.0
        );
    }
    let ratios: Vec<Vec<Option<f64>>> = (0..ne).map(|e| r.ratios(e, base)).collect();
    let y1 = y_of(1.0);
    for (b, name) in r.benchmarks.iter().enumerate() {
        let x0 = left + group_w * b as f64 + 6.0;
        for (e, ratio) in ratios.iter().enumerate() {
            if let Some(t) = ratio[b] {
                let y = y_of(1.0 / t);
                let (ytop, h) = if y < y1 { (y, y1 - y) } else { (y1, y - y1) };
                let _ = writeln!(
                    s,
                    "<rect x=\"{:.1}\" y=\"{ytop:.1}\" width=\"12\" height=\"{h:.1}\" fill=\"{}\"><title>{} {}: {:.2}x</title></rect>",
                    x0 + 14.0 * e as f64,
                    COLOURS[e % COLOURS.len()],
                    name,
                    r.engines[e],
                    1.0 / t
                );
            }
        }
        let _ = writeln!(
            s,
            "<text transform=\"translate({:.1},{:.1}) rotate(-45)\" text-anchor=\"end\">{name}</text>",
            x0 + group_w / 2.0,
            top + plot_h + 14.0
        );
    }
    for (e, name) in r.engines.iter().enumerate() {
        let x = left + 110.0 * e as f64;
        let y = height - 14.0;
        let _ = writeln!(
            s,
            "<rect x=\"{x:.0}\" y=\"{:.0}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.0}\" y=\"{y:.0}\">{name}</text>",
            y - 9.0,
            COLOURS[e % COLOURS.len()],
            x + 14.0
        );
    }
    s.push_str("</svg>\n");
    s
}
