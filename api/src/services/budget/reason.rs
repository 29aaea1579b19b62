//! One-line reasons for people: why a channel moved, stayed, or was held where it is.
//! Amounts use thousands separators and two decimals; ratios are marginal ROI (`f'(s) − 1`).

use rust_decimal::Decimal;

use super::money::{format_money, format_ratio, format_signed_money, round_cents};
use super::plan::Bound;

/// What holds a free channel, for the end of its reason line.
pub(super) enum Held {
    Min,
    Max,
    /// The change cap, with its percentage already formatted (`"30%"`).
    Cap(String),
    /// No current spend and no maximum: the relative cap leaves no room.
    NoSpendNoMax,
    /// At zero, the floor of every channel.
    Zero,
}

/// `"Events kept at 3,000.00: locked"`.
pub(super) fn locked_reason(name: &str, suggested: Decimal) -> String {
    format!("{name} kept at {}: locked", format_money(suggested))
}

/// A channel without a usable curve: `"Podcasts kept at 3,000.00: only 5 usable weekly points
/// (needs 8)"`, or moved into its own bounds when its current spend lies outside them.
pub(super) fn kept_reason(
    name: &str,
    change: Decimal,
    suggested: Decimal,
    why: &str,
    clamped: Option<Bound>,
) -> String {
    let amount = format_money(suggested);
    match clamped {
        Some(Bound::Min) => format!(
            "{name} {} to its minimum {amount}: {why}",
            format_signed_money(change)
        ),
        Some(Bound::Max) => format!(
            "{name} {} to its maximum {amount}: {why}",
            format_signed_money(change)
        ),
        _ => format!("{name} kept at {amount}: {why}"),
    }
}

/// `"Paid Search +4,200.00: marginal ROI 2.10 vs 1.35 across the plan"`, with what holds it, if
/// anything: `"...; held at its maximum 10,000.00"`, `"...; limited by the -30% change cap"`.
pub(super) fn moved_reason(
    name: &str,
    change: Decimal,
    suggested: Decimal,
    marginal_roi_now: Option<f64>,
    marginal_roi_then: Option<f64>,
    plan_level: Option<f64>,
    held: Option<Held>,
) -> String {
    let amount = format_money(suggested);
    if matches!(held, Some(Held::NoSpendNoMax)) {
        return format!(
            "{name} kept at {amount}: no current spend, and without a maximum the relative change cap allows none"
        );
    }
    let head = if round_cents(change).is_zero() {
        format!("{name} unchanged at {amount}")
    } else {
        format!("{name} {}", format_signed_money(change))
    };
    let mut line = match (marginal_roi_now, marginal_roi_then) {
        (Some(now), _) => {
            let mut line = format!("{head}: marginal ROI {}", format_ratio(now));
            if let Some(level) = plan_level {
                line.push_str(&format!(" vs {} across the plan", format_ratio(level)));
            }
            line
        }
        // From zero spend the first unit's return is unbounded; say where it ends instead.
        (None, Some(then)) => format!(
            "{head}: starts from no spend, marginal ROI {} at the suggestion",
            format_ratio(then)
        ),
        (None, None) => format!("{head}: starts from no spend"),
    };
    match held {
        Some(Held::Min) => line.push_str(&format!("; held at its minimum {amount}")),
        Some(Held::Max) => line.push_str(&format!("; held at its maximum {amount}")),
        Some(Held::Cap(pct)) => {
            let sign = if change > Decimal::ZERO {
                "+"
            } else if change < Decimal::ZERO {
                "-"
            } else {
                "±"
            };
            line.push_str(&format!("; limited by the {sign}{pct} change cap"));
        }
        Some(Held::Zero) if change < Decimal::ZERO => line.push_str("; cut to zero"),
        Some(Held::Zero | Held::NoSpendNoMax) | None => {}
    }
    line
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().expect("a decimal literal")
    }

    #[test]
    fn money_has_separators_two_decimals_and_a_sign_only_when_negative() {
        assert_eq!(format_money(dec("1234567.891")), "1,234,567.89");
        assert_eq!(format_money(dec("999.995")), "1,000.00");
        assert_eq!(format_money(dec("-12")), "-12.00");
        assert_eq!(format_money(dec("-0.001")), "0.00");
        assert_eq!(format_money(dec("100")), "100.00");
        assert_eq!(format_signed_money(dec("4200")), "+4,200.00");
        assert_eq!(format_signed_money(dec("-4200")), "-4,200.00");
    }

    #[test]
    fn a_moved_channel_reads_like_the_issue_example() {
        let line = moved_reason(
            "Paid Search",
            dec("4200"),
            dec("14200"),
            Some(2.1),
            Some(1.35),
            Some(1.35),
            None,
        );
        assert_eq!(
            line,
            "Paid Search +4,200.00: marginal ROI 2.10 vs 1.35 across the plan"
        );
        let line = moved_reason(
            "Display",
            dec("-3000"),
            dec("7000"),
            Some(0.2),
            Some(0.4),
            Some(1.35),
            Some(Held::Cap("30%".into())),
        );
        assert_eq!(
            line,
            "Display -3,000.00: marginal ROI 0.20 vs 1.35 across the plan; limited by the -30% change cap"
        );
    }

    #[test]
    fn kept_channels_say_why() {
        assert_eq!(
            locked_reason("Events", dec("3000")),
            "Events kept at 3,000.00: locked"
        );
        let why = "only 5 usable weekly points (needs 8)";
        assert_eq!(
            kept_reason("Podcasts", Decimal::ZERO, dec("3000"), why, None),
            "Podcasts kept at 3,000.00: only 5 usable weekly points (needs 8)"
        );
        assert_eq!(
            kept_reason("Podcasts", dec("2000"), dec("5000"), why, Some(Bound::Min)),
            "Podcasts +2,000.00 to its minimum 5,000.00: only 5 usable weekly points (needs 8)"
        );
    }
}
