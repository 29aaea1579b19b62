//! `performance`: leads, conversions, revenue, spend and their ratios per dimension value,
//! with totals, an optional time series and an optional comparison period (DESIGN §3).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

use super::args::{AttributionSettings, DateRange, PerformanceArgs, ReportFilter};
use super::context::ReportContext;
use super::credit::{Via, add_credits};
use super::cube::Cube;
use super::key::RowKey;
use super::labels::Labels;
use super::metrics::Metrics;
use super::period::buckets;
use crate::db::analytics::facts::{self, FactQuery};
use crate::db::rollup::{self, read::Credited, read::PeriodFacts};
use crate::error::{AppError, AppResult};
use crate::services::attribution::{CONVERSION_DP, Model, REVENUE_DP};
use crate::services::money::cents_to_decimal;

/// A performance report, ready to serve or to cache as is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PerformanceReport {
    pub args: PerformanceArgs,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// Rows by revenue, then leads (both descending), then key.
    pub rows: Vec<PerformanceRow>,
    /// Σ rows.
    pub totals: Metrics,
    /// Σ rows of the comparison period, when there is one.
    pub previous_totals: Option<Metrics>,
    /// One bucket per DAY / WEEK / MONTH of the range, when a granularity is asked.
    pub series: Option<Vec<SeriesBucket>>,
    /// The same for the comparison period.
    pub previous_series: Option<Vec<SeriesBucket>>,
    /// How many rows there were before `first` kept some ([`super::order`]); `None`: `rows`
    /// holds them all.
    #[serde(default)]
    pub row_count: Option<usize>,
}

/// One dimension value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PerformanceRow {
    pub key: RowKey,
    pub label: String,
    /// The row's channel: the channel itself, or the campaign's channel.
    pub channel_id: Option<i64>,
    pub metrics: Metrics,
    /// The comparison period's metrics (zeros when the value had none there).
    pub previous: Option<Metrics>,
}

/// One bucket of a time series: every row of the report (zeros where nothing happened).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesBucket {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Σ rows of the bucket.
    pub totals: Metrics,
    /// In the order of the report's rows.
    pub rows: Vec<SeriesRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesRow {
    pub key: RowKey,
    pub metrics: Metrics,
}

/// The most cells (rows × buckets) a time series may hold: a UTM dimension with thousands
/// of values by day would otherwise answer megabytes nobody can chart.
pub const MAX_SERIES_CELLS: usize = 50_000;

/// The performance report of `args` for the workspace.
#[tracing::instrument(skip_all, fields(workspace.id = workspace_id, report.kind = "performance"))]
pub async fn performance(
    db: &DatabaseConnection,
    workspace_id: i64,
    args: &PerformanceArgs,
) -> AppResult<PerformanceReport> {
    performance_via(db, workspace_id, args, Via::Auto).await
}

/// [`performance`], choosing how conversions are credited (tests compare SQL and engine).
pub async fn performance_via(
    db: &DatabaseConnection,
    workspace_id: i64,
    args: &PerformanceArgs,
    via: Via,
) -> AppResult<PerformanceReport> {
    let ctx = ReportContext::load(db, workspace_id).await?;
    let current = period_cube(db, &ctx, args, args.range, via).await?;
    let previous = match args.compare_to {
        Some(range) => Some(period_cube(db, &ctx, args, range, via).await?),
        None => None,
    };
    let all_keys: BTreeSet<RowKey> = current
        .cells
        .keys()
        .chain(previous.iter().flat_map(|p| p.cells.keys()))
        .cloned()
        .collect();
    let labels = Labels::load(db, workspace_id, all_keys.iter()).await?;
    let zero = Metrics::zero(args.dimension.carries_spend());
    let current_sums = current.row_sums();
    let previous_sums = previous.as_ref().map(Cube::row_sums);
    let sum_of = |sums: &BTreeMap<RowKey, Metrics>, key: &RowKey| {
        sums.get(key).cloned().unwrap_or_else(|| zero.clone())
    };
    let mut rows: Vec<PerformanceRow> = all_keys
        .into_iter()
        .filter(|key| keeps(&args.filter, &labels, key))
        .map(|key| PerformanceRow {
            label: labels.label(&key),
            channel_id: labels.channel_of(&key),
            metrics: sum_of(&current_sums, &key),
            previous: previous_sums.as_ref().map(|p| sum_of(p, &key)),
            key,
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.metrics.revenue, b.metrics.leads, &a.key).cmp(&(
            a.metrics.revenue,
            a.metrics.leads,
            &b.key,
        ))
    });
    let keys: Vec<&RowKey> = rows.iter().map(|r| &r.key).collect();
    let totals = sum(&zero, rows.iter().map(|r| &r.metrics));
    let previous_totals = previous
        .is_some()
        .then(|| sum(&zero, rows.iter().filter_map(|r| r.previous.as_ref())));
    let with_series = args.granularity.is_some();
    let cells = rows.len() * current.buckets.len();
    if with_series && cells > MAX_SERIES_CELLS {
        return Err(AppError::bad_input(
            "granularity",
            format!(
                "a series of {} rows × {} buckets = {cells} cells exceeds the limit of \
                 {MAX_SERIES_CELLS}; choose a coarser granularity, a shorter range or a filter",
                rows.len(),
                current.buckets.len()
            ),
        ));
    }
    let series = with_series.then(|| series_of(&current, &keys, &zero));
    let previous_series = previous
        .as_ref()
        .filter(|_| with_series)
        .map(|p| series_of(p, &keys, &zero));
    Ok(PerformanceReport {
        args: args.clone(),
        currency: ctx.currency,
        rows,
        totals,
        previous_totals,
        series,
        previous_series,
        row_count: None,
    })
}

/// Every metric of one period, per key and bucket: from the rollups when they hold the
/// question, else four raw aggregates run concurrently.
async fn period_cube(
    db: &DatabaseConnection,
    ctx: &ReportContext,
    args: &PerformanceArgs,
    range: DateRange,
    via: Via,
) -> AppResult<Cube> {
    let mut cube = Cube::new(args.dimension, buckets(range, args.granularity));
    let q = FactQuery {
        workspace_id: ctx.workspace_id,
        from: range.from,
        to: range.to,
        dimension: args.dimension,
        by_day: args.granularity.is_some(),
        kinds: &args.filter.conversion_kinds,
    };
    // Leads, customers and spend do not depend on the model: the rollups answer them for
    // every model; the credits too for the single-touch models (`rollup_model`), else the
    // path rollups or the raw tables do (`add_credits`).
    let facts_from_rollups =
        via == Via::Auto && ctx.rollups && args.filter.conversion_kinds.is_empty();
    let facts = if facts_from_rollups {
        let credited = rollup_model(ctx, args);
        let mut facts =
            rollup::read::period_facts(db, &q, credited.unwrap_or(Credited::FirstTouch)).await?;
        let credits = std::mem::take(&mut facts.credits);
        if credited.is_some() {
            cube.add_facts(credits, |m, n, cents| {
                m.conversions += Decimal::from(n);
                m.revenue += cents_to_decimal(cents);
            });
        } else if let Some(columns) = rollup_fractional(ctx, args) {
            let credits = rollup::read::fractional_credits(db, &q, columns).await?;
            cube.add_facts(credits, |m, n, r| {
                m.conversions += Decimal::new(n, CONVERSION_DP);
                m.revenue += Decimal::new(r, REVENUE_DP);
            });
        } else {
            add_credits(db, ctx, args, range, &mut cube, via).await?;
        }
        facts
    } else {
        let (leads, new_customers, spend, ()) = tokio::try_join!(
            facts::leads(db, &q),
            facts::new_customers(db, &q),
            facts::spend(db, &q),
            add_credits(db, ctx, args, range, &mut cube, via),
        )?;
        PeriodFacts {
            leads,
            new_customers,
            spend,
            credits: Vec::new(),
        }
    };
    cube.add_facts(facts.leads, |m, leads, converted| {
        m.leads += leads;
        m.converted_leads += converted;
    });
    cube.add_facts(facts.new_customers, |m, n, _| m.new_customers += n);
    if let Some(spend) = facts.spend {
        cube.add_facts(spend, |m, cents, _| {
            m.spend = Some(m.spend.unwrap_or(Decimal::ZERO) + cents_to_decimal(cents));
        });
    }
    Ok(cube)
}

/// The rollup credits that answer `args`, if the rollups hold the question: built rollups,
/// a single-touch model at the rollups' lookback, every conversion kind.
fn rollup_model(ctx: &ReportContext, args: &PerformanceArgs) -> Option<Credited> {
    let model = match args.model {
        Model::FirstTouch => Credited::FirstTouch,
        Model::LastTouch => Credited::LastTouch,
        Model::LastNonDirect => Credited::LastNonDirect,
        _ => return None,
    };
    (ctx.rollups
        && args.settings.lookback_days == rollup::LOOKBACK_DAYS
        && args.filter.conversion_kinds.is_empty())
    .then_some(model)
}

/// The `rollup_credit` columns that answer `args`, if the rollups hold the question: built
/// rollups, LINEAR, TIME_DECAY or POSITION_BASED at the default settings, every kind.
fn rollup_fractional(
    ctx: &ReportContext,
    args: &PerformanceArgs,
) -> Option<(&'static str, &'static str)> {
    (ctx.rollups
        && args.settings == AttributionSettings::default()
        && args.filter.conversion_kinds.is_empty())
    .then(|| rollup::credits::columns(args.model))
    .flatten()
}

/// True when the filter keeps the row of `key`.
fn keeps(filter: &ReportFilter, labels: &Labels, key: &RowKey) -> bool {
    let in_list = |list: &[i64], id: Option<i64>| {
        list.is_empty() || id.is_some_and(|id| list.binary_search(&id).is_ok())
    };
    in_list(&filter.channel_ids, labels.channel_of(key))
        && in_list(&filter.campaign_ids, key.campaign_id())
}

fn sum<'a>(zero: &Metrics, items: impl Iterator<Item = &'a Metrics>) -> Metrics {
    let mut total = zero.clone();
    items.for_each(|m| total += m);
    total
}

fn series_of(cube: &Cube, keys: &[&RowKey], zero: &Metrics) -> Vec<SeriesBucket> {
    cube.buckets
        .iter()
        .enumerate()
        .map(|(b, bucket)| {
            let rows: Vec<SeriesRow> = keys
                .iter()
                .map(|&key| SeriesRow {
                    key: key.clone(),
                    metrics: cube
                        .cells
                        .get(key)
                        .and_then(|cells| cells.get(b))
                        .cloned()
                        .unwrap_or_else(|| zero.clone()),
                })
                .collect();
            SeriesBucket {
                from: bucket.from,
                to: bucket.to,
                totals: sum(zero, rows.iter().map(|r| &r.metrics)),
                rows,
            }
        })
        .collect()
}
