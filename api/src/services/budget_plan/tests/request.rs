//! From candidates and constraints to the optimizer, and its refusals back to arguments.

use super::super::args::Constraint;
use super::super::request::{plan_error, plan_request, unmatched_constraints};
use super::support::{args, candidate, dec, power_points};
use crate::error::AppError;
use crate::services::budget::{PlanError, plan_budget};

fn lock(id: i64, min: Option<&str>, max: Option<&str>) -> Constraint {
    Constraint {
        id,
        min_spend: min.map(dec),
        max_spend: max.map(dec),
        locked: true,
        exclude: false,
    }
}

fn bad_input(err: AppError) -> (String, String) {
    match err {
        AppError::BadInput { field, message } => (field, message),
        other => panic!("expected BAD_USER_INPUT, got {other:?}"),
    }
}

fn two_channels() -> Vec<super::super::weekly::Candidate> {
    vec![
        candidate(
            1,
            "Paid Search",
            "12000.00",
            &power_points(40.0, 0.4, 1_000.0),
        ),
        candidate(2, "Paid Video", "3000.00", &power_points(3.0, 0.9, 250.0)),
    ]
}

#[test]
fn a_constraint_on_a_target_outside_the_plan_is_found() {
    let ids = |a| -> Vec<(usize, i64)> {
        unmatched_constraints(a, &two_channels())
            .into_iter()
            .map(|(i, c)| (i, c.id))
            .collect()
    };
    let a = args(None, vec![lock(2, None, None), lock(9, None, None)]);
    assert_eq!(ids(&a), [(1, 9)]);
    let a = args(None, vec![lock(2, None, None)]);
    assert_eq!(ids(&a), []);
}

#[test]
fn the_total_defaults_to_the_current_spend_and_constraints_reach_their_channel() {
    let a = args(None, vec![lock(2, None, None)]);
    let req = plan_request(&a, &two_channels(), 13.0).expect("a request");
    assert_eq!(req.total_budget, dec("15000.00"));
    assert_eq!(req.max_change_pct, 30.0);
    assert!(!req.channels[0].locked && req.channels[1].locked);
    assert_eq!(req.channels[0].key, "channel:1");
    assert_eq!(req.channels[1].weeks, 13.0);
    let plan = plan_budget(&req).expect("a plan");
    assert_eq!(plan.suggestions[1].suggested_spend, dec("3000.00"));
    assert_eq!(plan.total_suggested, dec("15000.00"));
}

#[test]
fn a_lock_outside_its_own_bounds_is_refused_on_the_lock() {
    let a = args(None, vec![lock(1, None, None), lock(2, Some("3500"), None)]);
    let (field, message) = bad_input(plan_request(&a, &two_channels(), 13.0).expect_err("refused"));
    assert_eq!(field, "constraints[1].locked");
    assert_eq!(
        message,
        "Paid Video is locked at its current spend 3,000.00, below its minimum 3,500.00"
    );
}

#[test]
fn infeasible_plans_explain_the_arithmetic_on_the_argument_at_fault() {
    let a = args(
        Some("14000"),
        vec![lock(1, None, None), lock(2, None, None)],
    );
    let req = plan_request(&a, &two_channels(), 13.0).expect("a request");
    let err = plan_budget(&req).expect_err("infeasible");
    let (field, message) = bad_input(plan_error(err, &a, &two_channels()));
    assert_eq!(field, "totalBudget");
    assert_eq!(
        message,
        "locked 15,000.00 exceeds the total budget 14,000.00"
    );
    // Without a total, only the constraints can be at fault.
    let a = args(
        None,
        vec![Constraint {
            id: 2,
            min_spend: Some(dec("9000")),
            ..Constraint::default()
        }],
    );
    let req = plan_request(&a, &two_channels(), 13.0).expect("a request");
    let err = plan_budget(&req).expect_err("infeasible");
    let (field, message) = bad_input(plan_error(err, &a, &two_channels()));
    assert_eq!(field, "constraints");
    assert_eq!(
        message,
        "minimums 9,000.00 + change-cap floors (-30%) 8,400.00 = 17,400.00 exceeds the total budget 15,000.00"
    );
}

#[test]
fn an_optimizer_field_error_is_renamed_after_the_constraint() {
    let a = args(None, vec![lock(9, None, None), lock(2, None, None)]);
    let err = PlanError::InvalidInput {
        field: "channels[channel:2].maxSpend".to_owned(),
        reason: "must not be negative".to_owned(),
    };
    let (field, _) = bad_input(plan_error(err, &a, &two_channels()));
    assert_eq!(field, "constraints[1].maxSpend");
}
