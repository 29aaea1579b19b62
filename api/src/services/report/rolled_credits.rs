//! The rule-based models' `attribution` from the rollups: credits per channel and campaign
//! from `rollup_credit` (LINEAR, TIME_DECAY, POSITION_BASED) or `rollup_day` (single-touch),
//! the values the range's journeys touched from `rollup_credit.touches`, and the journey
//! counts from the path rollups. Equal to the streaming engine's result by construction
//! (the same journeys, credits on the same grid), which the oracle tests check.

use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;

use super::args::{AttributionSettings, DateRange, Dimension};
use super::context::ReportContext;
use crate::db::rollup::credits::columns;
use crate::db::rollup::read::{Credited, RuleColumns, ValueCredit, journey_totals, value_credits};
use crate::error::{AppError, AppResult};
use crate::services::attribution::{AttributionResult, CONVERSION_DP, Credit, Model, REVENUE_DP};
use crate::services::money::cents_to_decimal;

/// True when the credit rollups hold this model: built rollups, a rule-based model, default
/// settings (90-day lookback, 7-day half-life, 40/40 weights), every conversion kind.
pub(super) fn serves(
    ctx: &ReportContext,
    model: Model,
    settings: &AttributionSettings,
    kinds: &[String],
) -> bool {
    ctx.rollups
        && model.is_rule_based()
        && *settings == AttributionSettings::default()
        && kinds.is_empty()
}

fn stored(model: Model) -> AppResult<RuleColumns> {
    let single = |c| Ok(RuleColumns::SingleTouch(c));
    match model {
        Model::FirstTouch => single(Credited::FirstTouch),
        Model::LastTouch => single(Credited::LastTouch),
        Model::LastNonDirect => single(Credited::LastNonDirect),
        m => columns(m)
            .map(|(n, r)| RuleColumns::Fractional(n, r))
            .ok_or_else(|| AppError::Internal(format!("{m:?} has no credit rollup").into())),
    }
}

fn credit(columns: RuleColumns, row: &ValueCredit) -> Credit {
    match columns {
        RuleColumns::Fractional(..) => Credit {
            conversions: Decimal::new(row.n, CONVERSION_DP),
            revenue: Decimal::new(row.m, REVENUE_DP),
        },
        RuleColumns::SingleTouch(_) => Credit {
            conversions: Decimal::from(row.n),
            revenue: cents_to_decimal(row.m),
        },
    }
}

/// The result of rule-based `model` over `range`, from the rollups.
pub(super) async fn attribute(
    db: &DatabaseConnection,
    ctx: &ReportContext,
    range: DateRange,
    model: Model,
) -> AppResult<AttributionResult> {
    let columns = stored(model)?;
    let ws = ctx.workspace_id;
    let (channels, campaigns, totals) = tokio::try_join!(
        value_credits(db, ws, Dimension::Channel, range.from, range.to, columns),
        value_credits(db, ws, Dimension::Campaign, range.from, range.to, columns),
        journey_totals(db, ws, range.from, range.to),
    )?;
    let count = |n: Option<i64>| u64::try_from(n.unwrap_or(0)).map_err(AppError::internal);
    let converting = count(totals.converting)?;
    let non_converting = count(totals.non_converting)?;
    let revenue = cents_to_decimal(totals.revenue_cents.unwrap_or(0));
    let by_channel = channels
        .iter()
        .map(|row| (row.key_id, credit(columns, row)))
        .collect();
    // Campaign 0 is "no campaign", which sorts first as `None`.
    let by_campaign = campaigns
        .iter()
        .map(|row| {
            (
                (row.key_id != 0).then_some(row.key_id),
                credit(columns, row),
            )
        })
        .collect();
    Ok(AttributionResult {
        model,
        by_channel,
        by_campaign: Some(by_campaign),
        journeys: converting + non_converting,
        converting_journeys: converting,
        non_converting_journeys: non_converting,
        total_conversions: Decimal::from(converting),
        total_revenue: revenue,
        approximate: false,
    })
}
