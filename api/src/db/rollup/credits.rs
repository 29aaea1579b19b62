//! The rule-based credit contribution of leads to `rollup_credit`: per conversion, its
//! journey (the engine's rules: touches in `[at − 90 days, at]` by time then id, or the
//! lead's source when there is none) is split by LINEAR, TIME_DECAY and POSITION_BASED at the
//! default options with the engine's own [`RuleSplitter`], on the conversion's local day;
//! each touch's credit goes to its channel, campaign and UTM values. Every journey touch
//! (never-converting journeys too, on the lead's creation day) also counts in `touches`, so
//! the values a range's journeys touched are known, credited or not.
//!
//! Credits are stored as integers on the engine's grid (billionths of a conversion,
//! millionths of the currency unit), so a rollup sum is the engine's sum exactly.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;

use super::journeys::{ConversionRow, LeadRow, TouchRow};
use super::{LOOKBACK_DAYS, NewLead, Sign, dimension_code};
use crate::db::analytics::{Dimension, Sql};
use crate::error::{AppError, AppResult};
use crate::services::attribution::{
    CONVERSION_DP, ConversionEvent, Credit, Model, Options, REVENUE_DP, RuleSplitter, Touch,
};
use crate::services::money::cents_to_decimal;

/// The fractional models the rollups hold, in the order of their columns.
pub const MODELS: [Model; 3] = [Model::Linear, Model::TimeDecay, Model::PositionBased];

/// Rows per upsert statement (13 parameters each: under every backend's limit).
const UPSERT_ROWS: usize = 1_000;

const DIMENSIONS: [Dimension; 5] = [
    Dimension::Channel,
    Dimension::Campaign,
    Dimension::UtmSource,
    Dimension::UtmMedium,
    Dimension::UtmCampaign,
];

/// A stored key: (dimension code, key id, interned key text, day).
type Key = (i16, i64, u32, NaiveDate);

#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    touches: i64,
    /// (conversions × 10⁹, revenue × 10⁶) per model of [`MODELS`].
    credits: [(i64, i64); 3],
}

/// One touch of a journey with its five stored keys (texts interned).
#[derive(Clone, Copy)]
struct Keyed {
    touch: Touch,
    keys: [(i16, i64, u32); 5],
}

/// The credit contributions of some leads, summed per key and day, ready to write.
pub struct Credits {
    splitters: [RuleSplitter; 3],
    texts: HashMap<String, u32>,
    sums: HashMap<Key, Sums>,
    journey: Vec<Keyed>,
    /// The first grid overflow met (a credit beyond ±9.2e18 units), reported at write.
    overflow: bool,
}

impl Credits {
    pub fn new(direct_channel: i64) -> Self {
        let splitter = |m| RuleSplitter::new(m, Options::default(), direct_channel);
        let mut texts = HashMap::new();
        texts.insert(String::new(), 0);
        Self {
            splitters: MODELS.map(splitter),
            texts,
            sums: HashMap::new(),
            journey: Vec::new(),
            overflow: false,
        }
    }

    fn intern(&mut self, value: Option<&str>) -> u32 {
        let Some(value) = value else { return 0 };
        let stored = format!("v{value}");
        let next = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        *self.texts.entry(stored).or_insert(next)
    }

    fn keyed(
        &mut self,
        at: DateTime<Utc>,
        channel: i64,
        campaign: Option<i64>,
        source: Option<&str>,
        medium: Option<&str>,
        utm_campaign: Option<&str>,
    ) -> Keyed {
        let texts = [
            0,
            0,
            self.intern(source),
            self.intern(medium),
            self.intern(utm_campaign),
        ];
        let ids = [channel, campaign.unwrap_or(0), 0, 0, 0];
        let mut keys = [(0, 0, 0); 5];
        for (i, d) in DIMENSIONS.iter().enumerate() {
            keys[i] = (dimension_code(*d), ids[i], texts[i]);
        }
        Keyed {
            touch: Touch {
                at,
                channel,
                campaign,
            },
            keys,
        }
    }

    fn touch_of(&mut self, t: &TouchRow) -> Keyed {
        self.keyed(
            t.occurred_at,
            t.channel_id,
            t.campaign_id,
            t.utm_source.as_deref(),
            t.utm_medium.as_deref(),
            t.utm_campaign.as_deref(),
        )
    }

    /// The touches of the current journey count once more on `day`.
    fn count_touches(&mut self, day: NaiveDate) {
        for k in &self.journey {
            for &(d, id, text) in &k.keys {
                self.sums.entry((d, id, text, day)).or_default().touches += 1;
            }
        }
    }

    /// Adds the journeys of one lead (its touches and conversions in time order, then id).
    pub fn add_lead(
        &mut self,
        lead: &LeadRow,
        touches: &[TouchRow],
        conversions: &[ConversionRow],
    ) {
        let lookback = TimeDelta::days(i64::from(LOOKBACK_DAYS));
        let all: Vec<Keyed> = touches.iter().map(|t| self.touch_of(t)).collect();
        for c in conversions {
            let from = c
                .occurred_at
                .checked_sub_signed(lookback)
                .unwrap_or(DateTime::<Utc>::MIN_UTC);
            self.journey.clear();
            self.journey.extend(
                all.iter()
                    .filter(|k| k.touch.at >= from && k.touch.at <= c.occurred_at),
            );
            if self.journey.is_empty() {
                let source = self.keyed(
                    lead.created_at,
                    lead.channel_id,
                    lead.campaign_id,
                    lead.utm_source.as_deref(),
                    lead.utm_medium.as_deref(),
                    lead.utm_campaign.as_deref(),
                );
                self.journey.push(source);
            }
            self.count_touches(c.occurred_on);
            let conversion = ConversionEvent {
                at: c.occurred_at,
                revenue: cents_to_decimal(c.revenue_cents),
            };
            let plain: Vec<Touch> = self.journey.iter().map(|k| k.touch).collect();
            for m in 0..MODELS.len() {
                let parts: Vec<Credit> = self.splitters[m].split(&plain, &conversion).collect();
                for (k, credit) in self.journey.iter().zip(parts) {
                    let (Some(n), Some(r)) = (
                        on_grid(credit.conversions, CONVERSION_DP),
                        on_grid(credit.revenue, REVENUE_DP),
                    ) else {
                        self.overflow = true;
                        continue;
                    };
                    for &(d, id, text) in &k.keys {
                        let sums = self.sums.entry((d, id, text, c.occurred_on)).or_default();
                        let (cn, cr) = &mut sums.credits[m];
                        match (cn.checked_add(n), cr.checked_add(r)) {
                            (Some(a), Some(b)) => (*cn, *cr) = (a, b),
                            _ => self.overflow = true,
                        }
                    }
                }
            }
        }
        if conversions.is_empty() && !all.is_empty() {
            self.journey.clear();
            self.journey.extend(all);
            self.count_touches(lead.created_on);
        }
    }

    /// Adds a lead just created by a capture (one touch, its source; no conversion): its
    /// touch counts on its creation day.
    pub fn add_new_lead(&mut self, lead: &NewLead<'_>) {
        let touch = self.keyed(
            lead.created_at,
            lead.channel_id,
            lead.campaign_id,
            lead.utm_source,
            lead.utm_medium,
            lead.utm_campaign,
        );
        self.journey.clear();
        self.journey.push(touch);
        self.count_touches(lead.created_on);
    }

    /// Adds (or takes away) the summed contributions in one upsert per 1,000 rows.
    pub async fn write<C: ConnectionTrait>(
        self,
        db: &C,
        workspace_id: i64,
        sign: Sign,
    ) -> AppResult<()> {
        if self.overflow {
            return Err(AppError::bad_input(
                "revenue",
                "a conversion's revenue is too large to credit exactly",
            ));
        }
        let mut texts = vec![String::new(); self.texts.len()];
        for (text, i) in self.texts {
            if let Some(slot) = usize::try_from(i).ok().and_then(|i| texts.get_mut(i)) {
                *slot = text;
            }
        }
        let factor = match sign {
            Sign::Add => 1,
            Sign::Remove => -1,
        };
        let mut rows: Vec<(Key, Sums)> = self.sums.into_iter().collect();
        // A fixed order: concurrent writers of one workspace take row locks in the same order.
        rows.sort_by(|a, b| {
            let text = |k: &Key| texts.get(k.2 as usize).cloned().unwrap_or_default();
            (a.0.0, a.0.3, a.0.1, text(&a.0)).cmp(&(b.0.0, b.0.3, b.0.1, text(&b.0)))
        });
        for chunk in rows.chunks(UPSERT_ROWS) {
            let mut sql = Sql::new(db.get_database_backend());
            let ws = sql.bind(workspace_id);
            let values: Vec<String> = chunk
                .iter()
                .map(|((d, id, text, day), s)| {
                    let text = texts.get(*text as usize).cloned().unwrap_or_default();
                    let mut row = vec![
                        ws.clone(),
                        sql.bind(*d),
                        sql.bind(*id),
                        sql.bind(text),
                        sql.bind(*day),
                        sql.bind(factor * s.touches),
                    ];
                    for (n, r) in s.credits {
                        row.push(sql.bind(factor * n));
                        row.push(sql.bind(factor * r));
                    }
                    format!("({})", row.join(", "))
                })
                .collect();
            let add = |c: &str| format!("{c} = rollup_credit.{c} + excluded.{c}");
            let columns = [
                "touches",
                "linear_conversions_e9",
                "linear_revenue_e6",
                "time_decay_conversions_e9",
                "time_decay_revenue_e6",
                "position_based_conversions_e9",
                "position_based_revenue_e6",
            ];
            sql.push(&format!(
                "INSERT INTO rollup_credit (workspace_id, dimension, key_id, key_text, day, {}) \
                 VALUES {} \
                 ON CONFLICT (workspace_id, dimension, day, key_id, key_text) DO UPDATE SET {}",
                columns.join(", "),
                values.join(", "),
                columns.map(add).join(", ")
            ));
            db.execute_raw(sql.statement()).await?;
        }
        Ok(())
    }
}

/// `value` × 10^dp as an integer (exact: the engine splits on that grid).
fn on_grid(value: Decimal, dp: u32) -> Option<i64> {
    let mut scaled = value;
    scaled.rescale(dp);
    (scaled.scale() == dp)
        .then(|| i64::try_from(scaled.mantissa()).ok())
        .flatten()
}

/// The column names of `model`'s credits in `rollup_credit`, if the rollups hold it.
pub fn columns(model: Model) -> Option<(&'static str, &'static str)> {
    match model {
        Model::Linear => Some(("linear_conversions_e9", "linear_revenue_e6")),
        Model::TimeDecay => Some(("time_decay_conversions_e9", "time_decay_revenue_e6")),
        Model::PositionBased => {
            Some(("position_based_conversions_e9", "position_based_revenue_e6"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_values_are_exact_integers() {
        let third: Decimal = "0.333333333".parse().unwrap();
        assert_eq!(on_grid(third, CONVERSION_DP), Some(333_333_333));
        assert_eq!(on_grid(Decimal::new(1234, 2), REVENUE_DP), Some(12_340_000));
        assert_eq!(on_grid(Decimal::MAX, REVENUE_DP), None);
    }
}
