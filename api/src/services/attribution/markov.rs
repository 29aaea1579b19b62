//! MARKOV: first-order Markov chain attribution by removal effects (DESIGN §4).
//!
//! Definition followed: the `markov_model` of the ChannelAttribution package (D. Altomare and
//! D. Loris, R/Python, version 2.2.5, `order = 1`), itself after Anderl, Becker, von Wangenheim
//! and Schumann (2016), "Mapping the customer journey: lessons learned from graph-based
//! online attribution modeling":
//!
//! * states START, one per channel, CONVERSION and NULL; consecutive repeats of a channel are
//!   one step (ChannelAttribution skips a step whose state equals the previous one). In a
//!   first-order chain this only drops self-loops, which change no absorption probability;
//!   it matters for the transition matrix shown and for higher orders;
//! * transition counts from every journey: START → first channel → … → last channel, then
//!   → CONVERSION for a converting journey or → NULL for one that never converted;
//! * removal effect RE(c) = 1 − P(conversion | c removed) / P(conversion), removing c sending
//!   every transition into c to NULL; credit share of c = RE(c) / Σ RE.
//!
//! Where this differs from ChannelAttribution 2.2.5:
//!
//! * it estimates the removal effects by simulating paths (`nsim_start`, `conv_par`): RE(c)
//!   there is the share of simulated converting paths that visit c, which equals the RE above
//!   in expectation (a path converts without c exactly when it converts and never visits c).
//!   We solve the absorbing chain exactly, so ours is what its estimate converges to;
//! * it stops a simulated path after `max_step` steps (by default the longest observed path)
//!   and counts it as NULL; we have no such cut-off (its `max_step` → ∞);
//! * it weights each path row by its `total_conversions` + `total_null` counts; we count each
//!   journey once, which gives the same transition counts for the same journeys;
//! * it credits revenue with separate value removal effects (simulated conversion values of the
//!   last channel); we credit revenue with the same share as conversions (DESIGN §4);
//! * higher orders (its `order > 1`) are not implemented.

use std::collections::HashMap;

use super::ChannelId;
use super::Touch;
use super::absorbing::Chain;

/// Column of the CONVERSION and NULL absorbing states in a row of counts.
const TO_CONVERSION: usize = 0;
const TO_NULL: usize = 1;

/// Streaming transition counts. State 0 is START and state `s ≥ 1` is channel `channels[s-1]`;
/// in a row of `counts`, column 0 is CONVERSION, 1 is NULL and `s + 1` is state `s`.
#[derive(Debug, Default)]
pub(super) struct MarkovCounts {
    index: HashMap<ChannelId, usize>,
    channels: Vec<ChannelId>,
    counts: Vec<Vec<u64>>,
}

impl MarkovCounts {
    /// The channels seen.
    pub fn states(&self) -> usize {
        self.channels.len()
    }

    /// Adds `converting + null` journeys of one collapsed channel path at once, `converting`
    /// of them ending in CONVERSION and `null` in NULL: the counts `add_journey` would reach.
    pub fn add_path(&mut self, channels: &[ChannelId], converting: u64, null: u64) {
        let mut previous = 0; // START
        for &channel in channels {
            let state = self.state_of(channel);
            if state != previous {
                self.bump_by(previous, state + 1, converting + null);
                previous = state;
            }
        }
        if previous != 0 {
            self.bump_by(previous, TO_CONVERSION, converting);
            self.bump_by(previous, TO_NULL, null);
        }
    }

    /// Adds the transitions of one non-empty journey in time order.
    pub fn add_journey(&mut self, touches: &[Touch], converted: bool) {
        let mut previous = 0; // START
        for touch in touches {
            let state = self.state_of(touch.channel);
            if state != previous {
                self.bump(previous, state + 1);
                previous = state;
            }
        }
        if previous != 0 {
            self.bump(previous, if converted { TO_CONVERSION } else { TO_NULL });
        }
    }

    /// Removal effect of every channel seen, sorted by channel id, and P(conversion).
    /// All effects are 0 when nothing converts.
    pub fn removal_effects(&self) -> (Vec<(ChannelId, f64)>, f64) {
        let chain = self.chain();
        let mut effects: Vec<(ChannelId, f64)> = self.sorted_channels().collect();
        let p = chain.conversion_probability(0, None);
        if p > 0.0 {
            for (state, (_, effect)) in effects.iter_mut().enumerate() {
                let without = chain.conversion_probability(0, Some(state + 1));
                // Removing a state can only lose conversions; clamp float noise below 0.
                *effect = (1.0 - without / p).clamp(0.0, 1.0);
            }
        }
        (effects, p)
    }

    /// The transient chain over START and the channels in ascending id order, so that the
    /// floating-point result does not depend on the order in which journeys arrived.
    pub(super) fn chain(&self) -> Chain {
        let order: Vec<usize> = self.sorted_states();
        let n = order.len() + 1;
        // position[old state] = new state
        let mut position = vec![0; n];
        for (new, &old) in order.iter().enumerate() {
            position[old] = new + 1;
        }
        let mut q = vec![0.0; n * n];
        let mut to_conversion = vec![0.0; n];
        for (old_from, row) in self.counts.iter().enumerate() {
            let total: u64 = row.iter().sum();
            if total == 0 {
                continue; // unreachable for a state that was seen; h = 0 if ever
            }
            let from = position[old_from];
            let total = total as f64;
            to_conversion[from] = row.get(TO_CONVERSION).copied().unwrap_or(0) as f64 / total;
            for (column, &count) in row.iter().enumerate().skip(2) {
                let to = position[column - 1];
                q[from * n + to] = count as f64 / total;
            }
        }
        Chain {
            n,
            q,
            to_conversion,
        }
    }

    fn sorted_states(&self) -> Vec<usize> {
        let mut states: Vec<usize> = (1..=self.channels.len()).collect();
        states.sort_unstable_by_key(|&s| self.channels[s - 1]);
        states
    }

    fn sorted_channels(&self) -> impl Iterator<Item = (ChannelId, f64)> + '_ {
        self.sorted_states()
            .into_iter()
            .map(|s| (self.channels[s - 1], 0.0))
    }

    fn state_of(&mut self, channel: ChannelId) -> usize {
        if let Some(&state) = self.index.get(&channel) {
            return state;
        }
        self.channels.push(channel);
        let state = self.channels.len();
        self.index.insert(channel, state);
        state
    }

    fn bump(&mut self, from: usize, column: usize) {
        self.bump_by(from, column, 1);
    }

    fn bump_by(&mut self, from: usize, column: usize, n: u64) {
        if n == 0 {
            return;
        }
        if self.counts.len() <= from {
            self.counts.resize_with(from + 1, Vec::new);
        }
        let row = &mut self.counts[from];
        if row.len() <= column {
            row.resize(column + 1, 0);
        }
        row[column] += n;
    }
}
