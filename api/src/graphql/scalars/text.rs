//! The strict reading of the scalars' text: `YYYY-MM-DD` dates and RFC 3339 timestamps within
//! the years 1900 to 9999 (the bounds report ranges already had), and decimal numbers. Errors
//! are reasons, to be attached to a field or a row by the caller.

use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

/// Earliest year a date or timestamp may carry.
pub const MIN_YEAR: i32 = 1900;
/// Latest year a date or timestamp may carry.
pub const MAX_YEAR: i32 = 9999;

/// A date written exactly `YYYY-MM-DD` (`2026-1-1` is refused), on the calendar, in range.
pub fn read_date(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(format!("{} is not a YYYY-MM-DD date", shown(text)));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{} is not a day of the calendar", shown(text)))?;
    in_years(date.year(), text)?;
    Ok(date)
}

/// An RFC 3339 timestamp with an offset, e.g. `2026-11-27T09:30:00Z`, in range.
pub fn read_timestamp(text: &str) -> Result<DateTime<Utc>, String> {
    let at = DateTime::parse_from_rfc3339(text).map_err(|_| {
        format!(
            "{} is not an RFC 3339 timestamp such as 2026-11-27T09:30:00Z",
            shown(text)
        )
    })?;
    let at = at.with_timezone(&Utc);
    in_years(at.year(), text)?;
    Ok(at)
}

/// A decimal number written as text, e.g. `"12.50"`.
pub fn read_decimal(text: &str) -> Result<Decimal, String> {
    Decimal::from_str(text.trim())
        .map_err(|_| format!("{} is not a decimal number such as 12.50", shown(text)))
}

fn in_years(year: i32, text: &str) -> Result<(), String> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(format!(
            "{} is outside the years {MIN_YEAR} to {MAX_YEAR}",
            shown(text)
        ));
    }
    Ok(())
}

/// The value quoted for an error message; a long one is not echoed back whole.
fn shown(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head:?}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_written_in_full_on_the_calendar_and_in_range() {
        assert_eq!(
            read_date("2026-02-28").map(|d| d.to_string()).as_deref(),
            Ok("2026-02-28")
        );
        for bad in [
            "2026-1-1",
            "2026-02-30",
            "0001-01-01",
            "1899-12-31",
            "+2026-01-01",
            "2026-01-01 ",
            "",
            "abc",
        ] {
            assert!(read_date(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn timestamps_must_be_rfc_3339_and_in_range() {
        let at = read_timestamp("2026-11-27T10:30:00+01:00").map(|t| t.to_rfc3339());
        assert_eq!(at.as_deref(), Ok("2026-11-27T09:30:00+00:00"));
        for bad in [
            "0001-01-01T00:00:00Z",
            "2026-1-1T00:00:00Z",
            "2026-11-27",
            "2026-11-27T09:30:00",
            "yesterday",
        ] {
            assert!(read_timestamp(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn decimals_are_read_from_text_and_a_long_value_is_not_echoed_whole() {
        assert_eq!(read_decimal("12.50"), Ok(Decimal::new(1250, 2)));
        let long = read_decimal(&"x".repeat(50_000)).err().unwrap_or_default();
        assert!(long.len() < 120, "{long}");
    }
}
