//! Absorption probabilities of an absorbing Markov chain, solved exactly (no simulation).
//!
//! With transient states T and Q = transition probabilities among them, b = probability of
//! stepping straight into CONVERSION, the probability h of ever being absorbed in CONVERSION
//! satisfies h = Q h + b, i.e. (I − Q) h = b. Every transient state of our chains reaches an
//! absorbing one (each observed journey ends in CONVERSION or NULL), so I − Q is non-singular.

/// The transient part of a chain: `q` is `n × n` row-major, `to_conversion` has `n` entries.
#[derive(Debug, Clone)]
pub(super) struct Chain {
    pub n: usize,
    pub q: Vec<f64>,
    pub to_conversion: Vec<f64>,
}

impl Chain {
    /// P(absorbed in CONVERSION | start in `from`), with the transient state `removed` (if any)
    /// turned into NULL: every transition into it is lost, so its h is pinned to 0.
    pub fn conversion_probability(&self, from: usize, removed: Option<usize>) -> f64 {
        let n = self.n;
        let mut a = vec![0.0; n * n];
        let mut b = self.to_conversion.clone();
        for i in 0..n {
            if Some(i) == removed {
                a[i * n + i] = 1.0;
                b[i] = 0.0;
                continue;
            }
            for j in 0..n {
                let identity = if i == j { 1.0 } else { 0.0 };
                a[i * n + j] = identity - self.q[i * n + j];
            }
        }
        match solve_in_place(&mut a, &mut b, n) {
            Some(()) => b.get(from).copied().unwrap_or(0.0).clamp(0.0, 1.0),
            None => 0.0,
        }
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `x` is left in `b`.
/// `None` when the matrix is (numerically) singular.
pub(super) fn solve_in_place(a: &mut [f64], b: &mut [f64], n: usize) -> Option<()> {
    if a.len() != n * n || b.len() != n {
        return None;
    }
    for col in 0..n {
        let pivot_row =
            (col..n).max_by(|&r, &s| a[r * n + col].abs().total_cmp(&a[s * n + col].abs()))?;
        let pivot = a[pivot_row * n + col];
        if !pivot.is_finite() || pivot.abs() < 1e-300 {
            return None;
        }
        if pivot_row != col {
            for j in 0..n {
                a.swap(col * n + j, pivot_row * n + j);
            }
            b.swap(col, pivot_row);
        }
        for row in col + 1..n {
            let factor = a[row * n + col] / pivot;
            if factor == 0.0 {
                continue;
            }
            for j in col..n {
                a[row * n + j] -= factor * a[col * n + j];
            }
            b[row] -= factor * b[col];
        }
    }
    for col in (0..n).rev() {
        let mut x = b[col];
        for j in col + 1..n {
            x -= a[col * n + j] * b[j];
        }
        b[col] = x / a[col * n + col];
    }
    b.iter().all(|x| x.is_finite()).then_some(())
}
