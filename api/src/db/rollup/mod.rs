//! Rollups (DESIGN §8): daily aggregates per dimension value that every write keeps right in
//! its own transaction, so the default reports read O(days × groups) rows, never raw events.
//! The tables are described in `migration/src/m20261207_000001_rollups.rs`.
//!
//! Maintenance is one rule for every write: the rollups hold Σ over leads (and spend rows) of
//! each one's *contribution*. A write that touches some leads takes their contributions away
//! ([`Sign::Remove`]) before changing the raw rows and adds them back ([`Sign::Add`]) after,
//! computed from the raw rows both times by the same statements ([`contribution`]); a rebuild
//! is the contribution of every lead and spend row. So an incremental rollup equals a rebuilt
//! one by construction, and the statements are set-based: one per call and table, whatever
//! the number of rows.

pub mod contribution;
pub mod credits;
pub mod journeys;
pub mod paths;
pub mod read;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend};

use self::credits::Credits;
use self::journeys::{Scope, for_each_lead};
use self::paths::Paths;
use super::analytics::{Dimension, Sql};
use crate::error::AppResult;

/// The rollup definition written by this code; a workspace whose `rollup_state.version`
/// differs is answered by the streaming engine until `rebuild-rollups` (or a start) rebuilds it.
pub const VERSION: i32 = 5;

/// The lookback (days) of the credits the rollups hold: the default of every report.
pub const LOOKBACK_DAYS: u32 = 90;

/// Whether a contribution is added to or taken from the rollups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Add,
    Remove,
}

impl Sign {
    fn factor(self) -> &'static str {
        match self {
            Sign::Add => "1",
            Sign::Remove => "-1",
        }
    }
}

/// Whose lead contributions: every lead of the workspace, or some.
#[derive(Clone, Copy, Debug)]
pub enum Leads<'a> {
    All,
    Ids(&'a [i64]),
}

impl Leads<'_> {
    fn is_empty(&self) -> bool {
        matches!(self, Leads::Ids(ids) if ids.is_empty())
    }
}

/// Adds or takes away the journey contributions of `leads` (their rows as they are now):
/// their paths (`rollup_path`) and rule-based credits (`rollup_credit`), from one read.
pub async fn apply_journeys<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    direct_channel: i64,
    leads: Leads<'_>,
    sign: Sign,
) -> AppResult<()> {
    let scope = match leads {
        Leads::Ids([]) => return Ok(()),
        Leads::Ids(ids) => Scope::Ids(ids),
        Leads::All => Scope::All,
    };
    let mut paths = Paths::default();
    let mut credits = Credits::new(direct_channel);
    for_each_lead(db, workspace_id, scope, |lead, touches, conversions| {
        paths.add_lead(lead, touches, conversions);
        credits.add_lead(lead, touches, conversions);
    })
    .await?;
    paths.write(db, workspace_id, sign).await?;
    credits.write(db, workspace_id, sign).await
}

/// A lead a capture has just created, with only its first touch (its source).
#[derive(Clone, Copy, Debug)]
pub struct NewLead<'a> {
    pub created_at: DateTime<Utc>,
    pub created_on: NaiveDate,
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub utm_source: Option<&'a str>,
    pub utm_medium: Option<&'a str>,
    pub utm_campaign: Option<&'a str>,
}

/// Adds the journey contributions of leads a capture has just created, known without
/// reading them back: one never-converting journey of one touch each.
pub async fn add_new_journeys<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    direct_channel: i64,
    leads: &[NewLead<'_>],
) -> AppResult<()> {
    let mut paths = Paths::default();
    let mut credits = Credits::new(direct_channel);
    for l in leads {
        paths.add_new_lead(l);
        credits.add_new_lead(l);
    }
    paths.write(db, workspace_id, Sign::Add).await?;
    credits.write(db, workspace_id, Sign::Add).await
}

/// Which spend rows' contributions.
#[derive(Clone, Copy, Debug)]
pub enum SpendRows<'a> {
    All,
    /// The rows of these (campaign, day) keys.
    Keys(&'a [(i64, NaiveDate)]),
    /// Every row of one campaign (it moved to another channel).
    Campaign(i64),
}

/// The stored number of a dimension (`rollup_day.dimension`).
pub fn dimension_code(dimension: Dimension) -> i16 {
    match dimension {
        Dimension::Channel => 1,
        Dimension::Campaign => 2,
        Dimension::UtmSource => 3,
        Dimension::UtmMedium => 4,
        Dimension::UtmCampaign => 5,
    }
}

/// `(SELECT 1 AS d UNION ALL …)`: the five dimensions, to fan a fact out to each.
const DIMENSIONS: &str = "(SELECT 1 AS d UNION ALL SELECT 2 UNION ALL SELECT 3 \
    UNION ALL SELECT 4 UNION ALL SELECT 5) dims";

/// `key_id, key_text` of dimension `dims.d` for a row whose source columns are `{p}ch`
/// (channel), `{p}cm` (campaign), `{p}us`, `{p}um` and `{p}uc` (UTM source, medium and
/// campaign): ids with 0 for "no campaign", text behind a 'v' with '' for "not set".
fn key_columns(p: &str) -> (String, String) {
    (
        format!("CASE dims.d WHEN 1 THEN {p}ch WHEN 2 THEN COALESCE({p}cm, 0) ELSE 0 END"),
        format!(
            "CASE dims.d WHEN 3 THEN COALESCE('v' || {p}us, '') \
             WHEN 4 THEN COALESCE('v' || {p}um, '') \
             WHEN 5 THEN COALESCE('v' || {p}uc, '') ELSE '' END"
        ),
    )
}

/// A subquery of the lead ids in `ids`: one parameter whatever their number (a PostgreSQL
/// array literal, a JSON array on SQLite), so the statement text stays the same.
fn id_list(sql: &mut Sql, ids: &[i64]) -> String {
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    match sql.backend() {
        DatabaseBackend::Postgres => {
            let p = sql.bind(format!("{{{list}}}"));
            format!("(SELECT unnest({p}::text::bigint[]))")
        }
        _ => {
            let p = sql.bind(format!("[{list}]"));
            format!("(SELECT value FROM json_each({p}))")
        }
    }
}

/// A row source `k(campaign_id, date)` of the spend keys, one parameter per column, and the
/// join to put before the spend table: SQLite needs `CROSS JOIN` to loop over the keys and
/// look each up in the spend index (its planner would otherwise scan the keys per spend row).
fn key_list(sql: &mut Sql, keys: &[(i64, NaiveDate)]) -> (String, &'static str) {
    match sql.backend() {
        DatabaseBackend::Postgres => {
            let ids = keys
                .iter()
                .map(|k| k.0.to_string())
                .collect::<Vec<_>>()
                .join(",");
            let days = keys
                .iter()
                .map(|k| k.1.format("%Y-%m-%d").to_string())
                .collect::<Vec<_>>()
                .join(",");
            let a = sql.bind(format!("{{{ids}}}"));
            let b = sql.bind(format!("{{{days}}}"));
            (
                format!("UNNEST({a}::text::bigint[], {b}::text::date[]) AS k(campaign_id, date)"),
                "JOIN",
            )
        }
        _ => {
            let json = keys
                .iter()
                .map(|k| format!("[{},\"{}\"]", k.0, k.1.format("%Y-%m-%d")))
                .collect::<Vec<_>>()
                .join(",");
            let p = sql.bind(format!("[{json}]"));
            (
                format!(
                    "(SELECT json_extract(value, '$[0]') AS campaign_id, \
                     json_extract(value, '$[1]') AS date FROM json_each({p})) k"
                ),
                "CROSS JOIN",
            )
        }
    }
}
