//! Cross-checks against reference implementations on the same journeys.
//!
//! The numbers are literal outputs of `reference.py` beside this file, run as
//! `python reference.py` in a virtualenv with numpy 2.4, pandas 3.1 and ChannelAttribution
//! 2.2.5 from PyPI (`pip install ChannelAttribution numpy matplotlib`; `--no-ca` skips
//! ChannelAttribution). It does three things on the paths of `paths()`:
//!
//! 1. exact first-order Markov removal effects: collapse repeats, count transitions, then
//!    `np.linalg.solve(I − Q, b)` with and without each channel (independent of our solver);
//! 2. Shapley values by brute force over all coalitions with v(S) = Σ_{T⊆S} r(T) and the
//!    factorial-weighted formula (independent of our bitmask DP);
//! 3. ChannelAttribution's own models:
//!    `markov_model(df, "path", "total_conversions", var_value="total_conversion_value",
//!    var_null="total_null", order=1, nsim_start=2e6, max_step=1000, out_more=True, seed=0,
//!    conv_par=0.005, verbose=False, flg_pro=False)` and
//!    `heuristic_models(df, "path", "total_conversions", var_value="total_conversion_value")`.
//!
//! ChannelAttribution estimates removal effects by simulation, so its numbers agree with the
//! exact ones to about 1e-3 (checked with 5e-3); its conversion-value credits use separate
//! value removal effects, which we do not follow (see `markov.rs`): A 125.64, B 197.19,
//! C 206.96, D 110.21 there, against 138.06, 203.23, 193.79, 104.93 here.

use super::*;

const A: ChannelId = 31;
const B: ChannelId = 32;
const C: ChannelId = 33;
const D: ChannelId = 34;

/// ChannelAttribution's input: path, total_conversions, total_null, total_conversion_value.
fn paths() -> [(&'static [ChannelId], usize, usize, i64); 6] {
    [
        (&[A, B, C], 3, 2, 300),
        (&[A], 1, 4, 50),
        (&[B, A, B], 2, 1, 120),
        (&[C, C, D], 1, 3, 80),
        (&[D, A], 0, 2, 0),
        (&[B, D, C], 2, 2, 90),
    ]
}

/// One journey per conversion (each worth the path's value ÷ its conversions) and per null.
fn journeys() -> Vec<(Vec<Touch>, Option<ConversionEvent>)> {
    let mut journeys = Vec::new();
    for (channels, conversions, nulls, value) in paths() {
        for _ in 0..conversions {
            let revenue = Decimal::from(value) / Decimal::from(conversions);
            journeys.push((path(channels), converted(&revenue.to_string())));
        }
        for _ in 0..nulls {
            journeys.push((path(channels), None));
        }
    }
    journeys
}

#[test]
fn markov_matches_the_exact_numpy_reference_and_channel_attribution() {
    let result = run(Model::Markov, &journeys());
    assert_eq!(result.converting_journeys, 9);
    assert_eq!(result.total_revenue, dec("640"));
    // reference.py, exact (numpy): P(conv) = 0.391304347826087 (= 9/23).
    assert_credits(
        &result,
        &[
            (A, 1.9414888428132324, 138.0614288222743),
            (B, 2.857871576621078, 203.22642322638774),
            (C, 2.7251080600276336, 193.78546204640952),
            (D, 1.4755315205380568, 104.92668590492848),
        ],
        1e-9,
    );
    // ChannelAttribution.markov_model, total_conversions (simulated).
    for (channel, simulated) in [
        (A, 1.9416447121),
        (B, 2.8579601054),
        (C, 2.7251787731),
        (D, 1.4752164095),
    ] {
        assert_near(
            "vs ChannelAttribution",
            result.channel(channel).conversions,
            simulated,
            5e-3,
        );
    }

    let mut counts = super::super::markov::MarkovCounts::default();
    for (touches, conversion) in journeys() {
        counts.add_journey(&touches, conversion.is_some());
    }
    let (effects, p) = counts.removal_effects();
    assert!((p - 9.0 / 23.0).abs() < 1e-12);
    // Removal effects: exact (numpy) and ChannelAttribution's removal_effects_conversion.
    let expected = [
        (A, 0.4385964912280702, 0.4379321322),
        (B, 0.6456140350877193, 0.6446043165),
        (C, 0.6156217882836588, 0.6146558859),
        (D, 0.33333333333333337, 0.3327306297),
    ];
    for ((channel, effect), (want_channel, exact, simulated)) in effects.into_iter().zip(expected) {
        assert_eq!(channel, want_channel);
        assert!(
            (effect - exact).abs() < 1e-12,
            "RE({channel}) = {effect}, numpy {exact}"
        );
        assert!(
            (effect - simulated).abs() < 5e-3,
            "RE({channel}) = {effect}, ChannelAttribution {simulated}"
        );
    }
}

#[test]
fn shapley_matches_the_brute_force_reference() {
    // reference.py, brute force: φ = A 0.7333…, B 0.7, C 0.4916…, D 0.2916…; Σ φ = 2.21666….
    let result = run(Model::Shapley, &journeys());
    assert_credits(
        &result,
        &[
            (A, 2.977443609022556, 211.72932330827066),
            (B, 2.842105263157895, 202.10526315789477),
            (C, 1.9962406015037593, 141.95488721804512),
            (D, 1.1842105263157892, 84.21052631578945),
        ],
        1e-9,
    );
    assert!(!result.approximate);
}

/// (channel, conversions, revenue) of each channel.
type Expected = [(ChannelId, f64, f64); 4];

#[test]
fn heuristics_match_channel_attribution() {
    // heuristic_models: first_touch, last_touch and linear_touch (conversions, value).
    let cases: [(Model, Expected); 3] = [
        (
            Model::FirstTouch,
            [
                (A, 4.0, 350.0),
                (B, 4.0, 210.0),
                (C, 1.0, 80.0),
                (D, 0.0, 0.0),
            ],
        ),
        (
            Model::LastTouch,
            [
                (A, 1.0, 50.0),
                (B, 2.0, 120.0),
                (C, 5.0, 390.0),
                (D, 1.0, 80.0),
            ],
        ),
        (
            Model::Linear,
            [
                (A, 2.6666666667, 190.0),
                (B, 3.0, 210.0),
                (C, 2.3333333333, 183.3333333333),
                (D, 1.0, 56.6666666667),
            ],
        ),
    ];
    for (model, expected) in cases {
        assert_credits(&run(model, &journeys()), &expected, GRID_TOLERANCE);
    }
}

#[test]
fn textbook_example_in_the_numpy_reference() {
    // reference.py "textbook": P(conv) = 1/3; Markov shares 0.2, 0.4, 0.4; Shapley gives
    // each channel 1/3 (only the set {C1, C2, C3} converts).
    let journeys = vec![
        (path(&[A, B, C]), converted("3")),
        (path(&[A]), None),
        (path(&[B, C]), None),
    ];
    assert_credits(
        &run(Model::Markov, &journeys),
        &[(A, 0.2, 0.6), (B, 0.4, 1.2), (C, 0.4, 1.2)],
        1e-12,
    );
    let third = 1.0 / 3.0;
    assert_credits(
        &run(Model::Shapley, &journeys),
        &[(A, third, 1.0), (B, third, 1.0), (C, third, 1.0)],
        1e-12,
    );
}
