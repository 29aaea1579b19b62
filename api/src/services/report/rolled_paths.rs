//! MARKOV and SHAPLEY over CHANNEL from the path rollups (`db::rollup::paths`): the
//! attributors learn from a few thousand (path, journeys) rows instead of streaming every
//! touchpoint of the range; the counts they reach are the streaming engine's exactly, so
//! are the credits.

use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;

use super::args::{AttributionSettings, DateRange};
use super::context::ReportContext;
use super::credit::{attributors_for, finish_all};
use super::period::{Bucket, bucket_of};
use crate::db::rollup::paths::decode;
use crate::db::rollup::read::{conversions_by_day, path_rows};
use crate::error::{AppError, AppResult};
use crate::services::attribution::{AttributionResult, Model};
use crate::services::money::cents_to_decimal;

/// True when the path rollups hold this question: built rollups, data-driven models only,
/// default settings (90-day lookback), every conversion kind.
pub(super) fn serves(
    ctx: &ReportContext,
    models: &[Model],
    settings: &AttributionSettings,
    kinds: &[String],
) -> bool {
    ctx.rollups
        && !models.is_empty()
        && models.iter().all(|m| !m.is_rule_based())
        && *settings == AttributionSettings::default()
        && kinds.is_empty()
}

/// The results of `models` over `range`, learnt from the path rollups.
pub(super) async fn attribute(
    db: &DatabaseConnection,
    ctx: &ReportContext,
    range: DateRange,
    models: &[Model],
    settings: &AttributionSettings,
) -> AppResult<Vec<AttributionResult>> {
    let mut attributors = attributors_for(ctx, range, models, settings)?;
    for row in path_rows(db, ctx.workspace_id, range.from, range.to).await? {
        let channels = decode(&row.path)
            .ok_or_else(|| AppError::Internal(format!("bad rollup path {:?}", row.path).into()))?;
        let (converting, non_converting) = (
            u64::try_from(row.converting).map_err(AppError::internal)?,
            u64::try_from(row.non_converting).map_err(AppError::internal)?,
        );
        let revenue = cents_to_decimal(row.revenue_cents);
        for a in &mut attributors {
            a.add_paths(&channels, converting, non_converting, revenue);
        }
    }
    finish_all(attributors).await
}

/// Conversions and revenue of each bucket, from the path rollups.
pub(super) async fn bucket_totals(
    db: &DatabaseConnection,
    ctx: &ReportContext,
    range: DateRange,
    buckets: &[Bucket],
) -> AppResult<Vec<(Decimal, Decimal)>> {
    let mut totals = vec![(Decimal::ZERO, Decimal::ZERO); buckets.len()];
    for day in conversions_by_day(db, ctx.workspace_id, range.from, range.to).await? {
        if let Some(t) = bucket_of(buckets, day.day).and_then(|b| totals.get_mut(b)) {
            t.0 += Decimal::from(day.converting);
            t.1 += cents_to_decimal(day.revenue_cents);
        }
    }
    Ok(totals)
}
