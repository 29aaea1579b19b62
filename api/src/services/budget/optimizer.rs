//! `plan_budget`: validate, fix the kept and locked channels, equalise marginal ROI over the free
//! ones, round to cents with the exact total, and describe every channel.

use rust_decimal::Decimal;

use super::constraint::{Prepared, Role, prepare, validate};
use super::curve::CurveFit;
use super::equalize::{FreeChannel, equalize};
use super::feasibility::check_feasible;
use super::money::{cents_round, format_pct, from_cents, money_from_f64, to_f64};
use super::plan::{Bound, ChannelInput, Plan, PlanError, PlanRequest, Suggestion};
use super::reason::{Held, kept_reason, locked_reason, moved_reason};
use super::rounding::allocate_cents;

/// Splits `req.total_budget` over the channels. Deterministic: the same request gives the same
/// plan. Suggestions are whole cents adding up to the total budget exactly.
pub fn plan_budget(req: &PlanRequest) -> Result<Plan, PlanError> {
    let cap = validate(req)?;
    let prepared = req
        .channels
        .iter()
        .map(|ch| prepare(ch, cap))
        .collect::<Result<Vec<_>, _>>()?;
    let total = cents_round(req.total_budget);
    check_feasible(req, &prepared, total)?;

    let free_index: Vec<usize> = (0..prepared.len())
        .filter(|&i| matches!(prepared[i].role, Role::Free { .. }))
        .collect();
    let fixed: i128 = prepared
        .iter()
        .filter(|p| !matches!(p.role, Role::Free { .. }))
        .map(|p| p.lo)
        .sum();
    let free: Vec<FreeChannel> = free_index
        .iter()
        .filter_map(|&i| match &prepared[i].role {
            Role::Free { curve, .. } => Some(FreeChannel {
                curve: *curve,
                weeks: req.channels[i].weeks,
                lo: prepared[i].lo as f64 / 100.0,
                hi: prepared[i].hi as f64 / 100.0,
            }),
            _ => None,
        })
        .collect();
    let solution = equalize(&free, (total - fixed) as f64 / 100.0);
    let lo: Vec<i128> = free_index.iter().map(|&i| prepared[i].lo).collect();
    let hi: Vec<i128> = free_index.iter().map(|&i| prepared[i].hi).collect();
    let free_cents = allocate_cents(&solution.spend, &lo, &hi, total - fixed);

    let mut cents: Vec<i128> = prepared.iter().map(|p| p.lo).collect();
    for (&i, &c) in free_index.iter().zip(&free_cents) {
        cents[i] = c;
    }
    let interior = free_index
        .iter()
        .any(|&i| prepared[i].lo < cents[i] && cents[i] < prepared[i].hi);
    let level = solution.level.filter(|_| interior).map(|mu| mu - 1.0);

    let pct = format_pct(req.max_change_pct);
    let suggestions: Vec<Suggestion> = req
        .channels
        .iter()
        .zip(&prepared)
        .zip(&cents)
        .map(|((ch, p), &c)| describe(ch, p, from_cents(c), level, &pct))
        .collect();
    Ok(summarise(suggestions, req.total_budget, level))
}

/// One channel's suggestion with its modelled returns and reason.
fn describe(
    ch: &ChannelInput,
    p: &Prepared,
    suggested: Decimal,
    level: Option<f64>,
    pct: &str,
) -> Suggestion {
    let change = suggested - ch.current_spend;
    let curve = ch.fit.as_ref().ok().filter(|c| c.is_usable());
    let weekly_now = to_f64(ch.current_spend) / ch.weeks;
    let weekly_then = to_f64(suggested) / ch.weeks;
    let revenue = |weekly: f64| curve.map(|c| ch.weeks * c.revenue_at(weekly));
    let marginal = |weekly: f64| {
        curve
            .map(|c| c.marginal_at(weekly) - 1.0)
            .filter(|m| m.is_finite())
    };
    let spend_now = to_f64(ch.current_spend);
    let current_roi = revenue(weekly_now)
        .filter(|_| spend_now > 0.0)
        .map(|r| (r - spend_now) / spend_now);

    let (bound, kept_because, reason) = match &p.role {
        Role::Locked => (
            Some(Bound::Locked),
            Some("locked".to_owned()),
            locked_reason(&ch.name, suggested),
        ),
        Role::Kept { why, clamped } => (
            *clamped,
            Some(why.clone()),
            kept_reason(&ch.name, change, suggested, why, *clamped),
        ),
        Role::Free {
            lo_bound, hi_bound, ..
        } => {
            let c = cents_round(suggested);
            let mut bound = free_bound(c, p.lo, p.hi, *lo_bound, *hi_bound);
            let held = match bound {
                Some(Bound::Min) => Some(Held::Min),
                Some(Bound::Max) => Some(Held::Max),
                Some(_) if ch.current_spend.is_zero() && ch.max_spend.is_none() => {
                    Some(Held::NoSpendNoMax)
                }
                // Zero is the floor of every channel, not a constraint anyone set.
                Some(_) if c == 0 => {
                    bound = None;
                    Some(Held::Zero)
                }
                Some(_) => Some(Held::Cap(pct.to_owned())),
                None => None,
            };
            (
                bound,
                None,
                moved_reason(
                    &ch.name,
                    change,
                    suggested,
                    marginal(weekly_now),
                    marginal(weekly_then),
                    level,
                    held,
                ),
            )
        }
    };

    Suggestion {
        key: ch.key.clone(),
        name: ch.name.clone(),
        current_spend: ch.current_spend,
        suggested_spend: suggested,
        change,
        change_pct: (spend_now > 0.0).then(|| to_f64(change) / spend_now * 100.0),
        current_roi,
        marginal_roi_now: marginal(weekly_now),
        marginal_roi_at_suggestion: marginal(weekly_then),
        expected_revenue_now: revenue(weekly_now).and_then(money_from_f64),
        expected_revenue_at_suggestion: revenue(weekly_then).and_then(money_from_f64),
        fit: ch.fit.as_ref().ok().copied().filter(CurveFit::is_usable),
        kept_because,
        bound,
        reason,
    }
}

/// Which constraint holds a free channel at `cents`, preferring the user's own min/max when a
/// channel sits on both bounds at once.
fn free_bound(cents: i128, lo: i128, hi: i128, lo_bound: Bound, hi_bound: Bound) -> Option<Bound> {
    match (cents == lo, cents == hi) {
        (true, true) if lo_bound == Bound::Min || hi_bound != Bound::Max => Some(lo_bound),
        (true, true) => Some(hi_bound),
        (true, false) => Some(lo_bound),
        (false, true) => Some(hi_bound),
        (false, false) => None,
    }
}

fn summarise(suggestions: Vec<Suggestion>, total_budget: Decimal, level: Option<f64>) -> Plan {
    let total_current = suggestions.iter().map(|s| s.current_spend).sum();
    let total_suggested: Decimal = suggestions.iter().map(|s| s.suggested_spend).sum();
    debug_assert_eq!(total_suggested, total_budget);
    let now: Decimal = suggestions
        .iter()
        .filter_map(|s| s.expected_revenue_now)
        .sum();
    let then: Decimal = suggestions
        .iter()
        .filter_map(|s| s.expected_revenue_at_suggestion)
        .sum();
    let profit: Decimal = suggestions
        .iter()
        .filter_map(|s| Some(s.expected_revenue_at_suggestion? - s.suggested_spend))
        .sum();
    let lift = then - now;
    let lift_pct = (now > Decimal::ZERO).then(|| to_f64(lift) / to_f64(now) * 100.0);
    Plan {
        suggestions,
        total_current,
        total_suggested,
        expected_revenue_now: now,
        expected_revenue_at_suggestion: then,
        lift,
        lift_pct,
        marginal_roi_level: level,
        expected_profit_at_suggestion: profit,
    }
}
