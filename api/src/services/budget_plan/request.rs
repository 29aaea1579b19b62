//! From the candidates and the constraints to the optimizer's request, and from the
//! optimizer's errors back to the argument they are about.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::args::PlanArgs;
use super::weekly::Candidate;
use crate::error::{AppError, AppResult};
use crate::services::budget::{ChannelInput, PlanError, PlanRequest, format_money};

/// The constraints whose target takes no part in the plan, in order: `(index, constraint)`.
/// Excluded targets never take part, so they are always among them.
pub(super) fn unmatched_constraints<'a>(
    args: &'a PlanArgs,
    candidates: &[Candidate],
) -> Vec<(usize, &'a super::args::Constraint)> {
    args.constraints
        .iter()
        .enumerate()
        .filter(|(_, c)| !candidates.iter().any(|k| k.target_id() == Some(c.id)))
        .collect()
}

/// The optimizer's request: one channel per candidate, in order, with its constraint and
/// fitted curve; the total defaults to the current spend of the range.
pub(super) fn plan_request(
    args: &PlanArgs,
    candidates: &[Candidate],
    weeks: f64,
) -> AppResult<PlanRequest> {
    let channels = candidates
        .iter()
        .map(|k| {
            let found = constraint_of(args, k);
            let c = found.map(|(_, c)| c);
            if let Some((index, c)) = found.filter(|(_, c)| c.locked) {
                check_lock(index, k, c.min_spend, c.max_spend)?;
            }
            Ok(ChannelInput {
                key: k.key.stable_id(),
                name: k.label.clone(),
                current_spend: k.current_spend,
                weeks,
                fit: k.fit(args.curve),
                min_spend: c.and_then(|c| c.min_spend),
                max_spend: c.and_then(|c| c.max_spend),
                locked: c.is_some_and(|c| c.locked),
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let current: Decimal = candidates.iter().map(|k| k.current_spend).sum();
    Ok(PlanRequest {
        channels,
        total_budget: args.total_budget.unwrap_or(current),
        max_change_pct: args.max_change_pct.to_f64().unwrap_or(f64::NAN),
    })
}

/// The optimizer's refusal as BAD_USER_INPUT on the argument it is about. An infeasible plan
/// is about the total when one was given, else about the constraints (the default total, the
/// current spend, always fits the change cap alone).
pub(super) fn plan_error(err: PlanError, args: &PlanArgs, candidates: &[Candidate]) -> AppError {
    match err {
        PlanError::Infeasible { explanation } => {
            let field = if args.total_budget.is_some() {
                "totalBudget"
            } else {
                "constraints"
            };
            AppError::bad_input(field, explanation)
        }
        PlanError::InvalidInput { field, reason } => {
            AppError::bad_input(argument_of(&field, args, candidates), reason)
        }
    }
}

/// `channels[channel:3].minSpend` → `constraints[<index>].minSpend` when a constraint names
/// that channel; other fields (`totalBudget`, `maxChangePct`) are the argument names already.
fn argument_of(field: &str, args: &PlanArgs, candidates: &[Candidate]) -> String {
    let Some((key, name)) = field
        .strip_prefix("channels[")
        .and_then(|rest| rest.split_once("]."))
    else {
        return field.to_owned();
    };
    candidates
        .iter()
        .find(|k| k.key.stable_id() == key)
        .and_then(|k| constraint_of(args, k))
        .map_or_else(
            || "constraints".to_owned(),
            |(i, _)| format!("constraints[{i}].{name}"),
        )
}

fn constraint_of<'a>(
    args: &'a PlanArgs,
    k: &Candidate,
) -> Option<(usize, &'a super::args::Constraint)> {
    let id = k.target_id()?;
    args.constraints
        .iter()
        .enumerate()
        .find(|(_, c)| c.id == id)
}

/// A locked target keeps its current spend, which must then lie within its own bounds.
fn check_lock(
    index: usize,
    k: &Candidate,
    min: Option<Decimal>,
    max: Option<Decimal>,
) -> AppResult<()> {
    let beyond = match (min, max) {
        (Some(min), _) if k.current_spend < min => Some(("below its minimum", min)),
        (_, Some(max)) if k.current_spend > max => Some(("above its maximum", max)),
        _ => None,
    };
    match beyond {
        Some((side, limit)) => Err(AppError::bad_input(
            format!("constraints[{index}].locked"),
            format!(
                "{} is locked at its current spend {}, {side} {}",
                k.label,
                format_money(k.current_spend),
                format_money(limit)
            ),
        )),
        None => Ok(()),
    }
}
