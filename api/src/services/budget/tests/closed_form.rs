//! Power laws with a common exponent `b` and no binding bound have the optimum
//! `S_i ∝ weeks_i · a_i^(1/(1−b))`; the optimizer must land within 0.5% of it.

use super::super::{PlanRequest, plan_budget};
use super::support::{channel, dec, power};

struct Case {
    b: f64,
    /// `(a, weeks)` per channel.
    channels: &'static [(f64, f64)],
    total: &'static str,
}

const CASES: &[Case] = &[
    Case {
        b: 0.5,
        channels: &[(10.0, 13.0), (20.0, 13.0), (35.0, 13.0)],
        total: "90000",
    },
    Case {
        b: 0.3,
        channels: &[(50.0, 4.0), (80.0, 4.0), (120.0, 4.0), (65.0, 4.0)],
        total: "250000.55",
    },
    Case {
        b: 0.7,
        channels: &[(3.0, 8.0), (2.0, 8.0), (2.5, 8.0), (1.5, 8.0), (2.2, 8.0)],
        total: "1234567.89",
    },
    Case {
        b: 0.5,
        channels: &[(10.0, 4.0), (10.0, 13.0), (25.0, 26.0)],
        total: "70000",
    },
    Case {
        b: 0.3,
        channels: &[(7.0, 52.0), (9.0, 52.0), (4.0, 52.0)],
        total: "3000000",
    },
];

#[test]
fn common_exponent_power_laws_land_within_half_a_percent_of_the_closed_form() {
    for (n, case) in CASES.iter().enumerate() {
        let total = dec(case.total);
        let current = (total / rust_decimal::Decimal::from(case.channels.len())).round_dp(2);
        let channels = case
            .channels
            .iter()
            .enumerate()
            .map(|(i, &(a, weeks))| channel(&format!("c{i}"), current, weeks, Ok(power(a, case.b))))
            .collect();
        let plan = plan_budget(&PlanRequest {
            channels,
            total_budget: total,
            max_change_pct: 1000.0,
        })
        .expect("a feasible plan");

        let weights: Vec<f64> = case
            .channels
            .iter()
            .map(|&(a, w)| w * a.powf(1.0 / (1.0 - case.b)))
            .collect();
        let sum: f64 = weights.iter().sum();
        let total_f = case.total.parse::<f64>().expect("a number");
        for (s, w) in plan.suggestions.iter().zip(&weights) {
            let expected = total_f * w / sum;
            let got: f64 = s.suggested_spend.to_string().parse().expect("a number");
            let relative_error = (got - expected).abs() / expected;
            assert!(
                relative_error < 0.005,
                "case {n}, {}: {got} vs {expected} ({relative_error})",
                s.key
            );
            assert_eq!(s.bound, None, "case {n}, {}: no bound should bind", s.key);
        }
        assert_eq!(plan.total_suggested, total, "case {n}");
        assert_eq!(
            plan.suggestions
                .iter()
                .map(|s| s.suggested_spend)
                .sum::<rust_decimal::Decimal>(),
            total
        );

        let level = plan
            .marginal_roi_level
            .expect("free channels share a level");
        for s in &plan.suggestions {
            let m = s.marginal_roi_at_suggestion.expect("a marginal ROI");
            assert!(
                ((m + 1.0) / (level + 1.0) - 1.0).abs() < 1e-3,
                "case {n}, {}: {m} vs level {level}",
                s.key
            );
        }
    }
}

#[test]
fn the_closed_form_is_hit_far_more_closely_than_the_tolerance() {
    let channels = vec![
        channel("a", dec("30000"), 10.0, Ok(power(4.0, 0.5))),
        channel("b", dec("30000"), 10.0, Ok(power(2.0, 0.5))),
    ];
    let plan = plan_budget(&PlanRequest {
        channels,
        total_budget: dec("60000"),
        max_change_pct: 1000.0,
    })
    .expect("a feasible plan");
    // a^(1/(1−b)) = a²: 16 : 4, so 48,000 : 12,000 exactly.
    assert_eq!(plan.suggestions[0].suggested_spend, dec("48000"));
    assert_eq!(plan.suggestions[1].suggested_spend, dec("12000"));
}
