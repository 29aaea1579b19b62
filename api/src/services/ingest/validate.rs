//! Row validation shared by every kind of ingestion: collecting every bad row of a call (not only
//! the first), the batch limit, text cleaning, money, counts, currencies and the date horizon.
//! `leadsource import` makes the same checks on each CSV line before sending it (`import::cell`).

use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::error::{AppError, AppResult, RowError};
use crate::services::fx::iso4217;
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

/// A value of a row as the API layer read it: the value, or why it could not be read (a date
/// off the calendar, an amount that is no number). An unreadable value is a bad row of the call,
/// listed with the call's other bad rows, not a failure of the whole call.
pub type Sent<T> = Result<T, String>;

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

/// A count such as impressions or clicks: absent is 0, negative is refused, and so is a value
/// past a GraphQL `Int` (32 bits), which the schema promises.
pub fn count(value: Option<i64>) -> Result<i64, String> {
    match value {
        Some(n) if n < 0 => Err("must not be negative".to_owned()),
        Some(n) if n > i64::from(i32::MAX) => {
            Err(format!("must be at most {} (an Int is 32 bits)", i32::MAX))
        }
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

/// The currency an amount was sent in: `None` for the workspace's reporting currency (also
/// when absent or blank), the upper-case code of another ISO 4217 currency, which the call
/// converts at the workspace's FX rate of the row's day (`services::fx`).
pub fn currency(given: Option<&str>, workspace_currency: &str) -> Result<Option<String>, String> {
    match given.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) if code.eq_ignore_ascii_case(workspace_currency) => Ok(None),
        Some(code) => iso4217(code).map(Some),
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

    /// A timestamp (default now) whose local day is not after tomorrow; an unreadable one keeps
    /// its reason.
    pub fn timestamp(&self, at: &Sent<Option<DateTime<Utc>>>) -> Result<DateTime<Utc>, String> {
        let at = at.clone()?.unwrap_or(self.now);
        self.not_after_tomorrow(self.local_date(at))?;
        Ok(at)
    }
}
