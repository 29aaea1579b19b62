//! The profit-maximising total: the budget at which the last unit of money stops paying.
//!
//! Profit over the plan is `Σ w·f(s/w) − Σ s`. Each free channel's contribution is concave on
//! the decreasing branch of its marginal, so profit is highest where every free channel's
//! marginal ROI `f′ − 1` is 0, i.e. its marginal revenue is 1, clamped into its bounds (a
//! channel whose marginal ROI is negative even at its lower bound stays there, one positive
//! even at its upper bound goes there). Fixed channels (locked, or without a curve) keep their
//! spend. The sum of those spends is the total; the caller plans it like any requested total,
//! so the allocation, rounding and reasons are the optimizer's own.

use rust_decimal::Decimal;

use super::constraint::{Role, prepare, validate};
use super::money::from_cents;
use super::plan::{PlanError, PlanRequest};

/// Marginal revenue per unit of spend at which marginal ROI is 0.
const BREAK_EVEN_MARGINAL: f64 = 1.0;

/// The total (whole cents) that maximises modelled profit within every channel's bounds, or
/// `None` when no channel is free to move (then every total is the same plan).
pub fn profit_maximizing_total(req: &PlanRequest) -> Result<Option<Decimal>, PlanError> {
    let cap = validate(req)?;
    let mut fixed: i128 = 0;
    let mut free_lo: i128 = 0;
    let mut free_hi: i128 = 0;
    let mut optimum: f64 = 0.0;
    let mut any_free = false;
    for (ch, p) in req
        .channels
        .iter()
        .map(|ch| prepare(ch, cap).map(|p| (ch, p)))
        .collect::<Result<Vec<_>, _>>()?
    {
        match &p.role {
            Role::Free { curve, .. } => {
                any_free = true;
                free_lo += p.lo;
                free_hi += p.hi;
                let (lo, hi) = (p.lo as f64 / 100.0, p.hi as f64 / 100.0);
                let weekly =
                    curve.spend_for_marginal(BREAK_EVEN_MARGINAL, lo / ch.weeks, hi / ch.weeks);
                let spend = ch.weeks * weekly;
                optimum += if spend.is_finite() {
                    spend.clamp(lo, hi)
                } else {
                    lo
                };
            }
            Role::Locked | Role::Kept { .. } => fixed += p.lo,
        }
    }
    if !any_free {
        return Ok(None);
    }
    let cents = ((optimum * 100.0).round() as i128).clamp(free_lo, free_hi);
    Ok(Some(from_cents(fixed + cents)))
}
