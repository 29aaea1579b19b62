//! Properties every model must keep, on random journeys (proptest).

use proptest::prelude::*;

use super::*;

type Journey = (Vec<Touch>, Option<ConversionEvent>);

/// A journey over `channels`: 1–6 touches up to 500 hours apart, converting (with revenue in
/// cents up to 100 000.00) or not.
fn journey(channels: std::ops::RangeInclusive<ChannelId>) -> impl Strategy<Value = Journey> {
    (
        prop::collection::vec((channels, 0u32..500), 1..7),
        prop::option::of(0i64..10_000_000),
    )
        .prop_map(|(steps, cents)| {
            let mut hours_before = 0.0;
            let mut touches: Vec<Touch> = steps
                .iter()
                .rev()
                .map(|&(channel, gap)| {
                    hours_before += f64::from(gap);
                    touch(channel, -hours_before / 24.0)
                })
                .collect();
            touches.reverse();
            let conversion = cents.map(|c| ConversionEvent {
                at: day(0.0),
                revenue: Decimal::new(c, 2),
            });
            (touches, conversion)
        })
}

fn options() -> impl Strategy<Value = Options> {
    (0.5f64..60.0, 0.0f64..=0.5, 0.0f64..=0.5).prop_map(|(half_life, first, last)| Options {
        half_life_days: half_life,
        first_weight: first,
        last_weight: last,
        ..Options::default()
    })
}

proptest! {
    #[test]
    fn every_model_credits_exactly_the_conversions_and_revenue(
        journeys in prop::collection::vec(journey(1..=6), 0..40),
        options in options(),
    ) {
        for model in Model::ALL {
            let result = run_with(model, options.clone(), &journeys);
            assert_sums_match(&result);
            for (channel, credit) in &result.by_channel {
                prop_assert!(credit.conversions >= Decimal::ZERO, "{model:?} {channel}: {credit:?}");
                prop_assert!(credit.revenue >= Decimal::ZERO, "{model:?} {channel}: {credit:?}");
            }
        }
    }

    #[test]
    fn a_channel_on_no_converting_journey_gets_nothing_from_rule_based_models(
        converting in prop::collection::vec(journey(1..=5), 1..20),
        never in prop::collection::vec(journey(1..=5), 1..20),
        position in 0usize..7,
    ) {
        const LOST: ChannelId = 99;
        let mut journeys: Vec<Journey> = converting
            .into_iter()
            .map(|(t, c)| (t, c.or_else(|| converted("1"))))
            .collect();
        for (mut touches, _) in never {
            // Inserted at `index` with the time of its neighbour, so the journey stays sorted.
            let index = position.min(touches.len());
            let at = touches.get(index).or(touches.last()).map_or(day(0.0), |t| t.at);
            touches.insert(index, Touch { at, channel: LOST, campaign: None });
            journeys.push((touches, None));
        }
        for model in Model::ALL.into_iter().filter(|m| m.is_rule_based()).chain([Model::Shapley]) {
            let result = run(model, &journeys);
            prop_assert_eq!(result.channel(LOST), super::super::Credit::default(), "{:?}", model);
        }
    }

    #[test]
    fn markov_gives_a_single_channel_world_everything(
        journeys in prop::collection::vec(journey(7..=7), 1..30),
    ) {
        let result = run(Model::Markov, &journeys);
        let credit = result.channel(7);
        prop_assert_eq!(credit.conversions, result.total_conversions);
        prop_assert_eq!(credit.revenue, result.total_revenue);
    }

    #[test]
    fn shapley_treats_interchangeable_channels_alike(
        journeys in prop::collection::vec(journey(1..=5), 1..30),
    ) {
        // Channels 1 and 2 are interchangeable when each journey comes with its mirror image.
        let swap = |c: ChannelId| match c { 1 => 2, 2 => 1, c => c };
        let mut all = journeys.clone();
        all.extend(journeys.into_iter().map(|(touches, conversion)| {
            let mirrored = touches.into_iter().map(|t| Touch { channel: swap(t.channel), ..t }).collect();
            (mirrored, conversion)
        }));
        let result = run(Model::Shapley, &all);
        let (one, two) = (result.channel(1), result.channel(2));
        prop_assert!((one.conversions - two.conversions).abs() < dec("0.000000001"), "{one:?} {two:?}");
        prop_assert!((one.revenue - two.revenue).abs() < dec("0.000000001"), "{one:?} {two:?}");
    }

    #[test]
    fn sampled_shapley_is_deterministic_for_a_seed(
        journeys in prop::collection::vec(journey(1..=20), 1..40),
        seed in any::<u64>(),
    ) {
        // One converting journey through all 20 channels makes every channel a player: 20 > 15.
        let mut journeys = journeys;
        journeys.push((path(&(1..=20).collect::<Vec<_>>()), converted("5")));
        let options = Options { seed, shapley_samples: 300, ..Options::default() };
        let first = run_with(Model::Shapley, options.clone(), &journeys);
        prop_assert!(first.approximate);
        let mut reversed = journeys.clone();
        reversed.reverse();
        let second = run_with(Model::Shapley, options, &reversed);
        prop_assert_eq!(first, second);
    }
}
