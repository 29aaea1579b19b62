//! Input scalars kept as sent. async-graphql coerces arguments before a resolver runs, so a
//! strict scalar that refuses a value fails the whole request with an error that names neither
//! the argument nor, in a bulk call, the row (and hides the call's other bad rows). These types
//! accept any value and are read where the field is known: `parse(field)` answers
//! BAD_USER_INPUT naming it, `read()` gives the reason a bulk call records as a bad row.
//!
//! They share their GraphQL names with the output scalars (async-graphql registers a scalar
//! name once), so the schema keeps one `Date`, one `DateTime` and one `Decimal`.

use async_graphql::{InputValueResult, Scalar, ScalarType, Value};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::text::{read_date, read_decimal, read_timestamp};
use crate::error::{AppError, AppResult};

/// A calendar date in ISO 8601 form, e.g. "2026-11-27" (years 1900 to 9999).
#[derive(Debug, Clone, PartialEq)]
pub struct SentDate(Value);

/// A calendar date in ISO 8601 form, e.g. "2026-11-27" (years 1900 to 9999).
#[Scalar(name = "Date")]
impl ScalarType for SentDate {
    fn parse(value: Value) -> InputValueResult<Self> {
        Ok(Self(value))
    }

    fn to_value(&self) -> Value {
        self.0.clone()
    }
}

impl SentDate {
    /// The date, or why it is not one.
    pub fn read(&self) -> Result<NaiveDate, String> {
        match &self.0 {
            Value::String(s) => read_date(s),
            _ => Err("expected a YYYY-MM-DD string".to_owned()),
        }
    }

    /// The date, or BAD_USER_INPUT naming `field`.
    pub fn parse(&self, field: &str) -> AppResult<NaiveDate> {
        self.read()
            .map_err(|reason| AppError::bad_input(field, reason))
    }
}

/// An instant as an RFC 3339 timestamp with an offset, e.g. "2026-11-27T09:30:00Z" (years 1900
/// to 9999).
#[derive(Debug, Clone, PartialEq)]
pub struct SentDateTime(Value);

/// An instant as an RFC 3339 timestamp with an offset, e.g. "2026-11-27T09:30:00Z" (years 1900
/// to 9999).
#[Scalar(
    name = "DateTime",
    specified_by_url = "https://datatracker.ietf.org/doc/html/rfc3339"
)]
impl ScalarType for SentDateTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        Ok(Self(value))
    }

    fn to_value(&self) -> Value {
        self.0.clone()
    }
}

impl SentDateTime {
    /// The instant, or why it is not one.
    pub fn read(&self) -> Result<DateTime<Utc>, String> {
        match &self.0 {
            Value::String(s) => read_timestamp(s),
            _ => Err("expected an RFC 3339 timestamp string".to_owned()),
        }
    }

    /// The instant, or BAD_USER_INPUT naming `field`.
    pub fn parse(&self, field: &str) -> AppResult<DateTime<Utc>> {
        self.read()
            .map_err(|reason| AppError::bad_input(field, reason))
    }
}

/// An exact decimal number, sent as a string ("12.50") or a number.
#[derive(Debug, Clone, PartialEq)]
pub struct SentDecimal(Value);

/// An exact decimal number, sent as a string ("12.50") or a number.
#[Scalar(name = "Decimal")]
impl ScalarType for SentDecimal {
    fn parse(value: Value) -> InputValueResult<Self> {
        Ok(Self(value))
    }

    fn to_value(&self) -> Value {
        self.0.clone()
    }
}

impl SentDecimal {
    /// The number, or why it is not one.
    pub fn read(&self) -> Result<Decimal, String> {
        match &self.0 {
            Value::String(s) => read_decimal(s),
            // Numbers as async-graphql's own `Decimal` took them.
            Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => Ok(Decimal::from(i)),
                (None, Some(f)) => Decimal::try_from(f).map_err(|e| e.to_string()),
                (None, None) => Err("not a decimal number".to_owned()),
            },
            _ => Err("expected a decimal number as a string such as \"12.50\"".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_value_is_kept_and_read_with_its_field_or_reason() {
        let bad = SentDate(Value::from("2026-1-1"));
        let err = bad.parse("filter.createdFrom");
        assert!(
            matches!(&err, Err(AppError::BadInput { field, .. }) if field == "filter.createdFrom"),
            "{err:?}"
        );
        assert!(SentDateTime(Value::from(3)).read().is_err());
        assert!(
            SentDecimal(Value::from("abc")).read().is_err(),
            "abc is no amount"
        );
        assert_eq!(SentDecimal(Value::from(12)).read(), Ok(Decimal::from(12)));
    }
}
