//! One week of leads: when they arrive, where from, the touches of their journey, and
//! what they buy. Buyers are drawn per channel and week so that the week's revenue follows
//! the channel's response curve exactly (up to ±4% noise), even at the small scale.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use rand::Rng;
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;

use super::calendar::to_utc;
use super::people::{Person, person};
use super::plan::{Plan, Stream};
use super::profile::{LEADS_BY_HOUR, TOUCHES};
use super::source::{Fields, campaign_touch, organic_touch, pick_weighted};

/// One touch of a journey; a lead's first touch is its source.
pub(super) struct Touch {
    pub at: DateTime<Utc>,
    pub channel: usize,
    pub campaign: Option<usize>,
    pub fields: Fields,
}

pub(super) struct Conversion {
    pub at: DateTime<Utc>,
    pub kind: &'static str,
    pub revenue_cents: i64,
}

pub(super) struct Lead {
    pub person: Person,
    pub status: &'static str,
    /// Never empty; ordered by time; the first is the source, at the lead's creation.
    pub touches: Vec<Touch>,
    /// Ordered by time, all after the lead's creation.
    pub conversions: Vec<Conversion>,
}

impl Lead {
    pub fn source(&self) -> &Touch {
        &self.touches[0]
    }

    pub fn updated_at(&self) -> DateTime<Utc> {
        self.conversions.last().map_or(self.source().at, |c| c.at)
    }
}

/// Every lead created in week `week` (inside the demo range), ordered by creation time.
pub(super) fn week_leads(plan: &Plan, week: usize) -> Vec<Lead> {
    let mut leads = Vec::new();
    for channel in 0..plan.channels.len() {
        channel_week(plan, week, channel, &mut leads);
    }
    // Stable: simultaneous leads keep the channel order.
    leads.sort_by_key(|l| l.source().at);
    leads
}

/// A campaign of `channel` for a lead on `day`, by spend share × efficiency.
fn pick_campaign(
    plan: &Plan,
    rng: &mut ChaCha8Rng,
    channel: usize,
    day: NaiveDate,
) -> Option<usize> {
    let running: Vec<usize> = plan.channels[channel]
        .campaigns
        .iter()
        .copied()
        .filter(|&i| plan.spends_on(i, day))
        .collect();
    if running.is_empty() {
        return None;
    }
    let spec = |i: usize| plan.campaigns[i].spec;
    let at = pick_weighted(
        rng,
        running.iter().map(|&i| spec(i).weight * spec(i).efficiency),
    );
    Some(running[at])
}

fn channel_week(plan: &Plan, week: usize, channel: usize, out: &mut Vec<Lead>) {
    let expected = plan.leads[channel][week];
    if expected <= 0.0 {
        return;
    }
    let mut rng = plan.rng(Stream::Leads, week, channel);
    let days: Vec<NaiveDate> = plan.week_days(week).filter(|d| plan.in_range(*d)).collect();
    let total: f64 = days.iter().map(|&d| Plan::lead_day_weight(d)).sum();
    // Systematic rounding: the week's count is within 1 of its expectation.
    let offset: f64 = rng.random();
    let mut cumulative = 0.0;
    let mut drafts: Vec<(DateTime<Utc>, Option<usize>)> = Vec::new();
    for &day in &days {
        let before = (offset + cumulative).floor();
        cumulative += expected * Plan::lead_day_weight(day) / total;
        let count = ((offset + cumulative).floor() - before) as usize;
        for _ in 0..count {
            let hour = pick_weighted(&mut rng, LEADS_BY_HOUR.iter().copied()) as i64;
            let second = hour * 3600 + rng.random_range(0..3600);
            let at = to_utc(
                plan.tz,
                day.and_time(NaiveTime::MIN) + TimeDelta::seconds(second),
            );
            drafts.push((at, pick_campaign(plan, &mut rng, channel, day)));
        }
    }
    drafts.sort_by_key(|d| d.0);
    let purchases = draw_purchases(plan, &mut rng, week, channel, &drafts);
    for ((at, campaign), purchase) in drafts.into_iter().zip(purchases) {
        out.push(build_lead(plan, &mut rng, channel, at, campaign, purchase));
    }
}

/// Picks the week's buyers and splits the week's revenue between them. A purchase lands
/// in the same ISO week as its lead, so weekly revenue tracks weekly spend.
fn draw_purchases(
    plan: &Plan,
    rng: &mut ChaCha8Rng,
    week: usize,
    channel: usize,
    drafts: &[(DateTime<Utc>, Option<usize>)],
) -> Vec<Option<(DateTime<Utc>, i64)>> {
    let n = drafts.len();
    let mut purchases = vec![None; n];
    if n == 0 {
        return purchases;
    }
    let profile = plan.channels[channel].profile;
    let revenue =
        plan.leads[channel][week] * profile.revenue_per_lead_cents() * rng.random_range(0.96..1.04);
    let buyers = ((n as f64 * profile.purchase_rate).round() as usize).clamp(1, n);
    let min_window = TimeDelta::hours(3);
    let today_end = plan.end_of(plan.today);
    let week_end = plan.end_of((plan.mondays[week] + TimeDelta::days(6)).min(plan.today));
    let eligible = |limit: DateTime<Utc>| -> Vec<usize> {
        (0..n)
            .filter(|&i| limit - drafts[i].0 >= min_window)
            .collect()
    };
    let (mut pool, mut limit) = (eligible(week_end), week_end);
    if pool.is_empty() {
        // Only late-Sunday leads this week: let the purchase spill into the next one.
        (pool, limit) = (eligible(today_end), today_end);
    }
    if pool.is_empty() {
        return purchases;
    }
    let chosen: Vec<usize> = sample(rng, pool.len(), buyers.min(pool.len()))
        .into_iter()
        .map(|i| pool[i])
        .collect();
    let shares: Vec<f64> = chosen.iter().map(|_| rng.random_range(0.6..1.4)).collect();
    let share_total: f64 = shares.iter().sum();
    let total_cents = (revenue.round() as i64).max(100 * chosen.len() as i64);
    let mut left = total_cents;
    for (k, (&i, share)) in chosen.iter().zip(&shares).enumerate() {
        // Whole currency units, at least 1 each; the last purchase takes the remainder.
        let reserve = 100 * (chosen.len() - k - 1) as i64;
        let amount = if reserve == 0 {
            left
        } else {
            ((total_cents as f64 * share / share_total / 100.0).round() as i64 * 100)
                .max(100)
                .min(left - reserve)
        };
        left -= amount;
        let window = (limit - drafts[i].0 - TimeDelta::minutes(30)).min(TimeDelta::days(5));
        let lag = rng.random_range(3600..=window.num_seconds().max(3600));
        purchases[i] = Some((drafts[i].0 + TimeDelta::seconds(lag), amount));
    }
    purchases
}

fn build_lead(
    plan: &Plan,
    rng: &mut ChaCha8Rng,
    channel: usize,
    at: DateTime<Utc>,
    campaign: Option<usize>,
    purchase: Option<(DateTime<Utc>, i64)>,
) -> Lead {
    let profile = plan.channels[channel].profile;
    let person = person(rng);
    let fields = match campaign {
        Some(i) => campaign_touch(rng, plan.campaigns[i].spec),
        None => organic_touch(rng, profile.kind),
    };
    let mut touches = vec![Touch {
        at,
        channel,
        campaign,
        fields,
    }];
    let today_end = plan.end_of(plan.today);
    let buyer = purchase.is_some();
    let wanted = (1 + pick_weighted(rng, TOUCHES.iter().copied()) + usize::from(buyer)).min(6);
    // A buyer's journey ends at the purchase; others keep returning for up to 45 days.
    let until = purchase.map_or((at + TimeDelta::days(45)).min(today_end), |(p, _)| p);
    let span = (until - at).num_seconds() - 120;
    if span >= 60 * wanted as i64 && !plan.follow_ups.is_empty() {
        let mut offsets: Vec<i64> = (1..wanted)
            .map(|_| (rng.random::<f64>().powf(1.7) * span as f64) as i64)
            .collect();
        offsets.sort_unstable();
        for (k, offset) in offsets.into_iter().enumerate() {
            let weights = plan
                .follow_ups
                .iter()
                .map(|f| if buyer { f.3 } else { f.2 });
            let (ch, cp, _, _) = plan.follow_ups[pick_weighted(rng, weights)];
            let fields = match cp {
                Some(i) => campaign_touch(rng, plan.campaigns[i].spec),
                None => organic_touch(rng, plan.channels[ch].profile.kind),
            };
            // +60 s and +k s: strictly after the source and after each other.
            let at = at + TimeDelta::seconds(60 + offset + k as i64);
            touches.push(Touch {
                at,
                channel: ch,
                campaign: cp,
                fields,
            });
        }
    }
    let mut conversions = Vec::new();
    let mut opportunity = None;
    if let Some((paid_at, revenue_cents)) = purchase {
        if rng.random_bool(0.9) {
            let at = at + TimeDelta::seconds(rng.random_range(120..2400));
            conversions.push(Conversion {
                at,
                kind: "signup",
                revenue_cents: 0,
            });
        }
        if rng.random_bool(0.45) {
            let at = at + (paid_at - at) * rng.random_range(4..9) / 10;
            conversions.push(Conversion {
                at,
                kind: "opportunity",
                revenue_cents: 0,
            });
        }
        conversions.push(Conversion {
            at: paid_at,
            kind: "purchase",
            revenue_cents,
        });
    } else {
        if rng.random_bool(0.5) {
            let at = at + TimeDelta::seconds(rng.random_range(120..3 * 86_400));
            if at <= today_end {
                conversions.push(Conversion {
                    at,
                    kind: "signup",
                    revenue_cents: 0,
                });
            }
        }
        if rng.random_bool((profile.purchase_rate * 2.0).min(0.9)) {
            let at = at + TimeDelta::seconds(rng.random_range(86_400..21 * 86_400));
            if at <= today_end {
                opportunity = Some(at);
                conversions.push(Conversion {
                    at,
                    kind: "opportunity",
                    revenue_cents: 0,
                });
            }
        }
    }
    conversions.sort_by_key(|c| c.at);
    let status = match (buyer, opportunity) {
        (true, _) => "CUSTOMER",
        (false, Some(o)) if today_end - o > TimeDelta::days(30) && rng.random_bool(0.55) => "LOST",
        (false, Some(_)) => "QUALIFIED",
        (false, None) if today_end - at > TimeDelta::days(90) && rng.random_bool(0.2) => "LOST",
        (false, None) => "NEW",
    };
    Lead {
        person,
        status,
        touches,
        conversions,
    }
}
