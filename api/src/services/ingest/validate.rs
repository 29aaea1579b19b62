//! Row validation shared by every kind of ingestion: collecting every bad row of a call (not only
//! the first), the batch limit, text cleaning, money, counts, currencies and the date horizon.

use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::error::{AppError, AppResult, RowError};
use crate::services::money::decimal_to_cents;

/// Longest external id, event id or conversion kind, in characters.
pub const MAX_ID_CHARS: usize = 200;
/// Longest name, company or channel name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest e-mail address (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 320;
/// Longest UTM value, in characters (what classification reads).
pub const MAX_UTM_CHARS: usize = 512;
/// Longest referrer or landing-page URL, in characters.
pub const MAX_URL_CHARS: usize = 4096;

/// An opaque id the API layer decoded for a row: the row id, or malformed input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdRef {
    Valid(i64),
    Malformed,
}

/// Every bad row of one call; the call writes nothing unless this stays empty.
#[derive(Debug, Default)]
pub struct RowErrors(Vec<RowError>);

impl RowErrors {
    pub fn push(&mut self, index: usize, field: &str, reason: impl Into<String>) {
        self.0.push(RowError {
            index,
            field: field.to_owned(),
            reason: reason.into(),
        });
    }

    /// The value of a check, or `None` after recording why it failed.
    pub fn check<T>(&mut self, index: usize, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(reason) => {
                self.push(index, field, reason);
                None
            }
        }
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when no row was bad, else BAD_USER_INPUT listing every bad row in input order.
    pub fn into_result(mut self) -> AppResult<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        self.0.sort_by_key(|e| e.index);
        Err(AppError::BadRows(self.0))
    }
}

/// BAD_USER_INPUT naming the limit when a call carries more than `max` rows.
pub fn check_batch(field: &str, rows: usize, max: usize) -> AppResult<()> {
    if rows > max {
        return Err(AppError::bad_input(
            field,
            format!(
                "{rows} rows is more than the {max} rows one call may carry (limit MAX_BATCH_ROWS = {max}); split the batch"
            ),
        ));
    }
    Ok(())
}

/// Drops control characters and trims; empty becomes `None`; longer than `max` chars is refused.
pub fn optional_text(value: Option<&str>, max: usize) -> Result<Option<String>, String> {
    let Some(raw) = value else { return Ok(None) };
    let kept: String = raw.chars().filter(|c| !c.is_control()).collect();
    let trimmed = kept.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > max {
        return Err(format!("longer than {max} characters"));
    }
    Ok(Some(trimmed.to_owned()))
}

/// Like [`optional_text`], but the value must be there.
pub fn required_text(value: &str, max: usize) -> Result<String, String> {
    optional_text(Some(value), max)?.ok_or_else(|| "must not be empty".to_owned())
}

/// A plausible e-mail address (one `@` with text on both sides, no spaces), lower-cased.
pub fn email(value: Option<&str>) -> Result<Option<String>, String> {
    let Some(text) = optional_text(value, MAX_EMAIL_CHARS)? else {
        return Ok(None);
    };
    let plausible = text
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !text.contains(char::is_whitespace)
        && text.matches('@').count() == 1;
    if !plausible {
        return Err("not an e-mail address".to_owned());
    }
    Ok(Some(text.to_lowercase()))
}

/// A count such as impressions or clicks: absent is 0, negative is refused.
pub fn count(value: Option<i64>) -> Result<i64, String> {
    match value {
        Some(n) if n < 0 => Err("must not be negative".to_owned()),
        Some(n) => Ok(n),
        None => Ok(0),
    }
}

/// A non-negative amount with at most two decimal places, in cents.
pub fn cents(amount: Decimal) -> Result<i64, String> {
    decimal_to_cents("amount", amount).map_err(|e| match e {
        AppError::BadInput { message, .. } => message,
        other => other.to_string(),
    })
}

/// A currency, when given, must be the workspace's: amounts are never converted.
pub fn currency(given: Option<&str>, workspace_currency: &str) -> Result<(), String> {
    match given.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) if !code.eq_ignore_ascii_case(workspace_currency) => Err(format!(
            "{code} is not the workspace currency {workspace_currency}; convert amounts before sending"
        )),
        _ => Ok(()),
    }
}

/// The call's clock: "now" once per call, and local days in the workspace time zone.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub tz: Tz,
}

impl Clock {
    pub fn new(now: DateTime<Utc>, tz: Tz) -> Self {
        Self { now, tz }
    }

    /// The local day of `at` in the workspace time zone.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// The last local day a row may carry: tomorrow, since a script in another zone may be ahead.
    pub fn horizon(&self) -> NaiveDate {
        let today = self.local_date(self.now);
        today.checked_add_days(Days::new(1)).unwrap_or(today)
    }

    /// Refuses days after tomorrow (workspace time zone).
    pub fn not_after_tomorrow(&self, date: NaiveDate) -> Result<NaiveDate, String> {
        let horizon = self.horizon();
        if date > horizon {
            return Err(format!(
                "{date} is in the future: the last day accepted is {horizon} (tomorrow in {})",
                self.tz
            ));
        }
        Ok(date)
    }

    /// A timestamp (default now) whose local day is not after tomorrow.
    pub fn timestamp(&self, at: Option<DateTime<Utc>>) -> Result<DateTime<Utc>, String> {
        let at = at.unwrap_or(self.now);
        self.not_after_tomorrow(self.local_date(at))?;
        Ok(at)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn clock() -> Clock {
        // 23:30 UTC on 1 March is already 2 March in Paris.
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).single();
        Clock::new(now.unwrap_or_default(), chrono_tz::Europe::Paris)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
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
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
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
        let amount = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert_eq!(cents(amount("12.30")), Ok(1230));
        assert_eq!(cents(amount("0")), Ok(0));
        assert_eq!(
            cents(amount("-0.01")),
            Err("must not be negative".to_owned())
        );
        assert!(cents(amount("1.005")).is_err_and(|r| r.contains("two decimal places")));
    }

    #[test]
    fn only_the_workspace_currency_is_accepted() {
        assert!(currency(None, "EUR").is_ok());
        assert!(currency(Some("eur"), "EUR").is_ok());
        assert!(currency(Some(" "), "EUR").is_ok());
        assert!(
            currency(Some("USD"), "EUR").is_err_and(|r| r.contains("USD") && r.contains("EUR"))
        );
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
        assert_eq!(clock.timestamp(None), Ok(clock.now));
        assert_eq!(clock.local_date(clock.now), day(2026, 3, 2));
        let late = Utc.with_ymd_and_hms(2026, 3, 3, 22, 59, 0).single();
        let too_late = Utc.with_ymd_and_hms(2026, 3, 3, 23, 0, 0).single();
        assert!(clock.timestamp(late).is_ok(), "23:59 on 3 March in Paris");
        assert!(
            clock.timestamp(too_late).is_err(),
            "00:00 on 4 March in Paris"
        );
    }
}
