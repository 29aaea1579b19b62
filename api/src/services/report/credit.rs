//! Conversions and revenue credited per row key and bucket, by any attribution model.
//!
//! FIRST_TOUCH, LAST_TOUCH and LAST_NON_DIRECT run as one SQL aggregate
//! (`db::analytics::credited`); every other model streams the journeys through the engine.
//! Rule-based models credit each conversion on its own, so a bucket's credits are those of
//! the bucket's conversions. MARKOV and SHAPLEY learn one set of shares from all journeys
//! of the range (a chain per day would be noise); each bucket's conversions and revenue are
//! split by those shares, so buckets still add up to the range.

use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;

use super::args::{DateRange, Dimension, PerformanceArgs};
use super::context::ReportContext;
use super::cube::Cube;
use super::feed::Feed;
use super::period::{bucket_of, instants};
use super::rolled_paths;
use super::scan::{PAGE_SIZE, scan_leads};
use crate::db::analytics::credited::{Pick, single_touch};
use crate::db::analytics::facts::FactQuery;
use crate::db::analytics::journeys::{JourneyQuery, distinct_values};
use crate::error::{AppError, AppResult};
use crate::services::attribution::{
    AttributionResult, Attributor, LeadHistory, Model, OptionsError,
};
use crate::services::cpu::run_cpu;
use crate::services::money::cents_to_decimal;

/// Where a report's numbers come from: the rollups when they hold the question, else the
/// fastest raw path (`Auto`); always the raw tables, SQL aggregates and the engine (`Raw`,
/// the oracle the rollups are tested against); or the raw tables with every credit from the
/// engine (`Engine`). Tests and benchmarks compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Auto,
    Raw,
    Engine,
}

/// Adds the credited conversions and revenue of `range` to `cube`.
pub(super) async fn add_credits(
    db: &DatabaseConnection,
    ctx: &ReportContext,
    args: &PerformanceArgs,
    range: DateRange,
    cube: &mut Cube,
    via: Via,
) -> AppResult<()> {
    let pick = match args.model {
        Model::FirstTouch => Some(Pick::First),
        Model::LastTouch => Some(Pick::Last),
        Model::LastNonDirect => Some(Pick::LastNonDirect(ctx.direct_channel)),
        _ => None,
    };
    match pick {
        Some(pick) if via != Via::Engine => {
            let q = FactQuery {
                workspace_id: ctx.workspace_id,
                from: range.from,
                to: range.to,
                dimension: args.dimension,
                by_day: args.granularity.is_some(),
                kinds: &args.filter.conversion_kinds,
            };
            let rows = single_touch(db, &q, pick, args.settings.lookback_days).await?;
            cube.add_facts(rows, |m, n, cents| {
                m.conversions += Decimal::from(n);
                m.revenue += cents_to_decimal(cents);
            });
            Ok(())
        }
        _ => engine_credits(db, ctx, args, range, cube, via).await,
    }
}

pub(super) fn options_error(e: OptionsError) -> AppError {
    AppError::bad_input(format!("options.{}", e.field()), e.to_string())
}

/// The most states (distinct channels or dimension values) MARKOV and SHAPLEY solve over in
/// one report: MARKOV's removal effects cost one dense solve per state (O(n⁴) in all), so
/// 800 UTM values would hold a core for seconds; above the limit the report is refused.
pub const MAX_DATA_DRIVEN_STATES: usize = 200;

/// One attributor per model over `range`, for the workspace of `ctx`.
pub(super) fn attributors_for(
    ctx: &ReportContext,
    range: DateRange,
    models: &[Model],
    settings: &super::args::AttributionSettings,
) -> AppResult<Vec<Attributor>> {
    let (start, end) = instants(ctx.tz, range);
    models
        .iter()
        .map(|&m| {
            Attributor::new(m, settings.options(), ctx.direct_channel, start, end)
                .map_err(options_error)
        })
        .collect()
}

/// Finishes attributors on the blocking pool (`services::cpu`), after checking that no
/// data-driven one has more states than [`MAX_DATA_DRIVEN_STATES`].
pub(super) async fn finish_all(attributors: Vec<Attributor>) -> AppResult<Vec<AttributionResult>> {
    if let Some(a) = attributors
        .iter()
        .find(|a| a.states() > MAX_DATA_DRIVEN_STATES)
    {
        return Err(AppError::bad_input(
            "attribution",
            format!(
                "{} over {} distinct values exceeds the limit of {MAX_DATA_DRIVEN_STATES} states; \
                 choose a coarser dimension, a shorter range or a rule-based model",
                a.model().name(),
                a.states()
            ),
        ));
    }
    run_cpu(move || attributors.into_iter().map(Attributor::finish).collect()).await
}

async fn engine_credits(
    db: &DatabaseConnection,
    ctx: &ReportContext,
    args: &PerformanceArgs,
    range: DateRange,
    cube: &mut Cube,
    via: Via,
) -> AppResult<()> {
    let (start, end) = instants(ctx.tz, range);
    let mut feed = Feed::new(args.dimension, args.model, ctx.direct_channel);
    let query = JourneyQuery {
        workspace_id: ctx.workspace_id,
        from: range.from,
        to: range.to,
        start,
        end,
        lookback_days: args.settings.lookback_days,
        kinds: args.filter.conversion_kinds.clone(),
        text_key: Some(args.dimension),
        non_converting: !args.model.is_rule_based(),
        page_size: PAGE_SIZE,
    };
    let new_attributor = |direct| {
        Attributor::new(args.model, args.settings.options(), direct, start, end)
            .map_err(options_error)
    };
    let buckets = cube.buckets.clone();
    if args.model.is_rule_based() {
        let direct = feed.direct_channel();
        let mut per_bucket = buckets
            .iter()
            .map(|_| new_attributor(direct))
            .collect::<AppResult<Vec<_>>>()?;
        scan_leads(db, query, &mut feed, |lead, days| {
            // Conversions come in time order, so their buckets never decrease: hand each
            // bucket's run of conversions to that bucket's attributor.
            let mut i = 0;
            while i < days.len() {
                let b = bucket_of(&buckets, days[i]);
                let run = days[i..]
                    .iter()
                    .take_while(|d| bucket_of(&buckets, **d) == b)
                    .count();
                if let Some(attributor) = b.and_then(|b| per_bucket.get_mut(b)) {
                    attributor.add_lead(&LeadHistory {
                        conversions: &lead.conversions[i..i + run],
                        ..*lead
                    });
                }
                i += run;
            }
        })
        .await?;
        for (b, result) in finish_all(per_bucket).await?.into_iter().enumerate() {
            for (key, conversions, revenue) in feed.credits(&result) {
                cube.add_credit(key, b, conversions, revenue);
            }
        }
        return Ok(());
    }
    let from_rollups = via == Via::Auto
        && rolled_paths::serves(
            ctx,
            &[args.model],
            &args.settings,
            &args.filter.conversion_kinds,
        );
    let (result, totals) = if from_rollups {
        let result = if args.dimension == Dimension::Channel {
            rolled_paths::attribute(db, ctx, range, &[args.model], &args.settings)
                .await?
                .pop()
                .ok_or_else(|| AppError::Internal("no attribution result".into()))?
        } else {
            let (sorted, result) = rolled_paths::attribute_values(
                db,
                ctx,
                range,
                args.model,
                &args.settings,
                args.dimension,
            )
            .await?;
            feed = sorted;
            result
        };
        let totals = if buckets.len() > 1 {
            rolled_paths::bucket_totals(db, ctx, range, &buckets).await?
        } else {
            Vec::new()
        };
        (result, totals)
    } else {
        if args.dimension.is_text() {
            // Engine ids in the values' sorted order, as the path rollups number them.
            let values = distinct_values(db, ctx.workspace_id, args.dimension).await?;
            feed = Feed::new(args.dimension, args.model, ctx.direct_channel)
                .with_sorted_values(values);
        }
        let mut attributor = new_attributor(feed.direct_channel())?;
        let mut totals = vec![(Decimal::ZERO, Decimal::ZERO); buckets.len()];
        scan_leads(db, query, &mut feed, |lead, days| {
            for (c, day) in lead.conversions.iter().zip(days) {
                // The engine counts conversions by instant; count the same ones here.
                if c.at < start || c.at >= end {
                    continue;
                }
                if let Some(t) = bucket_of(&buckets, *day).and_then(|b| totals.get_mut(b)) {
                    t.0 += Decimal::ONE;
                    t.1 += c.revenue;
                }
            }
            attributor.add_lead(lead);
        })
        .await?;
        let result = finish_all(vec![attributor])
            .await?
            .pop()
            .ok_or_else(|| AppError::Internal("no attribution result".into()))?;
        (result, totals)
    };
    let credits = feed.credits(&result);
    if buckets.len() == 1 {
        for (key, conversions, revenue) in credits {
            cube.add_credit(key, 0, conversions, revenue);
        }
        return Ok(());
    }
    let shares: Vec<Decimal> = credits
        .iter()
        .map(|(_, c, _)| c.checked_div(result.total_conversions).unwrap_or_default())
        .collect();
    for (b, (conversions, revenue)) in totals.into_iter().enumerate() {
        let parts = split_exact(conversions, &shares).into_iter();
        let revenue_parts = split_exact(revenue, &shares).into_iter();
        for ((key, _, _), (c, r)) in credits.iter().zip(parts.zip(revenue_parts)) {
            cube.add_credit(key.clone(), b, c, r);
        }
    }
    Ok(())
}

/// `total` split by `shares` (Σ ≈ 1); the largest share takes the remainder, so the parts
/// add up to `total` exactly. All zero when every share is zero.
fn split_exact(total: Decimal, shares: &[Decimal]) -> Vec<Decimal> {
    let largest = shares
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1))
        .map(|(i, _)| i);
    let mut parts: Vec<Decimal> = shares.iter().map(|s| total * s).collect();
    if let Some(i) = largest.filter(|&i| !shares[i].is_zero()) {
        let others: Decimal = parts
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, p)| *p)
            .sum();
        parts[i] = total - others;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_split_adds_up_to_the_total() {
        let third = Decimal::ONE / Decimal::from(3);
        let parts = split_exact(Decimal::from(10), &[third, third, third]);
        assert_eq!(parts.iter().copied().sum::<Decimal>(), Decimal::from(10));
        assert_eq!(
            split_exact(Decimal::from(7), &[Decimal::ZERO, Decimal::ZERO]),
            [Decimal::ZERO; 2]
        );
    }
}
