//! Journeys for the attribution engine, streamed page by page in (lead, time) order.
//!
//! A page is a range of `page_size` lead ids, `(lo, hi]`, between the workspace's smallest
//! and largest lead id; for its leads it reads the conversions, the touchpoints that can
//! belong to a journey of the range (`[range start − lookback, range end)`) and the sources
//! of the leads that convert in the range: three queries that run at the same time, each a
//! range scan of an index led by `workspace_id` and the lead id, with a fixed number of bind
//! parameters (so their prepared statements are reused). Memory is bounded by the page,
//! whatever the size of the tables, and pages are independent, so several can be read at once.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::{Dimension, Sql, key_column};
use crate::error::AppResult;

/// Which journeys to read.
#[derive(Debug, Clone)]
pub struct JourneyQuery {
    pub workspace_id: i64,
    /// The range as local dates (conversions are selected by `occurred_on`) …
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// … and as instants `[start, end)` (touchpoints are selected by `occurred_at`).
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub lookback_days: u32,
    /// Conversion kinds that count (all when empty).
    pub kinds: Vec<String>,
    /// A UTM dimension whose values to read as `key_text` (None: channel and campaign only).
    pub text_key: Option<Dimension>,
    /// Also read leads that never converted (the data-driven models learn from them);
    /// otherwise only leads with a conversion in the range are read in full.
    pub non_converting: bool,
    pub page_size: u64,
}

/// A lead's source: its first touch, the fallback journey of a conversion without touches.
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct SourceRow {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub key_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct TouchRow {
    pub lead_id: i64,
    pub occurred_at: DateTime<Utc>,
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub key_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct ConversionRow {
    pub lead_id: i64,
    pub occurred_at: DateTime<Utc>,
    pub occurred_on: NaiveDate,
    pub revenue_cents: i64,
}

/// One page: every list sorted by lead id, touchpoints and conversions then by time and id.
#[derive(Debug, Default)]
pub struct JourneyPage {
    pub sources: Vec<SourceRow>,
    pub touches: Vec<TouchRow>,
    pub conversions: Vec<ConversionRow>,
}

#[derive(Debug, FromQueryResult)]
struct IdSpan {
    lo: Option<i64>,
    hi: Option<i64>,
}

/// The pages of the workspace's leads: `(lo, hi]` id ranges of `page_size` ids, in order.
pub async fn page_bounds<C: ConnectionTrait>(
    db: &C,
    query: &JourneyQuery,
) -> AppResult<Vec<(i64, i64)>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(query.workspace_id);
    sql.push(&format!(
        "SELECT MIN(id) AS lo, MAX(id) AS hi FROM lead WHERE workspace_id = {ws}"
    ));
    let span = IdSpan::find_by_statement(sql.statement()).one(db).await?;
    let Some((first, last)) = span.and_then(|s| s.lo.zip(s.hi)) else {
        return Ok(Vec::new());
    };
    let width = query.page_size.max(1) as i64;
    let mut bounds = Vec::new();
    let mut lo = first - 1;
    while lo < last {
        let hi = lo.saturating_add(width).min(last);
        bounds.push((lo, hi));
        lo = hi;
    }
    Ok(bounds)
}

/// The journeys data of the leads with ids in `(lo, hi]`.
pub async fn read_page<C: ConnectionTrait>(
    db: &C,
    q: &JourneyQuery,
    lo: i64,
    hi: i64,
) -> AppResult<JourneyPage> {
    let (conversions, touches, sources) = tokio::try_join!(
        conversions(db, q, lo, hi),
        touches(db, q, lo, hi),
        sources(db, q, lo, hi),
    )?;
    Ok(JourneyPage {
        sources,
        touches,
        conversions,
    })
}

/// `AND {column} IN (leads of the page with a conversion in the range)`.
fn and_converting(sql: &mut Sql, q: &JourneyQuery, column: &str, lo: &str, hi: &str) {
    let ws = sql.bind(q.workspace_id);
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    sql.push(&format!(
        " AND {column} IN (SELECT c.lead_id FROM conversion c \
           WHERE c.workspace_id = {ws} AND c.lead_id > {lo} AND c.lead_id <= {hi} \
             AND c.occurred_on >= {from} AND c.occurred_on <= {to}"
    ));
    sql.and_in("c.kind", &q.kinds);
    sql.push(")");
}

/// Conversions of the page's leads: all of them when non-converting leads matter (a lead
/// is non-converting only if it never converted), else only those in the range.
async fn conversions<C: ConnectionTrait>(
    db: &C,
    q: &JourneyQuery,
    lo: i64,
    hi: i64,
) -> AppResult<Vec<ConversionRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let lo = sql.bind(lo);
    let hi = sql.bind(hi);
    sql.push(&format!(
        "SELECT lead_id, occurred_at, occurred_on, revenue_cents FROM conversion \
         WHERE workspace_id = {ws} AND lead_id > {lo} AND lead_id <= {hi}"
    ));
    if !q.non_converting {
        let from = sql.bind(q.from);
        let to = sql.bind(q.to);
        sql.push(&format!(
            " AND occurred_on >= {from} AND occurred_on <= {to}"
        ));
    }
    sql.and_in("kind", &q.kinds);
    sql.push(" ORDER BY lead_id, occurred_at, id");
    Ok(ConversionRow::find_by_statement(sql.statement())
        .all(db)
        .await?)
}

/// Touchpoints of the page's leads that can be on a journey: of converting leads, those
/// from `lookback` before the range on; when non-converting journeys matter, every touch
/// (a never-converting lead created in the range brings all of its touches).
async fn touches<C: ConnectionTrait>(
    db: &C,
    q: &JourneyQuery,
    lo: i64,
    hi: i64,
) -> AppResult<Vec<TouchRow>> {
    let earliest = q
        .start
        .checked_sub_signed(TimeDelta::days(i64::from(q.lookback_days)))
        .unwrap_or(q.start);
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let lo = sql.bind(lo);
    let hi = sql.bind(hi);
    sql.push(&format!(
        "SELECT lead_id, occurred_at, channel_id, campaign_id, {text} AS key_text \
         FROM touchpoint \
         WHERE workspace_id = {ws} AND lead_id > {lo} AND lead_id <= {hi}",
        text = text_column(q.text_key),
    ));
    if !q.non_converting {
        let earliest = sql.bind(earliest);
        let end = sql.bind(q.end);
        sql.push(&format!(
            " AND occurred_at >= {earliest} AND occurred_at < {end}"
        ));
        and_converting(&mut sql, q, "lead_id", &lo, &hi);
    }
    sql.push(" ORDER BY lead_id, occurred_at, id");
    Ok(TouchRow::find_by_statement(sql.statement()).all(db).await?)
}

/// Sources of the page's leads: those that convert in the range or, when non-converting
/// journeys matter, all of them (a source's time is its lead's creation).
async fn sources<C: ConnectionTrait>(
    db: &C,
    q: &JourneyQuery,
    lo: i64,
    hi: i64,
) -> AppResult<Vec<SourceRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let lo = sql.bind(lo);
    let hi = sql.bind(hi);
    sql.push(&format!(
        "SELECT id, created_at, channel_id, campaign_id, {text} AS key_text \
         FROM lead WHERE workspace_id = {ws} AND id > {lo} AND id <= {hi}",
        text = text_column(q.text_key),
    ));
    if !q.non_converting {
        and_converting(&mut sql, q, "id", &lo, &hi);
    }
    sql.push(" ORDER BY id");
    Ok(SourceRow::find_by_statement(sql.statement())
        .all(db)
        .await?)
}

fn text_column(text_key: Option<Dimension>) -> &'static str {
    match text_key {
        Some(d) if d.is_text() => key_column(d),
        _ => "CAST(NULL AS TEXT)",
    }
}

#[derive(Debug, FromQueryResult)]
struct Value {
    v: String,
}

/// Every value of a UTM `dimension` in the workspace, on touches and lead sources (in no
/// particular order).
pub async fn distinct_values<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    dimension: Dimension,
) -> AppResult<Vec<String>> {
    let column = key_column(dimension);
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    sql.push(&format!(
        "SELECT {column} AS v FROM touchpoint WHERE workspace_id = {ws} AND {column} IS NOT NULL \
         UNION SELECT {column} AS v FROM lead WHERE workspace_id = {ws} AND {column} IS NOT NULL"
    ));
    let rows = Value::find_by_statement(sql.statement()).all(db).await?;
    Ok(rows.into_iter().map(|r| r.v).collect())
}
