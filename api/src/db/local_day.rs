//! The stored local days: columns that hold a timestamp's day in the workspace time zone
//! (`lead.created_on`, `conversion.occurred_on`), kept so reports group by day with an index.
//! When the time zone changes, [`recompute_local_days`] rewrites them; the rollups, which are
//! keyed by those days, are rebuilt after it (`services::workspace_settings`).
//!
//! Touchpoints store no day (reports read their instant), and `spend.date`, budget periods
//! and campaign start and end days are calendar days as the client sent them, not derived
//! from a timestamp, so they stay as they are.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use entity::{conversion, lead};

use super::analytics::Sql;
use crate::error::AppResult;

/// Rows read (and at most rewritten) per statement: memory stays bounded whatever the size
/// of the workspace.
const PAGE: u64 = 10_000;

/// Rewrites every stored local day of the workspace for time zone `tz`, inside `db` (the
/// caller's transaction); answers how many rows changed day.
pub async fn recompute_local_days<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    tz: Tz,
) -> AppResult<u64> {
    let leads = recompute::<lead::Entity, C>(
        db,
        workspace_id,
        tz,
        Columns {
            table: "lead",
            day: "created_on",
            id: lead::Column::Id,
            at: lead::Column::CreatedAt,
            on: lead::Column::CreatedOn,
            workspace: lead::Column::WorkspaceId,
        },
    )
    .await?;
    let conversions = recompute::<conversion::Entity, C>(
        db,
        workspace_id,
        tz,
        Columns {
            table: "conversion",
            day: "occurred_on",
            id: conversion::Column::Id,
            at: conversion::Column::OccurredAt,
            on: conversion::Column::OccurredOn,
            workspace: conversion::Column::WorkspaceId,
        },
    )
    .await?;
    Ok(leads + conversions)
}

/// One table's instant and stored day.
struct Columns<C> {
    table: &'static str,
    day: &'static str,
    id: C,
    at: C,
    on: C,
    workspace: C,
}

async fn recompute<E, C>(
    db: &C,
    workspace_id: i64,
    tz: Tz,
    cols: Columns<E::Column>,
) -> AppResult<u64>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let mut after = 0_i64;
    let mut changed = 0_u64;
    loop {
        let page: Vec<(i64, DateTime<Utc>, NaiveDate)> = E::find()
            .select_only()
            .column(cols.id)
            .column(cols.at)
            .column(cols.on)
            .filter(cols.workspace.eq(workspace_id))
            .filter(cols.id.gt(after))
            .order_by_asc(cols.id)
            .limit(PAGE)
            .into_tuple()
            .all(db)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.0;
        let moved: Vec<(i64, NaiveDate)> = page
            .iter()
            .filter_map(|(id, at, on)| {
                let day = at.with_timezone(&tz).date_naive();
                (day != *on).then_some((*id, day))
            })
            .collect();
        if !moved.is_empty() {
            set_days(db, workspace_id, cols.table, cols.day, &moved).await?;
            changed += moved.len() as u64;
        }
    }
    Ok(changed)
}

/// `UPDATE table SET day = …` from one list parameter per column (PostgreSQL arrays, a JSON
/// array on SQLite), as `db::rollup` passes key lists.
async fn set_days<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    table: &str,
    day: &str,
    rows: &[(i64, NaiveDate)],
) -> AppResult<()> {
    let mut sql = Sql::new(db.get_database_backend());
    let source = match sql.backend() {
        DatabaseBackend::Postgres => {
            let ids = rows.iter().map(|r| r.0.to_string()).collect::<Vec<_>>();
            let days = rows
                .iter()
                .map(|r| r.1.format("%Y-%m-%d").to_string())
                .collect::<Vec<_>>();
            let a = sql.bind(format!("{{{}}}", ids.join(",")));
            let b = sql.bind(format!("{{{}}}", days.join(",")));
            format!("UNNEST({a}::text::bigint[], {b}::text::date[]) AS k(id, d)")
        }
        _ => {
            let json = rows
                .iter()
                .map(|r| format!("[{},\"{}\"]", r.0, r.1.format("%Y-%m-%d")))
                .collect::<Vec<_>>()
                .join(",");
            let p = sql.bind(format!("[{json}]"));
            format!(
                "(SELECT json_extract(value, '$[0]') AS id, \
                 json_extract(value, '$[1]') AS d FROM json_each({p})) AS k"
            )
        }
    };
    let ws = sql.bind(workspace_id);
    sql.push(&format!(
        "UPDATE {table} SET {day} = k.d FROM {source} \
         WHERE {table}.id = k.id AND {table}.workspace_id = {ws}"
    ));
    db.execute_raw(sql.statement()).await?;
    Ok(())
}
