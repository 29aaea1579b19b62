//! Journeys for the attribution engine, streamed page by page in (lead, time) order.
//!
//! A page is the next `page_size` leads of the workspace by id; for them it reads the
//! conversions, the touchpoints that can belong to a journey of the range
//! (`[range start − lookback, range end)`) and the sources of the leads that convert in the
//! range. Memory is bounded by the page, whatever the size of the tables; every query walks
//! an index led by `workspace_id` and the lead id.

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
#[derive(Debug, Clone, FromQueryResult)]
pub struct SourceRow {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub key_text: Option<String>,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct TouchRow {
    pub lead_id: i64,
    pub occurred_at: DateTime<Utc>,
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub key_text: Option<String>,
}

#[derive(Debug, Clone, FromQueryResult)]
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
struct Bound {
    hi: Option<i64>,
}

/// A cursor over the pages of a [`JourneyQuery`].
#[derive(Debug)]
pub struct JourneyScan {
    query: JourneyQuery,
    after: i64,
    done: bool,
}

impl JourneyScan {
    pub fn new(query: JourneyQuery) -> Self {
        Self {
            query,
            after: 0,
            done: false,
        }
    }

    /// The next page, or `None` after the last lead.
    pub async fn next_page<C: ConnectionTrait>(
        &mut self,
        db: &C,
    ) -> AppResult<Option<JourneyPage>> {
        if self.done {
            return Ok(None);
        }
        let Some(hi) = self.page_end(db).await? else {
            self.done = true;
            return Ok(None);
        };
        let (lo, q) = (self.after, &self.query);
        self.after = hi;
        let conversions = self.conversions(db, lo, hi).await?;
        let converting: Vec<i64> = {
            let mut ids: Vec<i64> = conversions
                .iter()
                .filter(|c| c.occurred_on >= q.from && c.occurred_on <= q.to)
                .map(|c| c.lead_id)
                .collect();
            ids.dedup(); // sorted by lead id already
            ids
        };
        let touches = if q.non_converting || !converting.is_empty() {
            self.touches(db, lo, hi, (!q.non_converting).then_some(&converting[..]))
                .await?
        } else {
            Vec::new()
        };
        let sources = if converting.is_empty() {
            Vec::new()
        } else {
            self.sources(db, &converting).await?
        };
        Ok(Some(JourneyPage {
            sources,
            touches,
            conversions,
        }))
    }

    /// The id of the last lead of the next page.
    async fn page_end<C: ConnectionTrait>(&self, db: &C) -> AppResult<Option<i64>> {
        let mut sql = Sql::new(db.get_database_backend());
        let ws = sql.bind(self.query.workspace_id);
        let after = sql.bind(self.after);
        let limit = sql.bind(self.query.page_size as i64);
        sql.push(&format!(
            "SELECT MAX(id) AS hi FROM (SELECT id FROM lead \
               WHERE workspace_id = {ws} AND id > {after} ORDER BY id LIMIT {limit}) page"
        ));
        let bound = Bound::find_by_statement(sql.statement()).one(db).await?;
        Ok(bound.and_then(|b| b.hi))
    }

    /// Conversions of the page's leads: all of them when non-converting leads matter (a lead
    /// is non-converting only if it never converted), else only those in the range.
    async fn conversions<C: ConnectionTrait>(
        &self,
        db: &C,
        lo: i64,
        hi: i64,
    ) -> AppResult<Vec<ConversionRow>> {
        let q = &self.query;
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

    /// Touchpoints of the page's leads (or of `only` those) that can be on a journey.
    async fn touches<C: ConnectionTrait>(
        &self,
        db: &C,
        lo: i64,
        hi: i64,
        only: Option<&[i64]>,
    ) -> AppResult<Vec<TouchRow>> {
        let q = &self.query;
        let earliest = q
            .start
            .checked_sub_signed(TimeDelta::days(i64::from(q.lookback_days)))
            .unwrap_or(q.start);
        let mut sql = Sql::new(db.get_database_backend());
        let ws = sql.bind(q.workspace_id);
        let lo = sql.bind(lo);
        let hi = sql.bind(hi);
        let earliest = sql.bind(earliest);
        let end = sql.bind(q.end);
        sql.push(&format!(
            "SELECT lead_id, occurred_at, channel_id, campaign_id, {text} AS key_text \
             FROM touchpoint \
             WHERE workspace_id = {ws} AND lead_id > {lo} AND lead_id <= {hi} \
               AND occurred_at >= {earliest} AND occurred_at < {end}",
            text = text_column(q.text_key),
        ));
        if let Some(ids) = only {
            sql.and_in("lead_id", ids);
        }
        sql.push(" ORDER BY lead_id, occurred_at, id");
        Ok(TouchRow::find_by_statement(sql.statement()).all(db).await?)
    }

    async fn sources<C: ConnectionTrait>(&self, db: &C, ids: &[i64]) -> AppResult<Vec<SourceRow>> {
        let q = &self.query;
        let mut sql = Sql::new(db.get_database_backend());
        let ws = sql.bind(q.workspace_id);
        sql.push(&format!(
            "SELECT id, created_at, channel_id, campaign_id, {text} AS key_text \
             FROM lead WHERE workspace_id = {ws}",
            text = text_column(q.text_key),
        ));
        sql.and_in("id", ids);
        sql.push(" ORDER BY id");
        Ok(SourceRow::find_by_statement(sql.statement())
            .all(db)
            .await?)
    }
}

fn text_column(text_key: Option<Dimension>) -> &'static str {
    match text_key {
        Some(d) if d.is_text() => key_column(d),
        _ => "CAST(NULL AS TEXT)",
    }
}
