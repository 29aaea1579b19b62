//! Budget periods with the money spent on their campaign inside the period, up to a day.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::Sql;
use crate::error::AppResult;

/// A budget period and its spend in cents from its start to `min(period end, as of)`.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct BudgetSpendRow {
    pub id: i64,
    pub campaign_id: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub planned_cents: i64,
    pub spent_cents: i64,
}

/// Budget periods overlapping `[from, to]`, by period start then id.
pub async fn budget_spend<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> AppResult<Vec<BudgetSpendRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let from = sql.bind(from);
    let to = sql.bind(to);
    let as_of = sql.bind(as_of);
    sql.push(&format!(
        "SELECT b.id, b.campaign_id, b.period_start, b.period_end, b.planned_cents, \
           CAST(COALESCE(SUM(s.amount_cents), 0) AS BIGINT) AS spent_cents \
         FROM budget b \
         LEFT JOIN spend s ON s.workspace_id = b.workspace_id AND s.campaign_id = b.campaign_id \
           AND s.date >= b.period_start AND s.date <= b.period_end AND s.date <= {as_of} \
         WHERE b.workspace_id = {ws} AND b.period_start <= {to} AND b.period_end >= {from} \
         GROUP BY b.id, b.campaign_id, b.period_start, b.period_end, b.planned_cents \
         ORDER BY b.period_start, b.id"
    ));
    Ok(BudgetSpendRow::find_by_statement(sql.statement())
        .all(db)
        .await?)
}
