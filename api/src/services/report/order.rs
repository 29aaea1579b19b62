//! Sorting and limiting report rows (`orderBy`, `first`), applied to a computed report.
//!
//! The cache keeps the whole report: an order and a limit are a view of it, so dashboards
//! that page through a UTM dimension with thousands of values share one computation. The
//! totals stay the totals of every row; `row_count` says how many rows there were before
//! the limit. A time series keeps the bucket rows of the rows kept, in their new order.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::RowKey;
use super::metrics::Metrics;
use super::performance::{PerformanceReport, PerformanceRow, SeriesBucket};
use crate::error::{AppError, AppResult};

/// Most rows one `first` may ask for.
pub const MAX_FIRST: i32 = 10_000;

/// What rows are sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderField {
    Leads,
    ConvertedLeads,
    NewCustomers,
    Conversions,
    Revenue,
    Spend,
    Roi,
    Roas,
    Cpl,
    Cac,
    ConversionRate,
    /// The row's name, case-insensitively.
    Label,
}

/// Ascending or descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    Asc,
    Desc,
}

/// An order of report rows. Rows without a value (a null ratio, no spend) come last in both
/// directions; ties keep the report's own order (revenue, then leads, descending, then key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RowOrder {
    pub field: OrderField,
    pub direction: Direction,
}

/// A checked `first`: at least 0, at most [`MAX_FIRST`].
pub fn row_limit(first: Option<i32>, field: &str) -> AppResult<Option<usize>> {
    match first {
        None => Ok(None),
        Some(n) if (0..=MAX_FIRST).contains(&n) => Ok(usize::try_from(n).ok()),
        Some(_) => Err(AppError::bad_input(
            field,
            format!("must be between 0 and {MAX_FIRST}"),
        )),
    }
}

/// A sortable value: a number, or a label.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Number(Decimal),
    Text(String),
}

fn metric(m: &Metrics, field: OrderField) -> Option<Decimal> {
    match field {
        OrderField::Leads => Some(m.leads.into()),
        OrderField::ConvertedLeads => Some(m.converted_leads.into()),
        OrderField::NewCustomers => Some(m.new_customers.into()),
        OrderField::Conversions => Some(m.conversions),
        OrderField::Revenue => Some(m.revenue),
        OrderField::Spend => m.spend,
        OrderField::Roi => m.roi(),
        OrderField::Roas => m.roas(),
        OrderField::Cpl => m.cpl(),
        OrderField::Cac => m.cac(),
        OrderField::ConversionRate => m.conversion_rate(),
        OrderField::Label => None,
    }
}

/// The positions of `len` items in `order` (stable), then the first `first` of them.
fn arrange(
    len: usize,
    value: impl Fn(usize) -> Option<Value>,
    order: Option<RowOrder>,
    first: Option<usize>,
) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..len).collect();
    if let Some(order) = order {
        let values: Vec<Option<Value>> = (0..len).map(value).collect();
        keep.sort_by(|&a, &b| match (&values[a], &values[b]) {
            (Some(x), Some(y)) => match order.direction {
                Direction::Asc => x.cmp(y),
                Direction::Desc => y.cmp(x),
            },
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    if let Some(n) = first {
        keep.truncate(n);
    }
    keep
}

fn row_value(row: &PerformanceRow, field: OrderField) -> Option<Value> {
    match field {
        OrderField::Label => Some(Value::Text(row.label.to_lowercase())),
        _ => metric(&row.metrics, field).map(Value::Number),
    }
}

/// The report with its rows in `order`, the first `first` of them; `row_count` keeps how
/// many there were. Unchanged without an order or a limit.
pub fn arrange_rows(
    mut report: PerformanceReport,
    order: Option<RowOrder>,
    first: Option<usize>,
) -> PerformanceReport {
    if order.is_none() && first.is_none() {
        return report;
    }
    let count = report.rows.len();
    let field = order.map_or(OrderField::Revenue, |o| o.field);
    let keep = arrange(count, |i| row_value(&report.rows[i], field), order, first);
    let mut rows: Vec<Option<PerformanceRow>> = report.rows.into_iter().map(Some).collect();
    report.rows = keep.iter().filter_map(|&i| rows[i].take()).collect();
    let keys: Vec<RowKey> = report.rows.iter().map(|r| r.key.clone()).collect();
    for series in [&mut report.series, &mut report.previous_series]
        .into_iter()
        .flatten()
    {
        for bucket in series.iter_mut() {
            keep_bucket_rows(bucket, &keys);
        }
    }
    report.row_count = Some(count);
    report
}

/// A bucket's rows of `keys`, in that order (a key the bucket lacks is skipped).
fn keep_bucket_rows(bucket: &mut SeriesBucket, keys: &[RowKey]) {
    let mut by_key: HashMap<RowKey, _> = std::mem::take(&mut bucket.rows)
        .into_iter()
        .map(|r| (r.key.clone(), r))
        .collect();
    bucket.rows = keys.iter().filter_map(|k| by_key.remove(k)).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::report::SeriesRow;

    fn row(id: i64, label: &str, leads: i64, revenue: i64, spend: Option<i64>) -> PerformanceRow {
        PerformanceRow {
            key: RowKey::Channel(id),
            label: label.to_owned(),
            channel_id: Some(id),
            metrics: Metrics {
                leads,
                revenue: revenue.into(),
                spend: spend.map(Decimal::from),
                ..Metrics::default()
            },
            previous: None,
        }
    }

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date")
    }

    fn report(rows: Vec<PerformanceRow>) -> PerformanceReport {
        let bucket = SeriesBucket {
            from: day(),
            to: day(),
            totals: Metrics::default(),
            // Deliberately not in the rows' order.
            rows: rows
                .iter()
                .rev()
                .map(|r| SeriesRow {
                    key: r.key.clone(),
                    metrics: r.metrics.clone(),
                })
                .collect(),
        };
        PerformanceReport {
            args: crate::services::report::PerformanceArgs::new(
                crate::services::report::DateRange::new("range", day(), day()).expect("range"),
                crate::services::report::Dimension::Channel,
                crate::services::attribution::Model::FirstTouch,
                crate::services::report::AttributionSettings::default(),
                None,
                None,
                crate::services::report::ReportFilter::default(),
            )
            .expect("arguments"),
            currency: "EUR".to_owned(),
            rows,
            totals: Metrics::default(),
            previous_totals: None,
            series: Some(vec![bucket]),
            previous_series: None,
            row_count: None,
        }
    }

    fn labels(r: &PerformanceReport) -> Vec<&str> {
        r.rows.iter().map(|r| r.label.as_str()).collect()
    }

    fn rows() -> Vec<PerformanceRow> {
        vec![
            row(1, "search", 10, 900, Some(300)),
            row(2, "Organic", 40, 500, None),
            row(3, "email", 5, 500, Some(0)),
            row(4, "Display", 20, 100, Some(400)),
        ]
    }

    fn order(field: OrderField, direction: Direction) -> Option<RowOrder> {
        Some(RowOrder { field, direction })
    }

    #[test]
    fn without_an_order_or_a_limit_the_report_is_unchanged() {
        let r = report(rows());
        assert_eq!(arrange_rows(r.clone(), None, None), r);
    }

    #[test]
    fn rows_without_a_value_come_last_in_both_directions_and_ties_keep_the_report_order() {
        // ROI: search 2, email null (no spend denominator), organic null (no spend), display -0.75.
        let asc = arrange_rows(report(rows()), order(OrderField::Roi, Direction::Asc), None);
        assert_eq!(labels(&asc), ["Display", "search", "Organic", "email"]);
        let desc = arrange_rows(
            report(rows()),
            order(OrderField::Roi, Direction::Desc),
            None,
        );
        assert_eq!(labels(&desc), ["search", "Display", "Organic", "email"]);
        // Revenue ties (Organic, email at 500) keep their order both ways.
        let by_revenue = arrange_rows(
            report(rows()),
            order(OrderField::Revenue, Direction::Asc),
            None,
        );
        assert_eq!(
            labels(&by_revenue),
            ["Display", "Organic", "email", "search"]
        );
    }

    #[test]
    fn labels_sort_case_insensitively() {
        let r = arrange_rows(
            report(rows()),
            order(OrderField::Label, Direction::Asc),
            None,
        );
        assert_eq!(labels(&r), ["Display", "email", "Organic", "search"]);
    }

    #[test]
    fn first_keeps_the_top_rows_their_series_rows_and_the_count() {
        let r = arrange_rows(
            report(rows()),
            order(OrderField::Leads, Direction::Desc),
            Some(2),
        );
        assert_eq!(labels(&r), ["Organic", "Display"]);
        assert_eq!(r.row_count, Some(4));
        let series_keys: Vec<&RowKey> = r.series.as_ref().expect("series")[0]
            .rows
            .iter()
            .map(|s| &s.key)
            .collect();
        assert_eq!(series_keys, [&RowKey::Channel(2), &RowKey::Channel(4)]);
        let none = arrange_rows(report(rows()), None, Some(0));
        assert!(none.rows.is_empty());
        assert_eq!(none.row_count, Some(4));
    }

    #[test]
    fn first_is_bounded() {
        assert_eq!(row_limit(Some(3), "first").ok(), Some(Some(3)));
        assert!(row_limit(Some(-1), "first").is_err());
        assert!(row_limit(Some(MAX_FIRST + 1), "first").is_err());
    }
}
