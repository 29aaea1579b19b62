//! Budget reallocation suggestions (DESIGN §5, `budgetSuggestions`): where should the next
//! period's money go?
//!
//! 1. Two performance reports over the range (`services::report`): FIRST_TOUCH by week, and the
//!    chosen attribution model over the whole range (skipped when it is FIRST_TOUCH).
//! 2. The rows that take part, **every channel (or campaign) with spend in the range** unless
//!    the caller excludes it, and one (spend, attributed revenue) point per full week ([`weekly`] says why
//!    the weekly shape is the sourced revenue and the level the model's credit).
//! 3. A power-law (default) or Hill curve per row (`services::budget`), then the optimizer:
//!    marginal ROI equalised under the constraints and the change cap, whole cents adding up to
//!    the total budget exactly.
//! 4. The answer per row and in total ([`BudgetPlan`]), with the profit-maximising total
//!    beside the requested one ([`ProfitMaximizing`]).
//!
//! The plan is for a period as long as the range: a channel that spent 30,000.00 over the
//! 13 weeks of the range is planned for the next 13 weeks. `totalBudget` defaults to the
//! current spend (pure reallocation).

mod answer;
mod args;
mod request;
mod service;
mod weekly;

#[cfg(test)]
mod tests;

pub use self::answer::{
    BudgetPlan, BudgetSuggestion, CurveSample, Fit, PlanBound, PlanPoint, PlannedSpend,
    ProfitMaximizing,
};
pub use self::args::{Constraint, Curve, DEFAULT_MAX_CHANGE_PCT, Level, MAX_CHANGE_PCT, PlanArgs};
pub use self::service::budget_suggestions;
