//! The one table every scenario writes to, and its Markdown.

use std::fmt::Write as _;

use super::stats::Summary;

/// What a figure measures, and so which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Ms,
    Seconds,
    RowsPerSec,
    ReqPerSec,
    Mb,
    Count,
}

impl Unit {
    fn higher_is_better(self) -> bool {
        matches!(self, Unit::RowsPerSec | Unit::ReqPerSec)
    }

    fn format(self, v: f64) -> String {
        if v.is_nan() {
            return "–".to_owned();
        }
        match self {
            Unit::Ms if v < 10.0 => format!("{v:.2} ms"),
            Unit::Ms => format!("{} ms", thousands(v)),
            Unit::Seconds => format!("{v:.2} s"),
            Unit::RowsPerSec => format!("{} rows/s", thousands(v)),
            Unit::ReqPerSec if v < 10.0 => format!("{v:.2} req/s"),
            Unit::ReqPerSec => format!("{} req/s", thousands(v)),
            Unit::Mb => format!("{v:.0} MB"),
            Unit::Count => thousands(v),
        }
    }

    fn spread(self, s: &Summary) -> String {
        if s.runs <= 1 {
            return self.format(s.median);
        }
        format!(
            "{} ({}–{})",
            self.format(s.median),
            bare(self, s.min),
            bare(self, s.max)
        )
    }
}

/// A value without its unit, for the min–max bracket.
fn bare(unit: Unit, v: f64) -> String {
    let text = unit.format(v);
    text.split(' ').next().unwrap_or_default().to_owned()
}

fn thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

/// A target and whether this run met it (reported, never enforced).
#[derive(Debug, Clone)]
pub struct Target {
    pub text: String,
    pub met: bool,
}

/// One line of the table: our figure, optionally beside a baseline of the same run.
#[derive(Debug, Clone)]
pub struct Row {
    pub scenario: String,
    pub unit: Unit,
    pub ours: Summary,
    pub baseline: Option<(String, Summary)>,
    /// Our cost over the baseline's, run by run (time over time, or rate over rate inverted).
    pub ratio: Option<Summary>,
    pub target: Option<Target>,
}

impl Row {
    pub fn new(scenario: impl Into<String>, unit: Unit, ours: &[f64]) -> Row {
        Row {
            scenario: scenario.into(),
            unit,
            ours: Summary::of(ours),
            baseline: None,
            ratio: None,
            target: None,
        }
    }

    /// Adds the baseline measured in the same runs; the ratio is taken run by run, so that
    /// a slow moment of the machine slows both sides of one ratio.
    pub fn beside(mut self, name: impl Into<String>, ours: &[f64], theirs: &[f64]) -> Row {
        let ratios: Vec<f64> = ours
            .iter()
            .zip(theirs)
            .map(|(o, t)| {
                if self.unit.higher_is_better() {
                    t / o
                } else {
                    o / t
                }
            })
            .collect();
        self.baseline = Some((name.into(), Summary::of(theirs)));
        self.ratio = Some(Summary::of(&ratios));
        self
    }

    pub fn target(mut self, text: impl Into<String>, met: bool) -> Row {
        self.target = Some(Target {
            text: text.into(),
            met,
        });
        self
    }
}

/// Every row of a run, grouped in sections, with free-text notes.
#[derive(Debug, Default)]
pub struct Table {
    sections: Vec<(String, Vec<Row>)>,
    pub notes: Vec<String>,
    /// Targets are for the full data sets: a quick run reports none.
    pub without_targets: bool,
}

impl Table {
    pub fn new(without_targets: bool) -> Table {
        Table {
            without_targets,
            ..Table::default()
        }
    }

    pub fn section(&mut self, title: impl Into<String>) {
        self.sections.push((title.into(), Vec::new()));
    }

    pub fn push(&mut self, mut row: Row) {
        if self.without_targets {
            row.target = None;
        }
        println!("  {}", plain(&row));
        match self.sections.last_mut() {
            Some((_, rows)) => rows.push(row),
            None => self.sections.push((String::new(), vec![row])),
        }
    }

    pub fn note(&mut self, text: impl Into<String>) {
        let text = text.into();
        println!("  note: {text}");
        self.notes.push(text);
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "| Scenario | Leadsource: median (min–max) | Baseline, same run | Baseline: median (min–max) | Cost vs baseline (median, min–max) | Target | Met |"
        );
        let _ = writeln!(out, "|---|---:|---|---:|---:|---|:---:|");
        for (title, rows) in &self.sections {
            if !title.is_empty() {
                let _ = writeln!(out, "| **{title}** | | | | | | |");
            }
            for row in rows {
                let (name, theirs) = match &row.baseline {
                    Some((name, s)) => (name.clone(), row.unit.spread(s)),
                    None => (String::new(), String::new()),
                };
                let ratio = row.ratio.map(ratio_text).unwrap_or_default();
                let (target, met) = match &row.target {
                    Some(t) => (t.text.clone(), if t.met { "yes" } else { "**no**" }),
                    None => (String::new(), ""),
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {name} | {theirs} | {ratio} | {target} | {met} |",
                    row.scenario,
                    row.unit.spread(&row.ours),
                );
            }
        }
        out
    }
}

fn ratio_text(r: Summary) -> String {
    if r.runs <= 1 {
        return format!("{:.2}×", r.median);
    }
    format!("{:.2}× ({:.2}–{:.2})", r.median, r.min, r.max)
}

/// The row as one console line, printed as soon as it is measured.
fn plain(row: &Row) -> String {
    let mut line = format!("{}: {}", row.scenario, row.unit.spread(&row.ours));
    if let (Some((name, s)), Some(r)) = (&row.baseline, row.ratio) {
        let _ = write!(
            line,
            " | {name}: {} | cost {}",
            row.unit.spread(s),
            ratio_text(r)
        );
    }
    if let Some(t) = &row.target {
        let _ = write!(
            line,
            " | target {}: {}",
            t.text,
            if t.met { "met" } else { "MISSED" }
        );
    }
    line
}
