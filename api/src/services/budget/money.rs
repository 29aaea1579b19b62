//! Exact money helpers: whole-cent conversions, the `f64` bridges used by the curve math, and the
//! `12,345.67` formatting of messages.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

/// An amount as `f64` for curve math (amounts are bounded by `MAX_AMOUNT`, so this is finite).
pub(super) fn to_f64(amount: Decimal) -> f64 {
    amount.to_f64().unwrap_or(0.0)
}

/// Rounded to cents, halves away from zero.
pub(super) fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Whole cents at or below the amount.
pub(super) fn cents_floor(amount: Decimal) -> i128 {
    (amount * Decimal::ONE_HUNDRED)
        .floor()
        .to_i128()
        .unwrap_or(0)
}

/// Whole cents at or above the amount.
pub(super) fn cents_ceil(amount: Decimal) -> i128 {
    (amount * Decimal::ONE_HUNDRED)
        .ceil()
        .to_i128()
        .unwrap_or(0)
}

/// The nearest whole cents.
pub(super) fn cents_round(amount: Decimal) -> i128 {
    (round_cents(amount) * Decimal::ONE_HUNDRED)
        .to_i128()
        .unwrap_or(0)
}

/// An amount from whole cents, with scale 2.
pub(super) fn from_cents(cents: i128) -> Decimal {
    Decimal::try_from_i128_with_scale(cents, 2).unwrap_or(Decimal::ZERO)
}

/// A modelled amount rounded to cents; `None` when not finite.
pub(super) fn money_from_f64(amount: f64) -> Option<Decimal> {
    if amount.is_finite() {
        Decimal::from_f64(amount).map(round_cents)
    } else {
        None
    }
}

/// `1234567.891` → `"1,234,567.89"`, `-12` → `"-12.00"`.
pub fn format_money(amount: Decimal) -> String {
    let mut rounded = round_cents(amount).abs();
    rounded.rescale(2);
    let digits = rounded.to_string();
    let (int, frac) = digits.split_once('.').unwrap_or((digits.as_str(), "00"));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if round_cents(amount).is_sign_negative() && !round_cents(amount).is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped}.{frac}")
}

/// `"+4,200.00"` / `"-4,200.00"`.
pub(super) fn format_signed_money(amount: Decimal) -> String {
    if amount.is_sign_negative() && !round_cents(amount).is_zero() {
        format_money(amount)
    } else {
        format!("+{}", format_money(amount))
    }
}

/// A ratio with two decimals, never `-0.00`.
pub(super) fn format_ratio(value: f64) -> String {
    let text = format!("{value:.2}");
    if text == "-0.00" {
        "0.00".to_owned()
    } else {
        text
    }
}

/// A percentage without trailing zeros: `30` → `"30%"`, `12.5` → `"12.5%"`.
pub(super) fn format_pct(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}
