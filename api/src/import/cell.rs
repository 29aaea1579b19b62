//! Reading one CSV cell: its format, and the checks the server would make on it without its
//! database (ranges, lengths, the workspace's currency and calendar), so that every bad line of
//! a batch is reported before the batch is sent, in one round.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::services::ingest::conversion::kind as conversion_kind;
use crate::services::ingest::fx_rate;
use crate::services::ingest::validate::{self, Clock};

/// How a cell is checked and sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Text of at most this many characters.
    Text(usize),
    /// An e-mail address.
    Email,
    /// YYYY-MM-DD, a local day not after tomorrow (spend).
    Day,
    /// YYYY-MM-DD, any day (campaign start and end).
    Date,
    /// A non-negative amount with at most two decimals, sent as a string (exact).
    Money,
    /// A non-negative whole number that fits a GraphQL Int.
    Count,
    /// An ISO 4217 code; another than the workspace's is converted at its FX rate.
    Currency,
    /// RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` read in the workspace time zone.
    Timestamp,
    /// An ISO 4217 code other than the workspace currency (an FX rate's).
    ForeignCurrency,
    /// An FX rate: a decimal more than 0, at most 1,000,000, at most 12 places.
    Rate,
    /// A conversion kind: a-z, 0-9, `_` and `-`.
    ConversionKind,
    /// ACTIVE, PAUSED or ARCHIVED, in any case.
    Status,
}

/// Why a cell was refused: a reason that does not quote the value, so identical mistakes on
/// many lines read the same and can be counted together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub reason: String,
    pub value: Option<String>,
}

impl CellError {
    fn new(reason: impl Into<String>, value: &str) -> Self {
        Self {
            reason: reason.into(),
            value: Some(value.to_owned()),
        }
    }
}

/// What the checks need to know of the workspace: its currency and clock (time zone, now).
#[derive(Debug, Clone)]
pub struct Facts {
    pub currency: String,
    pub clock: Clock,
}

impl Facts {
    pub fn new(currency: String, tz: Tz, now: DateTime<Utc>) -> Self {
        Self {
            currency,
            clock: Clock::new(now, tz),
        }
    }
}

/// The value to send for a non-empty, trimmed cell.
pub fn read(cell: Cell, value: &str, facts: &Facts) -> Result<Value, CellError> {
    let bad = |reason: String| CellError::new(reason, value);
    match cell {
        Cell::Text(max) => validate::optional_text(Some(value), max)
            .map(|t| Value::from(t.unwrap_or_default()))
            .map_err(bad),
        Cell::Email => validate::email(Some(value))
            .map(|t| Value::from(t.unwrap_or_default()))
            .map_err(bad),
        Cell::Day => {
            let date = date(value)?;
            facts
                .clock
                .not_after_tomorrow(date)
                .map_err(|_| {
                    bad(format!(
                        "is in the future: the last day accepted is tomorrow in {}",
                        facts.clock.tz
                    ))
                })
                .map(|d| Value::from(d.to_string()))
        }
        Cell::Date => date(value).map(|d| Value::from(d.to_string())),
        Cell::Money => {
            let amount = value
                .parse::<Decimal>()
                .map_err(|_| bad("is not a decimal number such as 1234.50".to_owned()))?;
            validate::cents(amount).map_err(bad)?;
            Ok(Value::from(amount.to_string()))
        }
        Cell::Count => {
            let n = value
                .parse::<i64>()
                .map_err(|_| bad("is not a whole number".to_owned()))?;
            validate::count(Some(n)).map(Value::from).map_err(bad)
        }
        Cell::Currency => {
            // Another currency is converted by the server at the workspace's FX rate.
            validate::currency(Some(value), &facts.currency).map_err(|_| {
                bad("is not an active ISO 4217 currency code (such as EUR, USD)".to_owned())
            })?;
            Ok(Value::from(value.to_ascii_uppercase()))
        }
        Cell::ForeignCurrency => fx_rate::foreign_currency(value, &facts.currency)
            .map(Value::from)
            .map_err(|_| {
                bad(format!(
                    "is not an ISO 4217 code other than the workspace currency {}",
                    facts.currency
                ))
            }),
        Cell::Rate => {
            let rate = value
                .parse::<Decimal>()
                .map_err(|_| bad("is not a decimal number such as 0.9215".to_owned()))?;
            fx_rate::rate(rate)
                .map(|r| Value::from(r.to_string()))
                .map_err(bad)
        }
        Cell::Timestamp => {
            let at = timestamp(value, facts.clock.tz)?;
            facts.clock.timestamp(&Ok(Some(at))).map_err(|_| {
                bad(format!(
                    "is in the future: the last day accepted is tomorrow in {}",
                    facts.clock.tz
                ))
            })?;
            Ok(Value::from(at.to_rfc3339()))
        }
        Cell::ConversionKind => conversion_kind(value).map(Value::from).map_err(bad),
        Cell::Status => {
            let upper = value.to_ascii_uppercase();
            if ["ACTIVE", "PAUSED", "ARCHIVED"].contains(&upper.as_str()) {
                Ok(Value::from(upper))
            } else {
                Err(bad("is not ACTIVE, PAUSED or ARCHIVED".to_owned()))
            }
        }
    }
}

fn date(value: &str) -> Result<NaiveDate, CellError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| CellError::new("is not a YYYY-MM-DD date", value))
}

/// RFC 3339 with its offset, or a wall-clock time read in the workspace time zone. In the hour
/// the clocks go back, a wall-clock time is read as the earlier of its two instants; in the hour
/// they skip, it does not exist and is refused.
pub fn timestamp(value: &str, tz: Tz) -> Result<DateTime<Utc>, CellError> {
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        return Ok(at.with_timezone(&Utc));
    }
    const WALL_CLOCK: [&str; 4] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ];
    let naive = WALL_CLOCK
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
        .ok_or_else(|| {
            CellError::new(
                "is not a time such as 2026-03-01 09:30 (workspace time zone) or 2026-03-01T09:30:00Z",
                value,
            )
        })?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Ok(at.with_timezone(&Utc)),
        LocalResult::None => Err(CellError::new(
            format!("does not exist in {tz}: the clocks skip that hour"),
            value,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        let now = DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .expect("a fixed instant");
        Facts::new("EUR".to_owned(), chrono_tz::Europe::Berlin, now)
    }

    #[test]
    fn wall_clock_times_are_read_in_the_workspace_time_zone() {
        let f = facts();
        let cases = [
            ("2026-03-01 09:30", "2026-03-01T08:30:00+00:00"),
            ("2026-03-01 09:30:15", "2026-03-01T08:30:15+00:00"),
            ("2026-07-01T09:30", "2026-07-01T07:30:00+00:00"),
            ("2026-03-01T09:30:00Z", "2026-03-01T09:30:00+00:00"),
            ("2026-03-01T09:30:00-05:00", "2026-03-01T14:30:00+00:00"),
            // The clocks go back at 03:00 on 2025-10-26: the earlier 02:30 is CEST.
            ("2025-10-26 02:30", "2025-10-26T00:30:00+00:00"),
        ];
        for (cell, expected) in cases {
            assert_eq!(
                read(Cell::Timestamp, cell, &f),
                Ok(Value::from(expected)),
                "{cell}"
            );
        }
        let skipped = read(Cell::Timestamp, "2026-03-29 02:30", &f);
        assert!(skipped.is_err_and(|e| e.reason.contains("skip")));
    }

    #[test]
    fn the_servers_checks_without_a_database_are_made_here() {
        let f = facts();
        let refused = [
            (Cell::Money, "-1"),
            (Cell::Money, "1.005"),
            (Cell::Money, "12,50"),
            (Cell::Count, "-3"),
            (Cell::Count, "3000000000"),
            (Cell::Currency, "DOLLARS"),
            (Cell::Day, "2026-12-03"),
            (Cell::Day, "2026-02-30"),
            (Cell::Timestamp, "2026-12-03 00:00"),
            (Cell::Email, "not-an-address"),
            (Cell::ConversionKind, "First Purchase"),
            (Cell::Status, "running"),
            (Cell::ForeignCurrency, "eur"),
            (Cell::ForeignCurrency, "DOLLARS"),
            (Cell::Rate, "0.000"),
            (Cell::Rate, "-0.9"),
            (Cell::Rate, "0,92"),
        ];
        for (cell, value) in refused {
            let err = read(cell, value, &f).expect_err(value);
            assert_eq!(err.value.as_deref(), Some(value));
            assert!(!err.reason.contains(value), "{cell:?}: {}", err.reason);
        }
        assert_eq!(
            read(Cell::Day, "2026-12-02", &f),
            Ok(Value::from("2026-12-02"))
        );
        assert_eq!(read(Cell::Money, "12.5", &f), Ok(Value::from("12.5")));
        assert_eq!(read(Cell::Currency, "eur", &f), Ok(Value::from("EUR")));
        assert_eq!(read(Cell::Status, "paused", &f), Ok(Value::from("PAUSED")));
        assert_eq!(
            read(Cell::ForeignCurrency, "usd", &f),
            Ok(Value::from("USD"))
        );
        assert_eq!(read(Cell::Rate, "0.9200", &f), Ok(Value::from("0.92")));
    }
}
