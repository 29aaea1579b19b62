//! Budget reallocation (DESIGN §5): fit diminishing-returns response curves to weekly
//! (spend, attributed revenue) points, then split a total budget so that marginal ROI is equal
//! across every channel that is not held by a bound. Pure logic: no I/O, no async, no GraphQL.
//!
//! Conventions the callers rely on:
//! - **Curves are weekly.** A fit maps weekly spend `s` to weekly revenue `f(s)`. A channel that
//!   spends `S` over a range of `w` weeks is expected to earn `w · f(S / w)` over that range.
//! - **ROI** is `(revenue − spend) / spend` as in DESIGN §3. **Marginal ROI** is the revenue of one
//!   extra unit of spend minus that unit: `f'(s) − 1`. `CurveFit::marginal_at` returns the raw
//!   derivative `f'(s)` (marginal ROAS); every `*_roi` field and every reason line subtracts 1.
//! - **Modelled, not observed.** `current_roi` and the expected revenues come from the fitted
//!   curve, so the lift compares like with like; channels without a curve add nothing to the
//!   revenue totals.
//! - **Fixed channels.** Locked channels keep their current spend; a channel whose fit was rejected
//!   keeps its current spend clamped into its own `[min, max]`. Both count against the total.
//! - **Bounds of a free channel:** `[max(min, current·(1−cap)), min(max, current·(1+cap))]`. An
//!   explicit min/max beats the relative change cap when the two conflict. A channel with no
//!   current spend has no relative cap: it may grow only up to an explicit `max_spend` (else 0).
//! - **Exact money.** Kept spends are rounded to cents, free bounds are rounded inward to cents,
//!   and the continuous optimum is rounded by largest remainder so that the suggestions add up
//!   to the total budget exactly. The total budget must therefore be a whole number of cents.

mod constraint;
mod curve;
mod equalize;
mod feasibility;
mod fit;
mod hill;
mod money;
mod optimizer;
mod plan;
mod profit;
mod reason;
mod rounding;

#[cfg(test)]
mod tests;

pub use curve::{CurveFit, CurveKind, FitRejection, WeeklyPoint};
pub use fit::{MAX_EXPONENT, MIN_EXPONENT, MIN_POINTS, fit_power_law};
pub use hill::fit_hill;
pub use money::format_money;
pub use optimizer::plan_budget;
pub use plan::{Bound, ChannelInput, MAX_AMOUNT, Plan, PlanError, PlanRequest, Suggestion};
pub use profit::profit_maximizing_total;
