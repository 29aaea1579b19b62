//! Equalising marginal returns: bisection on the common marginal revenue level `μ` (the KKT
//! multiplier; marginal ROI λ = μ − 1) at which the free channels absorb exactly the budget.
//!
//! Given `μ`, each channel spends the amount in its bounds that maximises `revenue − μ · spend`
//! (closed form for power laws, a numeric root for Hill curves). That spend never increases with
//! `μ`, so the total is monotone and bisection converges. The final allocation interpolates
//! between the two bracketing allocations, which makes the total exact even where a channel jumps
//! (linear curves, S-shaped Hill curves).

use super::curve::CurveFit;

/// A channel the optimizer may move, with its bounds over the range (currency units).
pub(super) struct FreeChannel {
    pub curve: CurveFit,
    pub weeks: f64,
    pub lo: f64,
    pub hi: f64,
}

/// Spend per channel over the range, and the common marginal revenue level `μ` when there is one.
pub(super) struct Solution {
    pub spend: Vec<f64>,
    pub level: Option<f64>,
}

const MAX_BRACKET_STEPS: u32 = 2_100;
const MAX_BISECTIONS: u32 = 300;

pub(super) fn equalize(channels: &[FreeChannel], budget: f64) -> Solution {
    let spend_at = |level: f64| -> Vec<f64> {
        channels
            .iter()
            .map(|c| {
                c.weeks
                    * c.curve
                        .spend_for_marginal(level, c.lo / c.weeks, c.hi / c.weeks)
            })
            .map(|s| if s.is_finite() { s } else { 0.0 })
            .collect()
    };
    let total = |spend: &[f64]| spend.iter().sum::<f64>();
    let sum_lo: f64 = channels.iter().map(|c| c.lo).sum();
    let sum_hi: f64 = channels.iter().map(|c| c.hi).sum();
    if channels.is_empty() || budget <= sum_lo {
        return Solution {
            spend: channels.iter().map(|c| c.lo).collect(),
            level: None,
        };
    }
    if budget >= sum_hi {
        return Solution {
            spend: channels.iter().map(|c| c.hi).collect(),
            level: None,
        };
    }

    // `low` spends at least the budget, `high` at most.
    let (mut low, mut high) = (1.0_f64, 1.0_f64);
    for _ in 0..MAX_BRACKET_STEPS {
        if total(&spend_at(low)) >= budget {
            break;
        }
        low /= 2.0;
    }
    for _ in 0..MAX_BRACKET_STEPS {
        if total(&spend_at(high)) <= budget {
            break;
        }
        high *= 2.0;
    }
    for _ in 0..MAX_BISECTIONS {
        let mid = (0.5 * (low.ln() + high.ln())).exp();
        if !(mid > low && mid < high) {
            break;
        }
        if total(&spend_at(mid)) >= budget {
            low = mid;
        } else {
            high = mid;
        }
    }

    let (more, less) = (spend_at(low), spend_at(high));
    let (sum_more, sum_less) = (total(&more), total(&less));
    let t = if sum_more > sum_less {
        ((budget - sum_less) / (sum_more - sum_less)).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let spend = less
        .iter()
        .zip(&more)
        .map(|(l, m)| l + t * (m - l))
        .collect();
    Solution {
        spend,
        level: Some((0.5 * (low.ln() + high.ln())).exp()),
    }
}
