//! `recordFxRates`: the workspace's FX table, one rate per (currency, day); sending the same
//! day again replaces its rate. A rate converts amounts sent in that currency *from then
//! on*: rows already stored keep the amount they were converted to (send them again to
//! re-convert).

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QuerySelect};

use entity::fx_rate;

use super::bulk::{BulkInsert, Values};
use super::validate::{RowErrors, Sent};
use super::{Target, run_call};
use crate::auth::Principal;
use crate::db::scope::InWorkspace;
use crate::error::AppResult;
use crate::services::fx::iso4217;

/// The largest rate accepted: no currency is worth a million of another.
const MAX_RATE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Decimal places a rate may carry.
const MAX_RATE_PLACES: u32 = 12;

/// One day's rate of a foreign currency, as sent.
#[derive(Debug, Clone)]
pub struct FxRateEntry {
    pub date: Sent<NaiveDate>,
    pub currency: String,
    /// Units of the reporting currency per 1 unit of `currency`.
    pub rate: Sent<Decimal>,
}

/// What a call stored: new (currency, day) rates and rates that replaced a stored one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FxRatesOutcome {
    pub inserted: u64,
    pub updated: u64,
}

type Key = (String, NaiveDate);

/// Stores `entries` (all or none) and bumps the workspace's data generation.
#[tracing::instrument(skip_all, fields(workspace.id = principal.workspace_id, rows = entries.len()))]
pub async fn record_fx_rates(
    db: &DatabaseConnection,
    principal: &Principal,
    entries: Vec<FxRateEntry>,
    max_rows: usize,
) -> AppResult<FxRatesOutcome> {
    let workspace_id = principal.workspace_id;
    run_call(
        db,
        workspace_id,
        ("entries", &entries),
        max_rows,
        prepare,
        async |txn, _, prepared, errors| write(txn, principal, prepared, errors).await,
    )
    .await
}

/// A rate: more than 0, at most [`MAX_RATE`], at most [`MAX_RATE_PLACES`] decimal places.
pub fn rate(value: Decimal) -> Result<Decimal, String> {
    let value = value.normalize();
    if value <= Decimal::ZERO {
        return Err("must be more than 0".to_owned());
    }
    if value > MAX_RATE {
        return Err(format!("must be at most {MAX_RATE}"));
    }
    if value.scale() > MAX_RATE_PLACES {
        return Err(format!("at most {MAX_RATE_PLACES} decimal places"));
    }
    Ok(value)
}

/// A foreign currency: an ISO 4217 code other than the reporting currency.
pub fn foreign_currency(code: &str, reporting: &str) -> Result<String, String> {
    let code = iso4217(code)?;
    if code.eq_ignore_ascii_case(reporting) {
        return Err(format!(
            "{code} is the workspace's reporting currency: its rate is 1 by definition"
        ));
    }
    Ok(code)
}

fn prepare(
    index: usize,
    entry: &FxRateEntry,
    target: &Target,
    errors: &mut RowErrors,
) -> Option<(Key, Decimal)> {
    let date = entry
        .date
        .clone()
        .and_then(|d| target.clock.not_after_tomorrow(d));
    let date = errors.check(index, "date", date);
    let currency = errors.check(
        index,
        "currency",
        foreign_currency(&entry.currency, &target.currency),
    );
    let rate = errors.check(index, "rate", entry.rate.clone().and_then(rate));
    Some(((currency?, date?), rate?))
}

async fn write<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    prepared: Vec<Option<(Key, Decimal)>>,
    errors: RowErrors,
) -> AppResult<FxRatesOutcome> {
    errors.into_result()?;
    let workspace_id = principal.workspace_id;
    // Keyed and sorted: the last entry of a (currency, day) wins, and one upsert statement
    // never touches a row twice.
    let rows: BTreeMap<Key, Decimal> = prepared.into_iter().flatten().collect();
    let existing = existing_keys(db, workspace_id, &rows).await?;
    let updated = rows.keys().filter(|k| existing.contains(*k)).count() as u64;
    let n = rows.len();
    BulkInsert {
        table: "fx_rate",
        columns: vec![
            ("workspace_id", Values::Int(vec![workspace_id; n])),
            (
                "currency",
                Values::Text(rows.keys().map(|k| k.0.clone()).collect()),
            ),
            ("date", Values::Date(rows.keys().map(|k| k.1).collect())),
            (
                "rate",
                Values::Text(rows.values().map(Decimal::to_string).collect()),
            ),
            ("updated_at", Values::Time(vec![Utc::now(); n])),
        ],
        on_conflict: "ON CONFLICT (workspace_id, currency, date) DO UPDATE SET \
            rate = excluded.rate, updated_at = excluded.updated_at",
        returning: "",
    }
    .execute(db)
    .await?;
    // The FX table is a setting every later conversion depends on: who changed which rates.
    let currencies: std::collections::BTreeSet<&str> = rows.keys().map(|k| k.0.as_str()).collect();
    let arguments = serde_json::json!({
        "rates": n,
        "updated": updated,
        "currencies": currencies,
        "from": rows.keys().map(|k| k.1).min(),
        "to": rows.keys().map(|k| k.1).max(),
    });
    crate::services::audit::record(db, principal, "recordFxRates", arguments).await?;
    Ok(FxRatesOutcome {
        inserted: n as u64 - updated,
        updated,
    })
}

/// The keys among `rows` that already have a rate (read under the call's write lock).
async fn existing_keys<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    rows: &BTreeMap<Key, Decimal>,
) -> AppResult<HashSet<Key>> {
    let (Some(first), Some(last)) = (
        rows.keys().map(|k| k.1).min(),
        rows.keys().map(|k| k.1).max(),
    ) else {
        return Ok(HashSet::new());
    };
    let currencies: HashSet<String> = rows.keys().map(|k| k.0.clone()).collect();
    let keys: Vec<(String, NaiveDate)> = fx_rate::Entity::find_in_workspace(workspace_id)
        .select_only()
        .columns([fx_rate::Column::Currency, fx_rate::Column::Date])
        .filter(fx_rate::Column::Currency.is_in(currencies))
        .filter(fx_rate::Column::Date.between(first, last))
        .into_tuple()
        .all(db)
        .await?;
    Ok(keys.into_iter().filter(|k| rows.contains_key(k)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_must_be_positive_bounded_and_of_few_places() {
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        assert_eq!(rate(d("0.9215")), Ok(d("0.9215")));
        assert_eq!(
            rate(d("1.500")).map(|r| r.to_string()),
            Ok("1.5".to_owned())
        );
        assert!(rate(d("0")).is_err());
        assert!(rate(d("-1.2")).is_err());
        assert!(rate(d("1000000.01")).is_err());
        assert!(rate(d("0.0000000000001")).is_err());
    }

    #[test]
    fn the_reporting_currency_and_unknown_codes_are_refused() {
        assert_eq!(foreign_currency("usd", "EUR").as_deref(), Ok("USD"));
        let err = foreign_currency("eur", "EUR").expect_err("own currency");
        assert!(err.contains("reporting currency"), "{err}");
        assert!(foreign_currency("ABC", "EUR").is_err());
    }
}
