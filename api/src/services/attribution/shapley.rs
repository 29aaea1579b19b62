//! SHAPLEY: channel credit as Shapley values of a coalition game (DESIGN §4).
//!
//! Reference: K. Zhao, S. H. Mahboobi, S. R. Bagheri (2018), "Shapley Value Methods for
//! Attribution Modeling in Online Advertising", arXiv:1804.05327. We follow its game:
//!
//! * r(T) = conversion rate (converting ÷ all journeys) of the journeys whose set of distinct
//!   channels is exactly T (order and repeats ignored);
//! * v(S) = Σ over non-empty T ⊆ S of r(T);
//! * φ(c) = Σ over S ⊆ N∖{c} of |S|! (n − |S| − 1)! / n! · (v(S ∪ {c}) − v(S)), and the credit
//!   share of c is φ(c) / Σ φ (Σ φ = v(N) by efficiency), times the conversions and revenue.
//!
//! Since v(S) = Σ_{T⊆S} r(T), the r(T) are v's Harsanyi dividends, and the paper's
//! "simplified" formula follows: φ(c) = Σ over T ∋ c of r(T) / |T|. The tests use it as the
//! independent check of the two computations here, which follow DESIGN §4:
//!
//! * n ≤ `shapley_exact_max_channels`: exact, by a subset-sum (zeta) transform of r over
//!   bitmasks and the formula above, O(n·2^n) time and 2^n memory;
//! * above: Monte Carlo over `shapley_samples` random channel orders drawn from a ChaCha8
//!   generator seeded with `seed` (deterministic), each order crediting c with its marginal
//!   contribution v(pred(c) ∪ {c}) − v(pred(c)); the result is flagged approximate.
//!
//! N, the players, are the channels of the converting journeys: a channel only ever seen on
//! non-converting journeys has r = 0 on every set containing it, so it is a null player with
//! φ = 0 whose presence changes no one else's value; leaving it out keeps more runs exact.
//! Every r(T) ≥ 0, so φ ≥ 0 (exact and sampled alike); negatives are still clamped to 0
//! before normalising, as a guard that keeps shares within [0, 1].

use std::collections::{HashMap, HashSet};

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::{ChannelId, Options, Touch};

#[derive(Debug, Default, Clone, Copy)]
struct SetCount {
    journeys: u64,
    conversions: u64,
}

/// Streaming counts of journeys and conversions per distinct channel set.
#[derive(Debug, Default)]
pub(super) struct ShapleyCounts {
    sets: HashMap<Box<[ChannelId]>, SetCount>,
    channels: HashSet<ChannelId>,
    scratch: Vec<ChannelId>,
}

/// Shapley values per channel (every channel seen, sorted by id) and whether they were sampled.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ShapleyValues {
    pub values: Vec<(ChannelId, f64)>,
    pub approximate: bool,
}

impl ShapleyCounts {
    /// The channels seen.
    pub fn states(&self) -> usize {
        self.channels.len()
    }

    /// Adds one non-empty journey.
    pub fn add_journey(&mut self, touches: &[Touch], converted: bool) {
        self.scratch.clear();
        self.scratch.extend(touches.iter().map(|t| t.channel));
        self.count_scratch(1, u64::from(converted));
    }

    /// Adds `journeys` journeys over one channel path at once, `conversions` of them
    /// converting: the counts `add_journey` would reach.
    pub fn add_path(&mut self, channels: &[ChannelId], journeys: u64, conversions: u64) {
        self.scratch.clear();
        self.scratch.extend_from_slice(channels);
        self.count_scratch(journeys, conversions);
    }

    fn count_scratch(&mut self, journeys: u64, conversions: u64) {
        self.scratch.sort_unstable();
        self.scratch.dedup();
        if let Some(count) = self.sets.get_mut(self.scratch.as_slice()) {
            count.journeys += journeys;
            count.conversions += conversions;
            return;
        }
        self.channels.extend(self.scratch.iter().copied());
        let set = self.scratch.clone().into_boxed_slice();
        self.sets.insert(
            set,
            SetCount {
                journeys,
                conversions,
            },
        );
    }

    /// Shapley values of every channel seen.
    pub fn values(&self, options: &Options) -> ShapleyValues {
        // Sets with conversions, in a fixed order so that float sums and sampling are
        // reproducible whatever order the journeys came in.
        let mut rated: Vec<(&[ChannelId], f64)> = self
            .sets
            .iter()
            .filter(|(_, c)| c.conversions > 0)
            .map(|(set, c)| (&set[..], c.conversions as f64 / c.journeys as f64))
            .collect();
        rated.sort_unstable_by(|a, b| a.0.cmp(b.0));

        let mut players: Vec<ChannelId> = rated
            .iter()
            .flat_map(|(set, _)| set.iter())
            .copied()
            .collect();
        players.sort_unstable();
        players.dedup();
        // Each set as indices into `players`.
        let games: Vec<(Vec<usize>, f64)> = rated
            .iter()
            .map(|(set, r)| {
                let members = set
                    .iter()
                    .filter_map(|c| players.binary_search(c).ok())
                    .collect();
                (members, *r)
            })
            .collect();

        let n = players.len();
        let approximate = n > options.shapley_exact_max_channels;
        let phi = if n == 0 {
            Vec::new()
        } else if approximate {
            sampled_shapley(n, &games, options.shapley_samples, options.seed)
        } else {
            exact_shapley(n, &games)
        };

        let mut values: Vec<(ChannelId, f64)> = self.channels.iter().map(|&c| (c, 0.0)).collect();
        values.sort_unstable_by_key(|&(c, _)| c);
        for (channel, value) in &mut values {
            if let Ok(i) = players.binary_search(channel) {
                *value = phi.get(i).copied().unwrap_or(0.0).max(0.0);
            }
        }
        ShapleyValues {
            values,
            approximate,
        }
    }
}

/// Exact Shapley values of the game v(S) = Σ_{T⊆S} r(T) over `n` players (n ≤ 20).
fn exact_shapley(n: usize, games: &[(Vec<usize>, f64)]) -> Vec<f64> {
    let size = 1usize << n;
    let mut v = vec![0.0_f64; size];
    for (members, r) in games {
        let mask = members.iter().fold(0usize, |m, &i| m | (1 << i));
        v[mask] += r;
    }
    // Zeta transform: v[S] = Σ over T ⊆ S of r[T].
    for bit in 0..n {
        let b = 1usize << bit;
        for mask in 0..size {
            if mask & b != 0 {
                v[mask] += v[mask ^ b];
            }
        }
    }
    // weight[s] = s! (n − s − 1)! / n! = 1 / (n · C(n − 1, s)).
    let mut weight = Vec::with_capacity(n);
    let mut binomial = 1.0_f64;
    for s in 0..n {
        weight.push(1.0 / (n as f64 * binomial));
        binomial = binomial * (n - 1 - s) as f64 / (s + 1) as f64;
    }
    let mut phi = vec![0.0_f64; n];
    for mask in 0..size {
        let w = weight
            .get(mask.count_ones() as usize)
            .copied()
            .unwrap_or(0.0);
        for (player, value) in phi.iter_mut().enumerate() {
            let b = 1usize << player;
            if mask & b == 0 {
                *value += w * (v[mask | b] - v[mask]);
            }
        }
    }
    phi
}

/// Shapley values estimated from `samples` random orders of the `n` players.
///
/// In an order, c's marginal contribution is the sum of r(T) over the sets T ∋ c whose other
/// members all come before c, so each set credits its last-arriving member.
fn sampled_shapley(n: usize, games: &[(Vec<usize>, f64)], samples: usize, seed: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut order: Vec<usize> = (0..n).collect();
    let mut arrival = vec![0usize; n];
    let mut phi = vec![0.0_f64; n];
    for _ in 0..samples {
        order.shuffle(&mut rng);
        for (position, &player) in order.iter().enumerate() {
            arrival[player] = position;
        }
        for (members, r) in games {
            if let Some(&last) = members.iter().max_by_key(|&&m| arrival[m]) {
                phi[last] += r;
            }
        }
    }
    let samples = samples.max(1) as f64;
    phi.iter_mut().for_each(|value| *value /= samples);
    phi
}
