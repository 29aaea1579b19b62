//! MARKOV and SHAPLEY over CHANNEL from the path rollups (`db::rollup::paths`): the
//! attributors learn from a few thousand (path, journeys) rows instead of streaming every
//! touchpoint of the range; the counts they reach are the streaming engine's exactly, so
//! are the credits.

use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;

use super::args::{AttributionSettings, DateRange, Dimension};
use super::context::ReportContext;
use super::credit::{attributors_for, finish_all, options_error};
use super::feed::Feed;
use super::period::{Bucket, bucket_of, instants};
use crate::db::rollup::paths::{PathValue, decode, decode_values};
use crate::db::rollup::read::{conversions_by_day, path_rows, value_path_rows};
use crate::error::{AppError, AppResult};
use crate::services::attribution::{AttributionResult, Attributor, Model};
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

/// The result of data-driven `model` over the values of `dimension` (not CHANNEL) in
/// `range`, learnt from `rollup_value_path`, with the feed that maps its engine ids back to
/// row keys.
pub(super) async fn attribute_values(
    db: &DatabaseConnection,
    ctx: &ReportContext,
    range: DateRange,
    model: Model,
    settings: &AttributionSettings,
    dimension: Dimension,
) -> AppResult<(Feed, AttributionResult)> {
    let (start, end) = instants(ctx.tz, range);
    let rows = value_path_rows(db, ctx.workspace_id, dimension, range.from, range.to).await?;
    let mut paths = Vec::with_capacity(rows.len());
    let mut texts = Vec::new();
    for row in rows {
        let values = decode_values(dimension, &row.path)
            .ok_or_else(|| AppError::Internal(format!("bad rollup path {:?}", row.path).into()))?;
        texts.extend(values.iter().filter_map(|v| match v {
            PathValue::Text(Some(t)) => Some(t.clone()),
            _ => None,
        }));
        paths.push((values, row));
    }
    let mut sorted = Feed::new(dimension, model, ctx.direct_channel).with_sorted_values(texts);
    let mut attributor = Attributor::new(
        model,
        settings.options(),
        sorted.direct_channel(),
        start,
        end,
    )
    .map_err(options_error)?;
    for (values, row) in paths {
        let ids: Vec<i64> = values.iter().map(|v| sorted.path_value(v)).collect();
        let (converting, non_converting) = (
            u64::try_from(row.converting).map_err(AppError::internal)?,
            u64::try_from(row.non_converting).map_err(AppError::internal)?,
        );
        attributor.add_paths(
            &ids,
            converting,
            non_converting,
            cents_to_decimal(row.revenue_cents),
        );
    }
    let result = finish_all(vec![attributor])
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal("no attribution result".into()))?;
    Ok((sorted, result))
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
