//! Tests of the attribution engine: hand-worked examples per model, journey building,
//! reference cross-checks, properties and an ignored speed check. Shared helpers live here.

mod bench;
mod journeys;
mod markov;
mod properties;
mod reference;
mod rules;
mod shapley;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use rust_decimal::Decimal;

use super::{AttributionResult, Attributor, ChannelId, ConversionEvent, Model, Options, Touch};

/// The DIRECT channel of the tests.
pub(super) const DIRECT: ChannelId = 1;

/// A fixed instant all test times are relative to.
pub(super) fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0)
        .single()
        .expect("a valid fixed date")
}

/// `base()` shifted by a (possibly fractional, possibly negative) number of days.
pub(super) fn day(days: f64) -> DateTime<Utc> {
    base() + TimeDelta::milliseconds((days * 86_400_000.0).round() as i64)
}

pub(super) fn touch(channel: ChannelId, days: f64) -> Touch {
    Touch {
        at: day(days),
        channel,
        campaign: None,
    }
}

/// Touches on `channels`, one day apart, the last one at day 0.
pub(super) fn path(channels: &[ChannelId]) -> Vec<Touch> {
    let n = channels.len() as f64;
    channels
        .iter()
        .enumerate()
        .map(|(i, &c)| touch(c, i as f64 + 1.0 - n))
        .collect()
}

/// A conversion at day 0 (just after `path`'s last touch) with this revenue.
pub(super) fn converted(revenue: &str) -> Option<ConversionEvent> {
    Some(ConversionEvent {
        at: day(0.0),
        revenue: dec(revenue),
    })
}

pub(super) fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("a decimal literal")
}

/// An attributor over a range wide enough for every test journey.
pub(super) fn attributor(model: Model, options: Options) -> Attributor {
    Attributor::new(model, options, DIRECT, day(-10_000.0), day(10_000.0))
        .expect("valid test options")
}

/// Runs `model` with default options over ready-made journeys.
pub(super) fn run(
    model: Model,
    journeys: &[(Vec<Touch>, Option<ConversionEvent>)],
) -> AttributionResult {
    run_with(model, Options::default(), journeys)
}

pub(super) fn run_with(
    model: Model,
    options: Options,
    journeys: &[(Vec<Touch>, Option<ConversionEvent>)],
) -> AttributionResult {
    let mut attributor = attributor(model, options);
    for (touches, conversion) in journeys {
        attributor.add_journey(touches, conversion.as_ref());
    }
    attributor.finish()
}

/// The tolerance of a fractional rule-based credit against its exact value: the engine
/// splits each conversion to a billionth (revenue to a millionth), so a few conversions
/// may drift by a few of those from the exact fraction (`rules::CONVERSION_DP`).
pub(super) const GRID_TOLERANCE: f64 = 1e-5;

/// Asserts |actual − expected| ≤ tolerance, naming `what` on failure.
pub(super) fn assert_near(what: &str, actual: Decimal, expected: f64, tolerance: f64) {
    let actual_f = f64::try_from(actual).expect("a decimal that fits an f64");
    assert!(
        (actual_f - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected} (± {tolerance})"
    );
}

/// Asserts the credits of each listed channel: (channel, conversions, revenue).
pub(super) fn assert_credits(
    result: &AttributionResult,
    expected: &[(ChannelId, f64, f64)],
    tolerance: f64,
) {
    for &(channel, conversions, revenue) in expected {
        let credit = result.channel(channel);
        assert_near(
            &format!("{:?} channel {channel} conversions", result.model),
            credit.conversions,
            conversions,
            tolerance,
        );
        assert_near(
            &format!("{:?} channel {channel} revenue", result.model),
            credit.revenue,
            revenue,
            tolerance,
        );
    }
}

/// Σ credits per channel (and per campaign, if any) equal the totals to 1e-9.
pub(super) fn assert_sums_match(result: &AttributionResult) {
    let tolerance = dec("0.000000001");
    let sum = |credits: &mut dyn Iterator<Item = &super::Credit>| {
        credits.fold((Decimal::ZERO, Decimal::ZERO), |(c, r), credit| {
            (c + credit.conversions, r + credit.revenue)
        })
    };
    let (c, r) = sum(&mut result.by_channel.iter().map(|(_, credit)| credit));
    assert!(
        (c - result.total_conversions).abs() <= tolerance,
        "{:?}: Σ conversions {c} ≠ {}",
        result.model,
        result.total_conversions
    );
    assert!(
        (r - result.total_revenue).abs() <= tolerance,
        "{:?}: Σ revenue {r} ≠ {}",
        result.model,
        result.total_revenue
    );
    if let Some(campaigns) = &result.by_campaign {
        let (c, r) = sum(&mut campaigns.iter().map(|(_, credit)| credit));
        assert!(
            (c - result.total_conversions).abs() <= tolerance,
            "{:?}: Σ campaign conversions {c}",
            result.model
        );
        assert!(
            (r - result.total_revenue).abs() <= tolerance,
            "{:?}: Σ campaign revenue {r}",
            result.model
        );
    }
    assert_eq!(
        result.total_conversions,
        Decimal::from(result.converting_journeys)
    );
    assert_eq!(
        result.journeys,
        result.converting_journeys + result.non_converting_journeys
    );
}
