//! The rule-based models: a fixed weight per touch of each converting journey.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::credit::Split;
use super::{CampaignId, ChannelId, ConversionEvent, Credit, Model, Options, Touch};

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Writes into `out` one raw (not yet normalised) weight per touch for a rule-based `model`.
///
/// `touches` is non-empty and in time order; `converted_at` is the conversion time.
pub(super) fn touch_weights(
    model: Model,
    options: &Options,
    direct_channel: ChannelId,
    touches: &[Touch],
    converted_at: DateTime<Utc>,
    out: &mut Vec<f64>,
) {
    let n = touches.len();
    out.clear();
    out.resize(n, 0.0);
    let last = n.saturating_sub(1);
    let mut set = |i: usize, w: f64| {
        if let Some(slot) = out.get_mut(i) {
            *slot = w;
        }
    };
    match model {
        Model::FirstTouch => set(0, 1.0),
        Model::LastTouch => set(last, 1.0),
        Model::LastNonDirect => {
            let i = touches
                .iter()
                .rposition(|t| t.channel != direct_channel)
                .unwrap_or(last);
            set(i, 1.0);
        }
        Model::Linear => (0..n).for_each(|i| set(i, 1.0)),
        Model::TimeDecay => {
            // Δt from each touch to the conversion, in days. Weights are taken relative to the
            // most recent touch (largest weight 1): the same after normalisation, but a long
            // lookback with a short half-life can no longer underflow every weight to 0.
            let age = |t: &Touch| (converted_at - t.at).num_milliseconds() as f64 / 1000.0;
            let newest = touches.iter().map(age).fold(f64::INFINITY, f64::min);
            for (i, t) in touches.iter().enumerate() {
                let days = (age(t) - newest) / SECONDS_PER_DAY;
                set(i, (-days / options.half_life_days).exp2());
            }
        }
        Model::PositionBased => {
            let (first, last_w) = (options.first_weight, options.last_weight);
            match n {
                1 => set(0, 1.0),
                2 if first + last_w > 0.0 => {
                    set(0, first);
                    set(1, last_w);
                }
                2 => (0..2).for_each(|i| set(i, 1.0)),
                _ => {
                    let middle = (1.0 - first - last_w).max(0.0) / (n - 2) as f64;
                    (1..last).for_each(|i| set(i, middle));
                    set(0, first);
                    set(last, last_w);
                }
            }
        }
        // Data-driven models have no per-touch rule; they never reach here.
        Model::Markov | Model::Shapley => (0..n).for_each(|i| set(i, 1.0)),
    }
}

/// Decimal places of a rule-based credit of one touch: conversions are split to a
/// billionth, revenue to a millionth of the currency unit (the largest share takes the
/// remainder, so each conversion's parts still add up to it exactly). On this grid, sums
/// of credits are exact integers, which is how the rollups store them (DESIGN §8).
pub const CONVERSION_DP: u32 = 9;
/// See [`CONVERSION_DP`].
pub const REVENUE_DP: u32 = 6;

/// The credit of each touch of one converting journey under a rule-based model: what the
/// engine adds up, and what the rollups store per dimension value.
#[derive(Debug)]
pub struct RuleSplitter {
    model: Model,
    options: Options,
    direct_channel: ChannelId,
    // Scratch buffers reused across journeys (no allocation per journey).
    weights: Vec<f64>,
    split: Split,
    conversions: Vec<Decimal>,
    revenue: Vec<Decimal>,
}

impl RuleSplitter {
    pub fn new(model: Model, options: Options, direct_channel: ChannelId) -> Self {
        RuleSplitter {
            model,
            options,
            direct_channel,
            weights: Vec::new(),
            split: Split::default(),
            conversions: Vec::new(),
            revenue: Vec::new(),
        }
    }

    /// The credits of `touches` (non-empty, in time order) for `conversion`, one per touch.
    pub fn split<'a>(
        &'a mut self,
        touches: &[Touch],
        conversion: &ConversionEvent,
    ) -> impl Iterator<Item = Credit> + 'a {
        touch_weights(
            self.model,
            &self.options,
            self.direct_channel,
            touches,
            conversion.at,
            &mut self.weights,
        );
        self.split.set_weights(&self.weights);
        self.split
            .apply_on_grid(Decimal::ONE, CONVERSION_DP, &mut self.conversions);
        self.split
            .apply_on_grid(conversion.revenue, REVENUE_DP, &mut self.revenue);
        self.conversions
            .iter()
            .zip(&self.revenue)
            .map(|(&conversions, &revenue)| Credit {
                conversions,
                revenue,
            })
    }
}

/// Streaming accumulator of a rule-based model: credits per channel and per campaign.
#[derive(Debug)]
pub(super) struct RuleEngine {
    splitter: RuleSplitter,
    by_channel: HashMap<ChannelId, Credit>,
    by_campaign: HashMap<Option<CampaignId>, Credit>,
}

impl RuleEngine {
    pub fn new(model: Model, options: Options, direct_channel: ChannelId) -> Self {
        RuleEngine {
            splitter: RuleSplitter::new(model, options, direct_channel),
            by_channel: HashMap::new(),
            by_campaign: HashMap::new(),
        }
    }

    /// Adds one journey (non-empty, in time order). A non-converting journey only makes its
    /// channels and campaigns appear, with no credit.
    pub fn add_journey(&mut self, touches: &[Touch], conversion: Option<&ConversionEvent>) {
        let Some(conversion) = conversion else {
            for t in touches {
                self.by_channel.entry(t.channel).or_default();
                self.by_campaign.entry(t.campaign).or_default();
            }
            return;
        };
        for (t, credit) in touches.iter().zip(self.splitter.split(touches, conversion)) {
            *self.by_channel.entry(t.channel).or_default() += credit;
            *self.by_campaign.entry(t.campaign).or_default() += credit;
        }
    }

    /// Credits per channel and per campaign, each sorted by id.
    #[expect(
        clippy::type_complexity,
        reason = "the two public result lists, as declared"
    )]
    pub fn finish(self) -> (Vec<(ChannelId, Credit)>, Vec<(Option<CampaignId>, Credit)>) {
        let mut channels: Vec<_> = self.by_channel.into_iter().collect();
        channels.sort_unstable_by_key(|(id, _)| *id);
        let mut campaigns: Vec<_> = self.by_campaign.into_iter().collect();
        campaigns.sort_unstable_by_key(|(id, _)| *id);
        (channels, campaigns)
    }
}
