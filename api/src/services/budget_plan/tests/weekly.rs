//! Who takes part in a plan, and the weekly points read from the two reports.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::super::args::Curve;
use super::super::weekly::candidates;
use super::support::{candidate, dec, power_points, report};
use crate::services::budget::FitRejection;

/// 2026-01-07 (a Wednesday) to 2026-02-03 (a Tuesday): partial, three full weeks, partial.
const FROM: &str = "2026-01-07";
const TO: &str = "2026-02-03";

fn weekly(row: usize, bucket: usize) -> (Decimal, Decimal) {
    let spend = Decimal::from(100 * (row as i64 + 1) + 10 * bucket as i64);
    (spend, spend * Decimal::from(2))
}

#[test]
fn every_channel_with_spend_takes_part_unless_excluded_largest_spend_first() {
    let sourced = report(
        FROM,
        TO,
        &[
            (1, "Paid Search", Some("300"), "900"),
            (2, "Organic Search", Some("0"), "5000"),
            (3, "Email", Some("400"), "8000"),
            (4, "Paid Video", Some("0"), "0"),
            (5, "Paid Social", Some("700"), "1000"),
        ],
        Some(&weekly),
    );
    // Email is not a paid channel, but it spent money: it takes part.
    let found = candidates(&sourced, None, &HashSet::new());
    let labels: Vec<&str> = found.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Paid Social", "Email", "Paid Search"]);
    assert_eq!(found[0].current_spend, dec("700"));
    assert_eq!(found[0].credited_revenue, dec("1000"));
    let excluded: HashSet<i64> = [3].into();
    let found = candidates(&sourced, None, &excluded);
    let labels: Vec<&str> = found.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Paid Social", "Paid Search"]);
}

#[test]
fn only_full_weeks_become_points() {
    let sourced = report(
        FROM,
        TO,
        &[(1, "Paid Search", Some("300"), "900")],
        Some(&weekly),
    );
    let found = candidates(&sourced, None, &HashSet::new());
    // Buckets 0 and 4 are cut by the range; 1, 2 and 3 are whole ISO weeks.
    let spends: Vec<Decimal> = found[0].points.iter().map(|p| p.spend).collect();
    assert_eq!(spends, [dec("110"), dec("120"), dec("130")]);
}

#[test]
fn weekly_revenue_is_scaled_to_the_models_credit_over_the_range() {
    let sourced = report(
        FROM,
        TO,
        &[(1, "Paid Search", Some("300"), "900")],
        Some(&weekly),
    );
    let credited = report(FROM, TO, &[(1, "Paid Search", Some("300"), "450")], None);
    let found = candidates(&sourced, Some(&credited), &HashSet::new());
    let c = &found[0];
    assert_eq!(
        (c.sourced_revenue, c.credited_revenue),
        (dec("900"), dec("450"))
    );
    // Sourced weekly revenue is twice the spend; half of it is credited.
    for p in &c.points {
        assert_eq!(p.revenue, p.spend);
    }
}

#[test]
fn a_channel_the_model_credits_but_whose_leads_brought_nothing_says_so() {
    let sourced = report(
        FROM,
        TO,
        &[(1, "Display", Some("300"), "0")],
        Some(&|_, b| (Decimal::from(50 + b as i64), Decimal::ZERO)),
    );
    let credited = report(FROM, TO, &[(1, "Display", Some("300"), "640")], None);
    let found = candidates(&sourced, Some(&credited), &HashSet::new());
    assert_eq!(
        found[0].fit(Curve::PowerLaw),
        Err(FitRejection::NoSourcedRevenue)
    );
}

#[test]
fn a_power_law_is_refused_when_a_quarter_of_the_spending_weeks_brought_nothing() {
    let mut points = power_points(10.0, 0.5, 1_000.0);
    let dense = candidate(1, "Dense", "12000", &points);
    assert!(dense.fit(Curve::PowerLaw).is_ok());
    // 12 weeks with spend, 9 with revenue: exactly three quarters still fits.
    for p in points.iter_mut().take(3) {
        p.1 = 0.0;
    }
    assert!(
        candidate(1, "Nine", "12000", &points)
            .fit(Curve::PowerLaw)
            .is_ok()
    );
    points[3].1 = 0.0;
    let sparse = candidate(1, "Eight", "12000", &points);
    let refused = sparse.fit(Curve::PowerLaw);
    assert_eq!(
        refused,
        Err(FitRejection::SparseRevenue {
            with_revenue: 8,
            with_spend: 12
        })
    );
    assert!(
        refused
            .expect_err("a plan with revenue in only 8 of 12 weeks is refused")
            .to_string()
            .starts_with("revenue in only 8 of the 12 weeks it spent in")
    );
    // A Hill curve uses the empty weeks, so it is still fitted.
    assert!(sparse.fit(Curve::Hill).is_ok());
}
