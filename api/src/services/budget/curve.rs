//! Weekly response curves: the data they are fitted on, their shape, value and derivative, the
//! spend that maximises `revenue − level · spend` on an interval, and why a fit may be refused.

use rust_decimal::Decimal;

/// One week of one channel: what it spent and the revenue attributed to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeeklyPoint {
    pub spend: Decimal,
    pub revenue: Decimal,
}

/// The family of a fitted response curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CurveKind {
    /// `revenue = a · spend^b` with `0 < b ≤ 1`.
    PowerLaw,
    /// `revenue = max · spend^k / (spend^k + h^k)`.
    Hill,
}

/// A fitted weekly response curve and its quality.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveFit {
    pub kind: CurveKind,
    /// Power law: the scale `a`. Hill: the saturation revenue (same as `max`).
    pub a: f64,
    /// Power law: the exponent `b`. Hill: the slope `k` (same as `slope`).
    pub b: f64,
    /// Hill only: the weekly spend `h` at which revenue reaches half of `max`.
    pub half_saturation: Option<f64>,
    /// Hill only: the slope `k`.
    pub slope: Option<f64>,
    /// Hill only: the weekly revenue approached as spend grows.
    pub max: Option<f64>,
    /// Coefficient of determination on the revenue scale, over the points used (may be < 0
    /// when the exponent had to be clamped).
    pub r_squared: f64,
    /// Number of weekly points the fit used.
    pub points: usize,
}

/// Why no curve was fitted; `Display` is a sentence fragment for users.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FitRejection {
    #[error("only {points} usable weekly {} (needs {needed})", if *points == 1 { "point" } else { "points" })]
    TooFewPoints { points: usize, needed: usize },
    #[error("weekly spend never varied, so its effect on revenue cannot be measured")]
    SpendNeverVaried,
    #[error("no attributed revenue in the range")]
    NoRevenue,
    #[error("the weekly data do not support a response curve")]
    Degenerate,
    /// Credited by a multi-touch model, but none of its own leads brought revenue: its
    /// weekly response to spend (read from the revenue of the leads it sourced) is unknown.
    #[error(
        "its own leads brought no revenue in the range, so its response to spend cannot be measured"
    )]
    NoSourcedRevenue,
    /// Too many weeks with spend but no revenue for a power law, which is fitted in log space
    /// on the weeks with revenue only and would overstate the level.
    #[error(
        "revenue in only {with_revenue} of the {with_spend} weeks it spent in: too sparse for a power law (a HILL curve counts the empty weeks)"
    )]
    SparseRevenue {
        with_revenue: usize,
        with_spend: usize,
    },
}

impl CurveFit {
    /// A power law `a · s^b`.
    pub fn power_law(a: f64, b: f64, r_squared: f64, points: usize) -> Self {
        Self {
            kind: CurveKind::PowerLaw,
            a,
            b,
            half_saturation: None,
            slope: None,
            max: None,
            r_squared,
            points,
        }
    }

    /// A Hill curve `max · s^k / (s^k + h^k)`; `a`/`b` mirror `max`/`slope`.
    pub fn hill(max: f64, half_saturation: f64, slope: f64, r_squared: f64, points: usize) -> Self {
        Self {
            kind: CurveKind::Hill,
            a: max,
            b: slope,
            half_saturation: Some(half_saturation),
            slope: Some(slope),
            max: Some(max),
            r_squared,
            points,
        }
    }

    /// Whether the parameters describe an increasing, diminishing-returns-or-S-shaped curve the
    /// optimizer can use (all finite and positive; a power-law exponent in `(0, 1]`).
    pub fn is_usable(&self) -> bool {
        let positive = |x: f64| x.is_finite() && x > 0.0;
        match self.kind {
            CurveKind::PowerLaw => positive(self.a) && positive(self.b) && self.b <= 1.0,
            CurveKind::Hill => {
                let (m, k, h) = self.hill_params();
                positive(m) && positive(k) && positive(h)
            }
        }
    }

    /// Expected weekly revenue at a weekly spend (0 at or below zero spend).
    pub fn revenue_at(&self, weekly_spend: f64) -> f64 {
        if weekly_spend <= 0.0 {
            return 0.0;
        }
        match self.kind {
            CurveKind::PowerLaw => self.a * weekly_spend.powf(self.b),
            CurveKind::Hill => {
                let (m, k, h) = self.hill_params();
                m / (1.0 + (h / weekly_spend).powf(k))
            }
        }
    }

    /// Marginal revenue `f'(s)`: revenue per extra unit of weekly spend (marginal ROAS).
    /// Marginal ROI is this minus 1. May be `+∞` at zero spend.
    pub fn marginal_at(&self, weekly_spend: f64) -> f64 {
        let s = weekly_spend.max(0.0);
        match self.kind {
            CurveKind::PowerLaw if s == 0.0 => at_zero(self.b, self.a * self.b),
            CurveKind::PowerLaw => self.a * self.b * s.powf(self.b - 1.0),
            CurveKind::Hill => {
                let (m, k, h) = self.hill_params();
                let v = (h / s).powf(k);
                if s == 0.0 || v.is_infinite() {
                    return at_zero(k, m / h);
                }
                // f'(s) = m·k·g·(1−g)/s with g = 1/(1+v); 1−g written as v/(1+v) for precision.
                m * k * (1.0 / (1.0 + v)) * (v / (1.0 + v)) / s
            }
        }
    }

    /// The weekly spend in `[lo, hi]` that maximises `f(s) − level · s`: where the marginal
    /// revenue equals `level`, or a bound. Non-increasing in `level`; ties go to the lower spend.
    pub(super) fn spend_for_marginal(&self, level: f64, lo: f64, hi: f64) -> f64 {
        if level <= 0.0 {
            return hi;
        }
        match self.kind {
            CurveKind::PowerLaw if self.b >= 1.0 - 1e-12 => {
                if self.a > level {
                    hi
                } else {
                    lo
                }
            }
            CurveKind::PowerLaw => {
                let s = (self.a * self.b / level).powf(1.0 / (1.0 - self.b));
                if s.is_nan() { lo } else { s.max(lo).min(hi) }
            }
            CurveKind::Hill => self.hill_spend_for_marginal(level, lo, hi),
        }
    }

    fn hill_spend_for_marginal(&self, level: f64, lo: f64, hi: f64) -> f64 {
        let (_, k, h) = self.hill_params();
        // Past the inflection the derivative decreases; before it (k > 1 only) it increases,
        // so the optimum is a bound or the one crossing on the decreasing branch.
        let peak = if k > 1.0 {
            h * ((k - 1.0) / (k + 1.0)).powf(1.0 / k)
        } else {
            0.0
        };
        let mut candidates = [lo, lo, hi];
        let start = lo.max(peak);
        if start < hi && self.marginal_at(start) > level && self.marginal_at(hi) < level {
            let (mut a, mut b) = (start, hi);
            for _ in 0..200 {
                let mid = 0.5 * (a + b);
                if mid <= a || mid >= b {
                    break;
                }
                if self.marginal_at(mid) > level {
                    a = mid;
                } else {
                    b = mid;
                }
            }
            candidates[1] = 0.5 * (a + b);
        }
        let objective = |s: f64| self.revenue_at(s) - level * s;
        let mut best = lo;
        for s in candidates {
            if objective(s) > objective(best) {
                best = s;
            }
        }
        best
    }

    fn hill_params(&self) -> (f64, f64, f64) {
        (
            self.max.unwrap_or(self.a),
            self.slope.unwrap_or(self.b),
            self.half_saturation.unwrap_or(f64::NAN),
        )
    }
}

/// `f'(0)` of a curve behaving like `s^exponent` near zero: unbounded below exponent 1,
/// `slope_at_one` at exactly 1, flat above.
fn at_zero(exponent: f64, slope_at_one: f64) -> f64 {
    if exponent < 1.0 {
        f64::INFINITY
    } else if exponent == 1.0 {
        slope_at_one
    } else {
        0.0
    }
}
