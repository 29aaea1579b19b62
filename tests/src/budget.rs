//! Helpers of the `budgetSuggestions` tests: the fields asked, amounts in whole cents, and
//! finding a suggestion by label.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

use crate::{GqlResponse, TestApp};

/// Every field of the plan the tests read.
pub const FIELDS: &str = "totalBudget totalCurrent totalSuggested expectedRevenueNow
    expectedRevenueAtSuggestion lift liftPct marginalRoi fullWeeks
    suggestions { key label channel { id name } campaign { id name } currentSpend
      suggestedSpend change changePct currentRoi marginalRoiNow marginalRoiAtSuggestion
      expectedRevenueAtSuggestion fit { kind a b rSquared points } keptBecause bound reason }
    expectedProfitAtSuggestion
    profitMaximizing { totalBudget expectedRevenue expectedProfit marginalRoi
      suggestions { key label currentSpend suggestedSpend change } }";

/// A decimal string ("-1234.5") in whole cents; anything else, or a fraction of a cent, fails.
#[track_caller]
pub fn cents(v: &Value) -> i64 {
    let amount = crate::json::decimal(v, "an amount");
    let cents = amount * Decimal::ONE_HUNDRED;
    assert!(cents.fract().is_zero(), "more than cents: {amount}");
    cents
        .to_i64()
        .unwrap_or_else(|| panic!("{amount} is out of range"))
}

/// Cents as the reason lines write them: "35,937.13".
pub fn money(cents: i64) -> String {
    let int = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", cents % 100)
}

/// The suggestion labelled `label`.
pub fn suggestion<'a>(resp: &'a GqlResponse, label: &str) -> &'a Value {
    resp.list("budgetSuggestions/suggestions")
        .iter()
        .find(|s| s["label"] == label)
        .unwrap_or_else(|| panic!("no {label} in {}", resp.body))
}

/// Σ suggested spend, in cents.
pub fn sum_of_suggestions(resp: &GqlResponse) -> i64 {
    resp.list("budgetSuggestions/suggestions")
        .iter()
        .map(|s| cents(&s["suggestedSpend"]))
        .sum()
}

/// `budgetSuggestions(<args>)` with [`FIELDS`].
pub async fn plan(app: &TestApp, token: &str, args: &str) -> GqlResponse {
    let query = format!("{{ budgetSuggestions({args}) {{ {FIELDS} }} }}");
    app.gql(Some(token), &query, json!({})).await
}
