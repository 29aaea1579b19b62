//! MARKOV: the textbook example solved by hand, collapsing, and the linear solver.

use super::super::absorbing::solve_in_place;
use super::super::markov::MarkovCounts;
use super::*;

const C1: ChannelId = 11;
const C2: ChannelId = 12;
const C3: ChannelId = 13;

fn counts(journeys: &[(Vec<Touch>, bool)]) -> MarkovCounts {
    let mut counts = MarkovCounts::default();
    for (touches, converted) in journeys {
        counts.add_journey(touches, *converted);
    }
    counts
}

/// The three-path example of Anderl et al. (2016) and of most Markov attribution write-ups:
/// C1 → C2 → C3 → conversion, C1 → null, C2 → C3 → null.
fn textbook() -> Vec<(Vec<Touch>, bool)> {
    vec![
        (path(&[C1, C2, C3]), true),
        (path(&[C1]), false),
        (path(&[C2, C3]), false),
    ]
}

#[test]
fn textbook_three_path_example_has_the_hand_computed_removal_effects() {
    // Transition counts: START→C1 2, START→C2 1; C1→C2 1, C1→null 1; C2→C3 2;
    // C3→conv 1, C3→null 1. So P(START→C1) = 2/3, P(START→C2) = 1/3, P(C1→C2) = 1/2,
    // P(C2→C3) = 1, P(C3→conv) = 1/2.
    // h(C3) = 1/2, h(C2) = h(C3) = 1/2, h(C1) = 1/2 · h(C2) = 1/4,
    // P(conv) = h(START) = 2/3 · 1/4 + 1/3 · 1/2 = 1/6 + 1/6 = 1/3.
    // Without C1 (START→C1 goes to null): 1/3 · 1/2 = 1/6 → RE(C1) = 1 − (1/6)/(1/3) = 1/2.
    // Without C2 or without C3 no path reaches conversion: P = 0 → RE = 1.
    // Σ RE = 5/2 → shares 1/5, 2/5, 2/5.
    let (effects, p) = counts(&textbook()).removal_effects();
    assert!((p - 1.0 / 3.0).abs() < 1e-12, "P(conv) = {p}");
    let expected = [(C1, 0.5), (C2, 1.0), (C3, 1.0)];
    assert_eq!(effects.len(), 3);
    for ((channel, effect), (want_channel, want)) in effects.iter().zip(expected) {
        assert_eq!(*channel, want_channel);
        assert!(
            (effect - want).abs() < 1e-12,
            "RE({channel}) = {effect}, expected {want}"
        );
    }

    // Through the attributor: 1 conversion worth 100 → 0.2 (20), 0.4 (40), 0.4 (40).
    let journeys: Vec<_> = textbook()
        .into_iter()
        .map(|(touches, c)| (touches, if c { converted("100") } else { None }))
        .collect();
    let result = run(Model::Markov, &journeys);
    assert_credits(
        &result,
        &[(C1, 0.2, 20.0), (C2, 0.4, 40.0), (C3, 0.4, 40.0)],
        1e-12,
    );
    assert_sums_match(&result);
    assert_eq!(result.non_converting_journeys, 2);
}

#[test]
fn consecutive_repeats_collapse_into_one_step() {
    let repeated = counts(&[
        (path(&[C1, C1, C2, C2, C2]), true),
        (path(&[C2, C2]), false),
    ]);
    let collapsed = counts(&[(path(&[C1, C2]), true), (path(&[C2]), false)]);
    assert_eq!(repeated.removal_effects(), collapsed.removal_effects());
    // Not consecutive: C1 → C2 → C1 is three steps, a loop back to C1.
    let (effects, p) =
        counts(&[(path(&[C1, C2, C1]), true), (path(&[C1]), false)]).removal_effects();
    // START→C1 2; C1→C2 1, C1→conv 1, C1→null 1; C2→C1 1.
    // h(C1) = 1/3 h(C2) + 1/3, h(C2) = h(C1) → h(C1) = 1/2 = P(conv).
    // Without C2: h(C1) = 1/3 → RE(C2) = 1/3; without C1: 0 → RE(C1) = 1.
    assert!((p - 0.5).abs() < 1e-12);
    assert!((effects[0].1 - 1.0).abs() < 1e-12 && (effects[1].1 - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn the_result_does_not_depend_on_journey_order() {
    let mut journeys = textbook();
    journeys.push((path(&[C3, C1]), true));
    let forward = counts(&journeys).removal_effects();
    journeys.reverse();
    assert_eq!(forward, counts(&journeys).removal_effects());
}

#[test]
fn gaussian_elimination_needs_pivoting() {
    // [0 1; 1 1] x = [2; 3] → x = [1, 2]; a zero first pivot fails without row swaps.
    let mut a = [0.0, 1.0, 1.0, 1.0];
    let mut b = [2.0, 3.0];
    assert_eq!(solve_in_place(&mut a, &mut b, 2), Some(()));
    assert!((b[0] - 1.0).abs() < 1e-15 && (b[1] - 2.0).abs() < 1e-15);
    let mut singular = [1.0, 2.0, 2.0, 4.0];
    assert_eq!(solve_in_place(&mut singular, &mut [1.0, 1.0], 2), None);
}
