//! The journey-path contribution of leads to `rollup_path`, computed with the engine's own
//! journey rules (`services::attribution::Window`), for the CHANNEL dimension:
//!
//! * a lead with conversions: per conversion, its touches in `[at − 90 days, at]` (in time
//!   order, then id), or its source channel when there is none: one converting journey on
//!   the conversion's local day, with its revenue;
//! * a lead that never converted: all its touches, one non-converting journey on the local
//!   day the lead was created (none without touches).
//!
//! Paths are collapsed (consecutive repeats of a channel are one step, as MARKOV counts them)
//! and written as channel ids joined by '.'. The leads' rows are read by `journeys`, the
//! contributions are summed per (day, path) in memory, and one multi-row upsert adds or
//! takes them away.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use sea_orm::ConnectionTrait;

use super::journeys::{ConversionRow, LeadRow, TouchRow};
use super::{LOOKBACK_DAYS, NewLead, Sign, dimension_code};
use crate::db::analytics::{Dimension, Sql};
use crate::error::AppResult;

/// Rows per upsert statement (at most 7 parameters each: under every backend's limit).
const UPSERT_ROWS: usize = 2_000;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    converting: i64,
    non_converting: i64,
    revenue_cents: i64,
}

/// One touch of a journey: its channel, campaign and UTM source, medium and campaign.
#[derive(Clone, Copy)]
struct Step<'a> {
    channel: i64,
    campaign: Option<i64>,
    utm: [Option<&'a str>; 3],
}

impl<'a> Step<'a> {
    fn of_touch(t: &'a TouchRow) -> Self {
        Step {
            channel: t.channel_id,
            campaign: t.campaign_id,
            utm: [
                t.utm_source.as_deref(),
                t.utm_medium.as_deref(),
                t.utm_campaign.as_deref(),
            ],
        }
    }

    fn of_source(l: &'a LeadRow) -> Self {
        Step {
            channel: l.channel_id,
            campaign: l.campaign_id,
            utm: [
                l.utm_source.as_deref(),
                l.utm_medium.as_deref(),
                l.utm_campaign.as_deref(),
            ],
        }
    }
}

/// The dimensions other than CHANNEL, as `rollup_value_path` stores them.
const VALUE_DIMENSIONS: [Dimension; 4] = [
    Dimension::Campaign,
    Dimension::UtmSource,
    Dimension::UtmMedium,
    Dimension::UtmCampaign,
];

/// The path contributions of some leads, summed per (day, path) for CHANNEL and per
/// (dimension, day, path) for the other dimensions, ready to write.
#[derive(Debug, Default)]
pub struct Paths {
    channel: HashMap<(NaiveDate, String), Counts>,
    values: HashMap<(i16, NaiveDate, String), Counts>,
}

impl Paths {
    /// Adds the journeys of one lead (its touches and conversions in time order, then id).
    pub fn add_lead(
        &mut self,
        lead: &LeadRow,
        touches: &[TouchRow],
        conversions: &[ConversionRow],
    ) {
        let lookback = TimeDelta::days(i64::from(LOOKBACK_DAYS));
        for c in conversions {
            let from = c
                .occurred_at
                .checked_sub_signed(lookback)
                .unwrap_or(DateTime::<Utc>::MIN_UTC);
            let mut window: Vec<Step<'_>> = touches
                .iter()
                .filter(|t| t.occurred_at >= from && t.occurred_at <= c.occurred_at)
                .map(Step::of_touch)
                .collect();
            if window.is_empty() {
                window.push(Step::of_source(lead));
            }
            self.add_journey(c.occurred_on, &window, |counts| {
                counts.converting += 1;
                counts.revenue_cents += c.revenue_cents;
            });
        }
        if conversions.is_empty() && !touches.is_empty() {
            let all: Vec<Step<'_>> = touches.iter().map(Step::of_touch).collect();
            self.add_journey(lead.created_on, &all, |counts| counts.non_converting += 1);
        }
    }

    /// Adds a lead just created by a capture, known without reading it back: it has one
    /// touch (its source) and no conversion yet, so it is one non-converting journey of that
    /// touch on its creation day.
    pub fn add_new_lead(&mut self, lead: &NewLead<'_>) {
        let step = Step {
            channel: lead.channel_id,
            campaign: lead.campaign_id,
            utm: [lead.utm_source, lead.utm_medium, lead.utm_campaign],
        };
        self.add_journey(lead.created_on, &[step], |counts| {
            counts.non_converting += 1
        });
    }

    fn add_journey(&mut self, day: NaiveDate, steps: &[Step<'_>], count: impl Fn(&mut Counts)) {
        let channels: Vec<i64> = steps.iter().map(|s| s.channel).collect();
        count(self.channel.entry((day, encode(&channels))).or_default());
        for dimension in VALUE_DIMENSIONS {
            let path = match dimension {
                Dimension::Campaign => {
                    let ids: Vec<i64> = steps.iter().map(|s| s.campaign.unwrap_or(0)).collect();
                    encode(&ids)
                }
                _ => {
                    let i = match dimension {
                        Dimension::UtmSource => 0,
                        Dimension::UtmMedium => 1,
                        _ => 2,
                    };
                    let texts: Vec<Option<&str>> = steps.iter().map(|s| s.utm[i]).collect();
                    encode_values(&texts)
                }
            };
            let key = (dimension_code(dimension), day, path);
            count(self.values.entry(key).or_default());
        }
    }

    /// Adds (or takes away) the summed contributions in one upsert per 2,000 rows.
    pub async fn write<C: ConnectionTrait>(
        self,
        db: &C,
        workspace_id: i64,
        sign: Sign,
    ) -> AppResult<()> {
        let mut months: HashMap<(NaiveDate, String), Counts> = HashMap::new();
        for ((day, path), c) in &self.channel {
            let m = months.entry((month_of(*day), path.clone())).or_default();
            m.converting += c.converting;
            m.non_converting += c.non_converting;
            m.revenue_cents += c.revenue_cents;
        }
        write(db, workspace_id, "rollup_path", "day", self.channel, sign).await?;
        write(db, workspace_id, "rollup_path_month", "month", months, sign).await?;
        write_values(db, workspace_id, self.values, sign).await
    }
}

/// UTM values as a JSON array (`null` for "not set"), consecutive repeats collapsed.
fn encode_values(values: &[Option<&str>]) -> String {
    let mut collapsed: Vec<Option<&str>> = Vec::with_capacity(values.len());
    for v in values {
        if collapsed.last() != Some(v) {
            collapsed.push(*v);
        }
    }
    serde_json::to_string(&collapsed).unwrap_or_default()
}

/// The values of a path of `dimension` as the engine's feed sees them: a campaign id (None
/// for "no campaign") or a UTM value (None for "not set"). `None` for text that is not one.
pub fn decode_values(dimension: Dimension, path: &str) -> Option<Vec<PathValue>> {
    match dimension {
        Dimension::Channel | Dimension::Campaign => decode(path).map(|ids| {
            ids.into_iter()
                .map(|id| PathValue::Id((id != 0).then_some(id)))
                .collect()
        }),
        _ => serde_json::from_str::<Vec<Option<String>>>(path)
            .ok()
            .map(|texts| texts.into_iter().map(PathValue::Text).collect()),
    }
}

/// One step of a stored value path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathValue {
    Id(Option<i64>),
    Text(Option<String>),
}

async fn write_values<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    paths: HashMap<(i16, NaiveDate, String), Counts>,
    sign: Sign,
) -> AppResult<()> {
    let factor = match sign {
        Sign::Add => 1,
        Sign::Remove => -1,
    };
    let mut rows: Vec<((i16, NaiveDate, String), Counts)> = paths.into_iter().collect();
    // A fixed order: concurrent writers of one workspace take row locks in the same order.
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for chunk in rows.chunks(UPSERT_ROWS) {
        let mut sql = Sql::new(db.get_database_backend());
        let ws = sql.bind(workspace_id);
        let values: Vec<String> = chunk
            .iter()
            .map(|((dimension, day, path), c)| {
                format!(
                    "({ws}, {}, {}, {}, {}, {}, {})",
                    sql.bind(*dimension),
                    sql.bind(*day),
                    sql.bind(path.clone()),
                    sql.bind(factor * c.converting),
                    sql.bind(factor * c.non_converting),
                    sql.bind(factor * c.revenue_cents),
                )
            })
            .collect();
        sql.push(&format!(
            "INSERT INTO rollup_value_path \
               (workspace_id, dimension, day, path, converting, non_converting, revenue_cents) \
             VALUES {} \
             ON CONFLICT (workspace_id, dimension, day, path) DO UPDATE SET \
               converting = rollup_value_path.converting + excluded.converting, \
               non_converting = rollup_value_path.non_converting + excluded.non_converting, \
               revenue_cents = rollup_value_path.revenue_cents + excluded.revenue_cents",
            values.join(", ")
        ));
        db.execute_raw(sql.statement()).await?;
    }
    Ok(())
}

/// Channel ids joined by '.', consecutive repeats collapsed.
fn encode(channels: &[i64]) -> String {
    let mut out = String::new();
    let mut previous = None;
    for &c in channels {
        if previous == Some(c) {
            continue;
        }
        if previous.is_some() {
            out.push('.');
        }
        out.push_str(&c.to_string());
        previous = Some(c);
    }
    out
}

/// The channels of an encoded path; `None` for text that is not one.
pub fn decode(path: &str) -> Option<Vec<i64>> {
    path.split('.').map(|c| c.parse().ok()).collect()
}

/// The first day of `day`'s month (the key of `rollup_path_month`).
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// Upserts per (`key`, path) rows into `table` (`rollup_path` by day, or
/// `rollup_path_month` by month).
async fn write<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    table: &str,
    key: &str,
    paths: HashMap<(NaiveDate, String), Counts>,
    sign: Sign,
) -> AppResult<()> {
    let factor = match sign {
        Sign::Add => 1,
        Sign::Remove => -1,
    };
    let mut rows: Vec<((NaiveDate, String), Counts)> = paths.into_iter().collect();
    // A fixed order: concurrent writers of one workspace take row locks in the same order.
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for chunk in rows.chunks(UPSERT_ROWS) {
        let mut sql = Sql::new(db.get_database_backend());
        let ws = sql.bind(workspace_id);
        let values: Vec<String> = chunk
            .iter()
            .map(|((day, path), c)| {
                format!(
                    "({ws}, {}, {}, {}, {}, {})",
                    sql.bind(*day),
                    sql.bind(path.clone()),
                    sql.bind(factor * c.converting),
                    sql.bind(factor * c.non_converting),
                    sql.bind(factor * c.revenue_cents),
                )
            })
            .collect();
        sql.push(&format!(
            "INSERT INTO {table} \
               (workspace_id, {key}, path, converting, non_converting, revenue_cents) \
             VALUES {} \
             ON CONFLICT (workspace_id, {key}, path) DO UPDATE SET \
               converting = {table}.converting + excluded.converting, \
               non_converting = {table}.non_converting + excluded.non_converting, \
               revenue_cents = {table}.revenue_cents + excluded.revenue_cents",
            values.join(", ")
        ));
        db.execute_raw(sql.statement()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_collapse_repeats_and_round_trip() {
        assert_eq!(encode(&[3, 3, 7, 3, 3]), "3.7.3");
        assert_eq!(decode("3.7.3"), Some(vec![3, 7, 3]));
        assert_eq!(decode("3.x"), None);
    }
}
