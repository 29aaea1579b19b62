//! Reading response JSON in tests. Every accessor panics naming what it looked for, so a
//! misspelt field, a null or an error response fails the test instead of reading as 0, ""
//! or an empty list, which would let assertions about "nothing" pass unchecked.
//!
//! Money (and every GraphQL `Decimal`) is read as [`Decimal`], never `f64`: "0.1" + "0.2"
//! is 0.3 exactly, and a wrong cent is a failure, not a rounding error.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::GqlResponse;

/// The list `v`; `what` names it in the failure (e.g. `data.performance.rows`).
#[track_caller]
pub fn list<'a>(v: &'a Value, what: &str) -> &'a [Value] {
    v.as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("{what} is not a list: {v}"))
}

/// The string `v`.
#[track_caller]
pub fn text<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v}"))
}

/// The integer `v`.
#[track_caller]
pub fn int(v: &Value, what: &str) -> i64 {
    v.as_i64()
        .unwrap_or_else(|| panic!("{what} is not an integer: {v}"))
}

/// The JSON number `v` (a ratio or a fitted coefficient, never money).
#[track_caller]
pub fn float(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {v}"))
}

/// The GraphQL `Decimal` `v` (a JSON string such as "650.00").
#[track_caller]
pub fn decimal(v: &Value, what: &str) -> Decimal {
    let text = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a Decimal string: {v}"));
    text.parse()
        .unwrap_or_else(|e| panic!("{what} is not a decimal: {text:?}: {e}"))
}

/// The `Decimal` at the JSON pointer `pointer` of `json`, e.g.
/// `decimal_at(&resp.body, "/data/performance/totals/revenue")`.
#[track_caller]
pub fn decimal_at(json: &Value, pointer: &str) -> Decimal {
    let v = json
        .pointer(pointer)
        .unwrap_or_else(|| panic!("nothing at {pointer} in {json}"));
    decimal(v, pointer)
}

/// A decimal written in the test, e.g. `dec("650.00")`.
#[track_caller]
pub fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a decimal: {e}"))
}

/// Whether two credited conversion counts differ by less than 1e-8: the engine splits each
/// conversion to a billionth, so a few conversions split in thirds drift by a few of those.
pub fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < Decimal::new(1, 8)
}

/// Whether two credited revenues differ by less than 1e-5: the engine splits each
/// conversion's revenue to a millionth of the currency unit.
pub fn close_money(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < Decimal::new(1, 5)
}

/// The same accessors on a response's `data`, at a `/`-separated path; failures show the body.
impl GqlResponse {
    #[track_caller]
    pub fn list(&self, path: &str) -> &[Value] {
        list(self.data(path), &self.what(path))
    }

    #[track_caller]
    pub fn text(&self, path: &str) -> &str {
        text(self.data(path), &self.what(path))
    }

    #[track_caller]
    pub fn int(&self, path: &str) -> i64 {
        int(self.data(path), &self.what(path))
    }

    #[track_caller]
    pub fn decimal(&self, path: &str) -> Decimal {
        decimal(self.data(path), &self.what(path))
    }

    fn what(&self, path: &str) -> String {
        format!("data/{path} of {}", self.body)
    }
}
