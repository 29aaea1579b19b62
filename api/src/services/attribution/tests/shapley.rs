//! SHAPLEY: a hand-worked game, and both computations against the simplified formula.

use std::collections::{BTreeMap, BTreeSet};

use super::super::shapley::ShapleyCounts;
use super::*;

const A: ChannelId = 21;
const B: ChannelId = 22;

/// `n` journeys on `channels`, the first `conversions` of them converting.
fn repeat(
    channels: &[ChannelId],
    n: usize,
    conversions: usize,
) -> Vec<(Vec<Touch>, Option<ConversionEvent>)> {
    (0..n)
        .map(|i| {
            (
                path(channels),
                if i < conversions {
                    converted("10")
                } else {
                    None
                },
            )
        })
        .collect()
}

#[test]
fn two_channel_game_worked_by_hand() {
    // r({A}) = 2/10, r({B}) = 1/10, r({A, B}) = 6/10 (order and repeats do not matter).
    // v({A}) = 0.2, v({B}) = 0.1, v({A, B}) = 0.2 + 0.1 + 0.6 = 0.9.
    // φ(A) = 1/2 · (v(A) − 0) + 1/2 · (v(AB) − v(B)) = 0.1 + 0.4 = 0.5;
    // φ(B) = 1/2 · 0.1 + 1/2 · (0.9 − 0.2) = 0.05 + 0.35 = 0.4. Σ = 0.9 = v(AB).
    // 9 conversions worth 10 each → A 9 · 5/9 = 5 (50), B 4 (40).
    let mut journeys = repeat(&[A], 10, 2);
    journeys.extend(repeat(&[B], 10, 1));
    journeys.extend(repeat(&[B, A, A], 5, 3));
    journeys.extend(repeat(&[A, B], 5, 3));
    let result = run(Model::Shapley, &journeys);
    assert_eq!(result.converting_journeys, 9);
    assert_credits(&result, &[(A, 5.0, 50.0), (B, 4.0, 40.0)], 1e-12);
    assert_sums_match(&result);
    assert!(!result.approximate);
}

/// The simplified formula of Zhao et al. (2018): φ(c) = Σ over sets T ∋ c of r(T) / |T|.
fn simplified(journeys: &[(Vec<ChannelId>, bool)]) -> BTreeMap<ChannelId, f64> {
    let mut sets: BTreeMap<BTreeSet<ChannelId>, (f64, f64)> = BTreeMap::new();
    for (channels, converted) in journeys {
        let entry = sets.entry(channels.iter().copied().collect()).or_default();
        entry.0 += 1.0;
        entry.1 += f64::from(u8::from(*converted));
    }
    let mut phi = BTreeMap::new();
    for (set, (n, conversions)) in sets {
        for c in &set {
            *phi.entry(*c).or_insert(0.0) += conversions / n / set.len() as f64;
        }
    }
    phi
}

/// Deterministic pseudo-random journeys over `channels` channels (ids 100…).
fn scattered(channels: i64, count: u64) -> Vec<(Vec<ChannelId>, bool)> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    (0..count)
        .map(|_| {
            let len = 1 + next(4);
            let channels: Vec<ChannelId> = (0..len)
                .map(|_| 100 + next(channels as u64) as i64)
                .collect();
            // Lower ids convert more often, so values differ.
            let converted = next(100) < 10 + 3 * (channels[0] - 100) as u64;
            (channels, converted)
        })
        .collect()
}

fn values(journeys: &[(Vec<ChannelId>, bool)], options: &Options) -> (Vec<(ChannelId, f64)>, bool) {
    let mut counts = ShapleyCounts::default();
    for (channels, converted) in journeys {
        let touches: Vec<Touch> = channels.iter().map(|&c| touch(c, 0.0)).collect();
        counts.add_journey(&touches, *converted);
    }
    let v = counts.values(options);
    (v.values, v.approximate)
}

#[test]
fn exact_values_match_the_simplified_formula() {
    let journeys = scattered(12, 3_000);
    let (exact, approximate) = values(&journeys, &Options::default());
    assert!(!approximate);
    let reference = simplified(&journeys);
    assert_eq!(exact.len(), reference.len());
    for (channel, value) in exact {
        let want = reference[&channel];
        assert!(
            (value - want).abs() < 1e-12,
            "φ({channel}) = {value}, simplified {want}"
        );
    }
}

#[test]
fn sampled_values_above_the_exact_limit_approach_the_simplified_formula() {
    let journeys = scattered(18, 20_000);
    let options = Options::default();
    let (sampled, approximate) = values(&journeys, &options);
    assert!(approximate, "18 channels > 15: sampled");
    let reference = simplified(&journeys);
    let total: f64 = reference.values().sum();
    for (channel, value) in &sampled {
        let want = reference[channel];
        // 10 000 orders: each φ within 2% of Σ φ (observed error is far smaller).
        assert!(
            (value - want).abs() < 0.02 * total,
            "φ({channel}) = {value}, simplified {want}"
        );
    }
    // Same seed, same values; another seed, other values.
    assert_eq!(values(&journeys, &options).0, sampled);
    let other = Options {
        seed: 7,
        ..options.clone()
    };
    assert_ne!(values(&journeys, &other).0, sampled);
    // Raising the exact limit computes the same game exactly.
    let exact = Options {
        shapley_exact_max_channels: 18,
        ..options
    };
    let (exact_values, approximate) = values(&journeys, &exact);
    assert!(!approximate);
    for (channel, value) in exact_values {
        assert!((value - reference[&channel]).abs() < 1e-12);
    }
}

#[test]
fn channels_only_on_non_converting_journeys_are_null_players() {
    // 16 channels seen, but only 2 on converting journeys: the game has 2 players, exact.
    let mut journeys: Vec<(Vec<ChannelId>, bool)> =
        (300..314).map(|c| (vec![c, A], false)).collect();
    journeys.push((vec![A, B], true));
    journeys.push((vec![A], true));
    let (values, approximate) = values(&journeys, &Options::default());
    assert!(!approximate);
    assert_eq!(values.len(), 16);
    // r({A,B}) = 1, r({A}) = 1: φ(A) = 1 + 1/2, φ(B) = 1/2, everyone else 0.
    for (channel, value) in values {
        let want = match channel {
            A => 1.5,
            B => 0.5,
            _ => 0.0,
        };
        assert!((value - want).abs() < 1e-12, "φ({channel}) = {value}");
    }
}
