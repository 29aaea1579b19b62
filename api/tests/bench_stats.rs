//! The benchmark's `Summary` (a `harness = false` bench, so its checks live here).

#[path = "../benches/suite/stats.rs"]
mod stats;

use stats::Summary;

#[test]
fn a_summary_gives_the_median_min_and_max_of_its_samples() {
    let s = Summary::of(&[3.0, 1.0, 4.0, 2.0]);
    assert_eq!((s.median, s.min, s.max, s.runs), (2.5, 1.0, 4.0, 4));
    let s = Summary::of(&[5.0, 1.0, 3.0]);
    assert_eq!((s.median, s.min, s.max, s.runs), (3.0, 1.0, 5.0, 3));
}

#[test]
#[should_panic(expected = "sample 1 of [2.0, NaN, 1.0] is NaN")]
fn a_nan_sample_fails_instead_of_sorting_last() {
    Summary::of(&[2.0, f64::NAN, 1.0]);
}

#[test]
#[should_panic(expected = "is NaN")]
fn a_negative_nan_sample_fails_too() {
    Summary::of(&[2.0, -f64::NAN]);
}
