//! A sanity benchmark, not an assertion: `cargo test --release -- --ignored --nocapture bench`.

use std::time::Instant;

use super::*;

/// 1M journeys of 1–7 (≈4) touches over 21 channels, 10% converting, generated on the fly
/// (the attributor never holds them), through MARKOV and SHAPLEY.
#[test]
#[ignore = "speed check; run in release mode"]
fn bench_one_million_journeys() {
    const JOURNEYS: u64 = 1_000_000;
    const CHANNELS: u64 = 21;
    for model in [
        Model::Markov,
        Model::Shapley,
        Model::Linear,
        Model::TimeDecay,
    ] {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        let started = Instant::now();
        let mut attributor = attributor(model, Options::default());
        let mut touches = Vec::with_capacity(8);
        let mut touch_count = 0_u64;
        for _ in 0..JOURNEYS {
            touches.clear();
            let len = 1 + next(4) + next(4); // 1..=7, mean 4
            for i in 0..len {
                touches.push(touch(1 + next(CHANNELS) as i64, i as f64 - len as f64));
            }
            touch_count += len;
            let conversion = (next(10) == 0).then(|| ConversionEvent {
                at: day(0.0),
                revenue: Decimal::new(next(100_000) as i64, 2),
            });
            attributor.add_journey(&touches, conversion.as_ref());
        }
        let fed = started.elapsed();
        let result = attributor.finish();
        let total = started.elapsed();
        assert_sums_match(&result);
        println!(
            "{model:?}: {JOURNEYS} journeys, {touch_count} touches, {} channels: feed {:.3} s, finish {:.3} s, total {:.3} s (approximate: {})",
            result.by_channel.len(),
            fed.as_secs_f64(),
            (total - fed).as_secs_f64(),
            total.as_secs_f64(),
            result.approximate,
        );
    }
}
