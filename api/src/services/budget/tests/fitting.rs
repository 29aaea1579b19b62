//! Curve fitting: recovery of known parameters, R², exponent clamping, rejections, derivatives.

use super::super::{CurveKind, FitRejection, MIN_POINTS, WeeklyPoint, fit_hill, fit_power_law};
use super::support::{Rng, dec, decimal, points_on, power, varied_spends};

fn relative(got: f64, want: f64) -> f64 {
    (got - want).abs() / want.abs()
}

#[test]
fn exact_power_law_points_give_back_a_and_b_with_r_squared_one() {
    for &(a, b) in &[(120.0, 0.55), (3.5, 0.9), (800.0, 0.2), (2.0, 1.0)] {
        let points = points_on(
            &varied_spends(1_000.0, 20_000.0),
            |s| a * s.powf(b),
            0.0,
            &mut Rng::new(1),
        );
        let fit = fit_power_law(&points).expect("a fit");
        assert_eq!(fit.kind, CurveKind::PowerLaw);
        assert!(relative(fit.a, a) < 1e-6, "a {} vs {a}", fit.a);
        assert!(relative(fit.b, b) < 1e-6, "b {} vs {b}", fit.b);
        assert!((fit.r_squared - 1.0).abs() < 1e-9, "R² {}", fit.r_squared);
        assert_eq!(fit.points, 12);
    }
}

#[test]
fn noisy_power_law_points_come_close_with_a_fixed_seed() {
    let mut rng = Rng::new(0x5eed);
    let spends: Vec<f64> = (0..52).map(|_| 2_000.0 + 18_000.0 * rng.unit()).collect();
    let points = points_on(&spends, |s| 40.0 * s.powf(0.6), 0.08, &mut rng);
    let fit = fit_power_law(&points).expect("a fit");
    assert!((fit.b - 0.6).abs() < 0.05, "b {}", fit.b);
    let mid = 8_000.0;
    assert!(relative(fit.revenue_at(mid), 40.0 * mid.powf(0.6)) < 0.05);
    assert!(
        fit.r_squared > 0.8 && fit.r_squared < 1.0,
        "R² {}",
        fit.r_squared
    );
    assert_eq!(fit.points, 52);
}

#[test]
fn increasing_returns_are_clamped_to_linear_and_a_is_refitted() {
    let spends = varied_spends(1_000.0, 10_000.0);
    let points = points_on(&spends, |s| 0.01 * s.powf(1.4), 0.0, &mut Rng::new(1));
    let fit = fit_power_law(&points).expect("a fit");
    assert_eq!(fit.b, 1.0);
    // With b fixed, the least-squares ln a is the mean of ln(revenue) − b·ln(spend).
    let want = (spends
        .iter()
        .map(|s: &f64| (0.01 * s.powf(1.4)).ln() - s.ln())
        .sum::<f64>()
        / spends.len() as f64)
        .exp();
    assert!(relative(fit.a, want) < 1e-9, "a {} vs {want}", fit.a);
    assert!(fit.r_squared < 1.0);
}

#[test]
fn falling_revenue_is_clamped_to_the_smallest_exponent() {
    let points = points_on(
        &varied_spends(1_000.0, 10_000.0),
        |s| 1e6 * s.powf(-0.3),
        0.0,
        &mut Rng::new(1),
    );
    let fit = fit_power_law(&points).expect("a fit");
    assert_eq!(fit.b, 0.01);
    assert!(fit.is_usable());
}

#[test]
fn fewer_than_eight_usable_points_are_rejected_with_a_readable_reason() {
    let mut points = points_on(
        &varied_spends(1_000.0, 9_000.0)[..7],
        |s| 10.0 * s.sqrt(),
        0.0,
        &mut Rng::new(1),
    );
    // Weeks without spend or without revenue do not count.
    points.push(WeeklyPoint {
        spend: dec("0"),
        revenue: dec("500"),
    });
    points.push(WeeklyPoint {
        spend: dec("700"),
        revenue: dec("0"),
    });
    let rejection = fit_power_law(&points).expect_err("too few points");
    assert_eq!(
        rejection,
        FitRejection::TooFewPoints {
            points: 7,
            needed: MIN_POINTS
        }
    );
    assert_eq!(
        rejection.to_string(),
        "only 7 usable weekly points (needs 8)"
    );
    assert_eq!(
        FitRejection::TooFewPoints {
            points: 1,
            needed: 8
        }
        .to_string(),
        "only 1 usable weekly point (needs 8)"
    );
    assert!(matches!(
        fit_power_law(&[]),
        Err(FitRejection::TooFewPoints { points: 0, .. })
    ));
}

#[test]
fn spend_that_never_varied_is_rejected() {
    let points: Vec<WeeklyPoint> = (0..12)
        .map(|i| WeeklyPoint {
            spend: dec("2500"),
            revenue: decimal(6_000.0 + 100.0 * f64::from(i)),
        })
        .collect();
    assert_eq!(fit_power_law(&points), Err(FitRejection::SpendNeverVaried));
    assert_eq!(fit_hill(&points), Err(FitRejection::SpendNeverVaried));
}

#[test]
fn no_revenue_at_all_is_rejected() {
    let points: Vec<WeeklyPoint> = varied_spends(100.0, 900.0)
        .iter()
        .map(|&s| WeeklyPoint {
            spend: decimal(s),
            revenue: dec("0"),
        })
        .collect();
    assert_eq!(fit_power_law(&points), Err(FitRejection::NoRevenue));
    assert_eq!(fit_hill(&points), Err(FitRejection::NoRevenue));
}

#[test]
fn exact_hill_points_give_back_the_curve() {
    let (max, h, k) = (50_000.0_f64, 8_000.0_f64, 1.8_f64);
    let hill = |s: f64| max * s.powf(k) / (s.powf(k) + h.powf(k));
    let mut spends = varied_spends(1_000.0, 30_000.0);
    spends.extend([2_500.0, 4_000.0, 12_000.0, 18_000.0]);
    let fit = fit_hill(&points_on(&spends, hill, 0.0, &mut Rng::new(1))).expect("a fit");
    assert_eq!(fit.kind, CurveKind::Hill);
    let (got_max, got_h, got_k) = (
        fit.max.expect("max"),
        fit.half_saturation.expect("half saturation"),
        fit.slope.expect("slope"),
    );
    assert!(relative(got_max, max) < 0.01, "max {got_max}");
    assert!(relative(got_h, h) < 0.01, "h {got_h}");
    assert!(relative(got_k, k) < 0.01, "k {got_k}");
    assert!(fit.r_squared > 0.9999, "R² {}", fit.r_squared);
    assert_eq!((fit.a, fit.b), (got_max, got_k));
}

#[test]
fn derivatives_agree_with_finite_differences() {
    let hill = super::super::CurveFit::hill(10_000.0, 3_000.0, 1.5, 1.0, 12);
    let concave_hill = super::super::CurveFit::hill(10_000.0, 3_000.0, 0.7, 1.0, 12);
    for curve in [power(12.0, 0.4), power(2.0, 1.0), hill, concave_hill] {
        for s in [50.0, 700.0, 3_000.0, 25_000.0] {
            let step = s * 1e-6;
            let numeric = (curve.revenue_at(s + step) - curve.revenue_at(s - step)) / (2.0 * step);
            assert!(
                relative(curve.marginal_at(s), numeric) < 1e-5,
                "{curve:?} at {s}"
            );
        }
    }
    assert_eq!(power(12.0, 0.4).marginal_at(0.0), f64::INFINITY);
    assert_eq!(hill.marginal_at(0.0), 0.0);
    assert_eq!(power(12.0, 0.4).revenue_at(0.0), 0.0);
}

#[test]
fn the_spend_for_a_marginal_level_maximises_revenue_minus_cost() {
    let hill = super::super::CurveFit::hill(10_000.0, 3_000.0, 2.5, 1.0, 12);
    for curve in [power(12.0, 0.4), power(2.0, 1.0), hill] {
        for level in [0.3, 1.0, 1.7, 4.0] {
            let best = curve.spend_for_marginal(level, 100.0, 9_000.0);
            let value = |s: f64| curve.revenue_at(s) - level * s;
            for i in 0..=890 {
                let s = 100.0 + 10.0 * f64::from(i);
                assert!(
                    value(best) >= value(s) - 1e-6,
                    "{curve:?} at level {level}: {best} beaten by {s}"
                );
            }
        }
    }
}
