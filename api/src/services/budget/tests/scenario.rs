//! Planted scenarios: fitted curves feed the optimizer, and money moves where it earns most.

use rust_decimal::Decimal;

use super::super::{
    Bound, CurveFit, FitRejection, PlanRequest, fit_hill, fit_power_law, plan_budget,
};
use super::support::{Rng, channel, dec, points_on, power};

/// Twenty-six weekly points around `spend` (±50%) on `revenue = a · s^b` with 1% noise, fitted
/// as a power law.
fn fitted(spend: f64, revenue: f64, b: f64, rng: &mut Rng) -> CurveFit {
    let a = revenue / spend.powf(b);
    let spends: Vec<f64> = (0..26).map(|_| spend * (0.5 + rng.unit())).collect();
    fit_power_law(&points_on(&spends, |s| a * s.powf(b), 0.01, rng)).expect("a fit")
}

#[test]
fn money_moves_from_saturated_channels_to_the_under_invested_one() {
    let mut rng = Rng::new(7);
    // Two saturated channels (b = 0.3 at high spend, ROAS 2.5: marginal ROI ≈ −0.25) and one
    // under-invested channel (b = 0.8 at lower spend, ROAS 3: marginal ROI ≈ 1.4), 13 weeks each.
    let display = channel(
        "display",
        dec("130000"),
        13.0,
        Ok(fitted(10_000.0, 25_000.0, 0.3, &mut rng)),
    );
    let social = channel(
        "social",
        dec("110500"),
        13.0,
        Ok(fitted(8_500.0, 21_250.0, 0.3, &mut rng)),
    );
    let search = channel(
        "search",
        dec("80000"),
        13.0,
        Ok(fitted(80_000.0 / 13.0, 240_000.0 / 13.0, 0.8, &mut rng)),
    );
    let total = dec("320500");
    let req = PlanRequest {
        channels: vec![display, social, search],
        total_budget: total,
        max_change_pct: 30.0,
    };
    let plan = plan_budget(&req).expect("a feasible plan");

    let [display, social, search] = [
        &plan.suggestions[0],
        &plan.suggestions[1],
        &plan.suggestions[2],
    ];
    assert!(
        display.change < Decimal::ZERO && social.change < Decimal::ZERO,
        "{display:?} {social:?}"
    );
    // The under-invested channel takes all the cap allows; the saturated ones give it up and
    // end at a common marginal ROI.
    assert_eq!(search.suggested_spend, dec("104000"));
    assert_eq!(search.bound, Some(Bound::ChangeCap));
    assert_eq!((display.bound, social.bound), (None, None));
    let level = plan.marginal_roi_level.expect("a common level");
    for s in [display, social] {
        let m = s.marginal_roi_at_suggestion.expect("a marginal ROI");
        assert!((m - level).abs() < 1e-3, "{}: {m} vs {level}", s.key);
    }
    assert!(search.marginal_roi_at_suggestion.expect("a marginal ROI") > level);
    assert_eq!(plan.total_suggested, total);
    assert!(plan.lift > Decimal::ZERO, "lift {}", plan.lift);
    assert!(
        search
            .reason
            .starts_with("search +24,000.00: marginal ROI 1.4"),
        "{}",
        search.reason
    );
    assert!(
        search.reason.ends_with("; limited by the +30% change cap"),
        "{}",
        search.reason
    );
    assert!(
        display.reason.starts_with("display -"),
        "{}",
        display.reason
    );
}

#[test]
fn locked_and_unfitted_channels_keep_their_spend_and_say_why() {
    let mut events = channel("events", dec("3000"), 4.0, Ok(power(5.0, 0.5)));
    events.name = "Events".to_owned();
    events.locked = true;
    let too_few = Err(FitRejection::TooFewPoints {
        points: 5,
        needed: 8,
    });
    let mut podcasts = channel("podcasts", dec("2500.5"), 4.0, too_few);
    podcasts.name = "Podcasts".to_owned();
    let a = channel("a", dec("10000"), 4.0, Ok(power(22.0, 0.5)));
    let b = channel("b", dec("10000"), 4.0, Ok(power(20.0, 0.5)));
    let req = PlanRequest {
        channels: vec![events, podcasts, a, b],
        total_budget: dec("25500.50"),
        max_change_pct: 30.0,
    };
    let plan = plan_budget(&req).expect("a feasible plan");
    let s = &plan.suggestions;
    assert_eq!(s[0].suggested_spend, dec("3000"));
    assert_eq!(s[0].reason, "Events kept at 3,000.00: locked");
    assert_eq!(s[0].kept_because.as_deref(), Some("locked"));
    assert_eq!(s[1].suggested_spend, dec("2500.50"));
    assert_eq!(
        s[1].reason,
        "Podcasts kept at 2,500.50: only 5 usable weekly points (needs 8)"
    );
    assert_eq!(s[1].fit, None);
    assert_eq!(s[1].expected_revenue_now, None);
    assert_eq!(s[2].suggested_spend + s[3].suggested_spend, dec("20000"));
    assert!(s[2].suggested_spend > s[3].suggested_spend);
    assert!(plan.marginal_roi_level.is_some());
}

#[test]
fn hill_fitted_channels_are_planned_with_equal_marginal_returns() {
    let mut rng = Rng::new(11);
    let hill = |max: f64, h: f64, k: f64| move |s: f64| max * s.powf(k) / (s.powf(k) + h.powf(k));
    let spends: Vec<f64> = (0..16).map(|i| 500.0 + 600.0 * f64::from(i)).collect();
    let fit_a = fit_hill(&points_on(
        &spends,
        hill(40_000.0, 5_000.0, 1.2),
        0.0,
        &mut rng,
    ))
    .expect("a fit");
    let fit_b = fit_hill(&points_on(
        &spends,
        hill(25_000.0, 3_000.0, 0.9),
        0.0,
        &mut rng,
    ))
    .expect("a fit");
    let channels = vec![
        channel("a", dec("40000"), 8.0, Ok(fit_a)),
        channel("b", dec("40000"), 8.0, Ok(fit_b)),
    ];
    let req = PlanRequest {
        channels,
        total_budget: dec("80000"),
        max_change_pct: 100.0,
    };
    let plan = plan_budget(&req).expect("a feasible plan");
    let level = plan.marginal_roi_level.expect("a common level");
    for s in &plan.suggestions {
        let m = s.marginal_roi_at_suggestion.expect("a marginal");
        assert!(
            ((m + 1.0) / (level + 1.0) - 1.0).abs() < 1e-3,
            "{m} vs {level}"
        );
    }
    assert_eq!(plan.total_suggested, dec("80000"));
}

#[test]
fn the_same_request_gives_the_same_plan() {
    let channels = (0..5)
        .map(|i| {
            let fit = power(5.0 + f64::from(i), 0.4 + 0.1 * f64::from(i));
            channel(&format!("c{i}"), dec("12345.67"), 6.0, Ok(fit))
        })
        .collect();
    let req = PlanRequest {
        channels,
        total_budget: dec("61728.35"),
        max_change_pct: 45.0,
    };
    let first = plan_budget(&req).expect("a plan");
    for _ in 0..5 {
        assert_eq!(plan_budget(&req).expect("a plan"), first);
    }
}
