//! Plain aggregates per dimension value (and per local day, for time series): leads and
//! converted leads, new customers, spend. One GROUP BY each, in the database.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::{Dimension, Sql, key_column, key_select};
use crate::error::AppResult;
use crate::services::ingest::conversion::PURCHASE;

/// What the fact queries share: the workspace, the local date range (both ends inclusive),
/// the dimension, whether to split by day, and which conversion kinds count (all if empty).
#[derive(Debug, Clone)]
pub struct FactQuery<'a> {
    pub workspace_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub dimension: Dimension,
    pub by_day: bool,
    pub kinds: &'a [String],
}

/// One aggregated group: the dimension value (`key_id` or `key_text`), the local day when
/// split by day, and up to two integer measures whose meaning depends on the query.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct FactRow {
    pub key_id: Option<i64>,
    pub key_text: Option<String>,
    pub day: Option<NaiveDate>,
    pub n: i64,
    pub m: i64,
}

fn day_select(by_day: bool, column: &str) -> String {
    if by_day {
        format!("{column} AS day")
    } else {
        "CAST(NULL AS DATE) AS day".to_owned()
    }
}

/// Leads created in the range by their source (`n`), and how many of them have a conversion
/// (of the counted kinds) on or before the range's last day (`m`).
pub async fn leads<C: ConnectionTrait>(db: &C, q: &FactQuery<'_>) -> AppResult<Vec<FactRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    let key = key_select(q.dimension, &format!("l.{}", key_column(q.dimension)));
    sql.push(&format!(
        "SELECT {key}, {day}, COUNT(*) AS n, COUNT(cv.lead_id) AS m \
         FROM lead l \
         LEFT JOIN (SELECT DISTINCT c.lead_id FROM conversion c \
                    WHERE c.workspace_id = {ws} AND c.occurred_on <= {to}",
        day = day_select(q.by_day, "l.created_on"),
    ));
    sql.and_in("c.kind", q.kinds);
    sql.push(&format!(
        ") cv ON cv.lead_id = l.id \
         WHERE l.workspace_id = {ws} AND l.created_on >= {from} AND l.created_on <= {to} \
         GROUP BY 1, 2, 3"
    ));
    Ok(FactRow::find_by_statement(sql.statement()).all(db).await?)
}

/// New customers (`n`): leads whose first purchase (the kind that makes a lead a CUSTOMER)
/// falls in the range, or with a kinds filter their first conversion of those kinds; by the
/// lead's source and the local day of that conversion.
pub async fn new_customers<C: ConnectionTrait>(
    db: &C,
    q: &FactQuery<'_>,
) -> AppResult<Vec<FactRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    let key = key_select(q.dimension, &format!("l.{}", key_column(q.dimension)));
    // The first conversion's local day is the least day: days follow time.
    sql.push(&format!(
        "SELECT {key}, {day}, COUNT(*) AS n, CAST(0 AS BIGINT) AS m \
         FROM (SELECT c.lead_id, MIN(c.occurred_on) AS first_on FROM conversion c \
               WHERE c.workspace_id = {ws} AND c.occurred_on <= {to}",
        day = day_select(q.by_day, "f.first_on"),
    ));
    if q.kinds.is_empty() {
        sql.and_in("c.kind", &[PURCHASE.to_owned()]);
    } else {
        sql.and_in("c.kind", q.kinds);
    }
    sql.push(&format!(
        " GROUP BY c.lead_id HAVING MIN(c.occurred_on) >= {from}) f \
         JOIN lead l ON l.id = f.lead_id \
         GROUP BY 1, 2, 3"
    ));
    Ok(FactRow::find_by_statement(sql.statement()).all(db).await?)
}

/// Spend in cents (`n`) by channel (through the campaign) or by campaign; `None` for the
/// dimensions that carry no spend (the UTM values).
pub async fn spend<C: ConnectionTrait>(
    db: &C,
    q: &FactQuery<'_>,
) -> AppResult<Option<Vec<FactRow>>> {
    let (join, key) = match q.dimension {
        Dimension::Channel => (
            " JOIN campaign cm ON cm.id = s.campaign_id",
            "cm.channel_id",
        ),
        Dimension::Campaign => ("", "s.campaign_id"),
        _ => return Ok(None),
    };
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    sql.push(&format!(
        "SELECT {key}, {day}, CAST(SUM(s.amount_cents) AS BIGINT) AS n, CAST(0 AS BIGINT) AS m \
         FROM spend s{join} \
         WHERE s.workspace_id = {ws} AND s.date >= {from} AND s.date <= {to} \
         GROUP BY 1, 2, 3",
        key = key_select(q.dimension, key),
        day = day_select(q.by_day, "s.date"),
    ));
    Ok(Some(
        FactRow::find_by_statement(sql.statement()).all(db).await?,
    ))
}
