//! Rule-based models on small journeys, every expected credit worked out by hand.

use super::*;

const SEARCH: ChannelId = 2;
const EMAIL: ChannelId = 3;
const SOCIAL: ChannelId = 4;

/// The journeys of the hand-worked tables below (DIRECT = 1):
///
/// | journey | touches                | outcome      |
/// |---------|------------------------|--------------|
/// | J1      | SEARCH → EMAIL → SOCIAL| converts, 90 |
/// | J2      | SOCIAL → DIRECT        | converts, 30 |
/// | J3      | EMAIL                  | converts, 10 |
/// | J4      | SEARCH → SOCIAL        | never        |
/// | J5      | DIRECT → DIRECT        | converts, 20 |
///
/// 4 conversions, revenue 150.
fn journeys() -> Vec<(Vec<Touch>, Option<ConversionEvent>)> {
    vec![
        (path(&[SEARCH, EMAIL, SOCIAL]), converted("90")),
        (path(&[SOCIAL, DIRECT]), converted("30")),
        (path(&[EMAIL]), converted("10")),
        (path(&[SEARCH, SOCIAL]), None),
        (path(&[DIRECT, DIRECT]), converted("20")),
    ]
}

/// (channel, conversions, revenue) of each channel.
type Expected = [(ChannelId, f64, f64); 4];

#[test]
fn hand_worked_credits_for_every_rule_based_model() {
    // (channel, conversions, revenue) per model.
    let table: [(Model, Expected); 5] = [
        // First touch: J1 → SEARCH (1, 90), J2 → SOCIAL (1, 30), J3 → EMAIL (1, 10),
        // J5 → DIRECT (1, 20).
        (
            Model::FirstTouch,
            [
                (DIRECT, 1.0, 20.0),
                (SEARCH, 1.0, 90.0),
                (EMAIL, 1.0, 10.0),
                (SOCIAL, 1.0, 30.0),
            ],
        ),
        // Last touch: J1 → SOCIAL (1, 90), J2 → DIRECT (1, 30), J3 → EMAIL (1, 10),
        // J5 → DIRECT (1, 20): DIRECT = (2, 50).
        (
            Model::LastTouch,
            [
                (DIRECT, 2.0, 50.0),
                (SEARCH, 0.0, 0.0),
                (EMAIL, 1.0, 10.0),
                (SOCIAL, 1.0, 90.0),
            ],
        ),
        // Last non-direct: J1 → SOCIAL, J2 → SOCIAL (DIRECT skipped) = (2, 120);
        // J3 → EMAIL; J5 is all DIRECT, so its last touch DIRECT keeps (1, 20).
        (
            Model::LastNonDirect,
            [
                (DIRECT, 1.0, 20.0),
                (SEARCH, 0.0, 0.0),
                (EMAIL, 1.0, 10.0),
                (SOCIAL, 2.0, 120.0),
            ],
        ),
        // Linear: J1 gives 1/3 and 30 to each; J2 1/2 and 15 to SOCIAL and DIRECT; J3 all
        // to EMAIL; J5 1/2 + 1/2 = 1 and 20 to DIRECT.
        // DIRECT = 1/2 + 1 = 1.5, 15 + 20 = 35; SEARCH = 1/3, 30;
        // EMAIL = 1/3 + 1 = 4/3, 30 + 10 = 40; SOCIAL = 1/3 + 1/2 = 5/6, 30 + 15 = 45.
        (
            Model::Linear,
            [
                (DIRECT, 1.5, 35.0),
                (SEARCH, 1.0 / 3.0, 30.0),
                (EMAIL, 4.0 / 3.0, 40.0),
                (SOCIAL, 5.0 / 6.0, 45.0),
            ],
        ),
        // Position based 40/20/40: J1 SEARCH 0.4 (36), EMAIL 0.2 (18), SOCIAL 0.4 (36);
        // J2 (n = 2) 0.5/0.5 (15 each); J3 EMAIL 1 (10); J5 DIRECT 0.5 + 0.5 (20).
        // DIRECT = 1.5, 35; SEARCH = 0.4, 36; EMAIL = 1.2, 28; SOCIAL = 0.9, 51.
        (
            Model::PositionBased,
            [
                (DIRECT, 1.5, 35.0),
                (SEARCH, 0.4, 36.0),
                (EMAIL, 1.2, 28.0),
                (SOCIAL, 0.9, 51.0),
            ],
        ),
    ];
    for (model, expected) in table {
        let result = run(model, &journeys());
        assert_eq!(result.journeys, 5);
        assert_eq!(result.converting_journeys, 4);
        assert_eq!(result.non_converting_journeys, 1);
        assert_eq!(result.total_revenue, dec("150"));
        assert_credits(&result, &expected, GRID_TOLERANCE);
        assert_sums_match(&result);
        assert!(!result.approximate);
        // Every channel seen is listed, sorted, zero credits included.
        let ids: Vec<ChannelId> = result.by_channel.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, [DIRECT, SEARCH, EMAIL, SOCIAL], "{model:?}");
    }
}

#[test]
fn single_touch_credits_are_exact_decimals() {
    let result = run(Model::FirstTouch, &journeys());
    assert_eq!(result.channel(SEARCH).conversions, Decimal::ONE);
    assert_eq!(result.channel(SEARCH).revenue, dec("90"));
    assert_eq!(result.channel(SOCIAL).revenue, dec("30"));
}

#[test]
fn time_decay_halves_the_weight_every_half_life() {
    // Half-life 7 days; touches 14, 7 and 0 days before the conversion weigh
    // 2^-2 = 1/4, 2^-1 = 1/2 and 2^0 = 1; Σ = 7/4, so the shares are 1/7, 2/7 and 4/7.
    // Revenue 70 → 10, 20 and 40.
    let touches = vec![touch(SEARCH, -14.0), touch(EMAIL, -7.0), touch(SOCIAL, 0.0)];
    let result = run(Model::TimeDecay, &[(touches.clone(), converted("70"))]);
    assert_credits(
        &result,
        &[
            (SEARCH, 1.0 / 7.0, 10.0),
            (EMAIL, 2.0 / 7.0, 20.0),
            (SOCIAL, 4.0 / 7.0, 40.0),
        ],
        GRID_TOLERANCE,
    );
    // Half-life 3.5 days: weights 2^-4 = 1/16, 2^-2 = 1/4, 1; Σ = 21/16 → 1/21, 4/21, 16/21.
    let options = Options {
        half_life_days: 3.5,
        ..Options::default()
    };
    let result = run_with(Model::TimeDecay, options, &[(touches, converted("21"))]);
    assert_credits(
        &result,
        &[
            (SEARCH, 1.0 / 21.0, 1.0),
            (EMAIL, 4.0 / 21.0, 4.0),
            (SOCIAL, 16.0 / 21.0, 16.0),
        ],
        GRID_TOLERANCE,
    );
}

#[test]
fn time_decay_survives_a_half_life_far_shorter_than_the_lookback() {
    // 2^(-3000 / 0.01) underflows to 0 for every touch; weights relative to the newest touch
    // do not: the newest (still 10 days before the conversion) gets everything.
    let touches = vec![touch(SEARCH, -3000.0), touch(EMAIL, -10.0)];
    let options = Options {
        half_life_days: 0.01,
        lookback_days: 3650,
        ..Options::default()
    };
    let result = run_with(Model::TimeDecay, options, &[(touches, converted("5"))]);
    assert_credits(&result, &[(SEARCH, 0.0, 0.0), (EMAIL, 1.0, 5.0)], 0.0);
}

#[test]
fn position_based_takes_custom_weights() {
    let options = Options {
        first_weight: 0.3,
        last_weight: 0.5,
        ..Options::default()
    };
    // n = 4: first 0.3, last 0.5, the two middle touches share 1 − 0.8 = 0.2 → 0.1 each.
    // Channels 10, 11, 12, 13; revenue 100 → 30, 10, 10, 50.
    let result = run_with(
        Model::PositionBased,
        options.clone(),
        &[(path(&[10, 11, 12, 13]), converted("100"))],
    );
    assert_credits(
        &result,
        &[
            (10, 0.3, 30.0),
            (11, 0.1, 10.0),
            (12, 0.1, 10.0),
            (13, 0.5, 50.0),
        ],
        GRID_TOLERANCE,
    );
    // n = 2: first and last in proportion 0.3 : 0.5 → 3/8 and 5/8 of 80 = 30 and 50.
    let result = run_with(
        Model::PositionBased,
        options,
        &[(path(&[10, 13]), converted("80"))],
    );
    assert_credits(
        &result,
        &[(10, 0.375, 30.0), (13, 0.625, 50.0)],
        GRID_TOLERANCE,
    );
    // n = 1: everything.
    let result = run(Model::PositionBased, &[(path(&[12]), converted("7"))]);
    assert_credits(&result, &[(12, 1.0, 7.0)], 0.0);
}

#[test]
fn campaigns_are_credited_like_their_touches() {
    let mut touches = path(&[SEARCH, EMAIL, SOCIAL]);
    touches[0].campaign = Some(200);
    touches[2].campaign = Some(400);
    // Linear: each touch 1/3 and 30 of 90: campaigns 200, none and 400 get 1/3 each.
    let result = run(Model::Linear, &[(touches.clone(), converted("90"))]);
    let campaigns = result
        .by_campaign
        .clone()
        .expect("campaigns for a rule-based model");
    let ids: Vec<Option<i64>> = campaigns.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, [None, Some(200), Some(400)]);
    for (_, credit) in &campaigns {
        assert_near(
            "campaign conversions",
            credit.conversions,
            1.0 / 3.0,
            GRID_TOLERANCE,
        );
        assert_near("campaign revenue", credit.revenue, 30.0, GRID_TOLERANCE);
    }
    assert_sums_match(&result);
    // First touch: campaign 200 gets it all.
    let result = run(Model::FirstTouch, &[(touches, converted("90"))]);
    let campaigns = result
        .by_campaign
        .expect("campaigns for a rule-based model");
    assert!(campaigns.contains(&(
        Some(200),
        super::super::Credit {
            conversions: Decimal::ONE,
            revenue: dec("90")
        }
    )));
}

#[test]
fn data_driven_models_credit_no_campaign() {
    for model in [Model::Markov, Model::Shapley] {
        assert!(!model.is_rule_based());
        assert!(run(model, &journeys()).by_campaign.is_none());
    }
    assert_eq!(Model::ALL.iter().filter(|m| m.is_rule_based()).count(), 6);
}

#[test]
fn each_conversion_is_split_on_the_grid_and_its_parts_add_up_exactly() {
    use super::super::{CONVERSION_DP, Credit, REVENUE_DP, RuleSplitter};
    let revenue: Decimal = "100.01".parse().expect("a decimal");
    let conversion = ConversionEvent {
        at: day(30.0),
        revenue,
    };
    // Three and seven touches: thirds and sevenths have no finite decimal expansion.
    for n in [3, 7] {
        let touches: Vec<Touch> = (0..n)
            .map(|i| Touch {
                at: day(f64::from(i)),
                channel: 10 + i64::from(i),
                campaign: None,
            })
            .collect();
        for model in [Model::Linear, Model::TimeDecay, Model::PositionBased] {
            let mut splitter = RuleSplitter::new(model, Options::default(), DIRECT);
            let parts: Vec<Credit> = splitter.split(&touches, &conversion).collect();
            assert_eq!(parts.len(), touches.len());
            assert!(parts.iter().all(|c| c.conversions.scale() <= CONVERSION_DP));
            assert!(parts.iter().all(|c| c.revenue.scale() <= REVENUE_DP));
            let conversions: Decimal = parts.iter().map(|c| c.conversions).sum();
            let total: Decimal = parts.iter().map(|c| c.revenue).sum();
            assert_eq!(conversions, Decimal::ONE, "{model:?} over {n} touches");
            assert_eq!(total, revenue, "{model:?} over {n} touches");
        }
    }
}
