//! Infeasible and invalid requests: the error says which field, or shows the arithmetic.

use rust_decimal::Decimal;

use super::super::{ChannelInput, FitRejection, MAX_AMOUNT, PlanError, PlanRequest, plan_budget};
use super::support::{channel, dec, power};

fn request(channels: Vec<ChannelInput>, total: &str) -> PlanRequest {
    PlanRequest {
        channels,
        total_budget: dec(total),
        max_change_pct: 30.0,
    }
}

fn explanation(req: &PlanRequest) -> String {
    match plan_budget(req) {
        Err(PlanError::Infeasible { explanation }) => explanation,
        other => panic!("expected an infeasible plan, got {other:?}"),
    }
}

fn invalid_field(req: &PlanRequest) -> String {
    match plan_budget(req) {
        Err(PlanError::InvalidInput { field, .. }) => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn locks_and_minimums_above_the_total_show_the_sum() {
    let mut events = channel("events", dec("12000"), 4.0, Ok(power(10.0, 0.5)));
    events.locked = true;
    let mut search = channel("search", dec("20000"), 4.0, Ok(power(10.0, 0.5)));
    search.min_spend = Some(dec("30000"));
    let req = request(vec![events, search], "40000");
    assert_eq!(
        explanation(&req),
        "locked 12,000.00 + minimums 30,000.00 = 42,000.00 exceeds the total budget 40,000.00"
    );
    assert_eq!(
        plan_budget(&req).expect_err("infeasible").to_string(),
        "locked 12,000.00 + minimums 30,000.00 = 42,000.00 exceeds the total budget 40,000.00"
    );
}

#[test]
fn change_cap_floors_and_kept_channels_are_named_in_the_lower_sum() {
    let podcasts = channel(
        "podcasts",
        dec("5000"),
        4.0,
        Err(FitRejection::TooFewPoints {
            points: 5,
            needed: 8,
        }),
    );
    let search = channel("search", dec("20000"), 4.0, Ok(power(10.0, 0.5)));
    let req = request(vec![podcasts, search], "10000");
    assert_eq!(
        explanation(&req),
        "kept (no usable curve) 5,000.00 + change-cap floors (-30%) 14,000.00 = 19,000.00 exceeds the total budget 10,000.00"
    );
}

#[test]
fn a_total_beyond_the_change_cap_shows_the_most_the_channels_can_take() {
    let a = channel("a", dec("10000"), 4.0, Ok(power(10.0, 0.5)));
    let mut b = channel("b", dec("10000"), 4.0, Ok(power(10.0, 0.5)));
    b.max_spend = Some(dec("11000"));
    let req = request(vec![a, b], "30000");
    assert_eq!(
        explanation(&req),
        "with the ±30% change cap the most these channels can take is maximums 11,000.00 + \
         change-cap ceilings (+30%) 13,000.00 = 24,000.00, below the total budget 30,000.00"
    );
}

#[test]
fn a_locked_channel_outside_its_own_bounds_is_infeasible() {
    let mut events = channel("events", dec("3000"), 4.0, Ok(power(10.0, 0.5)));
    events.locked = true;
    events.min_spend = Some(dec("5000"));
    assert_eq!(
        explanation(&request(vec![events], "3000")),
        "events is locked at 3,000.00, below its minimum 5,000.00"
    );
}

#[test]
fn no_channels_take_only_a_zero_budget() {
    assert_eq!(
        explanation(&request(vec![], "100")),
        "there are no channels to spend the total budget 100.00 on"
    );
    let plan = plan_budget(&request(vec![], "0")).expect("an empty plan");
    assert!(plan.suggestions.is_empty());
    assert_eq!(plan.total_suggested, Decimal::ZERO);
}

#[test]
fn invalid_fields_are_named() {
    let ok = || channel("search", dec("1000"), 4.0, Ok(power(10.0, 0.5)));
    assert_eq!(invalid_field(&request(vec![ok()], "-1")), "totalBudget");
    assert_eq!(
        invalid_field(&request(vec![ok()], "100.001")),
        "totalBudget"
    );
    let mut req = request(vec![ok()], "1000");
    req.max_change_pct = 1000.5;
    assert_eq!(invalid_field(&req), "maxChangePct");
    req.max_change_pct = f64::NAN;
    assert_eq!(invalid_field(&req), "maxChangePct");

    let mut c = ok();
    (c.min_spend, c.max_spend) = (Some(dec("900")), Some(dec("800")));
    assert_eq!(
        invalid_field(&request(vec![c], "1000")),
        "channels[search].minSpend"
    );
    let mut c = ok();
    c.current_spend = dec("-5");
    assert_eq!(
        invalid_field(&request(vec![c], "1000")),
        "channels[search].currentSpend"
    );
    let mut c = ok();
    c.max_spend = Some(dec("-5"));
    assert_eq!(
        invalid_field(&request(vec![c], "1000")),
        "channels[search].maxSpend"
    );
    let mut c = ok();
    c.weeks = 0.0;
    assert_eq!(
        invalid_field(&request(vec![c], "1000")),
        "channels[search].weeks"
    );
    assert_eq!(
        invalid_field(&request(vec![ok(), ok()], "1000")),
        "channels[search].key"
    );
    let mut c = ok();
    c.current_spend = MAX_AMOUNT + Decimal::ONE;
    assert_eq!(
        invalid_field(&request(vec![c], "1000")),
        "channels[search].currentSpend"
    );
    assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000_000_i64));
}
