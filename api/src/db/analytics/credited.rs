//! Conversions and revenue credited by the single-touch models in SQL: FIRST_TOUCH,
//! LAST_TOUCH and LAST_NON_DIRECT, with the attribution engine's exact journey rules
//! (`services::attribution`), so that these numbers equal the engine's on the same data:
//!
//! * a conversion's journey is its lead's touchpoints in `[at − lookback, at]`, ordered by
//!   time, then id (the order in which the engine is fed);
//! * FIRST_TOUCH credits the first, LAST_TOUCH the last, LAST_NON_DIRECT the last whose
//!   channel is not the workspace's DIRECT channel (the last touch if all are);
//! * a journey without touchpoints falls back to the lead's source (its columns on `lead`).

use sea_orm::{ConnectionTrait, FromQueryResult};

use super::facts::{FactQuery, FactRow};
use super::{Sql, key_column, key_select};
use crate::error::AppResult;

/// The touch a single-touch model credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    First,
    Last,
    /// The last touch not on this (the DIRECT) channel, else the last.
    LastNonDirect(i64),
}

/// Conversions (`n`) and revenue in cents (`m`) of the range, per credited dimension value
/// (and per local conversion day when `q.by_day`).
pub async fn single_touch<C: ConnectionTrait>(
    db: &C,
    q: &FactQuery<'_>,
    pick: Pick,
    lookback_days: u32,
) -> AppResult<Vec<FactRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    let window_start = sql.shifted_back("c.occurred_at", lookback_days);
    let order = match pick {
        Pick::First => "t.occurred_at ASC, t.id ASC".to_owned(),
        Pick::Last => "t.occurred_at DESC, t.id DESC".to_owned(),
        Pick::LastNonDirect(direct) => {
            let direct = sql.bind(direct);
            format!(
                "CASE WHEN t.channel_id = {direct} THEN 1 ELSE 0 END, \
                 t.occurred_at DESC, t.id DESC"
            )
        }
    };
    let column = key_column(q.dimension);
    let key = key_select(
        q.dimension,
        &format!("CASE WHEN x.touch_id IS NULL THEN l.{column} ELSE p.{column} END"),
    );
    let day = if q.by_day {
        "x.occurred_on AS day"
    } else {
        "CAST(NULL AS DATE) AS day"
    };
    sql.push(&format!(
        "SELECT {key}, {day}, COUNT(*) AS n, CAST(SUM(x.revenue_cents) AS BIGINT) AS m \
         FROM (SELECT c.lead_id, c.occurred_on, c.revenue_cents, \
                 (SELECT t.id FROM touchpoint t \
                   WHERE t.workspace_id = {ws} AND t.lead_id = c.lead_id \
                     AND t.occurred_at <= c.occurred_at AND t.occurred_at >= {window_start} \
                   ORDER BY {order} LIMIT 1) AS touch_id \
               FROM conversion c \
               WHERE c.workspace_id = {ws} AND c.occurred_on >= {from} AND c.occurred_on <= {to}"
    ));
    sql.and_in("c.kind", q.kinds);
    sql.push(
        ") x JOIN lead l ON l.id = x.lead_id \
         LEFT JOIN touchpoint p ON p.id = x.touch_id \
         GROUP BY 1, 2, 3",
    );
    Ok(FactRow::find_by_statement(sql.statement()).all(db).await?)
}
