//! Conversion kinds.

use super::super::conversion::kind;

#[test]
fn kinds_are_lower_cased_and_restricted() {
    assert_eq!(kind(" Purchase "), Ok("purchase".to_owned()));
    assert_eq!(kind("demo-booked_2"), Ok("demo-booked_2".to_owned()));
    for bad in ["", "closed won", "x".repeat(51).as_str(), "achat€"] {
        assert!(kind(bad).is_err(), "{bad:?}");
    }
}
