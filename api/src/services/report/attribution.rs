//! `attribution` and `attributionComparison`: credits per channel (and per campaign for
//! the rule-based models) of one or several models over one range, from one journey scan.

use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

use super::args::{AttributionArgs, AttributionSettings, ComparisonArgs, DateRange, Dimension};
use super::context::ReportContext;
use super::credit::{Via, attributors_for, finish_all};
use super::feed::Feed;
use super::labels::Labels;
use super::model_serde;
use super::period::instants;
use super::scan::{PAGE_SIZE, scan_leads};
use super::{rolled_credits, rolled_paths};
use crate::db::analytics::journeys::JourneyQuery;
use crate::error::AppResult;
use crate::services::attribution::{AttributionResult, Credit, Model};

/// Credited conversions and revenue, and the share of all conversions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLine {
    /// A channel id, or a campaign id (`None`: touches without a campaign).
    pub id: Option<i64>,
    pub label: String,
    pub conversions: Decimal,
    pub revenue: Decimal,
    /// conversions / all conversions; `None` when nothing converted.
    pub share: Option<Decimal>,
}

/// One model's credits over a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionReport {
    #[serde(with = "model_serde")]
    pub model: Model,
    pub range: DateRange,
    pub settings: AttributionSettings,
    pub journeys: u64,
    pub converting_journeys: u64,
    pub non_converting_journeys: u64,
    pub conversions: Decimal,
    pub revenue: Decimal,
    /// True when SHAPLEY was sampled (more channels than the exact limit).
    pub approximate: bool,
    /// Every channel on a journey of the range, by credited conversions (descending).
    pub channels: Vec<CreditLine>,
    /// Per campaign, for the rule-based models only.
    pub campaigns: Option<Vec<CreditLine>>,
}

/// Several models side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionComparison {
    #[serde(with = "model_serde::list")]
    pub models: Vec<Model>,
    pub range: DateRange,
    pub settings: AttributionSettings,
    pub journeys: u64,
    pub converting_journeys: u64,
    pub conversions: Decimal,
    pub revenue: Decimal,
    /// Per channel, by mean credited conversions (descending).
    pub channels: Vec<ChannelComparison>,
}

/// One channel's credit under each model, and the spread across the models.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelComparison {
    pub channel_id: i64,
    pub label: String,
    /// In the order of `AttributionComparison::models`.
    pub credits: Vec<CreditLine>,
    pub min_conversions: Decimal,
    pub max_conversions: Decimal,
    pub min_revenue: Decimal,
    pub max_revenue: Decimal,
}

/// Runs `models` over the journeys of `range` in one scan.
async fn run_models(
    db: &DatabaseConnection,
    ctx: &ReportContext,
    range: DateRange,
    models: &[Model],
    settings: &AttributionSettings,
    kinds: &[String],
) -> AppResult<Vec<AttributionResult>> {
    if rolled_paths::serves(ctx, models, settings, kinds) {
        return rolled_paths::attribute(db, ctx, range, models, settings).await;
    }
    // Rule-based models from the credit rollups, data-driven ones from the path rollups,
    // when the rollups hold every model asked; else one scan of the raw tables for all.
    let data_driven: Vec<Model> = models
        .iter()
        .copied()
        .filter(|m| !m.is_rule_based())
        .collect();
    let all_rolled = models
        .iter()
        .all(|&m| !m.is_rule_based() || rolled_credits::serves(ctx, m, settings, kinds))
        && (data_driven.is_empty() || rolled_paths::serves(ctx, &data_driven, settings, kinds));
    if all_rolled {
        let mut learnt = if data_driven.is_empty() {
            Vec::new()
        } else {
            rolled_paths::attribute(db, ctx, range, &data_driven, settings).await?
        }
        .into_iter();
        let mut results = Vec::with_capacity(models.len());
        for &m in models {
            let result = if m.is_rule_based() {
                rolled_credits::attribute(db, ctx, range, m).await?
            } else {
                learnt.next().ok_or_else(|| {
                    crate::error::AppError::Internal("no attribution result".into())
                })?
            };
            results.push(result);
        }
        return Ok(results);
    }
    let (start, end) = instants(ctx.tz, range);
    let mut attributors = attributors_for(ctx, range, models, settings)?;
    let query = JourneyQuery {
        workspace_id: ctx.workspace_id,
        from: range.from,
        to: range.to,
        start,
        end,
        lookback_days: settings.lookback_days,
        kinds: kinds.to_vec(),
        text_key: None,
        // Always: the report counts the journeys that did not convert, for every model.
        non_converting: true,
        page_size: PAGE_SIZE,
    };
    // CHANNEL: touches go to the engine as they are, whatever the model.
    let mut feed = Feed::new(Dimension::Channel, Model::FirstTouch, ctx.direct_channel);
    scan_leads(db, query, &mut feed, |lead, _| {
        attributors.iter_mut().for_each(|a| a.add_lead(lead));
    })
    .await?;
    finish_all(attributors).await
}

fn line(id: Option<i64>, label: String, credit: &Credit, result: &AttributionResult) -> CreditLine {
    CreditLine {
        id,
        label,
        conversions: credit.conversions,
        revenue: credit.revenue,
        share: result.conversion_share(credit).map(|d| d.normalize()),
    }
}

fn by_conversions_desc(lines: &mut [CreditLine]) {
    lines.sort_by(|a, b| (b.conversions, a.id).cmp(&(a.conversions, b.id)));
}

/// Credits of one model over a range (DESIGN §4).
#[tracing::instrument(skip_all, fields(workspace.id = workspace_id, report.kind = "attribution"))]
pub async fn attribution(
    db: &DatabaseConnection,
    workspace_id: i64,
    args: &AttributionArgs,
) -> AppResult<AttributionReport> {
    attribution_via(db, workspace_id, args, Via::Auto).await
}

/// [`attribution`], choosing where the journeys come from: the path rollups when they hold
/// the question (`Auto`), or always the raw tables (`Raw`, the oracle; benchmarks compare).
pub async fn attribution_via(
    db: &DatabaseConnection,
    workspace_id: i64,
    args: &AttributionArgs,
    via: Via,
) -> AppResult<AttributionReport> {
    let mut ctx = ReportContext::load(db, workspace_id).await?;
    ctx.rollups &= via == Via::Auto;
    let mut results = run_models(
        db,
        &ctx,
        args.range,
        &[args.model],
        &args.settings,
        &args.conversion_kinds,
    )
    .await?;
    let Some(result) = results.pop() else {
        return Err(crate::error::AppError::Internal(
            "no attribution result".into(),
        ));
    };
    let campaign_keys: Vec<super::key::RowKey> = result
        .by_campaign
        .iter()
        .flatten()
        .map(|(id, _)| super::key::RowKey::Campaign(*id))
        .collect();
    let labels = Labels::load(db, workspace_id, campaign_keys.iter()).await?;
    let mut channels: Vec<CreditLine> = result
        .by_channel
        .iter()
        .map(|(id, c)| line(Some(*id), labels.channel(*id), c, &result))
        .collect();
    by_conversions_desc(&mut channels);
    let campaigns = result.by_campaign.as_ref().map(|list| {
        let mut lines: Vec<CreditLine> = list
            .iter()
            .zip(&campaign_keys)
            .map(|((id, c), key)| line(*id, labels.label(key), c, &result))
            .collect();
        by_conversions_desc(&mut lines);
        lines
    });
    Ok(AttributionReport {
        model: args.model,
        range: args.range,
        settings: args.settings.clone(),
        journeys: result.journeys,
        converting_journeys: result.converting_journeys,
        non_converting_journeys: result.non_converting_journeys,
        conversions: result.total_conversions,
        revenue: result.total_revenue,
        approximate: result.approximate,
        channels,
        campaigns,
    })
}

/// Several models' channel credits side by side, with their spread.
#[tracing::instrument(skip_all, fields(workspace.id = workspace_id, report.kind = "attribution_comparison"))]
pub async fn attribution_comparison(
    db: &DatabaseConnection,
    workspace_id: i64,
    args: &ComparisonArgs,
) -> AppResult<AttributionComparison> {
    attribution_comparison_via(db, workspace_id, args, Via::Auto).await
}

/// [`attribution_comparison`], choosing where the journeys come from (see
/// [`attribution_via`]).
pub async fn attribution_comparison_via(
    db: &DatabaseConnection,
    workspace_id: i64,
    args: &ComparisonArgs,
    via: Via,
) -> AppResult<AttributionComparison> {
    let mut ctx = ReportContext::load(db, workspace_id).await?;
    ctx.rollups &= via == Via::Auto;
    let results = run_models(
        db,
        &ctx,
        args.range,
        &args.models,
        &args.settings,
        &args.conversion_kinds,
    )
    .await?;
    let labels = Labels::load(db, workspace_id, std::iter::empty()).await?;
    let mut ids: Vec<i64> = results
        .iter()
        .flat_map(|r| r.by_channel.iter().map(|(id, _)| *id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut channels: Vec<ChannelComparison> = ids
        .into_iter()
        .map(|id| {
            let credits: Vec<CreditLine> = results
                .iter()
                .map(|r| line(Some(id), labels.channel(id), &r.channel(id), r))
                .collect();
            let conv = credits.iter().map(|c| c.conversions);
            let rev = credits.iter().map(|c| c.revenue);
            ChannelComparison {
                channel_id: id,
                label: labels.channel(id),
                min_conversions: conv.clone().min().unwrap_or_default(),
                max_conversions: conv.max().unwrap_or_default(),
                min_revenue: rev.clone().min().unwrap_or_default(),
                max_revenue: rev.max().unwrap_or_default(),
                credits,
            }
        })
        .collect();
    let total = |c: &ChannelComparison| c.credits.iter().map(|l| l.conversions).sum::<Decimal>();
    channels.sort_by(|a, b| (total(b), a.channel_id).cmp(&(total(a), b.channel_id)));
    let first = results.first();
    Ok(AttributionComparison {
        models: args.models.clone(),
        range: args.range,
        settings: args.settings.clone(),
        journeys: first.map_or(0, |r| r.journeys),
        converting_journeys: first.map_or(0, |r| r.converting_journeys),
        conversions: first.map_or(Decimal::ZERO, |r| r.total_conversions),
        revenue: first.map_or(Decimal::ZERO, |r| r.total_revenue),
        channels,
    })
}
