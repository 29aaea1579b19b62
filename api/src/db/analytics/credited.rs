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
use super::{Dimension, Sql, key_column, key_select};
use crate::error::AppResult;

/// The touch a single-touch model credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    First,
    Last,
    /// The last touch not on this (the DIRECT) channel, else the last.
    LastNonDirect(i64),
}

/// How the credited touch's dimension value travels out of the per-conversion subquery,
/// which must tell "no touch in the window" (SQL NULL: fall back to the lead's source)
/// from "a touch without this value" (a marker), then turn back into the value.
struct Encoding {
    /// The subquery's select item, over the touchpoint `t`.
    touch: String,
    /// The value from `x.k` and, when `x.k` is NULL, the lead's source.
    decode: String,
}

fn encoding(dimension: Dimension) -> Encoding {
    let column = key_column(dimension);
    let source = format!("(SELECT l.{column} FROM lead l WHERE l.id = x.lead_id)");
    match dimension {
        // Never NULL on a touch: NULL can only mean "no touch".
        Dimension::Channel => Encoding {
            touch: "t.channel_id".to_owned(),
            decode: format!("COALESCE(x.k, {source})"),
        },
        // Campaign ids start at 1: 0 marks a touch without campaign.
        Dimension::Campaign => Encoding {
            touch: "COALESCE(t.campaign_id, 0)".to_owned(),
            decode: format!(
                "CASE WHEN x.k IS NULL THEN {source} WHEN x.k = 0 THEN NULL ELSE x.k END"
            ),
        },
        // '' marks a touch without the value; a value travels behind a 'v'.
        _ => Encoding {
            touch: format!("CASE WHEN t.{column} IS NULL THEN '' ELSE 'v' || t.{column} END"),
            decode: format!(
                "CASE WHEN x.k IS NULL THEN {source} WHEN x.k = '' THEN NULL \
                 ELSE substr(x.k, 2) END"
            ),
        },
    }
}

/// Conversions (`n`) and revenue in cents (`m`) of the range, per credited dimension value
/// (and per local conversion day when `q.by_day`).
///
/// One index-only lookup per conversion (`ix_touchpoint_journey` holds the channel and
/// campaign); the lead is read only for conversions without a touch in their window.
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
    let Encoding { touch, decode } = encoding(q.dimension);
    let key = key_select(q.dimension, &decode);
    let day = if q.by_day {
        "x.occurred_on AS day"
    } else {
        "CAST(NULL AS DATE) AS day"
    };
    sql.push(&format!(
        "SELECT {key}, {day}, COUNT(*) AS n, CAST(SUM(x.revenue_cents) AS BIGINT) AS m \
         FROM (SELECT c.lead_id, c.occurred_on, c.revenue_cents, \
                 (SELECT {touch} FROM touchpoint t \
                   WHERE t.workspace_id = {ws} AND t.lead_id = c.lead_id \
                     AND t.occurred_at <= c.occurred_at AND t.occurred_at >= {window_start} \
                   ORDER BY {order} LIMIT 1) AS k \
               FROM conversion c \
               WHERE c.workspace_id = {ws} AND c.occurred_on >= {from} AND c.occurred_on <= {to}"
    ));
    sql.and_in("c.kind", q.kinds);
    sql.push(") x GROUP BY 1, 2, 3");
    Ok(FactRow::find_by_statement(sql.statement()).all(db).await?)
}
