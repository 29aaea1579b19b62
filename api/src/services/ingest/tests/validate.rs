//! The shared row checks: collecting bad rows, limits, text, money, currencies, days.

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

use super::super::validate::*;
use crate::error::AppError;

fn clock() -> Clock {
    // 23:30 UTC on 1 March is already 2 March in Paris.
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).single();
    Clock::new(
        now.expect("2026-03-01T23:30Z is a time"),
        chrono_tz::Europe::Paris,
    )
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

#[test]
fn every_bad_row_is_listed_in_input_order() {
    let mut errors = RowErrors::default();
    errors.push(7, "amount", "must not be negative");
    errors.push(2, "date", "in the future");
    errors.push(7, "clicks", "must not be negative");
    match errors.into_result() {
        Err(AppError::BadRows(rows)) => {
            let seen: Vec<(usize, &str)> =
                rows.iter().map(|r| (r.index, r.field.as_str())).collect();
            assert_eq!(seen, [(2, "date"), (7, "amount"), (7, "clicks")]);
        }
        other => panic!("expected BadRows, got {other:?}"),
    }
    assert!(RowErrors::default().into_result().is_ok());
}

#[test]
fn a_batch_over_the_limit_is_refused_naming_the_limit() {
    assert!(check_batch("entries", 10_000, 10_000).is_ok());
    let err = check_batch("entries", 10_001, 10_000)
        .expect_err("10,001 rows are refused")
        .to_string();
    assert!(err.contains("MAX_BATCH_ROWS = 10000"), "{err}");
    assert!(err.starts_with("entries:"), "{err}");
}

#[test]
fn text_is_cleaned_and_bounded() {
    assert_eq!(
        optional_text(Some("  Ada\u{0} "), 10),
        Ok(Some("Ada".to_owned()))
    );
    assert_eq!(optional_text(Some(" \t "), 10), Ok(None));
    assert_eq!(optional_text(None, 10), Ok(None));
    assert!(optional_text(Some("abcdefghijk"), 10).is_err());
    assert_eq!(
        optional_text(Some("ééééé"), 5),
        Ok(Some("ééééé".to_owned()))
    );
    assert!(required_text("   ", 10).is_err());
    assert_eq!(required_text(" crm-42 ", 10), Ok("crm-42".to_owned()));
}

#[test]
fn emails_are_lower_cased_and_garbage_is_refused() {
    assert_eq!(
        email(Some(" Ada@Example.COM ")),
        Ok(Some("ada@example.com".to_owned()))
    );
    assert_eq!(email(Some("")), Ok(None));
    for bad in [
        "ada",
        "@example.com",
        "ada@localhost",
        "a da@example.com",
        "a@b@c.com",
    ] {
        assert!(email(Some(bad)).is_err(), "{bad}");
    }
}

#[test]
fn counts_default_to_zero_and_refuse_negatives() {
    assert_eq!(count(None), Ok(0));
    assert_eq!(count(Some(12)), Ok(12));
    assert!(count(Some(-1)).is_err());
}

#[test]
fn amounts_become_cents_or_a_reason() {
    let amount = |s: &str| {
        s.parse::<Decimal>()
            .unwrap_or_else(|e| panic!("{s:?} is not a decimal: {e}"))
    };
    assert_eq!(cents(amount("12.30")), Ok(1230));
    assert_eq!(cents(amount("0")), Ok(0));
    assert_eq!(
        cents(amount("-0.01")),
        Err("must not be negative".to_owned())
    );
    assert!(cents(amount("1.005")).is_err_and(|r| r.contains("two decimal places")));
}

#[test]
fn the_workspace_currency_is_kept_and_other_iso_codes_are_named_for_conversion() {
    assert_eq!(currency(None, "EUR"), Ok(None));
    assert_eq!(currency(Some("eur"), "EUR"), Ok(None));
    assert_eq!(currency(Some(" "), "EUR"), Ok(None));
    assert_eq!(currency(Some(" usd"), "EUR"), Ok(Some("USD".to_owned())));
    assert!(currency(Some("DOLLARS"), "EUR").is_err_and(|r| r.contains("ISO 4217")));
}

#[test]
fn days_up_to_tomorrow_in_the_workspace_zone_are_accepted() {
    let clock = clock();
    // It is 2 March in Paris, so 3 March is tomorrow and 4 March the future.
    assert_eq!(clock.horizon(), day(2026, 3, 3));
    assert!(clock.not_after_tomorrow(day(2026, 3, 3)).is_ok());
    assert!(clock.not_after_tomorrow(day(2020, 1, 1)).is_ok());
    assert!(
        clock
            .not_after_tomorrow(day(2026, 3, 4))
            .is_err_and(|r| r.contains("2026-03-03"))
    );
}

#[test]
fn timestamps_default_to_now_and_use_local_days() {
    let clock = clock();
    assert_eq!(clock.timestamp(&Ok(None)), Ok(clock.now));
    assert_eq!(clock.local_date(clock.now), day(2026, 3, 2));
    let late = Utc.with_ymd_and_hms(2026, 3, 3, 22, 59, 0).single();
    let too_late = Utc.with_ymd_and_hms(2026, 3, 3, 23, 0, 0).single();
    assert!(
        clock.timestamp(&Ok(late)).is_ok(),
        "23:59 on 3 March in Paris"
    );
    assert!(
        clock.timestamp(&Ok(too_late)).is_err(),
        "00:00 on 4 March in Paris"
    );
}
