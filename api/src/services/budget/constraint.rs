//! Request validation and each channel's role and bounds in whole cents.

use std::collections::HashSet;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::curve::CurveFit;
use super::money::{cents_ceil, cents_floor, cents_round, format_money};
use super::plan::{Bound, ChannelInput, MAX_AMOUNT, PlanError, PlanRequest};

/// How the optimizer treats a channel.
pub(super) enum Role {
    /// Keeps its current spend (rounded to cents).
    Locked,
    /// No usable curve: keeps its current spend, clamped into its own `[min, max]`.
    Kept { why: String, clamped: Option<Bound> },
    /// Moves within its bounds; `lo_bound`/`hi_bound` say which constraint set each side.
    Free {
        curve: CurveFit,
        lo_bound: Bound,
        hi_bound: Bound,
    },
}

/// A channel's role and its bounds in cents (`lo == hi` for fixed channels).
pub(super) struct Prepared {
    pub role: Role,
    pub lo: i128,
    pub hi: i128,
}

/// Checks every field; answers the change cap as a fraction (30% → 0.3).
pub(super) fn validate(req: &PlanRequest) -> Result<Decimal, PlanError> {
    check_amount("totalBudget", req.total_budget)?;
    if req.total_budget.round_dp(2) != req.total_budget {
        return Err(invalid("totalBudget", "must be a whole number of cents"));
    }
    let pct = req.max_change_pct;
    if !(pct.is_finite() && (0.0..=1000.0).contains(&pct)) {
        return Err(invalid("maxChangePct", "must be between 0 and 1000"));
    }
    let cap = Decimal::from_f64(pct)
        .map(|p| p / Decimal::ONE_HUNDRED)
        .ok_or_else(|| invalid("maxChangePct", "must be between 0 and 1000"))?;

    let mut keys = HashSet::new();
    for (index, ch) in req.channels.iter().enumerate() {
        if ch.key.is_empty() {
            return Err(invalid(
                &format!("channels[{index}].key"),
                "must not be empty",
            ));
        }
        if !keys.insert(ch.key.as_str()) {
            return Err(invalid(&field(ch, "key"), "appears more than once"));
        }
        check_amount(&field(ch, "currentSpend"), ch.current_spend)?;
        if !(ch.weeks.is_finite() && ch.weeks > 0.0) {
            return Err(invalid(
                &field(ch, "weeks"),
                "must be a positive number of weeks",
            ));
        }
        if let Some(min) = ch.min_spend {
            check_amount(&field(ch, "minSpend"), min)?;
        }
        if let Some(max) = ch.max_spend {
            check_amount(&field(ch, "maxSpend"), max)?;
        }
        if let (Some(min), Some(max)) = (ch.min_spend, ch.max_spend)
            && min > max
        {
            let reason = format!(
                "minimum {} is above the maximum {}",
                format_money(min),
                format_money(max)
            );
            return Err(invalid(&field(ch, "minSpend"), &reason));
        }
    }
    Ok(cap)
}

/// The channel's role and bounds under a change cap given as a fraction.
pub(super) fn prepare(ch: &ChannelInput, cap: Decimal) -> Result<Prepared, PlanError> {
    let current = ch.current_spend;
    if ch.locked {
        let beyond = match (ch.min_spend, ch.max_spend) {
            (Some(min), _) if current < min => Some(("below its minimum", min)),
            (_, Some(max)) if current > max => Some(("above its maximum", max)),
            _ => None,
        };
        if let Some((side, limit)) = beyond {
            let explanation = format!(
                "{} is locked at {}, {side} {}",
                ch.name,
                format_money(current),
                format_money(limit)
            );
            return Err(PlanError::Infeasible { explanation });
        }
        let cents = cents_round(current);
        return Ok(Prepared {
            role: Role::Locked,
            lo: cents,
            hi: cents,
        });
    }

    let curve = match &ch.fit {
        Ok(curve) if curve.is_usable() => *curve,
        Ok(_) => return Ok(kept(ch, "the fitted curve is not usable".to_owned())),
        Err(rejection) => return Ok(kept(ch, rejection.to_string())),
    };

    let (cap_lo, cap_hi) = if current > Decimal::ZERO {
        (
            (current * (Decimal::ONE - cap)).max(Decimal::ZERO),
            current * (Decimal::ONE + cap),
        )
    } else {
        // A relative cap on nothing is nothing: only an explicit maximum lets the channel start.
        (Decimal::ZERO, ch.max_spend.unwrap_or(Decimal::ZERO))
    };
    let mut lo = ch.min_spend.map_or(cap_lo, |min| min.max(cap_lo));
    let mut lo_bound = if ch.min_spend.is_some_and(|min| min >= cap_lo) {
        Bound::Min
    } else {
        Bound::ChangeCap
    };
    let mut hi = ch.max_spend.map_or(cap_hi, |max| max.min(cap_hi));
    let mut hi_bound = if ch.max_spend.is_some_and(|max| max <= cap_hi) {
        Bound::Max
    } else {
        Bound::ChangeCap
    };
    // An explicit minimum or maximum outranks the relative change cap.
    if lo > hi {
        if lo_bound == Bound::Min {
            (hi, hi_bound) = (lo, Bound::Min);
        } else {
            (lo, lo_bound) = (hi, Bound::Max);
        }
    }
    let (mut lo_cents, mut hi_cents) = (cents_ceil(lo), cents_floor(hi));
    if lo_cents > hi_cents {
        // The interval lies strictly between two cents: take the nearer one.
        lo_cents = cents_round(lo);
        hi_cents = lo_cents;
    }
    Ok(Prepared {
        role: Role::Free {
            curve,
            lo_bound,
            hi_bound,
        },
        lo: lo_cents,
        hi: hi_cents,
    })
}

fn kept(ch: &ChannelInput, why: String) -> Prepared {
    let (cents, clamped) = match (ch.min_spend, ch.max_spend) {
        (Some(min), _) if ch.current_spend < min => (cents_ceil(min), Some(Bound::Min)),
        (_, Some(max)) if ch.current_spend > max => (cents_floor(max), Some(Bound::Max)),
        _ => (cents_round(ch.current_spend), None),
    };
    Prepared {
        role: Role::Kept { why, clamped },
        lo: cents,
        hi: cents,
    }
}

fn check_amount(name: &str, amount: Decimal) -> Result<(), PlanError> {
    if amount < Decimal::ZERO {
        return Err(invalid(name, "must not be negative"));
    }
    if amount > MAX_AMOUNT {
        return Err(invalid(
            name,
            &format!("must be at most {}", format_money(MAX_AMOUNT)),
        ));
    }
    Ok(())
}

fn field(ch: &ChannelInput, name: &str) -> String {
    format!("channels[{}].{name}", ch.key)
}

fn invalid(field: &str, reason: &str) -> PlanError {
    PlanError::InvalidInput {
        field: field.to_owned(),
        reason: reason.to_owned(),
    }
}
