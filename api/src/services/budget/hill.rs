//! Fitting the Hill curve `revenue = max · s^k / (s^k + h^k)` by a deterministic search: a
//! coarse grid over `(ln h, k)`, then shrinking local grids; `max` is the closed-form least-squares
//! value for each `(h, k)`.

use super::curve::{CurveFit, FitRejection, WeeklyPoint};
use super::fit::{r_squared, usable_points};

const K_MIN: f64 = 0.3;
const K_MAX: f64 = 3.0;
const K_STEPS: u32 = 27;
const H_STEPS: u32 = 40;
/// The half-saturation point is searched from a quarter of the lowest weekly spend to four times
/// the highest: beyond that the data cannot tell where saturation lies.
const H_SPAN: f64 = 4.0;
const REFINE_ROUNDS: u32 = 8;

#[derive(Clone, Copy)]
struct Candidate {
    ln_h: f64,
    k: f64,
    max: f64,
    sse: f64,
}

/// Least squares on the revenue scale over the weeks with spend > 0 and revenue ≥ 0.
pub fn fit_hill(points: &[WeeklyPoint]) -> Result<CurveFit, FitRejection> {
    let usable = usable_points(points, |spend, revenue| spend > 0.0 && revenue >= 0.0)?;
    let s_min = usable.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let s_max = usable.iter().map(|p| p.0).fold(0.0, f64::max);
    let (ln_lo, ln_hi) = ((s_min / H_SPAN).ln(), (s_max * H_SPAN).ln());

    let mut best: Option<Candidate> = None;
    let consider = |best: &mut Option<Candidate>, ln_h: f64, k: f64| {
        if let Some(c) = evaluate(&usable, ln_h, k)
            && best.is_none_or(|b| c.sse < b.sse)
        {
            *best = Some(c);
        }
    };
    let mut dh = (ln_hi - ln_lo) / f64::from(H_STEPS);
    let mut dk = (K_MAX - K_MIN) / f64::from(K_STEPS);
    for i in 0..=H_STEPS {
        for j in 0..=K_STEPS {
            consider(
                &mut best,
                ln_lo + dh * f64::from(i),
                K_MIN + dk * f64::from(j),
            );
        }
    }
    for _ in 0..REFINE_ROUNDS {
        let Some(centre) = best else { break };
        for i in -4..=4 {
            for j in -4..=4 {
                let k = (centre.k + dk * f64::from(j) / 4.0).clamp(K_MIN, K_MAX);
                consider(&mut best, centre.ln_h + dh * f64::from(i) / 4.0, k);
            }
        }
        dh /= 4.0;
        dk /= 4.0;
    }

    let best = best.ok_or(FitRejection::Degenerate)?;
    let mut fit = CurveFit::hill(best.max, best.ln_h.exp(), best.k, 0.0, usable.len());
    fit.r_squared = r_squared(&fit, &usable);
    Ok(fit)
}

/// The best `max` for a given `(h, k)` and the squared error it leaves.
fn evaluate(points: &[(f64, f64)], ln_h: f64, k: f64) -> Option<Candidate> {
    let h = ln_h.exp();
    let share = |s: f64| 1.0 / (1.0 + (h / s).powf(k));
    let (mut gg, mut rg) = (0.0, 0.0);
    for &(s, r) in points {
        let g = share(s);
        gg += g * g;
        rg += r * g;
    }
    let max = rg / gg;
    // Summed directly rather than as Σr² − (Σrg)²/Σg², which cancels badly near a perfect fit.
    let sse: f64 = points
        .iter()
        .map(|&(s, r)| (r - max * share(s)).powi(2))
        .sum();
    (max.is_finite() && max > 0.0 && sse.is_finite()).then_some(Candidate { ln_h, k, max, sse })
}
