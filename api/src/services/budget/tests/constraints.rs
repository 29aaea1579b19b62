//! Property tests: whatever the channels, totals and constraints, a plan keeps every lock, min,
//! max and change cap, adds up to the total to the cent, and is the same every time.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::super::{
    Bound, ChannelInput, CurveFit, CurveKind, FitRejection, PlanError, PlanRequest, plan_budget,
};

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

fn any_fit() -> impl Strategy<Value = Result<CurveFit, FitRejection>> {
    prop_oneof![
        4 => (0.5..300.0_f64, 0.05..=1.0_f64).prop_map(|(a, b)| Ok(CurveFit::power_law(a, b, 0.9, 20))),
        2 => (100.0..200_000.0_f64, 50.0..50_000.0_f64, 0.4..3.0_f64)
            .prop_map(|(m, h, k)| Ok(CurveFit::hill(m, h, k, 0.9, 20))),
        1 => (0..8_usize).prop_map(|points| Err(FitRejection::TooFewPoints { points, needed: 8 })),
        1 => Just(Err(FitRejection::SpendNeverVaried)),
    ]
}

/// A channel whose min/max (when set) may sit anywhere, even away from its current spend.
fn any_channel(index: usize) -> impl Strategy<Value = ChannelInput> {
    (
        prop_oneof![1 => Just(0_i64), 6 => 0..5_000_000_i64],
        1.0..26.0_f64,
        any_fit(),
        proptest::option::weighted(0.3, 0..4_000_000_i64),
        proptest::option::weighted(0.3, 0..6_000_000_i64),
        proptest::bool::weighted(0.15),
    )
        .prop_map(move |(current, weeks, fit, min, max, locked)| {
            let (min, max) = match (min, max) {
                (Some(lo), Some(hi)) => (Some(lo.min(hi)), Some(lo.max(hi))),
                other => other,
            };
            ChannelInput {
                key: format!("ch{index}"),
                name: format!("Channel {index}"),
                current_spend: cents(current),
                weeks,
                fit,
                min_spend: min.map(cents),
                max_spend: max.map(cents),
                locked,
            }
        })
}

fn any_request() -> impl Strategy<Value = PlanRequest> {
    (1..7_usize)
        .prop_flat_map(|n| {
            let channels: Vec<_> = (0..n).map(any_channel).collect();
            (channels, 0.0..200.0_f64, 0.3..1.7_f64)
        })
        .prop_map(|(channels, max_change_pct, factor)| {
            let current: Decimal = channels.iter().map(|c| c.current_spend).sum();
            let total_budget =
                (current * Decimal::try_from(factor).unwrap_or(Decimal::ONE)).round_dp(2);
            PlanRequest {
                channels,
                total_budget,
                max_change_pct,
            }
        })
}

/// Every constraint of the request holds in the plan.
fn assert_plan_respects(req: &PlanRequest) -> Result<(), TestCaseError> {
    let plan = match plan_budget(req) {
        Ok(plan) => plan,
        Err(PlanError::Infeasible { explanation }) => {
            prop_assert!(
                explanation.contains("total budget") || explanation.contains("locked at"),
                "{explanation}"
            );
            return Ok(());
        }
        Err(other) => return Err(TestCaseError::fail(format!("unexpected {other:?}"))),
    };
    let total: Decimal = plan.suggestions.iter().map(|s| s.suggested_spend).sum();
    prop_assert_eq!(total, req.total_budget);
    prop_assert_eq!(plan.total_suggested, req.total_budget);
    let cap = Decimal::try_from(req.max_change_pct).expect("a finite max_change_pct")
        / Decimal::ONE_HUNDRED;
    for (ch, s) in req.channels.iter().zip(&plan.suggestions) {
        let x = s.suggested_spend;
        prop_assert_eq!(x.round_dp(2), x, "{} is not whole cents", x);
        prop_assert!(x >= Decimal::ZERO);
        prop_assert_eq!(s.change, x - ch.current_spend);
        if ch.locked {
            prop_assert_eq!(x, ch.current_spend);
            prop_assert_eq!(s.bound, Some(Bound::Locked));
            continue;
        }
        if let Some(min) = ch.min_spend {
            prop_assert!(x >= min, "{}: {} below min {}", ch.key, x, min);
        }
        if let Some(max) = ch.max_spend {
            prop_assert!(x <= max, "{}: {} above max {}", ch.key, x, max);
        }
        if s.kept_because.is_some() {
            let kept = ch.current_spend.max(ch.min_spend.unwrap_or(Decimal::ZERO));
            let kept = kept.min(ch.max_spend.unwrap_or(kept));
            prop_assert_eq!(x, kept);
            continue;
        }
        let (floor, ceiling) = if ch.current_spend.is_zero() {
            (Decimal::ZERO, ch.max_spend.unwrap_or(Decimal::ZERO))
        } else {
            (
                ch.current_spend * (Decimal::ONE - cap),
                ch.current_spend * (Decimal::ONE + cap),
            )
        };
        // The change cap holds unless the channel's own min or max lies outside it.
        let min_outside = ch.min_spend.is_some_and(|m| m > ceiling);
        let max_outside = ch.max_spend.is_some_and(|m| m < floor);
        if !min_outside && !max_outside {
            prop_assert!(
                x >= floor && x <= ceiling,
                "{}: {} outside the cap [{}, {}]",
                ch.key,
                x,
                floor,
                ceiling
            );
        }
    }
    // Power-law channels away from their bounds share the plan's marginal ROI (cent rounding
    // aside, hence only for suggestions of some size).
    for (ch, s) in req.channels.iter().zip(&plan.suggestions) {
        let power_law = matches!(&ch.fit, Ok(f) if f.kind == CurveKind::PowerLaw);
        if power_law && !ch.locked && s.bound.is_none() && s.suggested_spend > Decimal::from(1_000)
        {
            let level = plan
                .marginal_roi_level
                .ok_or_else(|| TestCaseError::fail("no level"))?;
            let m = s
                .marginal_roi_at_suggestion
                .ok_or_else(|| TestCaseError::fail("no marginal"))?;
            prop_assert!(
                ((m + 1.0) / (level + 1.0) - 1.0).abs() < 1e-3,
                "{}: {} vs {}",
                ch.key,
                m,
                level
            );
        }
    }
    let again = plan_budget(req).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again, plan);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn plans_respect_every_constraint_and_add_up_to_the_cent(req in any_request()) {
        assert_plan_respects(&req)?;
    }

    #[test]
    fn a_pure_reallocation_within_loose_bounds_is_always_feasible(
        mut req in any_request(),
        spread in 0.0..1.0_f64,
    ) {
        // Bounds around the current spend always admit the current allocation itself.
        for ch in &mut req.channels {
            let spread = Decimal::try_from(spread).expect("a spread in 0..1");
            let slack = (ch.current_spend * spread).round_dp(2);
            ch.min_spend = ch.min_spend.map(|_| ch.current_spend - slack);
            ch.max_spend = ch.max_spend.map(|_| ch.current_spend + slack);
        }
        req.total_budget = req.channels.iter().map(|c| c.current_spend).sum();
        prop_assert!(plan_budget(&req).is_ok(), "{:?}", plan_budget(&req));
        assert_plan_respects(&req)?;
    }
}
