//! Deterministic, realistic demo data: 30 campaigns, 12 months of daily spend ending
//! `today`, monthly budgets, leads with multi-touch journeys and UTM tags, and conversions
//! with revenue, for a workspace whose default channels already exist.
//!
//! Same `today`, channel set and scale ⇒ the same rows (one seed, `plan::SEED`, and
//! independent ChaCha8 streams per week and channel). Ids come from the database, so two
//! runs on fresh databases produce identical tables; another backend differs only in ids
//! if it numbers differently.
//!
//! # Planted structure (README and tests rely on it)
//! Money is integer cents; the "year" is `today − 12 months + 1 day ..= today`, in ISO
//! weeks (Monday first, local dates in the workspace time zone).
//!
//! * **Weekly response.** For each paid channel, weekly spend is
//!   `S_w = S_ref · ramp(t) · u_w` (times the campaign mix, weekday and holiday shape) and
//!   the week's leads *and* first-touch revenue are `∝ S_w^b` (revenue with ±4% noise).
//!   Purchases land in the same ISO week as their lead (lag 1 h – 5 days), so a log-log
//!   fit of weekly revenue (by `occurred_on`) on weekly spend recovers `b`.
//!
//! | kind | b | spend ramp over the year | weekly swing | ROAS at today's spend |
//! |---|---|---|---|---|
//! | PAID_SEARCH | **0.35** (diminishing) | 0.55 → 1 | ±40% | ≈ 2.6 (solid) |
//! | PAID_SOCIAL | **0.35** (diminishing) | 0.60 → 1 | ±40% | ≈ 1.7 |
//! | DISPLAY | 0.7 | 0.9 → 1 | ±20% | ≈ 0.45 (loses money) |
//! | PAID_VIDEO | **0.85** (under-invested) | flat, small | ±35% | ≈ 4.0; marginal ≈ 3.4 |
//! | AFFILIATES | 0.7 | 0.8 → 1 | ±20% | ≈ 2.4 |
//! | EVENTS | 0.6 | trade-show bursts (×4 for two weeks, three times) | ±20% | ≈ 1 |
//! | EMAIL | – (leads follow list growth) | tooling cost only | ±5% | ≈ 25 |
//!
//! Marginal ROAS = b · ROAS: about 0.9 for search and 0.6 for social against 3.4 for
//! video, so an optimizer equalising marginal ROI moves money from search and social
//! (and display) to video. ORGANIC_SEARCH, DIRECT, REFERRAL, ORGANIC_SOCIAL and
//! AI_ASSISTANT have no spend (ROI null) and bring about 40% of leads with high purchase
//! rates; AI_ASSISTANT grows about 6× over the year, organic search about 40%.
//!
//! Measured on `small` (today = 2026-11-27), first touch, purchases by `occurred_on`,
//! 51 full weeks: ROI (revenue − spend) / spend: EMAIL 20.9, PAID_VIDEO 2.96,
//! PAID_SEARCH 1.86, AFFILIATES 1.50, PAID_SOCIAL 0.90, EVENTS 0.29, DISPLAY −0.55;
//! log-log b (R²): PAID_SEARCH 0.36 (0.95), PAID_SOCIAL 0.35 (0.96), PAID_VIDEO 0.83
//! (0.99), DISPLAY 0.66, AFFILIATES 0.69; over the last 13 weeks only: 0.29, 0.39, 0.83.
//! The noise is on revenue, not on lead counts, so every scale fits as well.
//!
//! * **Leads**: weekday-heavy weeks, business-hours times, holiday dips (22 Dec – 1 Jan,
//!   August). Each has 1–6 touchpoints (mean ≈ 4, buyers one more): the first is the lead's
//!   source (same channel, campaign, UTM tags, referrer, landing page with UTM query);
//!   later touches are email nurture, direct returns, organic search, brand search,
//!   retargeting, referral and AI assistants. A buyer's touches all precede the purchase.
//! * **Conversions**: `signup` (minutes after the lead), `opportunity`, `purchase` (the
//!   only kind with revenue). Buyers are CUSTOMER; opportunities become QUALIFIED or, when
//!   older than 30 days, often LOST; some old leads without one are LOST.
//! * **Budgets**: one per campaign and month; in the current month campaigns are planned
//!   at 0.78, 1.02, 1.32, 0.9, 1.18 (in turn) × the projected spend: some over-, some
//!   under-paced.
//! * Events of `today` fill the whole local day (some may lie later than "now").
//!
//! Scales: small ≈ 3,000 leads, medium ≈ 100,000, large ≈ 1,000,000 (≈ 4M touchpoints).
//! Everything is written in one transaction: a failed run leaves nothing behind.

mod calendar;
mod catalog;
mod journey;
mod people;
mod plan;
mod profile;
mod progress;
mod source;
mod spend;
mod summary;
mod write;
mod writer;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};

pub use summary::{DemoSummary, ParseScaleError};

/// How much demo data to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// ≈ 3,000 leads: seconds on SQLite; what tests and `serve --demo` use.
    Small,
    /// ≈ 100,000 leads.
    Medium,
    /// ≈ 1,000,000 leads and ≈ 4,000,000 touchpoints, for benchmarks.
    Large,
}

/// Writes the demo data set into `workspace_id`, whose channels are given as
/// channel group kind → channel id (kinds not in the map are skipped). The workspace
/// should hold no demo data yet: lead and conversion external ids (`demo-0000001`, …)
/// and campaign slugs are unique per workspace.
pub async fn write_demo(
    db: &DatabaseConnection,
    workspace_id: i64,
    timezone: chrono_tz::Tz,
    channels: &HashMap<String, i64>,
    scale: Scale,
    today: NaiveDate,
    show_progress: bool,
) -> Result<DemoSummary, DbErr> {
    let started = Instant::now();
    let plan = plan::Plan::new(today, timezone, channels, scale);
    let progress = progress::Progress::new(show_progress, plan.mondays.len() as u64);
    progress.message("campaigns, spend and budgets".to_owned());
    let mut sum = DemoSummary {
        channels: plan.channels.len(),
        campaigns: 0,
        spend_rows: 0,
        budgets: 0,
        leads: 0,
        touchpoints: 0,
        conversions: 0,
        revenue_cents: 0,
        spend_cents: 0,
        elapsed: Duration::ZERO,
    };
    let txn = db.begin().await?;
    let campaign_ids = write::insert_campaigns(&txn, workspace_id, &plan).await?;
    sum.campaigns = campaign_ids.len() as u64;
    let spend = spend::spend_rows(&plan);
    sum.spend_cents = spend.iter().map(|r| r.amount_cents).sum();
    sum.spend_rows = write::insert_spend(&txn, workspace_id, &plan, &campaign_ids, &spend).await?;
    let budgets = spend::budgets(&plan, &spend);
    sum.budgets = write::insert_budgets(&txn, workspace_id, &plan, &campaign_ids, &budgets).await?;
    drop((spend, budgets));
    let mut writer = writer::LeadWriter::new(
        db.get_database_backend(),
        workspace_id,
        &plan,
        &campaign_ids,
    );
    for week in 0..plan.mondays.len() {
        writer
            .push(&txn, journey::week_leads(&plan, week), &mut sum)
            .await?;
        progress.week_done(sum.leads);
    }
    writer.finish(&txn, &mut sum).await?;
    // The rows went in by bulk statements of their own: the rollups are rebuilt from them in
    // the same transaction (which bumps the generation, so no cached report outlives it).
    progress.message("rollups".to_owned());
    crate::services::rollup::rebuild_in(&txn, workspace_id)
        .await
        .map_err(|e| match e {
            crate::error::AppError::Database(db) => db,
            other => DbErr::Custom(other.to_string()),
        })?;
    txn.commit().await?;
    progress.finish();
    sum.elapsed = started.elapsed();
    Ok(sum)
}

#[cfg(test)]
mod tests;
