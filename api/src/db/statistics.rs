//! SQLite's planner statistics, kept current by the server. Without `sqlite_stat1`, SQLite
//! guesses table sizes, and a database filled through the API (never by `demo-data`, which
//! analyzes) got a quadratic join order for reports over raw rows: 20.6 s for a cold 1-year
//! report on 30,000 leads, 0.13 s after `ANALYZE`.
//!
//! A table is analyzed when it has rows and no statistics, or has grown past twice the rows
//! its statistics counted (plus [`SLACK_ROWS`]): at start, then every [`INTERVAL`]. Its size is
//! read as `max(rowid)`, an index lookup, and `analysis_limit` bounds each `ANALYZE` to a
//! sample, so a check costs milliseconds whatever the data. PostgreSQL's autovacuum does the
//! same there; this does nothing on PostgreSQL.

use std::collections::HashMap;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement};

/// How often the server looks for stale statistics.
pub const INTERVAL: Duration = Duration::from_secs(60);
/// Growth tolerated beyond twice the analyzed rows.
pub const SLACK_ROWS: i64 = 1_000;
/// Rows sampled per index by one `ANALYZE`.
const ANALYSIS_LIMIT: u32 = 1_000;

/// `max(rowid)` of each table when it was last analyzed here: a table whose rows are
/// replaced (deleted and written again) keeps a `max(rowid)` far above its live rows, and
/// must not be analyzed again until it grows past that.
pub type AnalyzedSizes = HashMap<String, i64>;

/// Analyzes every table whose statistics are missing or stale; answers their names.
pub async fn refresh_stale(
    conn: &DatabaseConnection,
    sizes: &mut AnalyzedSizes,
) -> Result<Vec<String>, DbErr> {
    if conn.get_database_backend() != DatabaseBackend::Sqlite {
        return Ok(Vec::new());
    }
    let tables = conn
        .query_all_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations' ORDER BY name",
        ))
        .await?
        .into_iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect::<Result<Vec<_>, _>>()?;
    let mut analyzed = Vec::new();
    for table in tables {
        if let Some(size) = stale_size(conn, &table, sizes.get(&table).copied()).await? {
            let quoted = table.replace('"', "\"\"");
            conn.execute_unprepared(&format!(
                "PRAGMA analysis_limit = {ANALYSIS_LIMIT}; ANALYZE \"{quoted}\";"
            ))
            .await?;
            sizes.insert(table.clone(), size);
            analyzed.push(table);
        }
    }
    Ok(analyzed)
}

/// The table's size (`max(rowid)`) when its statistics are stale, None otherwise.
async fn stale_size(
    conn: &DatabaseConnection,
    table: &str,
    analyzed_at: Option<i64>,
) -> Result<Option<i64>, DbErr> {
    let Some(rows) = max_rowid(conn, table).await? else {
        return Ok(None);
    };
    if let Some(then) = analyzed_at {
        return Ok((rows > then.saturating_mul(2) + SLACK_ROWS).then_some(rows));
    }
    Ok(is_stale(conn, table, rows).await?.then_some(rows))
}

/// A table's `max(rowid)`; None for an empty table or one without rowid.
async fn max_rowid(conn: &DatabaseConnection, table: &str) -> Result<Option<i64>, DbErr> {
    let quoted = table.replace('"', "\"\"");
    let row = conn
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            format!("SELECT coalesce(max(rowid), 0) FROM \"{quoted}\""),
        ))
        .await;
    // A table without rowid has no cheap size: leave it to `demo-data` and ANALYZE by hand.
    let Ok(Some(row)) = row else {
        return Ok(None);
    };
    let rows: i64 = row.try_get_by_index(0)?;
    Ok((rows > 0).then_some(rows))
}

async fn is_stale(conn: &DatabaseConnection, table: &str, rows: i64) -> Result<bool, DbErr> {
    let stats = conn
        .query_all_raw(Statement::from_sql_and_values(
            DatabaseBackend::Sqlite,
            "SELECT stat FROM sqlite_stat1 WHERE tbl = ?",
            [table.into()],
        ))
        .await
        // No sqlite_stat1 at all: nothing was ever analyzed.
        .unwrap_or_default();
    let analyzed = stats
        .iter()
        .filter_map(|row| row.try_get_by_index::<String>(0).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<i64>().ok())
        .max();
    Ok(analyzed.is_none_or(|analyzed| rows > analyzed.saturating_mul(2) + SLACK_ROWS))
}

/// Refreshes stale statistics every `interval` (the first time one interval from now),
/// logging what it analyzed.
pub async fn keep_current(conn: DatabaseConnection, interval: Duration) {
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The first tick is at once; start-up has just checked (`app::build_state`).
    ticks.tick().await;
    let mut sizes = AnalyzedSizes::new();
    loop {
        ticks.tick().await;
        match refresh_stale(&conn, &mut sizes).await {
            Ok(tables) if !tables.is_empty() => {
                tracing::info!(?tables, "planner statistics refreshed");
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "could not refresh planner statistics"),
        }
    }
}
