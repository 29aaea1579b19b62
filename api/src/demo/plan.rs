//! The deterministic skeleton of the demo: the calendar, the channels and campaigns that
//! exist in the workspace, and per channel and ISO week the spend level and the expected
//! number of leads. Everything is a pure function of `today`, the channel set and the scale.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::Scale;
use super::calendar::{monday_of, to_utc};
use super::catalog::{CAMPAIGNS, CampaignSpec, FOLLOW_UPS};
use super::profile::{
    LEADS_BY_WEEKDAY, PROFILES, Profile, Response, SPEND_BY_WEEKDAY, holiday_factor,
};

/// The one seed of the demo; every random stream derives from it.
pub(super) const SEED: u64 = 0x1EAD_50CE_2026_0001;

/// Independent random streams, so that adding draws to one never shifts another.
#[derive(Clone, Copy, Debug)]
pub(super) enum Stream {
    Swing = 1,
    Jitter = 2,
    Leads = 3,
    Budget = 4,
}

/// A channel group present in the workspace.
pub(super) struct ChannelPlan {
    pub profile: &'static Profile,
    pub id: i64,
    /// Indexes into `Plan::campaigns`.
    pub campaigns: Vec<usize>,
    /// Σ weight of the channel's ACTIVE campaigns: the campaign mix at the reference spend.
    pub active_weight: f64,
}

/// A campaign whose channel is present.
pub(super) struct CampaignPlan {
    pub spec: &'static CampaignSpec,
    pub channel: usize,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// Later touches: channel, campaign, weight for non-buyers, weight for buyers.
pub(super) type FollowUp = (usize, Option<usize>, f64, f64);

pub(super) struct Plan {
    pub tz: Tz,
    pub today: NaiveDate,
    /// First demo day: the day after `today` minus 12 months.
    pub start: NaiveDate,
    /// Monday of every ISO week that overlaps `start..=today`.
    pub mondays: Vec<NaiveDate>,
    pub channels: Vec<ChannelPlan>,
    pub campaigns: Vec<CampaignPlan>,
    pub follow_ups: Vec<FollowUp>,
    /// `[channel][week]`: ramp × weekly swing, the spend level before weekday and mix.
    level: Vec<Vec<f64>>,
    /// `[channel][week]`: full-week spend relative to the reference spend.
    pub spend_ratio: Vec<Vec<f64>>,
    /// `[channel][week]`: expected leads created inside the demo range that week.
    pub leads: Vec<Vec<f64>>,
    /// `[channel]`: reference weekly spend in cents (0 for channels without spend).
    pub spend_ref_cents: Vec<f64>,
}

impl Scale {
    /// Leads written over the 12 months.
    pub(super) fn target_leads(self) -> f64 {
        match self {
            Scale::Small => 3_000.0,
            Scale::Medium => 100_000.0,
            Scale::Large => 1_000_000.0,
        }
    }
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

impl Plan {
    pub fn new(today: NaiveDate, tz: Tz, channel_ids: &HashMap<String, i64>, scale: Scale) -> Plan {
        let start = today
            .checked_sub_months(Months::new(12))
            .map_or(today - TimeDelta::days(364), |d| d + TimeDelta::days(1));
        let mut mondays = vec![monday_of(start)];
        while let Some(&last) = mondays.last().filter(|m| **m + TimeDelta::days(7) <= today) {
            mondays.push(last + TimeDelta::days(7));
        }
        let mut channels: Vec<ChannelPlan> = PROFILES
            .iter()
            .filter_map(|profile| {
                let id = *channel_ids.get(profile.kind)?;
                Some(ChannelPlan {
                    profile,
                    id,
                    campaigns: Vec::new(),
                    active_weight: 0.0,
                })
            })
            .collect();
        let mut campaigns = Vec::new();
        for (i, spec) in CAMPAIGNS.iter().enumerate() {
            let Some(channel) = channels.iter().position(|c| c.profile.kind == spec.kind) else {
                continue;
            };
            let (starts_on, ends_on) = match spec.window {
                // Running campaigns started before the demo year, staggered.
                None => (start - TimeDelta::days(30 + 17 * (i as i64 % 7)), None),
                Some((a, b)) => {
                    let end =
                        (spec.status == "ARCHIVED").then(|| start + TimeDelta::days(i64::from(b)));
                    (start + TimeDelta::days(i64::from(a)), end)
                }
            };
            channels[channel].campaigns.push(campaigns.len());
            if spec.status == "ACTIVE" {
                channels[channel].active_weight += spec.weight;
            }
            campaigns.push(CampaignPlan {
                spec,
                channel,
                starts_on,
                ends_on,
            });
        }
        let follow_ups = FOLLOW_UPS
            .iter()
            .filter_map(|&(kind, slug, w, buyer_w)| {
                let channel = channels.iter().position(|c| c.profile.kind == kind)?;
                let campaign = match slug {
                    None => None,
                    Some(slug) => Some(campaigns.iter().position(|c| c.spec.slug == slug)?),
                };
                Some((channel, campaign, w, buyer_w))
            })
            .collect();
        let mut plan = Plan {
            tz,
            today,
            start,
            mondays,
            channels,
            campaigns,
            follow_ups,
            level: Vec::new(),
            spend_ratio: Vec::new(),
            leads: Vec::new(),
            spend_ref_cents: Vec::new(),
        };
        plan.fill_levels(scale);
        plan
    }

    /// A random stream for one purpose, week and channel (or campaign).
    pub fn rng(&self, stream: Stream, week: usize, index: usize) -> ChaCha8Rng {
        let seed = SEED ^ ((stream as u64) << 56) ^ ((week as u64) << 24) ^ index as u64;
        ChaCha8Rng::seed_from_u64(seed)
    }

    pub fn in_range(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.today
    }

    /// Whether a campaign spends on `day` (days outside the demo range count as its
    /// ACTIVE campaigns do: they shape the level of partial weeks).
    pub fn spends_on(&self, campaign: usize, day: NaiveDate) -> bool {
        let c = &self.campaigns[campaign];
        match c.spec.window {
            None => true,
            Some((a, b)) => {
                let offset = (day - self.start).num_days();
                i64::from(a) <= offset && offset <= i64::from(b)
            }
        }
    }

    /// The seven days of a week.
    pub fn week_days(&self, week: usize) -> impl Iterator<Item = NaiveDate> + use<> {
        let monday = self.mondays[week];
        (0..7).map(move |i| monday + TimeDelta::days(i))
    }

    /// Expected spend of one campaign on one day, in cents, before jitter.
    pub fn campaign_day_spend(&self, campaign: usize, week: usize, day: NaiveDate) -> f64 {
        let c = &self.campaigns[campaign];
        let ch = &self.channels[c.channel];
        if ch.active_weight <= 0.0 || !self.spends_on(campaign, day) {
            return 0.0;
        }
        let weekday = day.weekday().num_days_from_monday() as usize;
        let dow = SPEND_BY_WEEKDAY[weekday] / mean(&SPEND_BY_WEEKDAY);
        self.spend_ref_cents[c.channel] / 7.0
            * self.level[c.channel][week]
            * dow
            * holiday_factor(day.month(), day.day())
            * c.spec.weight
            / ch.active_weight
    }

    /// Local end of a day, as an instant.
    pub fn end_of(&self, day: NaiveDate) -> DateTime<Utc> {
        to_utc(self.tz, day.and_time(NaiveTime::MIN) + TimeDelta::days(1)) - TimeDelta::seconds(1)
    }

    /// Lead weight of a day within its week: weekday and holidays.
    pub fn lead_day_weight(day: NaiveDate) -> f64 {
        let weekday = day.weekday().num_days_from_monday() as usize;
        LEADS_BY_WEEKDAY[weekday] * holiday_factor(day.month(), day.day())
    }

    /// Ramp × swing of one channel and week.
    fn week_level(&self, c: usize, w: usize, t: f64) -> f64 {
        let mut rng = self.rng(Stream::Swing, w, c);
        let (ramp, swing) = match self.channels[c].profile.response {
            Response::Curve {
                ramp_from, swing, ..
            } => (ramp_from + (1.0 - ramp_from) * t, swing),
            Response::Trend { .. } => (1.0, 0.05),
        };
        ramp * (1.0 + swing * rng.random_range(-1.0..=1.0))
    }

    /// Full-week spend over the reference spend (needs a unit `spend_ref_cents`).
    fn week_ratio(&self, c: usize, w: usize) -> f64 {
        let days: Vec<NaiveDate> = self.week_days(w).collect();
        self.channels[c]
            .campaigns
            .iter()
            .flat_map(|&i| days.iter().map(move |&d| (i, d)))
            .map(|(i, d)| self.campaign_day_spend(i, w, d))
            .sum()
    }

    /// Expected leads of one channel and week inside the range, before scaling.
    fn week_lead_units(&self, c: usize, w: usize, t: f64) -> f64 {
        let days: Vec<NaiveDate> = self.week_days(w).collect();
        let all: f64 = days.iter().map(|&d| Self::lead_day_weight(d)).sum();
        let inside: f64 = days
            .iter()
            .filter(|d| self.in_range(**d))
            .map(|&d| Self::lead_day_weight(d))
            .sum();
        let profile = self.channels[c].profile;
        let weekly = match profile.response {
            Response::Curve { b, .. } => self.spend_ratio[c][w].powf(b),
            Response::Trend { from, power } => {
                let holidays = mean(
                    &days
                        .iter()
                        .map(|d| holiday_factor(d.month(), d.day()))
                        .collect::<Vec<_>>(),
                );
                (from + (1.0 - from) * t.powf(power)) * holidays
            }
        };
        profile.lead_weight * weekly * inside / all
    }

    /// Levels, spend ratios and expected leads; then scales leads to the target and sets
    /// the reference spend so that each paid channel has its ROAS at ratio 1.
    fn fill_levels(&mut self, scale: Scale) {
        let (channels, weeks) = (self.channels.len(), self.mondays.len());
        let span = (weeks.max(2) - 1) as f64;
        let grid = |f: &dyn Fn(usize, usize) -> f64| -> Vec<Vec<f64>> {
            (0..channels)
                .map(|c| (0..weeks).map(|w| f(c, w)).collect())
                .collect()
        };
        self.level = grid(&|c, w| self.week_level(c, w, w as f64 / span));
        // With a unit reference spend, a week's day spends sum to its ratio.
        self.spend_ref_cents = vec![1.0; channels];
        self.spend_ratio = grid(&|c, w| self.week_ratio(c, w));
        let units = grid(&|c, w| self.week_lead_units(c, w, w as f64 / span));
        let total: f64 = units.iter().flatten().sum();
        let k = if total > 0.0 {
            scale.target_leads() / total
        } else {
            0.0
        };
        self.spend_ref_cents = self
            .channels
            .iter()
            .map(|ch| {
                let p = ch.profile;
                p.roas.map_or(0.0, |roas| {
                    k * p.lead_weight * p.revenue_per_lead_cents() / roas
                })
            })
            .collect();
        self.leads = units
            .into_iter()
            .map(|row| row.into_iter().map(|u| u * k).collect())
            .collect();
    }
}
