//! Tuning knobs of the attribution models and their validation.

use std::fmt;

/// Options of the attribution models; [`Options::default`] gives the DESIGN §4 defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// How far before a conversion its journey reaches, in days (1..=3650, default 90).
    pub lookback_days: u32,
    /// TIME_DECAY half-life in days (> 0, default 7).
    pub half_life_days: f64,
    /// POSITION_BASED share of the first touch (0..=1, default 0.4).
    pub first_weight: f64,
    /// POSITION_BASED share of the last touch (0..=1, default 0.4; first + last ≤ 1).
    pub last_weight: f64,
    /// SHAPLEY is computed exactly (2^n coalitions) up to this many channels
    /// (0..=[`Options::MAX_SHAPLEY_EXACT_CHANNELS`], default 15) and sampled above.
    pub shapley_exact_max_channels: usize,
    /// SHAPLEY permutations sampled above the exact limit
    /// (1..=[`Options::MAX_SHAPLEY_SAMPLES`], default 10 000).
    pub shapley_samples: usize,
    /// Seed of the SHAPLEY permutation sampler: the same data and seed give the same credits.
    pub seed: u64,
}

impl Options {
    /// Upper bound of `shapley_exact_max_channels`: 2^20 coalitions is 8 MiB per table.
    pub const MAX_SHAPLEY_EXACT_CHANNELS: usize = 20;
    /// Upper bound of `shapley_samples`, which bounds the sampler's running time.
    pub const MAX_SHAPLEY_SAMPLES: usize = 100_000;
    /// Longest accepted lookback, ten years.
    pub const MAX_LOOKBACK_DAYS: u32 = 3650;

    /// Checks every field; the error names the first bad one.
    pub fn validate(&self) -> Result<(), OptionsError> {
        if !(1..=Self::MAX_LOOKBACK_DAYS).contains(&self.lookback_days) {
            return Err(OptionsError::LookbackDays(self.lookback_days));
        }
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Err(OptionsError::HalfLifeDays(self.half_life_days));
        }
        if !(0.0..=1.0).contains(&self.first_weight) {
            return Err(OptionsError::FirstWeight(self.first_weight));
        }
        if !(0.0..=1.0).contains(&self.last_weight) {
            return Err(OptionsError::LastWeight(self.last_weight));
        }
        // A hair of tolerance so that 0.7 + 0.3 (0.99999…) and 0.6 + 0.4 both pass.
        if self.first_weight + self.last_weight > 1.0 + 1e-9 {
            return Err(OptionsError::PositionWeightsSum(
                self.first_weight + self.last_weight,
            ));
        }
        if self.shapley_exact_max_channels > Self::MAX_SHAPLEY_EXACT_CHANNELS {
            return Err(OptionsError::ShapleyExactMaxChannels(
                self.shapley_exact_max_channels,
            ));
        }
        if !(1..=Self::MAX_SHAPLEY_SAMPLES).contains(&self.shapley_samples) {
            return Err(OptionsError::ShapleySamples(self.shapley_samples));
        }
        Ok(())
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lookback_days: 90,
            half_life_days: 7.0,
            first_weight: 0.4,
            last_weight: 0.4,
            shapley_exact_max_channels: 15,
            shapley_samples: 10_000,
            seed: 0x1ead_50c3,
        }
    }
}

/// An invalid option (or range): which field, and the value that was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionsError {
    /// `lookback_days` outside 1..=3650.
    LookbackDays(u32),
    /// `half_life_days` not a finite number > 0.
    HalfLifeDays(f64),
    /// `first_weight` outside [0, 1].
    FirstWeight(f64),
    /// `last_weight` outside [0, 1].
    LastWeight(f64),
    /// `first_weight + last_weight` above 1 (the value is the sum).
    PositionWeightsSum(f64),
    /// `shapley_exact_max_channels` above [`Options::MAX_SHAPLEY_EXACT_CHANNELS`].
    ShapleyExactMaxChannels(usize),
    /// `shapley_samples` outside 1..=[`Options::MAX_SHAPLEY_SAMPLES`].
    ShapleySamples(usize),
    /// The range does not start before it ends.
    EmptyRange,
}

impl OptionsError {
    /// The offending field, as named in [`Options`] (`"range"` for [`OptionsError::EmptyRange`];
    /// `"last_weight"` for a sum above 1). The GraphQL layer maps it to its camelCase input.
    pub fn field(&self) -> &'static str {
        match self {
            OptionsError::LookbackDays(_) => "lookback_days",
            OptionsError::HalfLifeDays(_) => "half_life_days",
            OptionsError::FirstWeight(_) => "first_weight",
            OptionsError::LastWeight(_) | OptionsError::PositionWeightsSum(_) => "last_weight",
            OptionsError::ShapleyExactMaxChannels(_) => "shapley_exact_max_channels",
            OptionsError::ShapleySamples(_) => "shapley_samples",
            OptionsError::EmptyRange => "range",
        }
    }
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = self.field();
        match self {
            OptionsError::LookbackDays(v) => write!(
                f,
                "{field} must be between 1 and {}, got {v}",
                Options::MAX_LOOKBACK_DAYS
            ),
            OptionsError::HalfLifeDays(v) => {
                write!(f, "{field} must be a number greater than 0, got {v}")
            }
            OptionsError::FirstWeight(v) | OptionsError::LastWeight(v) => {
                write!(f, "{field} must be between 0 and 1, got {v}")
            }
            OptionsError::PositionWeightsSum(v) => {
                write!(f, "first_weight + last_weight must not exceed 1, got {v}")
            }
            OptionsError::ShapleyExactMaxChannels(v) => write!(
                f,
                "{field} must be at most {}, got {v}",
                Options::MAX_SHAPLEY_EXACT_CHANNELS
            ),
            OptionsError::ShapleySamples(v) => write!(
                f,
                "{field} must be between 1 and {}, got {v}",
                Options::MAX_SHAPLEY_SAMPLES
            ),
            OptionsError::EmptyRange => write!(f, "the range must start before it ends"),
        }
    }
}

impl std::error::Error for OptionsError {}
