//! Daily spend rows (with plausible clicks and impressions) and monthly budgets.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, TimeDelta};
use rand::Rng;

use super::plan::{Plan, Stream};
use super::profile::Response;

/// One campaign's spend on one day.
pub(super) struct SpendRow {
    pub campaign: usize,
    pub date: NaiveDate,
    pub amount_cents: i64,
    pub impressions: i64,
    pub clicks: i64,
}

/// Planned money of one campaign for one calendar month.
pub(super) struct BudgetRow {
    pub campaign: usize,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub planned_cents: i64,
}

/// Planned ÷ projected spend in the current month, by campaign in turn: below 1 the
/// campaign is over-paced (will overspend), above 1 under-paced.
const PACING: [f64; 5] = [0.78, 1.02, 1.32, 0.9, 1.18];

/// Every spend row of the demo, week by week, then campaign by campaign, then day by day.
pub(super) fn spend_rows(plan: &Plan) -> Vec<SpendRow> {
    let mut rows = Vec::new();
    for week in 0..plan.mondays.len() {
        for (i, campaign) in plan.campaigns.iter().enumerate() {
            let ch = campaign.channel;
            let profile = plan.channels[ch].profile;
            let mut rng = plan.rng(Stream::Jitter, week, i);
            // Bidding up the auction: cost per click rises with spend where returns diminish.
            let cpc_factor = match profile.response {
                Response::Curve { b, .. } if plan.spend_ratio[ch][week] > 0.0 => {
                    plan.spend_ratio[ch][week].powf(b - 1.0)
                }
                _ => 1.0,
            };
            for date in plan.week_days(week).filter(|d| plan.in_range(*d)) {
                let expected = plan.campaign_day_spend(i, week, date);
                let amount_cents = (expected * rng.random_range(0.92..1.08)).round() as i64;
                if amount_cents <= 0 {
                    continue;
                }
                let euros = amount_cents as f64 / 100.0;
                let (clicks, impressions) = if profile.kind == "EMAIL" {
                    // Impressions are emails sent at 2 per thousand; clicks follow the CTR.
                    let sent = euros / 0.002 * rng.random_range(0.95..1.05);
                    (sent * profile.ctr, sent)
                } else if profile.cpc > 0.0 {
                    let clicks = euros / profile.cpc / cpc_factor * rng.random_range(0.9..1.1);
                    (clicks, clicks / profile.ctr * rng.random_range(0.9..1.1))
                } else {
                    (0.0, 0.0)
                };
                rows.push(SpendRow {
                    campaign: i,
                    date,
                    amount_cents,
                    impressions: impressions.round() as i64,
                    clicks: clicks.round() as i64,
                });
            }
        }
    }
    rows
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d - TimeDelta::days(i64::from(d.day0()))
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = first_of_month(d);
    let next = first_of_month(first + TimeDelta::days(31));
    next - TimeDelta::days(1)
}

/// One budget per campaign and month it spent in. Past months are planned close to what
/// was spent; the first, partial month is planned on its run rate; the current month is
/// planned at `PACING` × the projected spend at the current run rate.
pub(super) fn budgets(plan: &Plan, spend: &[SpendRow]) -> Vec<BudgetRow> {
    // (month, campaign) → (Σ cents, days with spend, spent today)
    let mut months: BTreeMap<(NaiveDate, usize), (i64, i64, bool)> = BTreeMap::new();
    for row in spend {
        let entry = months
            .entry((first_of_month(row.date), row.campaign))
            .or_default();
        entry.0 += row.amount_cents;
        entry.1 += 1;
        entry.2 |= row.date == plan.today;
    }
    let mut rng = plan.rng(Stream::Budget, 0, 0);
    let current = first_of_month(plan.today);
    months
        .into_iter()
        .map(|((month, campaign), (sum, days, today))| {
            let period_end = last_of_month(month);
            let month_days = (period_end - month).num_days() + 1;
            let run_rate = sum as f64 / days as f64 * month_days as f64;
            let planned = if month == current && today {
                run_rate * PACING[campaign % PACING.len()]
            } else if month < plan.start && plan.campaigns[campaign].spec.window.is_none() {
                run_rate * rng.random_range(0.93..1.08)
            } else {
                sum as f64 * rng.random_range(0.93..1.08)
            };
            // Whole hundreds of the currency, as people plan.
            let planned_cents = ((planned / 10_000.0).round() as i64).max(1) * 10_000;
            BudgetRow {
                campaign,
                period_start: month,
                period_end,
                planned_cents,
            }
        })
        .collect()
}
