//! Money at the edges: `Decimal` in the API, integer cents in the database.

use rust_decimal::Decimal;

use crate::error::{AppError, AppResult};

/// Cents → a `Decimal` with two places.
pub fn cents_to_decimal(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// A non-negative amount with at most two decimal places → cents.
pub fn decimal_to_cents(field: &str, amount: Decimal) -> AppResult<i64> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(AppError::bad_input(field, "must not be negative"));
    }
    let normalized = amount.normalize();
    if normalized.scale() > 2 {
        return Err(AppError::bad_input(
            field,
            "at most two decimal places (amounts are in the workspace's currency)",
        ));
    }
    let cents = normalized * Decimal::ONE_HUNDRED;
    i64::try_from(cents.trunc()).map_err(|_| AppError::bad_input(field, "amount is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_round_trip_through_cents() {
        let amount: Decimal = "1234.5".parse().unwrap_or_default();
        assert_eq!(decimal_to_cents("amount", amount).ok(), Some(123_450));
        assert_eq!(cents_to_decimal(123_450).to_string(), "1234.50");
    }

    #[test]
    fn more_than_two_places_and_negatives_are_refused() {
        let three: Decimal = "1.005".parse().unwrap_or_default();
        assert!(decimal_to_cents("amount", three).is_err());
        let negative: Decimal = "-1".parse().unwrap_or_default();
        assert!(decimal_to_cents("amount", negative).is_err());
        let trailing: Decimal = "2.500".parse().unwrap_or_default();
        assert_eq!(decimal_to_cents("amount", trailing).ok(), Some(250));
    }
}
