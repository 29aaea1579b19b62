//! Fitting the power law `revenue = a · spend^b` to weekly points, and the checks every fit
//! shares (enough points, some revenue, spend that varied, R² on the revenue scale).

use super::curve::{CurveFit, FitRejection, WeeklyPoint};
use super::money::to_f64;

/// Weekly points a fit needs before it is trusted.
pub const MIN_POINTS: usize = 8;
/// Smallest power-law exponent: a flatter fit is clamped up to it.
pub const MIN_EXPONENT: f64 = 0.01;
/// Largest power-law exponent: increasing returns are clamped down to linear.
pub const MAX_EXPONENT: f64 = 1.0;
/// Below this variance of `ln(spend)` (spend varying by about 0.01%) spend "never varied".
const MIN_LOG_SPEND_VARIANCE: f64 = 1e-8;

/// Least squares on `ln(revenue) = ln(a) + b · ln(spend)` over the weeks with spend > 0 and
/// revenue > 0. When `b` falls outside `[MIN_EXPONENT, MAX_EXPONENT]` it is clamped and `a` is
/// refitted for the clamped `b` (the least-squares intercept for a fixed slope).
pub fn fit_power_law(points: &[WeeklyPoint]) -> Result<CurveFit, FitRejection> {
    let usable = usable_points(points, |spend, revenue| spend > 0.0 && revenue > 0.0)?;
    let logs: Vec<(f64, f64)> = usable.iter().map(|&(s, r)| (s.ln(), r.ln())).collect();
    let n = logs.len() as f64;
    let mean_x = logs.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = logs.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = logs.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let sxy: f64 = logs.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let b = (sxy / sxx).clamp(MIN_EXPONENT, MAX_EXPONENT);
    let a = (mean_y - b * mean_x).exp();
    if !(a.is_finite() && a > 0.0) {
        return Err(FitRejection::Degenerate);
    }
    let mut fit = CurveFit::power_law(a, b, 0.0, usable.len());
    fit.r_squared = r_squared(&fit, &usable);
    Ok(fit)
}

/// The `(spend, revenue)` pairs a fit may use, or why there are not enough of them.
/// Order of checks: no revenue at all, too few usable points, spend that never varied.
pub(super) fn usable_points(
    points: &[WeeklyPoint],
    keep: impl Fn(f64, f64) -> bool,
) -> Result<Vec<(f64, f64)>, FitRejection> {
    let pairs: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (to_f64(p.spend), to_f64(p.revenue)))
        .collect();
    if !pairs.is_empty() && pairs.iter().all(|&(_, r)| r <= 0.0) {
        return Err(FitRejection::NoRevenue);
    }
    let usable: Vec<(f64, f64)> = pairs.into_iter().filter(|&(s, r)| keep(s, r)).collect();
    if usable.len() < MIN_POINTS {
        return Err(FitRejection::TooFewPoints {
            points: usable.len(),
            needed: MIN_POINTS,
        });
    }
    let n = usable.len() as f64;
    let mean = usable.iter().map(|p| p.0.ln()).sum::<f64>() / n;
    let variance = usable
        .iter()
        .map(|p| (p.0.ln() - mean).powi(2))
        .sum::<f64>()
        / n;
    if variance < MIN_LOG_SPEND_VARIANCE {
        return Err(FitRejection::SpendNeverVaried);
    }
    if usable.iter().all(|&(_, r)| r <= 0.0) {
        return Err(FitRejection::NoRevenue);
    }
    Ok(usable)
}

/// `1 − SS_res / SS_tot` on the revenue scale. With constant revenue, 1 for a perfect fit, else 0.
pub(super) fn r_squared(fit: &CurveFit, points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    let mean = points.iter().map(|p| p.1).sum::<f64>() / n;
    let ss_tot: f64 = points.iter().map(|p| (p.1 - mean).powi(2)).sum();
    let ss_res: f64 = points
        .iter()
        .map(|&(s, r)| (r - fit.revenue_at(s)).powi(2))
        .sum();
    if ss_tot > 0.0 {
        1.0 - ss_res / ss_tot
    } else if ss_res <= 1e-12 * points.iter().map(|p| p.1 * p.1).sum::<f64>() {
        1.0
    } else {
        0.0
    }
}
