//! The raw rows the journey rollups (`paths`, `credits`) are computed from: leads with their
//! source, touches and conversions, read in three statements per call (or per page of lead
//! ids for a rebuild) and handed over one lead at a time, each lead's touches and
//! conversions in time order, then id (the engine's order).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::id_list;
use crate::db::analytics::Sql;
use crate::error::AppResult;

/// Lead ids per page when every lead of a workspace is read (a rebuild).
const PAGE: i64 = 20_000;

#[derive(Debug, FromQueryResult)]
pub struct LeadRow {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub created_on: NaiveDate,
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
}

#[derive(Debug, FromQueryResult)]
pub struct TouchRow {
    pub lead_id: i64,
    pub occurred_at: DateTime<Utc>,
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
}

#[derive(Debug, FromQueryResult)]
pub struct ConversionRow {
    pub lead_id: i64,
    pub occurred_at: DateTime<Utc>,
    pub occurred_on: NaiveDate,
    pub revenue_cents: i64,
}

/// Some leads by id, or every lead of the workspace.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    Ids(&'a [i64]),
    All,
}

/// Calls `visit` for each lead of `scope` with its touches and conversions.
pub async fn for_each_lead<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    scope: Scope<'_>,
    mut visit: impl FnMut(&LeadRow, &[TouchRow], &[ConversionRow]),
) -> AppResult<()> {
    match scope {
        Scope::Ids([]) => Ok(()),
        Scope::Ids(ids) => read(db, workspace_id, Page::Ids(ids), &mut visit).await,
        Scope::All => {
            for (lo, hi) in pages(db, workspace_id).await? {
                read(db, workspace_id, Page::Span(lo, hi), &mut visit).await?;
            }
            Ok(())
        }
    }
}

/// Some leads by id, or the ids in `(lo, hi]`.
#[derive(Clone, Copy)]
enum Page<'a> {
    Ids(&'a [i64]),
    Span(i64, i64),
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

/// `SELECT … FROM {table} WHERE workspace_id = … AND {column} in the page ORDER BY …`.
fn scoped(
    db_backend: sea_orm::DatabaseBackend,
    workspace_id: i64,
    select: &str,
    column: &str,
    page: Page<'_>,
    order: &str,
) -> sea_orm::Statement {
    let mut sql = Sql::new(db_backend);
    let ws = sql.bind(workspace_id);
    let filter = match page {
        Page::Ids(ids) => format!("{column} IN {}", id_list(&mut sql, ids)),
        Page::Span(lo, hi) => {
            let (lo, hi) = (sql.bind(lo), sql.bind(hi));
            format!("{column} > {lo} AND {column} <= {hi}")
        }
    };
    sql.push(&format!(
        "{select} WHERE workspace_id = {ws} AND {filter} ORDER BY {order}"
    ));
    sql.statement()
}

async fn read<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    page: Page<'_>,
    visit: &mut impl FnMut(&LeadRow, &[TouchRow], &[ConversionRow]),
) -> AppResult<()> {
    let backend = db.get_database_backend();
    let leads = LeadRow::find_by_statement(scoped(
        backend,
        workspace_id,
        "SELECT id, created_at, created_on, channel_id, campaign_id, \
           utm_source, utm_medium, utm_campaign FROM lead",
        "id",
        page,
        "id",
    ));
    let touches = TouchRow::find_by_statement(scoped(
        backend,
        workspace_id,
        "SELECT lead_id, occurred_at, channel_id, campaign_id, \
           utm_source, utm_medium, utm_campaign FROM touchpoint",
        "lead_id",
        page,
        "lead_id, occurred_at, id",
    ));
    let conversions = ConversionRow::find_by_statement(scoped(
        backend,
        workspace_id,
        "SELECT lead_id, occurred_at, occurred_on, revenue_cents FROM conversion",
        "lead_id",
        page,
        "lead_id, occurred_at, id",
    ));
    let (leads, touches, conversions) =
        tokio::try_join!(leads.all(db), touches.all(db), conversions.all(db))?;
    let (mut ti, mut ci) = (0, 0);
    for lead in &leads {
        // Rows of ids without a lead row cannot exist (foreign keys); skip any before it.
        while touches.get(ti).is_some_and(|t| t.lead_id < lead.id) {
            ti += 1;
        }
        let first_touch = ti;
        while touches.get(ti).is_some_and(|t| t.lead_id == lead.id) {
            ti += 1;
        }
        while conversions.get(ci).is_some_and(|c| c.lead_id < lead.id) {
            ci += 1;
        }
        let first_conversion = ci;
        while conversions.get(ci).is_some_and(|c| c.lead_id == lead.id) {
            ci += 1;
        }
        visit(
            lead,
            &touches[first_touch..ti],
            &conversions[first_conversion..ci],
        );
    }
    Ok(())
}
