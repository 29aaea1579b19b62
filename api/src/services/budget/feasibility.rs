//! Whether the total budget fits between what the channels must take and what they can take,
//! and, when it does not, the arithmetic that shows why.

use super::constraint::{Prepared, Role};
use super::money::{format_money, format_pct, from_cents};
use super::plan::{Bound, PlanError, PlanRequest};

/// `Ok` when `Σ lower bounds ≤ total ≤ Σ upper bounds` (in cents).
pub(super) fn check_feasible(
    req: &PlanRequest,
    prepared: &[Prepared],
    total: i128,
) -> Result<(), PlanError> {
    let pct = format_pct(req.max_change_pct);
    let floor: i128 = prepared.iter().map(|p| p.lo).sum();
    if floor > total {
        let terms = terms(prepared, |p| p.lo, Side::Lower, &pct);
        let explanation = format!(
            "{} exceeds the total budget {}",
            sum_text(&terms, floor),
            format_money(from_cents(total))
        );
        return Err(PlanError::Infeasible { explanation });
    }
    let ceiling: i128 = prepared.iter().map(|p| p.hi).sum();
    if ceiling < total {
        let total_text = format_money(from_cents(total));
        if prepared.is_empty() {
            let explanation =
                format!("there are no channels to spend the total budget {total_text} on");
            return Err(PlanError::Infeasible { explanation });
        }
        let terms = terms(prepared, |p| p.hi, Side::Upper, &pct);
        let capped = prepared.iter().any(|p| {
            matches!(
                p.role,
                Role::Free {
                    hi_bound: Bound::ChangeCap,
                    ..
                }
            )
        });
        let prefix = if capped {
            format!("with the ±{pct} change cap ")
        } else {
            String::new()
        };
        let mut explanation = format!(
            "{prefix}the most these channels can take is {}, below the total budget {total_text}",
            sum_text(&terms, ceiling)
        );
        let stuck_at_zero = req.channels.iter().zip(prepared).any(|(ch, p)| {
            matches!(p.role, Role::Free { .. })
                && ch.current_spend.is_zero()
                && ch.max_spend.is_none()
        });
        if stuck_at_zero {
            explanation.push_str(
                " (a channel with no current spend can only grow up to an explicit maximum)",
            );
        }
        return Err(PlanError::Infeasible { explanation });
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Lower,
    Upper,
}

/// Labelled sums in a fixed order, leaving out empty ones.
fn terms(
    prepared: &[Prepared],
    amount: impl Fn(&Prepared) -> i128,
    side: Side,
    pct: &str,
) -> Vec<(String, i128)> {
    let cap_label = match side {
        Side::Lower => format!("change-cap floors (-{pct})"),
        Side::Upper => format!("change-cap ceilings (+{pct})"),
    };
    let labels = [
        "locked",
        "kept (no usable curve)",
        "minimums",
        "maximums",
        cap_label.as_str(),
    ];
    let mut sums = [0_i128; 5];
    for p in prepared {
        let slot = match (&p.role, side) {
            (Role::Locked, _) => 0,
            (Role::Kept { .. }, _) => 1,
            (
                Role::Free {
                    lo_bound: bound, ..
                },
                Side::Lower,
            )
            | (
                Role::Free {
                    hi_bound: bound, ..
                },
                Side::Upper,
            ) => match bound {
                Bound::Min => 2,
                Bound::Max => 3,
                Bound::ChangeCap | Bound::Locked => 4,
            },
        };
        sums[slot] += amount(p);
    }
    labels
        .iter()
        .zip(sums)
        .filter(|(_, sum)| *sum != 0)
        .map(|(label, sum)| ((*label).to_owned(), sum))
        .collect()
}

/// `"locked 12,000.00 + minimums 30,000.00 = 42,000.00"`, or just the term or the sum when alone.
fn sum_text(terms: &[(String, i128)], sum: i128) -> String {
    let parts: Vec<String> = terms
        .iter()
        .map(|(label, cents)| format!("{label} {}", format_money(from_cents(*cents))))
        .collect();
    match parts.len() {
        0 => format_money(from_cents(sum)),
        1 => parts.join(""),
        _ => format!("{} = {}", parts.join(" + "), format_money(from_cents(sum))),
    }
}
