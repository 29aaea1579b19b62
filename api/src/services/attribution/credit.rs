//! Credits and results, and the exact split of a decimal total by floating-point weights.

use std::ops::AddAssign;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::{CampaignId, ChannelId, Model};

/// Credited conversions (fractional) and credited revenue of a channel or campaign.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Credit {
    pub conversions: Decimal,
    pub revenue: Decimal,
}

impl AddAssign for Credit {
    /// Saturates instead of panicking past ±7.9e28, a sum no real revenue reaches.
    fn add_assign(&mut self, other: Credit) {
        self.conversions = self.conversions.saturating_add(other.conversions);
        self.revenue = self.revenue.saturating_add(other.revenue);
    }
}

/// The outcome of one attribution run.
///
/// `by_channel` lists every channel that appears on a journey of the range (converting or
/// not), zero credits included, sorted by channel id; `by_campaign` likewise by campaign id
/// with `None` (touches without a campaign) first. Σ credits equal `total_conversions` and
/// `total_revenue` to within 1e-20 or so (decimal rounding of the running sums only).
#[derive(Clone, Debug, PartialEq)]
pub struct AttributionResult {
    pub model: Model,
    pub by_channel: Vec<(ChannelId, Credit)>,
    /// Per campaign, for the rule-based models only (`None` for MARKOV and SHAPLEY).
    pub by_campaign: Option<Vec<(Option<CampaignId>, Credit)>>,
    pub journeys: u64,
    pub converting_journeys: u64,
    pub non_converting_journeys: u64,
    /// Equal to `converting_journeys`: each converting journey is one conversion.
    pub total_conversions: Decimal,
    pub total_revenue: Decimal,
    /// True when SHAPLEY values were estimated by sampling permutations.
    pub approximate: bool,
}

impl AttributionResult {
    /// A credit's share of all conversions, `None` when there is no conversion.
    pub fn conversion_share(&self, credit: &Credit) -> Option<Decimal> {
        credit.conversions.checked_div(self.total_conversions)
    }

    /// The credit of one channel (zero if it is on no journey).
    pub fn channel(&self, channel: ChannelId) -> Credit {
        self.by_channel
            .binary_search_by_key(&channel, |(id, _)| *id)
            .ok()
            .and_then(|i| self.by_channel.get(i))
            .map_or_else(Credit::default, |(_, credit)| *credit)
    }
}

/// Shares proportional to some weights, as decimals, ready to split any total exactly.
///
/// Negative or non-finite weights count as 0. When every weight is 0, the split is even, so a
/// non-zero total is never lost. The largest weight (the last of equal ones) takes the
/// remainder, which keeps Σ parts == total exactly and the correction relatively smallest.
#[derive(Debug, Default)]
pub(super) struct Split {
    shares: Vec<Decimal>,
    remainder_at: usize,
}

impl Split {
    /// Recomputes the shares for `weights`.
    pub fn set_weights(&mut self, weights: &[f64]) {
        let clean = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
        let sum: f64 = weights.iter().map(|&w| clean(w)).sum();
        self.shares.clear();
        self.remainder_at = 0;
        let mut best = f64::NEG_INFINITY;
        for (i, &w) in weights.iter().enumerate() {
            let share = if sum > 0.0 {
                clean(w) / sum
            } else {
                1.0 / weights.len() as f64
            };
            if share >= best {
                best = share;
                self.remainder_at = i;
            }
            self.shares
                .push(Decimal::from_f64(share).unwrap_or(Decimal::ZERO));
        }
    }

    /// Splits `total` by the shares into `parts` (cleared first): Σ parts == total exactly.
    pub fn apply(&self, total: Decimal, parts: &mut Vec<Decimal>) {
        self.apply_rounded(total, None, parts);
    }

    /// [`Split::apply`] with every part but the remainder rounded half-even to `dp` decimal
    /// places: when `total` has at most `dp` places so does every part, so sums of parts are
    /// exact integers on that grid (what the rollups store).
    pub fn apply_on_grid(&self, total: Decimal, dp: u32, parts: &mut Vec<Decimal>) {
        self.apply_rounded(total, Some(dp), parts);
    }

    fn apply_rounded(&self, total: Decimal, dp: Option<u32>, parts: &mut Vec<Decimal>) {
        parts.clear();
        let mut given = Decimal::ZERO;
        for (i, share) in self.shares.iter().enumerate() {
            let part = if i == self.remainder_at {
                Decimal::ZERO
            } else {
                let exact = total.saturating_mul(*share);
                match dp {
                    Some(dp) => exact.round_dp(dp),
                    None => exact,
                }
            };
            given = given.saturating_add(part);
            parts.push(part);
        }
        if let Some(rest) = parts.get_mut(self.remainder_at) {
            *rest = total.saturating_sub(given);
        }
    }
}

/// Credits per key from weights per key: `conversions` and `revenue` are each split exactly.
pub(super) fn allocate<K: Copy>(
    weights: &[(K, f64)],
    conversions: Decimal,
    revenue: Decimal,
) -> Vec<(K, Credit)> {
    let mut split = Split::default();
    let raw: Vec<f64> = weights.iter().map(|&(_, w)| w).collect();
    split.set_weights(&raw);
    let (mut conv_parts, mut rev_parts) = (Vec::new(), Vec::new());
    split.apply(conversions, &mut conv_parts);
    split.apply(revenue, &mut rev_parts);
    weights
        .iter()
        .zip(conv_parts.into_iter().zip(rev_parts))
        .map(|(&(key, _), (conversions, revenue))| {
            (
                key,
                Credit {
                    conversions,
                    revenue,
                },
            )
        })
        .collect()
}
