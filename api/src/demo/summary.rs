//! The public faces of a demo run: parsing and printing [`Scale`], and the
//! [`DemoSummary`] of what was written.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use super::Scale;

/// What `write_demo` wrote, and how long it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoSummary {
    /// Channels that received data (the planted kinds present in the workspace).
    pub channels: usize,
    pub campaigns: u64,
    pub spend_rows: u64,
    pub budgets: u64,
    pub leads: u64,
    pub touchpoints: u64,
    pub conversions: u64,
    /// Σ conversion revenue, in cents of the reporting currency.
    pub revenue_cents: i64,
    /// Σ spend, in cents of the reporting currency.
    pub spend_cents: i64,
    pub elapsed: Duration,
}

/// `1234567` → `1,234,567`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Cents as `1,234.56` (negative amounts with a leading minus).
fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", grouped(abs / 100), abs % 100)
}

impl fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        let rows = self.campaigns
            + self.spend_rows
            + self.budgets
            + self.leads
            + self.touchpoints
            + self.conversions;
        writeln!(
            f,
            "demo data written in {secs:.1} s ({} rows/s)",
            grouped((rows as f64 / secs.max(1e-3)) as u64)
        )?;
        writeln!(
            f,
            "  {} channels, {} campaigns, {} spend rows, {} budgets",
            self.channels,
            grouped(self.campaigns),
            grouped(self.spend_rows),
            grouped(self.budgets)
        )?;
        writeln!(
            f,
            "  {} leads, {} touchpoints, {} conversions",
            grouped(self.leads),
            grouped(self.touchpoints),
            grouped(self.conversions)
        )?;
        let roas = if self.spend_cents > 0 {
            self.revenue_cents as f64 / self.spend_cents as f64
        } else {
            0.0
        };
        write!(
            f,
            "  revenue {}, spend {} (ROAS {roas:.2})",
            money(self.revenue_cents),
            money(self.spend_cents)
        )
    }
}

/// A scale name that is not `small`, `medium` or `large`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseScaleError(String);

impl fmt::Display for ParseScaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown demo scale `{}`: expected small, medium or large",
            self.0
        )
    }
}

impl std::error::Error for ParseScaleError {}

impl FromStr for Scale {
    type Err = ParseScaleError;

    fn from_str(s: &str) -> Result<Scale, ParseScaleError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "small" => Ok(Scale::Small),
            "medium" => Ok(Scale::Medium),
            "large" => Ok(Scale::Large),
            _ => Err(ParseScaleError(s.to_owned())),
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scale::Small => "small",
            Scale::Medium => "medium",
            Scale::Large => "large",
        })
    }
}
