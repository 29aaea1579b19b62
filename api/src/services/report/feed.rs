//! Feeding database journeys to the attribution engine, for any report dimension.
//!
//! The engine credits "channels" (every model) and "campaigns" (rule-based models); both
//! are opaque ids to it, except the DIRECT channel, which LAST_NON_DIRECT skips. So:
//!
//! * CHANNEL: touches as they are; credits are read per channel (campaigns ride along);
//! * CAMPAIGN and UTM values, rule-based models: the real channel (LAST_NON_DIRECT still
//!   knows DIRECT) and the dimension value in the campaign slot; credits read per campaign;
//! * CAMPAIGN and UTM values, MARKOV and SHAPLEY: the dimension value in the channel slot,
//!   so the chain or the coalitions are over campaigns or UTM values.
//!
//! UTM values are interned to ids from 1; 0 stands for "not set" in the channel slot.

use std::collections::HashMap;

use super::args::Dimension;
use super::key::RowKey;
use crate::db::analytics::journeys::{SourceRow, TouchRow};
use crate::db::rollup::paths::PathValue;
use crate::services::attribution::{AttributionResult, ChannelId, Model, Touch};

/// The engine id of "not set" in the channel slot (database ids start at 1).
const NOT_SET: i64 = 0;

/// Maps rows to engine touches, and engine results back to row keys.
#[derive(Debug)]
pub(super) struct Feed {
    dimension: Dimension,
    /// The dimension value goes in the channel slot (data-driven models off CHANNEL).
    in_channel_slot: bool,
    direct: ChannelId,
    ids: HashMap<String, i64>,
    values: Vec<String>,
}

impl Feed {
    pub fn new(dimension: Dimension, model: Model, direct: ChannelId) -> Self {
        Self {
            dimension,
            in_channel_slot: dimension != Dimension::Channel && !model.is_rule_based(),
            direct,
            ids: HashMap::new(),
            values: Vec::new(),
        }
    }

    /// The DIRECT channel as the engine must know it.
    pub fn direct_channel(&self) -> ChannelId {
        if self.in_channel_slot {
            NOT_SET
        } else {
            self.direct
        }
    }

    pub fn touch(&mut self, t: &TouchRow) -> Touch {
        let (channel, campaign) = self.slots(t.channel_id, t.campaign_id, t.key_text.as_deref());
        Touch {
            at: t.occurred_at,
            channel,
            campaign,
        }
    }

    pub fn source(&mut self, s: &SourceRow) -> Touch {
        let (channel, campaign) = self.slots(s.channel_id, s.campaign_id, s.key_text.as_deref());
        Touch {
            at: s.created_at,
            channel,
            campaign,
        }
    }

    fn slots(
        &mut self,
        channel: i64,
        campaign: Option<i64>,
        text: Option<&str>,
    ) -> (i64, Option<i64>) {
        let value = match self.dimension {
            Dimension::Channel => return (channel, campaign),
            Dimension::Campaign => campaign,
            _ => text.map(|v| self.intern(v)),
        };
        if self.in_channel_slot {
            (value.unwrap_or(NOT_SET), None)
        } else {
            (channel, value)
        }
    }

    /// Interns `values` (every value the report can meet, in any order) first, in sorted
    /// order, so the engine ids of any two values keep their order whichever journeys come
    /// first. MARKOV and SHAPLEY order their states by id: two feeds built this way (the
    /// streaming scan over all values, the path rollups over a range's) solve the same
    /// system in the same order and reach the very same credits.
    pub fn with_sorted_values(mut self, mut values: Vec<String>) -> Self {
        values.sort_unstable();
        values.dedup();
        for v in &values {
            self.intern(v);
        }
        self
    }

    /// The engine id of one step of a stored value path, in the channel slot (MARKOV and
    /// SHAPLEY off CHANNEL): a campaign id or an interned UTM value, 0 for "not set".
    pub fn path_value(&mut self, value: &PathValue) -> i64 {
        match value {
            PathValue::Id(id) => id.unwrap_or(NOT_SET),
            PathValue::Text(text) => text.as_deref().map_or(NOT_SET, |v| self.intern(v)),
        }
    }

    fn intern(&mut self, value: &str) -> i64 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        self.values.push(value.to_owned());
        let id = self.values.len() as i64;
        self.ids.insert(value.to_owned(), id);
        id
    }

    /// The row key of an engine id, read from the slot this feed writes the dimension to.
    fn key(&self, id: Option<i64>) -> RowKey {
        let id = id.filter(|&i| i != NOT_SET || !self.in_channel_slot);
        match self.dimension {
            Dimension::Channel => RowKey::Channel(id.unwrap_or_default()),
            Dimension::Campaign => RowKey::Campaign(id),
            _ => RowKey::Value(
                id.and_then(|i| usize::try_from(i - 1).ok())
                    .and_then(|i| self.values.get(i).cloned()),
            ),
        }
    }

    /// Credits per row key: (key, conversions, revenue).
    pub fn credits(
        &self,
        result: &AttributionResult,
    ) -> Vec<(RowKey, rust_decimal::Decimal, rust_decimal::Decimal)> {
        let by_campaign = (self.dimension != Dimension::Channel && !self.in_channel_slot)
            .then_some(result.by_campaign.as_ref())
            .flatten();
        match by_campaign {
            Some(list) => list
                .iter()
                .map(|(id, c)| (self.key(*id), c.conversions, c.revenue))
                .collect(),
            None => result
                .by_channel
                .iter()
                .map(|(id, c)| (self.key(Some(*id)), c.conversions, c.revenue))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use rust_decimal::Decimal;

    use super::*;
    use crate::services::attribution::Credit;

    const DIRECT: i64 = 1;

    fn row(channel: i64, campaign: Option<i64>, text: Option<&str>) -> TouchRow {
        TouchRow {
            lead_id: 1,
            occurred_at: DateTime::<Utc>::UNIX_EPOCH,
            channel_id: channel,
            campaign_id: campaign,
            key_text: text.map(str::to_owned),
        }
    }

    fn result(
        by_channel: Vec<(i64, Credit)>,
        by_campaign: Option<Vec<(Option<i64>, Credit)>>,
    ) -> AttributionResult {
        AttributionResult {
            model: Model::Linear,
            by_channel,
            by_campaign,
            journeys: 0,
            converting_journeys: 0,
            non_converting_journeys: 0,
            total_conversions: Decimal::ZERO,
            total_revenue: Decimal::ZERO,
            approximate: false,
        }
    }

    fn one() -> Credit {
        Credit {
            conversions: Decimal::ONE,
            revenue: Decimal::TEN,
        }
    }

    #[test]
    fn rule_based_models_keep_the_channel_and_carry_the_value_as_campaign() {
        let mut feed = Feed::new(Dimension::UtmSource, Model::LastNonDirect, DIRECT);
        assert_eq!(
            feed.direct_channel(),
            DIRECT,
            "LAST_NON_DIRECT still knows DIRECT"
        );
        let google = feed.touch(&row(7, Some(3), Some("google")));
        let unset = feed.touch(&row(DIRECT, None, None));
        assert_eq!((google.channel, google.campaign), (7, Some(1)));
        assert_eq!((unset.channel, unset.campaign), (DIRECT, None));
        let credits = feed.credits(&result(vec![], Some(vec![(None, one()), (Some(1), one())])));
        let keys: Vec<RowKey> = credits.into_iter().map(|(k, _, _)| k).collect();
        assert_eq!(
            keys,
            [RowKey::Value(None), RowKey::Value(Some("google".into()))]
        );
    }

    #[test]
    fn data_driven_models_chain_the_dimension_values_themselves() {
        let mut feed = Feed::new(Dimension::Campaign, Model::Markov, DIRECT);
        assert_eq!(feed.direct_channel(), NOT_SET);
        let brand = feed.touch(&row(7, Some(42), None));
        let none = feed.touch(&row(7, None, None));
        assert_eq!((brand.channel, none.channel), (42, NOT_SET));
        let credits = feed.credits(&result(vec![(NOT_SET, one()), (42, one())], None));
        let keys: Vec<RowKey> = credits.into_iter().map(|(k, _, _)| k).collect();
        assert_eq!(keys, [RowKey::Campaign(None), RowKey::Campaign(Some(42))]);
    }

    #[test]
    fn the_channel_dimension_passes_touches_through() {
        let mut feed = Feed::new(Dimension::Channel, Model::Shapley, DIRECT);
        let t = feed.touch(&row(5, Some(9), None));
        assert_eq!((t.channel, t.campaign), (5, Some(9)));
        let credits = feed.credits(&result(vec![(5, one())], None));
        assert_eq!(credits, [(RowKey::Channel(5), Decimal::ONE, Decimal::TEN)]);
    }
}
