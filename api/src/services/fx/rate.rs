//! Converting an amount sent in a foreign currency into the reporting currency, at the
//! workspace's rate of that day (or the latest earlier one, at most [`MAX_RATE_AGE_DAYS`]
//! old).
//!
//! The rule, stated in the schema and the README: `amount_reporting =
//! round_half_even(amount × rate, 2)`, per row, where `rate` is the number of units of the
//! reporting currency worth one unit of the foreign currency. Every currency is taken with
//! two minor units (an amount has at most two decimal places, in JPY as in EUR).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};

use entity::fx_rate;

use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};
use crate::services::money::MAX_AMOUNT_CENTS;

/// How many days before an amount's day a rate still applies when that day has none
/// (weekends and bank holidays have no fixing; a week covers them with room to spare).
pub const MAX_RATE_AGE_DAYS: u64 = 7;

/// An amount as a row sent it: cents of the reporting currency (`currency` None), or of a
/// foreign one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMoney {
    pub cents: i64,
    pub currency: Option<String>,
}

/// What a row stores: the amount in the reporting currency and, when it was converted, the
/// amount and currency as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMoney {
    pub cents: i64,
    pub original: Option<(i64, String)>,
}

impl StoredMoney {
    pub fn original_cents(&self) -> Option<i64> {
        self.original.as_ref().map(|o| o.0)
    }
    pub fn original_currency(&self) -> Option<String> {
        self.original.as_ref().map(|o| o.1.clone())
    }
}

/// `cents × rate / 100` rounded to the cent, half to even; refused past the per-row bound.
pub fn convert_cents(cents: i64, rate: Decimal) -> Result<i64, String> {
    let too_large = || "the converted amount is more than 1,000,000,000.00 per row".to_owned();
    let amount = Decimal::new(cents, 2)
        .checked_mul(rate)
        .ok_or_else(too_large)?
        .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
    let converted = amount
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|c| i64::try_from(c.trunc()).ok())
        .ok_or_else(too_large)?;
    if converted > MAX_AMOUNT_CENTS {
        return Err(too_large());
    }
    Ok(converted)
}

/// The rates one call needs, read once inside its transaction.
#[derive(Debug, Default)]
pub struct FxTable {
    rates: HashMap<String, BTreeMap<NaiveDate, Decimal>>,
}

impl FxTable {
    /// Loads the rates of the foreign currencies among `needs` (currency, day) from the
    /// earliest day less [`MAX_RATE_AGE_DAYS`] to the latest day.
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        workspace_id: i64,
        needs: impl IntoIterator<Item = (String, NaiveDate)>,
    ) -> AppResult<Self> {
        let needs: Vec<(String, NaiveDate)> = needs.into_iter().collect();
        let (Some(first), Some(last)) = (
            needs.iter().map(|n| n.1).min(),
            needs.iter().map(|n| n.1).max(),
        ) else {
            return Ok(Self::default());
        };
        let currencies: BTreeSet<String> = needs.into_iter().map(|n| n.0).collect();
        let from = first
            .checked_sub_days(Days::new(MAX_RATE_AGE_DAYS))
            .unwrap_or(first);
        let rows = fx_rate::Entity::find_in_workspace(workspace_id)
            .filter(fx_rate::Column::Currency.is_in(currencies))
            .filter(fx_rate::Column::Date.between(from, last))
            .order_by_asc(fx_rate::Column::Date)
            .all(db)
            .await?;
        let mut rates: HashMap<String, BTreeMap<NaiveDate, Decimal>> = HashMap::new();
        for row in rows {
            let rate: Decimal = row.rate.parse().map_err(|_| {
                AppError::Internal(format!("fx_rate {} holds an unreadable rate", row.id).into())
            })?;
            rates
                .entry(row.currency)
                .or_default()
                .insert(row.date, rate);
        }
        Ok(Self { rates })
    }

    /// The rate that applies to `currency` on `day`: that day's, else the latest earlier one
    /// at most [`MAX_RATE_AGE_DAYS`] old.
    pub fn rate(&self, currency: &str, day: NaiveDate) -> Option<Decimal> {
        let oldest = day.checked_sub_days(Days::new(MAX_RATE_AGE_DAYS))?;
        self.rates
            .get(currency)?
            .range(oldest..=day)
            .next_back()
            .map(|(_, rate)| *rate)
    }

    /// The row's amount in the reporting currency, or the reason (naming the day and the
    /// currency) why it cannot be converted.
    pub fn convert(&self, money: &SentMoney, day: NaiveDate) -> Result<StoredMoney, String> {
        let Some(currency) = &money.currency else {
            return Ok(StoredMoney {
                cents: money.cents,
                original: None,
            });
        };
        let rate = self.rate(currency, day).ok_or_else(|| {
            format!(
                "no {currency} rate for {day} nor in the {MAX_RATE_AGE_DAYS} days before it; \
                 record one with recordFxRates (or `leadsource import fx`)"
            )
        })?;
        Ok(StoredMoney {
            cents: convert_cents(money.cents, rate)?,
            original: Some((money.cents, currency.clone())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn conversion_rounds_each_row_to_the_cent_half_to_even() {
        // (cents sent, rate, cents stored): ties go to the even cent, others to the nearest.
        let cases = [
            (100, "1.085", 108),   // 1.085 → 1.08 (8 is even)
            (100, "1.095", 110),   // 1.095 → 1.10 (0 is even)
            (100, "1.0851", 109),  // above the tie → up
            (1_000, "0.0625", 62), // 0.625 → 0.62
            (1_000, "0.0635", 64), // 0.635 → 0.64
            (1_000, "0.0645", 64), // 0.645 → 0.64
            (12_345, "1", 12_345), // identity
            (50, "0.5", 25),       // 0.25 exactly
            (1, "0.5", 0),         // 0.005 → 0.00 (0 is even)
            (3, "0.5", 2),         // 0.015 → 0.02 (2 is even)
        ];
        for (cents, rate, want) in cases {
            assert_eq!(
                convert_cents(cents, dec(rate)),
                Ok(want),
                "{cents} × {rate}"
            );
        }
    }

    #[test]
    fn a_converted_amount_past_the_row_bound_is_refused() {
        assert!(convert_cents(MAX_AMOUNT_CENTS, dec("2")).is_err());
        assert_eq!(
            convert_cents(MAX_AMOUNT_CENTS, dec("1")),
            Ok(MAX_AMOUNT_CENTS)
        );
    }

    fn table() -> FxTable {
        let mut usd = BTreeMap::new();
        usd.insert(day("2026-03-06"), dec("0.9"));
        usd.insert(day("2026-03-09"), dec("0.92"));
        let mut rates = HashMap::new();
        rates.insert("USD".to_owned(), usd);
        FxTable { rates }
    }

    #[test]
    fn a_missing_day_takes_the_latest_earlier_rate_up_to_the_staleness_limit() {
        let t = table();
        assert_eq!(t.rate("USD", day("2026-03-06")), Some(dec("0.9")));
        assert_eq!(t.rate("USD", day("2026-03-08")), Some(dec("0.9")));
        assert_eq!(t.rate("USD", day("2026-03-09")), Some(dec("0.92")));
        assert_eq!(t.rate("USD", day("2026-03-16")), Some(dec("0.92")));
        assert_eq!(
            t.rate("USD", day("2026-03-17")),
            None,
            "8 days old is stale"
        );
        assert_eq!(
            t.rate("USD", day("2026-03-05")),
            None,
            "no later rate applies"
        );
        assert_eq!(t.rate("GBP", day("2026-03-09")), None);
    }

    #[test]
    fn a_missing_rate_names_the_day_and_the_currency() {
        let sent = SentMoney {
            cents: 1_000,
            currency: Some("USD".to_owned()),
        };
        let err = table()
            .convert(&sent, day("2026-03-20"))
            .expect_err("no rate");
        assert!(err.contains("USD") && err.contains("2026-03-20"), "{err}");
        let stored = table().convert(&sent, day("2026-03-07")).expect("a rate");
        assert_eq!(stored.cents, 900);
        assert_eq!(stored.original, Some((1_000, "USD".to_owned())));
        let home = SentMoney {
            cents: 5,
            currency: None,
        };
        assert_eq!(
            table().convert(&home, day("2026-01-01")).map(|m| m.cents),
            Ok(5)
        );
    }
}
