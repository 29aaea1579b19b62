//! Builders of synthetic performance reports and candidates.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::super::args::{Constraint, Curve, Level, PlanArgs};
use super::super::weekly::Candidate;
use crate::services::attribution::Model;
use crate::services::budget::WeeklyPoint;
use crate::services::report::{
    AttributionSettings, DateRange, Dimension, Metrics, PerformanceArgs, PerformanceReport,
    PerformanceRow, ReportFilter, RowKey, SeriesBucket, SeriesRow,
};

pub(super) fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal literal")
}

pub(super) fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date literal")
}

pub(super) fn range(from: &str, to: &str) -> DateRange {
    DateRange::new("range", day(from), day(to)).expect("a range")
}

/// Canonical arguments over `range` with these constraints, FIRST_TOUCH, CHANNEL, power law.
pub(super) fn args(total: Option<&str>, constraints: Vec<Constraint>) -> PlanArgs {
    PlanArgs::new(
        range("2026-01-05", "2026-04-05"),
        total.map(dec),
        Model::FirstTouch,
        constraints,
        None,
        Level::Channel,
        Curve::PowerLaw,
    )
    .expect("valid arguments")
}

pub(super) fn metrics(spend: Option<&str>, revenue: &str) -> Metrics {
    Metrics {
        revenue: dec(revenue),
        spend: spend.map(dec),
        ..Metrics::default()
    }
}

/// One report row: (channel id, label, spend over the range, revenue over the range).
pub(super) type RowSpec<'a> = (i64, &'a str, Option<&'a str>, &'a str);

/// A CHANNEL report over `from..=to` with the given rows and, when `weekly` is given, a WEEK
/// series whose every bucket holds `weekly(row index, bucket index)` = (spend, revenue).
pub(super) fn report(
    from: &str,
    to: &str,
    rows: &[RowSpec<'_>],
    weekly: Option<&dyn Fn(usize, usize) -> (Decimal, Decimal)>,
) -> PerformanceReport {
    let range = range(from, to);
    let rows: Vec<PerformanceRow> = rows
        .iter()
        .map(|&(id, label, spend, revenue)| PerformanceRow {
            key: RowKey::Channel(id),
            label: label.to_owned(),
            channel_id: Some(id),
            metrics: metrics(spend, revenue),
            previous: None,
        })
        .collect();
    let series = weekly.map(|f| {
        weeks(range)
            .into_iter()
            .enumerate()
            .map(|(b, (from, to))| SeriesBucket {
                from,
                to,
                totals: Metrics::default(),
                rows: rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let (spend, revenue) = f(i, b);
                        SeriesRow {
                            key: r.key.clone(),
                            metrics: Metrics {
                                spend: Some(spend),
                                revenue,
                                ..Metrics::default()
                            },
                        }
                    })
                    .collect(),
            })
            .collect()
    });
    PerformanceReport {
        args: PerformanceArgs::new(
            range,
            Dimension::Channel,
            Model::FirstTouch,
            AttributionSettings::default(),
            None,
            None,
            ReportFilter::default(),
        )
        .expect("report arguments"),
        currency: "EUR".to_owned(),
        rows,
        totals: Metrics::default(),
        previous_totals: None,
        series,
        previous_series: None,
        row_count: None,
    }
}

/// ISO weeks of a range, cut to it.
fn weeks(range: DateRange) -> Vec<(NaiveDate, NaiveDate)> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let mut start = range.from;
    while start <= range.to {
        let to_sunday = 6 - u64::from(start.weekday().num_days_from_monday());
        let end = (start + Days::new(to_sunday)).min(range.to);
        out.push((start, end));
        start = end + Days::new(1);
    }
    out
}

/// A channel candidate with `current` spend, credited as sourced, and these weekly points.
pub(super) fn candidate(id: i64, label: &str, current: &str, points: &[(f64, f64)]) -> Candidate {
    let points: Vec<WeeklyPoint> = points
        .iter()
        .map(|&(s, r)| WeeklyPoint {
            spend: Decimal::try_from(s).expect("spend"),
            revenue: Decimal::try_from(r).expect("revenue"),
        })
        .collect();
    let revenue: Decimal = points.iter().map(|p| p.revenue).sum();
    Candidate {
        key: RowKey::Channel(id),
        label: label.to_owned(),
        channel_id: Some(id),
        campaign_id: None,
        current_spend: dec(current),
        credited_revenue: revenue,
        sourced_revenue: revenue,
        points,
    }
}

/// Twelve weeks on `a · s^b` around a weekly spend of `base`.
pub(super) fn power_points(a: f64, b: f64, base: f64) -> Vec<(f64, f64)> {
    [
        0.7, 1.2, 0.9, 1.3, 0.8, 1.1, 1.0, 0.75, 1.25, 0.95, 1.05, 0.85,
    ]
    .iter()
    .map(|t| (base * t, a * (base * t).powf(b)))
    .collect()
}
