//! Arguments of `budgetSuggestions` in canonical form: validated, defaults filled, amounts
//! normalised (so `100` and `100.00` are the same request). `Hash` + `Serialize` of
//! [`PlanArgs`] is a sound cache key. Constraints keep the request's order, because error
//! fields name them by index (`constraints[2].minSpend`); a target named twice is refused.

use std::collections::HashSet;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::services::attribution::Model;
use crate::services::budget::{CurveKind, MAX_AMOUNT, format_money};
use crate::services::report::DateRange;
use crate::services::report::model_serde;

/// Default largest change of one channel, in percent of its current spend.
pub const DEFAULT_MAX_CHANGE_PCT: u32 = 30;
/// Largest accepted change cap, in percent.
pub const MAX_CHANGE_PCT: u32 = 1000;

/// What the plan splits the money between.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Level {
    /// Channels with spend.
    #[default]
    Channel,
    /// Campaigns with spend.
    Campaign,
}

/// The family of response curve fitted to each channel's weekly points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Curve {
    /// `revenue = a · spend^b`, `0 < b ≤ 1`.
    #[default]
    PowerLaw,
    /// `revenue = max · spend^k / (spend^k + h^k)`.
    Hill,
}

impl From<Curve> for CurveKind {
    fn from(c: Curve) -> Self {
        match c {
            Curve::PowerLaw => Self::PowerLaw,
            Curve::Hill => Self::Hill,
        }
    }
}

impl From<CurveKind> for Curve {
    fn from(c: CurveKind) -> Self {
        match c {
            CurveKind::PowerLaw => Self::PowerLaw,
            CurveKind::Hill => Self::Hill,
        }
    }
}

/// Limits on one channel (or campaign, at the CAMPAIGN level) over a period as long as the range.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Constraint {
    /// The channel id (CHANNEL level) or campaign id (CAMPAIGN level).
    pub id: i64,
    pub min_spend: Option<Decimal>,
    pub max_spend: Option<Decimal>,
    /// Keep the current spend whatever the curves say.
    pub locked: bool,
    /// Leave the target out of the plan: its spend is neither moved nor part of the default
    /// total.
    #[serde(default)]
    pub exclude: bool,
}

/// Arguments of `budgetSuggestions`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlanArgs {
    /// The range the curves are fitted on and whose spend is reallocated; the plan is for a
    /// period of the same length.
    pub range: DateRange,
    /// The money to split; `None` reallocates the current spend of the range.
    pub total_budget: Option<Decimal>,
    #[serde(with = "model_serde")]
    pub model: Model,
    pub constraints: Vec<Constraint>,
    /// Largest change of one channel, in percent of its current spend.
    pub max_change_pct: Decimal,
    pub level: Level,
    pub curve: Curve,
    /// Only conversions of these kinds count in the reports the plan builds on (canonical;
    /// all when empty).
    pub conversion_kinds: Vec<String>,
}

impl PlanArgs {
    /// Counts only conversions of `kinds` (the `conversionKinds` argument).
    pub fn with_conversion_kinds(mut self, kinds: Vec<String>) -> AppResult<Self> {
        self.conversion_kinds =
            crate::services::report::conversion_kinds(kinds, "conversionKinds")?;
        Ok(self)
    }

    /// Canonical arguments; `max_change_pct` defaults to [`DEFAULT_MAX_CHANGE_PCT`]. Errors
    /// name the GraphQL argument (`totalBudget`, `maxChangePct`, `constraints[1].maxSpend`).
    pub fn new(
        range: DateRange,
        total_budget: Option<Decimal>,
        model: Model,
        constraints: Vec<Constraint>,
        max_change_pct: Option<f64>,
        level: Level,
        curve: Curve,
    ) -> AppResult<Self> {
        let total_budget = total_budget.map(|t| amount("totalBudget", t)).transpose()?;
        let max_change_pct = match max_change_pct {
            None => Decimal::from(DEFAULT_MAX_CHANGE_PCT),
            Some(pct) => change_pct(pct)?,
        };
        let mut seen = HashSet::new();
        let constraints = constraints
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                if !seen.insert(c.id) {
                    return Err(AppError::bad_input(
                        format!("constraints[{i}].{}", level.id_field()),
                        "names a target that an earlier constraint already names",
                    ));
                }
                constraint(i, c)
            })
            .collect::<AppResult<Vec<_>>>()?;
        Ok(Self {
            range,
            total_budget,
            model,
            constraints,
            max_change_pct,
            level,
            curve,
            conversion_kinds: Vec::new(),
        })
    }
}

impl Level {
    /// The constraint field that names a target at this level.
    pub fn id_field(self) -> &'static str {
        match self {
            Level::Channel => "channelId",
            Level::Campaign => "campaignId",
        }
    }
}

fn constraint(index: usize, c: Constraint) -> AppResult<Constraint> {
    let field = |name: &str| format!("constraints[{index}].{name}");
    let min_spend = c
        .min_spend
        .map(|v| amount(&field("minSpend"), v))
        .transpose()?;
    let max_spend = c
        .max_spend
        .map(|v| amount(&field("maxSpend"), v))
        .transpose()?;
    if c.exclude && (min_spend.is_some() || max_spend.is_some() || c.locked) {
        return Err(AppError::bad_input(
            field("exclude"),
            "leaves the target out of the plan, so minSpend, maxSpend and locked cannot apply to it",
        ));
    }
    if let (Some(min), Some(max)) = (min_spend, max_spend)
        && min > max
    {
        return Err(AppError::bad_input(
            field("minSpend"),
            format!(
                "minimum {} is above the maximum {}",
                format_money(min),
                format_money(max)
            ),
        ));
    }
    Ok(Constraint {
        id: c.id,
        min_spend,
        max_spend,
        locked: c.locked,
        exclude: c.exclude,
    })
}

/// A non-negative whole number of cents up to the optimizer's limit, normalised.
fn amount(field: &str, value: Decimal) -> AppResult<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(AppError::bad_input(field, "must not be negative"));
    }
    if value > MAX_AMOUNT {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {}", format_money(MAX_AMOUNT)),
        ));
    }
    let normalized = value.normalize();
    if normalized.scale() > 2 {
        return Err(AppError::bad_input(
            field,
            "at most two decimal places (a whole number of cents)",
        ));
    }
    Ok(normalized)
}

fn change_pct(pct: f64) -> AppResult<Decimal> {
    let bad = || {
        AppError::bad_input(
            "maxChangePct",
            format!("must be between 0 and {MAX_CHANGE_PCT} (percent)"),
        )
    };
    if !(pct.is_finite() && (0.0..=f64::from(MAX_CHANGE_PCT)).contains(&pct)) {
        return Err(bad());
    }
    // Two decimals of a percent are plenty, and keep the cache key stable across float noise.
    Decimal::from_f64(pct)
        .map(|d| d.round_dp(2).normalize())
        .ok_or_else(bad)
}
