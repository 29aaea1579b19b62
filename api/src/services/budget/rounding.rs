//! Rounding a continuous allocation to whole cents that stay within each channel's bounds and add
//! up to an exact total (largest remainder, ties to the earlier channel).

/// Cents per channel with `lo[i] ≤ cents[i] ≤ hi[i]` and `Σ cents = total`, as close to `amounts`
/// (in currency units) as whole cents allow. Requires `Σ lo ≤ total ≤ Σ hi` and `lo[i] ≤ hi[i]`.
pub(super) fn allocate_cents(amounts: &[f64], lo: &[i128], hi: &[i128], total: i128) -> Vec<i128> {
    let exact: Vec<f64> = amounts
        .iter()
        .map(|a| if a.is_finite() { a * 100.0 } else { 0.0 })
        .collect();
    let mut cents: Vec<i128> = exact
        .iter()
        .zip(lo.iter().zip(hi))
        .map(|(x, (&l, &h))| (x.floor() as i128).clamp(l, h))
        .collect();
    let remainder: Vec<f64> = exact
        .iter()
        .zip(&cents)
        .map(|(x, &c)| x - c as f64)
        .collect();

    let mut order: Vec<usize> = (0..cents.len()).collect();
    // Largest remainder first when adding cents; smallest first when taking them back.
    order.sort_by(|&i, &j| remainder[j].total_cmp(&remainder[i]).then(i.cmp(&j)));
    let mut residual = total - cents.iter().sum::<i128>();
    if residual < 0 {
        order.sort_by(|&i, &j| remainder[i].total_cmp(&remainder[j]).then(i.cmp(&j)));
    }

    while residual != 0 {
        let room = |cents: &[i128], i: usize| {
            if residual > 0 {
                hi[i] - cents[i]
            } else {
                cents[i] - lo[i]
            }
        };
        let eligible = order.iter().filter(|&&i| room(&cents, i) > 0).count() as i128;
        if eligible == 0 {
            break;
        }
        // One cent each per pass in the usual case; bigger steps only if the floats were far off.
        let quota = (residual.abs() / eligible).max(1);
        for &i in &order {
            if residual == 0 {
                break;
            }
            let direction = residual.signum();
            let room = if direction > 0 {
                hi[i] - cents[i]
            } else {
                cents[i] - lo[i]
            };
            let step = quota.min(room).min(residual.abs());
            if step > 0 {
                cents[i] += step * direction;
                residual -= step * direction;
            }
        }
    }
    cents
}

#[cfg(test)]
mod tests {
    use super::allocate_cents;

    #[test]
    fn largest_remainders_get_the_missing_cents() {
        let cents = allocate_cents(&[1.004, 1.006, 1.009], &[0; 3], &[1_000; 3], 302);
        assert_eq!(cents, vec![100, 101, 101]);
    }

    #[test]
    fn bounds_hold_even_when_the_floats_disagree_with_them() {
        let cents = allocate_cents(&[50.0, 50.0], &[0, 0], &[3_000, 10_000], 9_000);
        assert_eq!(cents, vec![3_000, 6_000]);
        let cents = allocate_cents(&[500.0, 500.0], &[6_000, 0], &[10_000, 10_000], 7_000);
        assert_eq!(cents.iter().sum::<i128>(), 7_000);
        assert!(cents[0] >= 6_000);
    }

    #[test]
    fn surplus_cents_are_taken_back_from_the_smallest_remainders() {
        let cents = allocate_cents(&[1.011, 1.019, 1.0], &[0; 3], &[1_000; 3], 300);
        assert_eq!(cents.iter().sum::<i128>(), 300);
        assert_eq!(cents, vec![100, 101, 99]);
    }
}
