//! Money at the edges: `Decimal` in the API, integer cents in the database.

use rust_decimal::Decimal;

use crate::error::{AppError, AppResult};

/// Cents → a `Decimal` with two places.
pub fn cents_to_decimal(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// The largest amount one row may carry: 1,000,000,000.00 in the workspace currency. Sums
/// are exact 64-bit integers of cents, so this bound keeps any sum of up to 92 million rows
/// (far more than one workspace's spend or revenue rows) from overflowing.
pub const MAX_AMOUNT_CENTS: i64 = 100_000_000_000;

/// A non-negative amount with at most two decimal places, at most [`MAX_AMOUNT_CENTS`] → cents.
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
    let too_large = || AppError::bad_input(field, "at most 1,000,000,000.00 per row");
    let cents = normalized
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or_else(too_large)?;
    i64::try_from(cents.trunc())
        .ok()
        .filter(|c| *c <= MAX_AMOUNT_CENTS)
        .ok_or_else(too_large)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_round_trip_through_cents() {
        let amount: Decimal = "1234.5".parse().expect("1234.5 is a decimal");
        assert_eq!(decimal_to_cents("amount", amount).ok(), Some(123_450));
        assert_eq!(cents_to_decimal(123_450).to_string(), "1234.50");
    }

    #[test]
    fn more_than_two_places_and_negatives_are_refused() {
        let three: Decimal = "1.005".parse().expect("1.005 is a decimal");
        assert!(decimal_to_cents("amount", three).is_err());
        let negative: Decimal = "-1".parse().expect("-1 is a decimal");
        assert!(decimal_to_cents("amount", negative).is_err());
        let trailing: Decimal = "2.500".parse().expect("2.500 is a decimal");
        assert_eq!(decimal_to_cents("amount", trailing).ok(), Some(250));
    }

    #[test]
    fn amounts_above_a_billion_are_refused_so_sums_cannot_overflow() {
        let most: Decimal = "1000000000.00".parse().expect("1000000000.00 is a decimal");
        assert_eq!(
            decimal_to_cents("amount", most).ok(),
            Some(MAX_AMOUNT_CENTS)
        );
        for text in [
            "1000000000.01",
            "92233720368547758.07",
            "79228162514264337593543950335",
        ] {
            let amount: Decimal = text.parse().expect("a decimal");
            let err = decimal_to_cents("amount", amount)
                .err()
                .map(|e| e.to_string());
            assert!(
                err.is_some_and(|e| e.contains("1,000,000,000.00")),
                "{text}"
            );
        }
    }
}
