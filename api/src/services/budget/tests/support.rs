//! Test helpers: decimal literals, a seeded generator, synthetic weekly data and channel builders.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::super::{ChannelInput, CurveFit, FitRejection, WeeklyPoint};

pub(super) fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal literal")
}

/// An `f64` as an exact-enough decimal (not rounded to cents, so synthetic fits stay exact).
pub(super) fn decimal(value: f64) -> Decimal {
    Decimal::from_f64(value).expect("a finite value")
}

/// SplitMix64: a tiny deterministic generator, so noisy tests need no extra dependency.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    pub(super) fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit();
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Weekly points on `revenue(spend)` at the given spends, with multiplicative log-normal noise.
pub(super) fn points_on(
    spends: &[f64],
    revenue: impl Fn(f64) -> f64,
    noise: f64,
    rng: &mut Rng,
) -> Vec<WeeklyPoint> {
    spends
        .iter()
        .map(|&s| WeeklyPoint {
            spend: decimal(s),
            revenue: decimal(revenue(s) * (noise * rng.normal()).exp()),
        })
        .collect()
}

/// Twelve varied weekly spends between `low` and `high`, in a shuffled order.
pub(super) fn varied_spends(low: f64, high: f64) -> Vec<f64> {
    [0.0, 0.6, 0.2, 1.0, 0.4, 0.9, 0.1, 0.7, 0.3, 0.8, 0.5, 0.05]
        .iter()
        .map(|t| low + (high - low) * t)
        .collect()
}

pub(super) fn power(a: f64, b: f64) -> CurveFit {
    CurveFit::power_law(a, b, 1.0, 12)
}

pub(super) fn channel(
    key: &str,
    current: Decimal,
    weeks: f64,
    fit: Result<CurveFit, FitRejection>,
) -> ChannelInput {
    ChannelInput {
        key: key.to_owned(),
        name: key.to_owned(),
        current_spend: current,
        weeks,
        fit,
        min_spend: None,
        max_spend: None,
        locked: false,
    }
}
