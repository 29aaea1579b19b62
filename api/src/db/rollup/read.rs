//! A report period's facts read from the rollups: the same [`FactRow`]s as the raw
//! aggregates of `db::analytics` (facts and single-touch credits), from O(days × groups) rows.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::dimension_code;
use crate::db::analytics::facts::{FactQuery, FactRow};
use crate::db::analytics::{Dimension, Sql};
use crate::error::AppResult;

/// Which single-touch model's credits to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credited {
    FirstTouch,
    LastTouch,
    LastNonDirect,
}

impl Credited {
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Credited::FirstTouch => ("first_touch_conversions", "first_touch_revenue_cents"),
            Credited::LastTouch => ("last_touch_conversions", "last_touch_revenue_cents"),
            Credited::LastNonDirect => (
                "last_non_direct_conversions",
                "last_non_direct_revenue_cents",
            ),
        }
    }
}

/// The rows of one period, as the raw aggregates would answer them.
#[derive(Debug, Default)]
pub struct PeriodFacts {
    /// `n` leads, `m` converted leads (a conversion on or before the period's last day).
    pub leads: Vec<FactRow>,
    /// `n` new customers.
    pub new_customers: Vec<FactRow>,
    /// `n` spend cents; `None` for the dimensions without spend.
    pub spend: Option<Vec<FactRow>>,
    /// `n` conversions, `m` revenue cents credited by the model.
    pub credits: Vec<FactRow>,
}

#[derive(Debug, FromQueryResult)]
struct DayRow {
    key_id: i64,
    key_text: String,
    day: Option<NaiveDate>,
    leads: i64,
    converted_leads: i64,
    new_customers: i64,
    spend_rows: i64,
    spend_cents: i64,
    conversions: i64,
    revenue_cents: i64,
}

#[derive(Debug, FromQueryResult)]
struct LagRow {
    key_id: i64,
    key_text: String,
    day: Option<NaiveDate>,
    leads: i64,
}

/// The facts of `q` with the credits of `model`.
pub async fn period_facts<C: ConnectionTrait>(
    db: &C,
    q: &FactQuery<'_>,
    model: Credited,
) -> AppResult<PeriodFacts> {
    let (rows, late) = tokio::try_join!(day_rows(db, q, model), late_conversions(db, q))?;
    let late: HashMap<(i64, String, Option<NaiveDate>), i64> = late
        .into_iter()
        .map(|r| ((r.key_id, r.key_text, r.day), r.leads))
        .collect();
    let carries_spend = q.dimension.carries_spend();
    let mut facts = PeriodFacts {
        spend: carries_spend.then(Vec::new),
        ..PeriodFacts::default()
    };
    for r in rows {
        let later = late
            .get(&(r.key_id, r.key_text.clone(), r.day))
            .copied()
            .unwrap_or(0);
        let row = |n: i64, m: i64| {
            let (key_id, key_text) = decode(q.dimension, r.key_id, &r.key_text);
            FactRow {
                key_id,
                key_text,
                day: r.day,
                n,
                m,
            }
        };
        if r.leads != 0 {
            facts.leads.push(row(r.leads, r.converted_leads - later));
        }
        if r.new_customers != 0 {
            facts.new_customers.push(row(r.new_customers, 0));
        }
        if let Some(spend) = facts.spend.as_mut().filter(|_| r.spend_rows != 0) {
            spend.push(row(r.spend_cents, 0));
        }
        if r.conversions != 0 {
            facts.credits.push(row(r.conversions, r.revenue_cents));
        }
    }
    Ok(facts)
}

/// A stored key back to the raw aggregates' `(key_id, key_text)`.
fn decode(dimension: Dimension, key_id: i64, key_text: &str) -> (Option<i64>, Option<String>) {
    match dimension {
        Dimension::Channel => (Some(key_id), None),
        Dimension::Campaign => ((key_id != 0).then_some(key_id), None),
        _ => (None, key_text.strip_prefix('v').map(str::to_owned)),
    }
}

fn day_select(q: &FactQuery<'_>, column: &str) -> String {
    if q.by_day {
        format!("{column} AS day")
    } else {
        "CAST(NULL AS DATE) AS day".to_owned()
    }
}

async fn day_rows<C: ConnectionTrait>(
    db: &C,
    q: &FactQuery<'_>,
    model: Credited,
) -> AppResult<Vec<DayRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let dimension = sql.bind(dimension_code(q.dimension));
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    let (conversions, revenue) = model.columns();
    let sum = |column: &str| format!("CAST(SUM({column}) AS BIGINT) AS ");
    sql.push(&format!(
        "SELECT key_id, key_text, {day}, {s}leads, {c}converted_leads, {n}new_customers, \
           {r}spend_rows, {sc}spend_cents, {cc}conversions, {cr}revenue_cents \
         FROM rollup_day \
         WHERE workspace_id = {ws} AND dimension = {dimension} AND day >= {from} AND day <= {to} \
         GROUP BY key_id, key_text, 3",
        day = day_select(q, "day"),
        s = sum("leads"),
        c = sum("converted_leads"),
        n = sum("new_customers"),
        r = sum("spend_rows"),
        sc = sum("spend_cents"),
        cc = sum(conversions),
        cr = sum(revenue),
    ));
    Ok(DayRow::find_by_statement(sql.statement()).all(db).await?)
}

/// Leads created in the period whose first conversion comes after it: converted leads of
/// the rollup that the period does not count as converted.
async fn late_conversions<C: ConnectionTrait>(db: &C, q: &FactQuery<'_>) -> AppResult<Vec<LagRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let dimension = sql.bind(dimension_code(q.dimension));
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    sql.push(&format!(
        "SELECT key_id, key_text, {day}, CAST(SUM(leads) AS BIGINT) AS leads \
         FROM rollup_conversion_lag \
         WHERE workspace_id = {ws} AND dimension = {dimension} AND first_on > {to} \
           AND created_on >= {from} AND created_on <= {to} \
         GROUP BY key_id, key_text, 3",
        day = day_select(q, "created_on"),
    ));
    Ok(LagRow::find_by_statement(sql.statement()).all(db).await?)
}

/// The journeys of a range per collapsed CHANNEL path (`rollup_path`, see `paths`).
#[derive(Debug, FromQueryResult)]
pub struct PathRow {
    pub path: String,
    pub converting: i64,
    pub non_converting: i64,
    pub revenue_cents: i64,
}

/// Converting journeys and their revenue on one local day.
#[derive(Debug, FromQueryResult)]
pub struct DayConversions {
    pub day: NaiveDate,
    pub converting: i64,
    pub revenue_cents: i64,
}

/// The paths of `[from, to]` with their journeys, summed over the days.
pub async fn path_rows<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<PathRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let source = match whole_months(from, to) {
        // Whole months from `rollup_path_month`, the partial ones at either end by day.
        Some((first, end)) => {
            let (from, first, end, to) =
                (sql.bind(from), sql.bind(first), sql.bind(end), sql.bind(to));
            format!(
                "(SELECT path, converting, non_converting, revenue_cents FROM rollup_path \
                   WHERE workspace_id = {ws} AND ((day >= {from} AND day < {first}) \
                     OR (day >= {end} AND day <= {to})) \
                 UNION ALL SELECT path, converting, non_converting, revenue_cents \
                   FROM rollup_path_month \
                   WHERE workspace_id = {ws} AND month >= {first} AND month < {end}) p"
            )
        }
        None => {
            let (from, to) = (sql.bind(from), sql.bind(to));
            format!(
                "(SELECT path, converting, non_converting, revenue_cents FROM rollup_path \
                   WHERE workspace_id = {ws} AND day >= {from} AND day <= {to}) p"
            )
        }
    };
    sql.push(&format!(
        "SELECT path, CAST(SUM(converting) AS BIGINT) AS converting, \
           CAST(SUM(non_converting) AS BIGINT) AS non_converting, \
           CAST(SUM(revenue_cents) AS BIGINT) AS revenue_cents \
         FROM {source} \
         GROUP BY path HAVING SUM(converting) <> 0 OR SUM(non_converting) <> 0 ORDER BY path"
    ));
    Ok(PathRow::find_by_statement(sql.statement()).all(db).await?)
}

/// The whole calendar months inside `[from, to]`, as `[first day of the first, first day
/// after the last)`; `None` when there is none.
fn whole_months(from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = if from.day() == 1 {
        from
    } else {
        next_month(from)?
    };
    let end = month_start(to.succ_opt()?);
    (first < end).then_some((first, end))
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn next_month(day: NaiveDate) -> Option<NaiveDate> {
    month_start(day).checked_add_months(chrono::Months::new(1))
}

/// Converting journeys and revenue per day of `[from, to]` (days with none are left out).
pub async fn conversions_by_day<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<DayConversions>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let (from, to) = (sql.bind(from), sql.bind(to));
    sql.push(&format!(
        "SELECT day, CAST(SUM(converting) AS BIGINT) AS converting, \
           CAST(SUM(revenue_cents) AS BIGINT) AS revenue_cents \
         FROM rollup_path WHERE workspace_id = {ws} AND day >= {from} AND day <= {to} \
         GROUP BY day HAVING SUM(converting) <> 0 ORDER BY day"
    ));
    Ok(DayConversions::find_by_statement(sql.statement())
        .all(db)
        .await?)
}

/// The credits of a fractional rule-based model (`credits::columns`) per key (and day) of
/// `q`: `n` conversions × 10⁹, `m` revenue × 10⁶ (the engine's grid). Keys whose credits
/// are all zero are left out, as the engine's report leaves them.
pub async fn fractional_credits<C: ConnectionTrait>(
    db: &C,
    q: &FactQuery<'_>,
    columns: (&str, &str),
) -> AppResult<Vec<FactRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(q.workspace_id);
    let dimension = sql.bind(dimension_code(q.dimension));
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    let (n, m) = columns;
    sql.push(&format!(
        "SELECT key_id, key_text, {day}, CAST(SUM({n}) AS BIGINT) AS n, \
           CAST(SUM({m}) AS BIGINT) AS m \
         FROM rollup_credit \
         WHERE workspace_id = {ws} AND dimension = {dimension} AND day >= {from} AND day <= {to} \
         GROUP BY key_id, key_text, 3 HAVING SUM({n}) <> 0 OR SUM({m}) <> 0",
        day = day_select(q, "day"),
    ));
    let rows = CreditRow::find_by_statement(sql.statement())
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (key_id, key_text) = decode(q.dimension, r.key_id, &r.key_text);
            FactRow {
                key_id,
                key_text,
                day: r.day,
                n: r.n,
                m: r.m,
            }
        })
        .collect())
}

#[derive(Debug, FromQueryResult)]
struct CreditRow {
    key_id: i64,
    key_text: String,
    day: Option<NaiveDate>,
    n: i64,
    m: i64,
}

/// One id-keyed value (CHANNEL or CAMPAIGN) over a range: how many journey touches fell on
/// it, and a model's credits (`n` conversions, `m` revenue, in the units of the columns).
#[derive(Debug, FromQueryResult)]
pub struct ValueCredit {
    pub key_id: i64,
    pub touches: i64,
    pub n: i64,
    pub m: i64,
}

/// Per id-keyed value of `dimension` touched by a journey of `[from, to]`: its touches and
/// the credits of `model` from `rollup_credit` (fractional models) or `rollup_day`
/// (single-touch models).
pub async fn value_credits<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    dimension: Dimension,
    from: NaiveDate,
    to: NaiveDate,
    model: RuleColumns,
) -> AppResult<Vec<ValueCredit>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let d = sql.bind(dimension_code(dimension));
    let (from, to) = (sql.bind(from), sql.bind(to));
    let range =
        format!("workspace_id = {ws} AND dimension = {d} AND day >= {from} AND day <= {to}");
    let query = match model {
        RuleColumns::Fractional(n, m) => format!(
            "SELECT key_id, CAST(SUM(touches) AS BIGINT) AS touches, \
               CAST(SUM({n}) AS BIGINT) AS n, CAST(SUM({m}) AS BIGINT) AS m \
             FROM rollup_credit WHERE {range} GROUP BY key_id HAVING SUM(touches) <> 0 \
             ORDER BY key_id"
        ),
        RuleColumns::SingleTouch(model) => {
            let (n, m) = model.columns();
            format!(
                "SELECT t.key_id, t.touches, COALESCE(c.n, 0) AS n, COALESCE(c.m, 0) AS m \
                 FROM (SELECT key_id, CAST(SUM(touches) AS BIGINT) AS touches \
                   FROM rollup_credit WHERE {range} GROUP BY key_id \
                   HAVING SUM(touches) <> 0) t \
                 LEFT JOIN (SELECT key_id, CAST(SUM({n}) AS BIGINT) AS n, \
                   CAST(SUM({m}) AS BIGINT) AS m \
                   FROM rollup_day WHERE {range} GROUP BY key_id) c ON c.key_id = t.key_id \
                 ORDER BY t.key_id"
            )
        }
    };
    sql.push(&query);
    Ok(ValueCredit::find_by_statement(sql.statement())
        .all(db)
        .await?)
}

/// Where a rule-based model's credits are stored.
#[derive(Clone, Copy, Debug)]
pub enum RuleColumns {
    /// `rollup_credit` columns: conversions × 10⁹, revenue × 10⁶.
    Fractional(&'static str, &'static str),
    /// `rollup_day` columns: conversions, revenue cents.
    SingleTouch(Credited),
}

/// The journeys of a range per collapsed path of `dimension`'s values (`rollup_value_path`,
/// any dimension but CHANNEL), summed over the days.
pub async fn value_path_rows<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    dimension: Dimension,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<PathRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let d = sql.bind(dimension_code(dimension));
    let (from, to) = (sql.bind(from), sql.bind(to));
    sql.push(&format!(
        "SELECT path, CAST(SUM(converting) AS BIGINT) AS converting, \
           CAST(SUM(non_converting) AS BIGINT) AS non_converting, \
           CAST(SUM(revenue_cents) AS BIGINT) AS revenue_cents \
         FROM rollup_value_path \
         WHERE workspace_id = {ws} AND dimension = {d} AND day >= {from} AND day <= {to} \
         GROUP BY path HAVING SUM(converting) <> 0 OR SUM(non_converting) <> 0 ORDER BY path"
    ));
    Ok(PathRow::find_by_statement(sql.statement()).all(db).await?)
}

/// Converting and never-converting journeys of `[from, to]` and the converting ones' revenue.
#[derive(Debug, Default, FromQueryResult)]
pub struct JourneyTotals {
    pub converting: Option<i64>,
    pub non_converting: Option<i64>,
    pub revenue_cents: Option<i64>,
}

/// The journey counts of a range summed in the database (`rollup_path`), without reading
/// the paths: what a rule-based `attribution` needs of them.
pub async fn journey_totals<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<JourneyTotals> {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let (from, to) = (sql.bind(from), sql.bind(to));
    sql.push(&format!(
        "SELECT CAST(SUM(converting) AS BIGINT) AS converting, \
           CAST(SUM(non_converting) AS BIGINT) AS non_converting, \
           CAST(SUM(revenue_cents) AS BIGINT) AS revenue_cents \
         FROM rollup_path WHERE workspace_id = {ws} AND day >= {from} AND day <= {to}"
    ));
    Ok(JourneyTotals::find_by_statement(sql.statement())
        .one(db)
        .await?
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn whole_months_are_those_the_range_covers_entirely() {
        assert_eq!(
            whole_months(d("2025-12-08"), d("2026-12-07")),
            Some((d("2026-01-01"), d("2026-12-01")))
        );
        assert_eq!(
            whole_months(d("2026-03-01"), d("2026-03-31")),
            Some((d("2026-03-01"), d("2026-04-01")))
        );
        assert_eq!(whole_months(d("2026-03-01"), d("2026-03-30")), None);
        assert_eq!(
            whole_months(d("2026-03-02"), d("2026-04-30")),
            Some((d("2026-04-01"), d("2026-05-01")))
        );
        assert_eq!(
            whole_months(d("2026-12-01"), d("2026-12-31")),
            Some((d("2026-12-01"), d("2027-01-01")))
        );
    }
}
