//! The journey-path contribution of leads to `rollup_path`, computed with the engine's own
//! journey rules (`services::attribution::Window`), for the CHANNEL dimension:
//!
//! * a lead with conversions: per conversion, its touches in `[at − 90 days, at]` (in time
//!   order, then id), or its source channel when there is none: one converting journey on
//!   the conversion's local day, with its revenue;
//! * a lead that never converted: all its touches, one non-converting journey on the local
//!   day the lead was created (none without touches).
//!
//! Paths are collapsed (consecutive repeats of a channel are one step, as MARKOV counts them)
//! and written as channel ids joined by '.'. The leads' rows are read in three statements
//! per call (or per page of lead ids for a rebuild), the contributions are summed per (day,
//! path) in memory, and one multi-row upsert adds or takes them away.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::{LOOKBACK_DAYS, Leads, Sign, id_list};
use crate::db::analytics::Sql;
use crate::error::AppResult;

/// Lead ids per page when every lead of a workspace is read (a rebuild).
const PAGE: i64 = 20_000;

/// Rows per upsert statement (6 parameters each: under every backend's limit).
const UPSERT_ROWS: usize = 2_000;

#[derive(Debug, FromQueryResult)]
struct LeadRow {
    id: i64,
    created_on: NaiveDate,
    channel_id: i64,
}

#[derive(Debug, FromQueryResult)]
struct TouchRow {
    lead_id: i64,
    occurred_at: DateTime<Utc>,
    channel_id: i64,
}

#[derive(Debug, FromQueryResult)]
struct ConversionRow {
    lead_id: i64,
    occurred_at: DateTime<Utc>,
    occurred_on: NaiveDate,
    revenue_cents: i64,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    converting: i64,
    non_converting: i64,
    revenue_cents: i64,
}

type Paths = HashMap<(NaiveDate, String), Counts>;

/// Some leads by id, or the ids in `(lo, hi]`.
#[derive(Clone, Copy)]
enum Scope<'a> {
    Ids(&'a [i64]),
    Span(i64, i64),
}

/// Adds or takes away the path contributions of `leads` (their rows as they are now).
pub async fn apply_paths<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    leads: Leads<'_>,
    sign: Sign,
) -> AppResult<()> {
    let mut paths = Paths::new();
    match leads {
        Leads::Ids([]) => return Ok(()),
        Leads::Ids(ids) => collect(db, workspace_id, Scope::Ids(ids), &mut paths).await?,
        Leads::All => {
            for (lo, hi) in pages(db, workspace_id).await? {
                collect(db, workspace_id, Scope::Span(lo, hi), &mut paths).await?;
            }
        }
    }
    write(db, workspace_id, paths, sign).await
}

/// Adds the paths of leads just created by a capture, known without reading them back: such
/// a lead has one touch (its source, channel `channel`) and no conversion yet, so it is one
/// non-converting journey of that channel on its creation day. `[(created_on, channel)]`.
pub async fn add_new_leads<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    leads: &[(NaiveDate, i64)],
) -> AppResult<()> {
    let mut paths = Paths::new();
    for &(created_on, channel) in leads {
        paths
            .entry((created_on, encode(&[channel])))
            .or_default()
            .non_converting += 1;
    }
    write(db, workspace_id, paths, Sign::Add).await
}

#[derive(Debug, FromQueryResult)]
struct IdSpan {
    lo: Option<i64>,
    hi: Option<i64>,
}

async fn pages<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<Vec<(i64, i64)>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    sql.push(&format!(
        "SELECT MIN(id) AS lo, MAX(id) AS hi FROM lead WHERE workspace_id = {ws}"
    ));
    let span = IdSpan::find_by_statement(sql.statement()).one(db).await?;
    let Some((first, last)) = span.and_then(|s| s.lo.zip(s.hi)) else {
        return Ok(Vec::new());
    };
    let mut bounds = Vec::new();
    let mut lo = first - 1;
    while lo < last {
        let hi = lo.saturating_add(PAGE).min(last);
        bounds.push((lo, hi));
        lo = hi;
    }
    Ok(bounds)
}

/// `SELECT … FROM {table} WHERE workspace_id = … AND {column} in the scope ORDER BY …`.
fn scoped(
    db_backend: sea_orm::DatabaseBackend,
    workspace_id: i64,
    select: &str,
    column: &str,
    scope: Scope<'_>,
    order: &str,
) -> sea_orm::Statement {
    let mut sql = Sql::new(db_backend);
    let ws = sql.bind(workspace_id);
    let filter = match scope {
        Scope::Ids(ids) => format!("{column} IN {}", id_list(&mut sql, ids)),
        Scope::Span(lo, hi) => {
            let (lo, hi) = (sql.bind(lo), sql.bind(hi));
            format!("{column} > {lo} AND {column} <= {hi}")
        }
    };
    sql.push(&format!(
        "{select} WHERE workspace_id = {ws} AND {filter} ORDER BY {order}"
    ));
    sql.statement()
}

/// Reads the scope's leads, touches and conversions and adds their paths to `paths`.
async fn collect<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    scope: Scope<'_>,
    paths: &mut Paths,
) -> AppResult<()> {
    let backend = db.get_database_backend();
    let leads = LeadRow::find_by_statement(scoped(
        backend,
        workspace_id,
        "SELECT id, created_on, channel_id FROM lead",
        "id",
        scope,
        "id",
    ));
    let touches = TouchRow::find_by_statement(scoped(
        backend,
        workspace_id,
        "SELECT lead_id, occurred_at, channel_id FROM touchpoint",
        "lead_id",
        scope,
        "lead_id, occurred_at, id",
    ));
    let conversions = ConversionRow::find_by_statement(scoped(
        backend,
        workspace_id,
        "SELECT lead_id, occurred_at, occurred_on, revenue_cents FROM conversion",
        "lead_id",
        scope,
        "lead_id, occurred_at, id",
    ));
    let (leads, touches, conversions) =
        tokio::try_join!(leads.all(db), touches.all(db), conversions.all(db))?;
    let (mut ti, mut ci) = (0, 0);
    for lead in &leads {
        let start = ti;
        while touches.get(ti).is_some_and(|t| t.lead_id <= lead.id) {
            ti += 1;
        }
        let first_conversion = ci;
        while conversions.get(ci).is_some_and(|c| c.lead_id <= lead.id) {
            ci += 1;
        }
        let own_touches: Vec<&TouchRow> = touches[start..ti]
            .iter()
            .filter(|t| t.lead_id == lead.id)
            .collect();
        let own_conversions = conversions[first_conversion..ci]
            .iter()
            .filter(|c| c.lead_id == lead.id);
        add_lead(lead, &own_touches, own_conversions, paths);
    }
    Ok(())
}

fn add_lead<'a>(
    lead: &LeadRow,
    touches: &[&TouchRow],
    conversions: impl Iterator<Item = &'a ConversionRow>,
    paths: &mut Paths,
) {
    let lookback = TimeDelta::days(i64::from(LOOKBACK_DAYS));
    let mut converted = false;
    for c in conversions {
        converted = true;
        let from = c
            .occurred_at
            .checked_sub_signed(lookback)
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let window: Vec<i64> = touches
            .iter()
            .filter(|t| t.occurred_at >= from && t.occurred_at <= c.occurred_at)
            .map(|t| t.channel_id)
            .collect();
        let path = if window.is_empty() {
            vec![lead.channel_id]
        } else {
            window
        };
        let counts = paths.entry((c.occurred_on, encode(&path))).or_default();
        counts.converting += 1;
        counts.revenue_cents += c.revenue_cents;
    }
    if !converted && !touches.is_empty() {
        let path: Vec<i64> = touches.iter().map(|t| t.channel_id).collect();
        let counts = paths.entry((lead.created_on, encode(&path))).or_default();
        counts.non_converting += 1;
    }
}

/// Channel ids joined by '.', consecutive repeats collapsed.
fn encode(channels: &[i64]) -> String {
    let mut out = String::new();
    let mut previous = None;
    for &c in channels {
        if previous == Some(c) {
            continue;
        }
        if previous.is_some() {
            out.push('.');
        }
        out.push_str(&c.to_string());
        previous = Some(c);
    }
    out
}

/// The channels of an encoded path; `None` for text that is not one.
pub fn decode(path: &str) -> Option<Vec<i64>> {
    path.split('.').map(|c| c.parse().ok()).collect()
}

async fn write<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    paths: Paths,
    sign: Sign,
) -> AppResult<()> {
    let factor = match sign {
        Sign::Add => 1,
        Sign::Remove => -1,
    };
    let mut rows: Vec<((NaiveDate, String), Counts)> = paths.into_iter().collect();
    // A fixed order: concurrent writers of one workspace take row locks in the same order.
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for chunk in rows.chunks(UPSERT_ROWS) {
        let mut sql = Sql::new(db.get_database_backend());
        let ws = sql.bind(workspace_id);
        let values: Vec<String> = chunk
            .iter()
            .map(|((day, path), c)| {
                format!(
                    "({ws}, {}, {}, {}, {}, {})",
                    sql.bind(*day),
                    sql.bind(path.clone()),
                    sql.bind(factor * c.converting),
                    sql.bind(factor * c.non_converting),
                    sql.bind(factor * c.revenue_cents),
                )
            })
            .collect();
        sql.push(&format!(
            "INSERT INTO rollup_path \
               (workspace_id, day, path, converting, non_converting, revenue_cents) \
             VALUES {} \
             ON CONFLICT (workspace_id, day, path) DO UPDATE SET \
               converting = rollup_path.converting + excluded.converting, \
               non_converting = rollup_path.non_converting + excluded.non_converting, \
               revenue_cents = rollup_path.revenue_cents + excluded.revenue_cents",
            values.join(", ")
        ));
        db.execute_raw(sql.statement()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_collapse_repeats_and_round_trip() {
        assert_eq!(encode(&[3, 3, 7, 3, 3]), "3.7.3");
        assert_eq!(decode("3.7.3"), Some(vec![3, 7, 3]));
        assert_eq!(decode("3.x"), None);
    }
}
