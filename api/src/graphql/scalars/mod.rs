//! The `Date`, `DateTime` and `Decimal` scalars: [`Date`] on output, and the `Sent*` types on
//! input, which keep a value as the client sent it until the code that knows its field (or its
//! row) reads it with the strict rules of [`text`].

mod sent;
pub mod text;

pub use sent::{SentDate, SentDateTime, SentDecimal};

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

/// A calendar date in ISO 8601 form, e.g. "2026-11-27" (years 1900 to 9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// A calendar date in ISO 8601 form, e.g. "2026-11-27" (years 1900 to 9999).
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => text::read_date(s)
                .map(Date)
                .map_err(InputValueError::custom),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d)
    }
}
