//! The metrics of DESIGN §3 for one row, bucket or total, and the ratios between them.
//!
//! Only sums are stored; every ratio is Σ numerator / Σ denominator of the sums it is
//! asked of (so a total's ROI is never an average of row ROIs), computed as an exact
//! `Decimal` quotient, and `None` whenever the denominator is zero (or spend is not known).

use std::ops::AddAssign;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Sums for one row, bucket or total.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metrics {
    /// Leads created in the period, by their source.
    pub leads: i64,
    /// Of those leads, the ones with a conversion by the end of the period.
    pub converted_leads: i64,
    /// Leads whose first conversion falls in the period, by their source.
    pub new_customers: i64,
    /// Conversions of the period credited here by the attribution model (fractional).
    pub conversions: Decimal,
    /// Revenue of those conversions credited here.
    pub revenue: Decimal,
    /// Spend of the period; `None` for dimensions that carry no spend.
    pub spend: Option<Decimal>,
}

impl Metrics {
    /// Zero everything; spend is zero (not `None`) when the dimension carries spend.
    pub fn zero(carries_spend: bool) -> Self {
        Self {
            spend: carries_spend.then_some(Decimal::ZERO),
            ..Self::default()
        }
    }

    /// (revenue − spend) / spend.
    pub fn roi(&self) -> Option<Decimal> {
        let spend = self.spend?;
        ratio(self.revenue - spend, spend)
    }

    /// revenue / spend.
    pub fn roas(&self) -> Option<Decimal> {
        ratio(self.revenue, self.spend?)
    }

    /// Cost per lead: spend / leads.
    pub fn cpl(&self) -> Option<Decimal> {
        ratio(self.spend?, Decimal::from(self.leads))
    }

    /// Customer acquisition cost: spend / new customers.
    pub fn cac(&self) -> Option<Decimal> {
        ratio(self.spend?, Decimal::from(self.new_customers))
    }

    /// converted leads / leads.
    pub fn conversion_rate(&self) -> Option<Decimal> {
        ratio(
            Decimal::from(self.converted_leads),
            Decimal::from(self.leads),
        )
    }
}

impl AddAssign<&Metrics> for Metrics {
    fn add_assign(&mut self, other: &Metrics) {
        self.leads += other.leads;
        self.converted_leads += other.converted_leads;
        self.new_customers += other.new_customers;
        self.conversions += other.conversions;
        self.revenue += other.revenue;
        self.spend = match (self.spend, other.spend) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
    }
}

/// `numerator / denominator`, `None` on a zero denominator (or an overflow).
pub fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    numerator.checked_div(denominator).map(|d| d.normalize())
}

/// The change of one metric from a previous period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// current − previous; `None` when either is unknown.
    pub absolute: Option<Decimal>,
    /// (current − previous) / previous; `None` when either is unknown or previous is 0.
    pub relative: Option<Decimal>,
}

impl Change {
    pub fn between(current: Option<Decimal>, previous: Option<Decimal>) -> Self {
        match (current, previous) {
            (Some(c), Some(p)) => Self {
                absolute: Some((c - p).normalize()),
                relative: ratio(c - p, p),
            },
            _ => Self {
                absolute: None,
                relative: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse()
            .unwrap_or_else(|e| panic!("{s:?} is not a decimal: {e}"))
    }

    fn sample() -> Metrics {
        Metrics {
            leads: 40,
            converted_leads: 10,
            new_customers: 4,
            conversions: dec("12"),
            revenue: dec("3000"),
            spend: Some(dec("1200")),
        }
    }

    #[test]
    fn ratios_follow_their_definitions() {
        let m = sample();
        assert_eq!(m.roi(), Some(dec("1.5")));
        assert_eq!(m.roas(), Some(dec("2.5")));
        assert_eq!(m.cpl(), Some(dec("30")));
        assert_eq!(m.cac(), Some(dec("300")));
        assert_eq!(m.conversion_rate(), Some(dec("0.25")));
    }

    #[test]
    fn every_ratio_is_null_on_a_zero_denominator() {
        let m = Metrics::zero(true);
        assert_eq!(
            (m.roi(), m.roas(), m.cpl(), m.cac(), m.conversion_rate()),
            (None, None, None, None, None)
        );
        let unknown_spend = Metrics {
            spend: None,
            ..sample()
        };
        assert_eq!(unknown_spend.roi(), None);
        assert_eq!(unknown_spend.cpl(), None);
        assert_eq!(unknown_spend.conversion_rate(), Some(dec("0.25")));
    }

    #[test]
    fn sums_add_and_ratios_of_a_sum_are_ratios_of_sums() {
        let mut total = sample();
        let other = Metrics {
            leads: 10,
            converted_leads: 0,
            new_customers: 0,
            conversions: dec("0.5"),
            revenue: dec("0"),
            spend: Some(dec("300")),
        };
        total += &other;
        assert_eq!(total.leads, 50);
        assert_eq!(total.spend, Some(dec("1500")));
        // (3000 − 1500) / 1500, not the mean of 1.5 and −1.
        assert_eq!(total.roi(), Some(dec("1")));
    }

    #[test]
    fn a_change_is_absolute_and_relative_and_null_from_zero() {
        let c = Change::between(Some(dec("150")), Some(dec("100")));
        assert_eq!(
            (c.absolute, c.relative),
            (Some(dec("50")), Some(dec("0.5")))
        );
        let from_zero = Change::between(Some(dec("5")), Some(Decimal::ZERO));
        assert_eq!(
            (from_zero.absolute, from_zero.relative),
            (Some(dec("5")), None)
        );
        assert_eq!(Change::between(None, Some(dec("1"))).absolute, None);
    }
}
