//! Median, min and max of a scenario's runs.

/// The spread of one figure over several runs.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub runs: usize,
}

impl Summary {
    /// The summary of `samples` (NaN everywhere when there are none). The median of an even
    /// count is the mean of the two middle samples.
    ///
    /// Panics on a NaN sample: it is a measurement that failed (a missing figure, 0 / 0), and
    /// sorted among the others it would silently become the max or shift the median.
    pub fn of(samples: &[f64]) -> Summary {
        if let Some(i) = samples.iter().position(|s| s.is_nan()) {
            panic!("sample {i} of {samples:?} is NaN: a failed measurement, not a figure");
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => sorted[n / 2],
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        };
        Summary {
            median,
            min: sorted.first().copied().unwrap_or(f64::NAN),
            max: sorted.last().copied().unwrap_or(f64::NAN),
            runs: n,
        }
    }
}
