//! Canonical arguments: defaults, normalised amounts, and errors that name the argument.

use std::hash::{DefaultHasher, Hash, Hasher};

use super::super::args::{Constraint, Curve, Level, PlanArgs};
use super::support::{args, dec, range};
use crate::error::AppError;
use crate::services::attribution::Model;

fn build(
    total: Option<&str>,
    constraints: Vec<Constraint>,
    pct: Option<f64>,
) -> Result<PlanArgs, AppError> {
    PlanArgs::new(
        range("2026-01-05", "2026-04-05"),
        total.map(dec),
        Model::Markov,
        constraints,
        pct,
        Level::Channel,
        Curve::PowerLaw,
    )
}

fn field_of(result: Result<PlanArgs, AppError>) -> (String, String) {
    match result {
        Err(AppError::BadInput { field, message }) => (field, message),
        other => panic!("expected BAD_USER_INPUT, got {other:?}"),
    }
}

fn hash_of(args: &PlanArgs) -> u64 {
    let mut h = DefaultHasher::new();
    args.hash(&mut h);
    h.finish()
}

fn limit(id: i64, min: Option<&str>, max: Option<&str>) -> Constraint {
    Constraint {
        id,
        min_spend: min.map(dec),
        max_spend: max.map(dec),
        locked: false,
        exclude: false,
    }
}

#[test]
fn the_change_cap_defaults_to_thirty_percent_and_the_total_to_none() {
    let a = args(None, vec![]);
    assert_eq!(a.max_change_pct, dec("30"));
    assert_eq!(a.total_budget, None);
}

#[test]
fn equal_amounts_written_differently_make_equal_arguments_and_keys() {
    let one = build(
        Some("1000.00"),
        vec![limit(3, Some("10.50"), None)],
        Some(30.0),
    );
    let two = build(Some("1000"), vec![limit(3, Some("10.5"), None)], None);
    let (one, two) = (one.expect("valid"), two.expect("valid"));
    assert_eq!(one, two);
    assert_eq!(hash_of(&one), hash_of(&two));
    let json = |a: &PlanArgs| serde_json::to_string(a).expect("json");
    assert_eq!(json(&one), json(&two));
    let back: PlanArgs = serde_json::from_str(&json(&one)).expect("round trip");
    assert_eq!(back, one);
}

#[test]
fn a_negative_or_fractional_cent_total_is_refused_on_total_budget() {
    let (field, message) = field_of(build(Some("-1"), vec![], None));
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("totalBudget", "must not be negative")
    );
    let (field, message) = field_of(build(Some("10.005"), vec![], None));
    assert_eq!(field, "totalBudget");
    assert!(message.contains("two decimal places"), "{message}");
}

#[test]
fn a_change_cap_outside_zero_to_a_thousand_percent_is_refused() {
    for pct in [-1.0, 1000.5, f64::NAN, f64::INFINITY] {
        let (field, _) = field_of(build(None, vec![], Some(pct)));
        assert_eq!(field, "maxChangePct", "{pct}");
    }
    assert!(build(None, vec![], Some(0.0)).is_ok());
    assert!(build(None, vec![], Some(1000.0)).is_ok());
}

#[test]
fn constraint_errors_name_the_constraint_by_its_index() {
    let (field, message) = field_of(build(
        None,
        vec![limit(1, None, None), limit(2, Some("500"), Some("400"))],
        None,
    ));
    assert_eq!(field, "constraints[1].minSpend");
    assert_eq!(message, "minimum 500.00 is above the maximum 400.00");
    let (field, _) = field_of(build(None, vec![limit(1, None, Some("-3"))], None));
    assert_eq!(field, "constraints[0].maxSpend");
    let (field, message) = field_of(build(
        None,
        vec![limit(4, None, None), limit(4, Some("1"), None)],
        None,
    ));
    assert_eq!(field, "constraints[1].channelId");
    assert!(message.contains("already"), "{message}");
}
