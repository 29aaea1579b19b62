//! Journey building from a lead's history (DESIGN §4), and option validation.

use super::super::{LeadHistory, OptionsError};
use super::*;

const SEARCH: ChannelId = 2;
const EMAIL: ChannelId = 3;
const SOCIAL: ChannelId = 4;
const DISPLAY: ChannelId = 5;

fn conversion(days: f64, revenue: &str) -> ConversionEvent {
    ConversionEvent {
        at: day(days),
        revenue: dec(revenue),
    }
}

/// Runs LINEAR (so every touch of a journey shows) over leads, for the range [from, to).
fn linear_over(from: f64, to: f64, leads: &[LeadHistory<'_>]) -> AttributionResult {
    let mut attributor = Attributor::new(
        Model::Linear,
        Options::default(),
        DIRECT,
        day(from),
        day(to),
    )
    .expect("valid options");
    for lead in leads {
        attributor.add_lead(lead);
    }
    attributor.finish()
}

#[test]
fn a_conversion_gets_the_touches_of_its_lookback_window() {
    // Conversion at day 0, lookback 90: the touch at −100 is too old, −90 is exactly on the
    // edge (kept), −10 and 0 (same instant as the conversion) are in, +5 is after it.
    let touches = [
        touch(SOCIAL, -100.0),
        touch(SEARCH, -90.0),
        touch(EMAIL, -10.0),
        touch(EMAIL, 0.0),
        touch(SOCIAL, 5.0),
    ];
    let conversions = [conversion(0.0, "30")];
    let lead = LeadHistory {
        touches: &touches,
        conversions: &conversions,
        source: Some(touches[0]),
    };
    let result = linear_over(-1.0, 1.0, &[lead]);
    // Three touches: SEARCH 1/3 (10), EMAIL 2/3 (20), SOCIAL nothing.
    assert_eq!((result.journeys, result.converting_journeys), (1, 1));
    assert_credits(
        &result,
        &[(SEARCH, 1.0 / 3.0, 10.0), (EMAIL, 2.0 / 3.0, 20.0)],
        GRID_TOLERANCE,
    );
    assert!(result.by_channel.iter().all(|(id, _)| *id != SOCIAL));
}

#[test]
fn a_conversion_without_touches_falls_back_to_the_source_then_direct() {
    let old = [touch(SOCIAL, -400.0)];
    let conversions = [conversion(0.0, "8")];
    let with_source = LeadHistory {
        touches: &old,
        conversions: &conversions,
        source: Some(Touch {
            campaign: Some(77),
            ..touch(SEARCH, -400.0)
        }),
    };
    let without_source = LeadHistory {
        touches: &[],
        conversions: &conversions,
        source: None,
    };
    let result = linear_over(-1.0, 1.0, &[with_source, without_source]);
    assert_credits(
        &result,
        &[(SEARCH, 1.0, 8.0), (DIRECT, 1.0, 8.0), (SOCIAL, 0.0, 0.0)],
        0.0,
    );
    let campaigns = result.by_campaign.expect("rule-based");
    assert_eq!(
        campaigns.len(),
        2,
        "campaign 77 of the source, and none for DIRECT"
    );
}

#[test]
fn a_lead_that_never_converted_is_one_journey_of_all_its_touches_on_its_creation_day() {
    // Created at −8 (its source), touched before and after the range [−10, 10).
    let touches = [touch(SEARCH, -8.0), touch(EMAIL, -5.0), touch(SOCIAL, 30.0)];
    let created_in_range = LeadHistory {
        touches: &touches,
        conversions: &[],
        source: Some(touch(SEARCH, -8.0)),
    };
    // Created at −50, before the range, though touched inside it.
    let late = [touch(DISPLAY, -50.0), touch(DISPLAY, 2.0)];
    let created_before = LeadHistory {
        touches: &late,
        conversions: &[],
        source: Some(touch(DISPLAY, -50.0)),
    };
    // Without a source, the first touch dates the lead: −40, outside.
    let outside = [touch(SOCIAL, -40.0), touch(EMAIL, 1.0)];
    let no_source = LeadHistory {
        touches: &outside,
        conversions: &[],
        source: None,
    };
    let result = linear_over(-10.0, 10.0, &[created_in_range, created_before, no_source]);
    assert_eq!(result.journeys, 1);
    assert_eq!(result.non_converting_journeys, 1);
    let ids: Vec<ChannelId> = result.by_channel.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, [SEARCH, EMAIL, SOCIAL]);
    assert_sums_match(&result);
}

#[test]
fn each_conversion_in_range_is_its_own_journey() {
    // Conversions at −30 (before the range), 0 and 10 (range [−5, 10): 10 is the excluded end).
    let touches = [touch(SEARCH, -31.0), touch(EMAIL, -1.0), touch(SOCIAL, 9.0)];
    let conversions = [
        conversion(10.0, "1"),
        conversion(-30.0, "2"),
        conversion(0.0, "4"),
    ];
    let lead = LeadHistory {
        touches: &touches,
        conversions: &conversions,
        source: None,
    };
    let result = linear_over(-5.0, 10.0, &[lead]);
    // Only the conversion at 0: journey SEARCH (−31), EMAIL (−1) → 1/2 and 2 each.
    assert_eq!((result.journeys, result.converting_journeys), (1, 1));
    assert_eq!(result.total_revenue, dec("4"));
    assert_credits(
        &result,
        &[(SEARCH, 0.5, 2.0), (EMAIL, 0.5, 2.0), (SOCIAL, 0.0, 0.0)],
        GRID_TOLERANCE,
    );

    // A lead whose only conversion is outside the range yields no journey at all.
    let late = [conversion(50.0, "1")];
    let lead = LeadHistory {
        touches: &touches,
        conversions: &late,
        source: None,
    };
    assert_eq!(linear_over(-5.0, 10.0, &[lead]).journeys, 0);
}

#[test]
fn unsorted_touches_are_put_in_time_order() {
    let touches = [touch(EMAIL, -1.0), touch(SEARCH, -3.0)];
    let conversions = [conversion(0.0, "5")];
    let lead = LeadHistory {
        touches: &touches,
        conversions: &conversions,
        source: None,
    };
    let mut attributor = Attributor::new(
        Model::FirstTouch,
        Options::default(),
        DIRECT,
        day(-1.0),
        day(1.0),
    )
    .expect("valid options");
    attributor.add_lead(&lead);
    assert_credits(
        &attributor.finish(),
        &[(SEARCH, 1.0, 5.0), (EMAIL, 0.0, 0.0)],
        0.0,
    );
}

#[test]
fn a_converting_journey_without_touches_is_direct() {
    let result = run(
        Model::LastNonDirect,
        &[(vec![], converted("3")), (vec![], None)],
    );
    assert_eq!(
        result.journeys, 1,
        "an empty non-converting journey is ignored"
    );
    assert_credits(&result, &[(DIRECT, 1.0, 3.0)], 0.0);
}

#[test]
fn zero_conversions_credit_nothing_in_every_model() {
    let journeys = vec![(path(&[SEARCH, EMAIL]), None), (path(&[SOCIAL]), None)];
    for model in Model::ALL {
        let result = run(model, &journeys);
        assert_eq!(result.total_conversions, Decimal::ZERO);
        assert_eq!(result.by_channel.len(), 3, "{model:?}");
        assert!(
            result
                .by_channel
                .iter()
                .all(|(_, c)| c.conversions.is_zero() && c.revenue.is_zero()),
            "{model:?}: {:?}",
            result.by_channel
        );
        assert_eq!(result.conversion_share(&result.channel(SEARCH)), None);
    }
    // And nothing at all is fine too.
    for model in Model::ALL {
        let result = run(model, &[]);
        assert!(result.by_channel.is_empty());
        assert_eq!(result.journeys, 0);
    }
}

#[test]
fn invalid_options_name_their_field() {
    let cases: [(Options, &str); 8] = [
        (
            Options {
                lookback_days: 0,
                ..Options::default()
            },
            "lookback_days",
        ),
        (
            Options {
                lookback_days: 3651,
                ..Options::default()
            },
            "lookback_days",
        ),
        (
            Options {
                half_life_days: 0.0,
                ..Options::default()
            },
            "half_life_days",
        ),
        (
            Options {
                half_life_days: f64::NAN,
                ..Options::default()
            },
            "half_life_days",
        ),
        (
            Options {
                first_weight: -0.1,
                ..Options::default()
            },
            "first_weight",
        ),
        (
            Options {
                last_weight: 1.5,
                ..Options::default()
            },
            "last_weight",
        ),
        (
            Options {
                first_weight: 0.7,
                last_weight: 0.4,
                ..Options::default()
            },
            "last_weight",
        ),
        (
            Options {
                shapley_samples: 0,
                ..Options::default()
            },
            "shapley_samples",
        ),
    ];
    for (options, field) in cases {
        let error = options.validate().expect_err("invalid options");
        assert_eq!(error.field(), field, "{error}");
        assert!(
            error.to_string().contains(field) || field == "last_weight",
            "{error}"
        );
        let refused = Attributor::new(Model::Linear, options, DIRECT, day(0.0), day(1.0));
        assert!(refused.is_err());
    }
    assert_eq!(Options::default().validate(), Ok(()));
    let sum_of_one = Options {
        first_weight: 0.7,
        last_weight: 0.3,
        ..Options::default()
    };
    assert_eq!(sum_of_one.validate(), Ok(()));
    let empty = Attributor::new(
        Model::Linear,
        Options::default(),
        DIRECT,
        day(1.0),
        day(1.0),
    );
    assert_eq!(empty.err(), Some(OptionsError::EmptyRange));
}
