//! The contribution of leads and spend rows to the rollups, added or taken away by one
//! set-based statement per table (see the module docs of `db::rollup`).
//!
//! A lead contributes, for each of the five dimensions of its source (first touch):
//! * one lead on its creation day, and one converted lead there if it has any conversion;
//! * one new customer on the local day of its first purchase (the conversion kind that makes
//!   it a CUSTOMER; a signup alone is a converted lead, not a customer);
//! * per conversion, on the conversion's day, the conversion and its revenue to the value of
//!   the touch each single-touch model credits (the same journey rules as
//!   `db::analytics::credited` and the engine: touches in `[at − 90 days, at]`, by time then
//!   id; with none, the lead's source);
//! * one row of `rollup_conversion_lag` at (creation day, first conversion day).
//!
//! A spend row contributes its amount, impressions and clicks on its day to its campaign and
//! to the campaign's channel *at the time of the write*: moving a campaign to another channel
//! moves its spend contributions (`SpendRows::Campaign`).

use sea_orm::ConnectionTrait;

use super::{DIMENSIONS, LOOKBACK_DAYS, Leads, Sign, SpendRows, id_list, key_columns, key_list};
use crate::db::analytics::Sql;
use crate::error::AppResult;
use crate::services::ingest::conversion::PURCHASE;

/// Adds or takes away the contributions of `leads` (their rows as they are now).
/// `direct_channel` is the workspace's DIRECT channel, which LAST_NON_DIRECT passes over.
pub async fn apply_leads<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    direct_channel: i64,
    leads: Leads<'_>,
    sign: Sign,
) -> AppResult<()> {
    if leads.is_empty() {
        return Ok(());
    }
    db.execute_raw(day_statement(db, workspace_id, direct_channel, leads, sign))
        .await?;
    db.execute_raw(lag_statement(db, workspace_id, leads, sign))
        .await?;
    Ok(())
}

/// Adds or takes away the contributions of `rows` (as they are now).
pub async fn apply_spend<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    rows: SpendRows<'_>,
    sign: Sign,
) -> AppResult<()> {
    if matches!(rows, SpendRows::Keys(keys) if keys.is_empty()) {
        return Ok(());
    }
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let (from, filter) = match rows {
        SpendRows::All => ("spend s".to_owned(), String::new()),
        SpendRows::Keys(keys) => {
            let (k, join) = key_list(&mut sql, keys);
            (
                format!("{k} {join} spend s ON s.campaign_id = k.campaign_id AND s.date = k.date"),
                String::new(),
            )
        }
        SpendRows::Campaign(id) => {
            let id = sql.bind(id);
            ("spend s".to_owned(), format!(" AND s.campaign_id = {id}"))
        }
    };
    let f = sign.factor();
    sql.push(&format!(
        "INSERT INTO rollup_day (workspace_id, dimension, key_id, key_text, day, \
           spend_rows, spend_cents, impressions, clicks) \
         SELECT {ws}, dims.d, CASE dims.d WHEN 1 THEN cm.channel_id ELSE s.campaign_id END, '', \
           s.date, CAST({f} * COUNT(*) AS BIGINT), CAST({f} * SUM(s.amount_cents) AS BIGINT), \
           CAST({f} * SUM(s.impressions) AS BIGINT), CAST({f} * SUM(s.clicks) AS BIGINT) \
         FROM {from} JOIN campaign cm ON cm.id = s.campaign_id \
           CROSS JOIN (SELECT 1 AS d UNION ALL SELECT 2) dims \
         WHERE s.workspace_id = {ws}{filter} \
         GROUP BY dims.d, CASE dims.d WHEN 1 THEN cm.channel_id ELSE s.campaign_id END, s.date \
         ON CONFLICT (workspace_id, dimension, day, key_id, key_text) DO UPDATE SET \
           spend_rows = rollup_day.spend_rows + excluded.spend_rows, \
           spend_cents = rollup_day.spend_cents + excluded.spend_cents, \
           impressions = rollup_day.impressions + excluded.impressions, \
           clicks = rollup_day.clicks + excluded.clicks"
    ));
    db.execute_raw(sql.statement()).await?;
    Ok(())
}

/// `AND {column} IN (…)` for some leads, nothing for all.
fn lead_filter(sql: &mut Sql, leads: Leads<'_>, column: &str) -> String {
    match leads {
        Leads::All => String::new(),
        Leads::Ids(ids) => format!(" AND {column} IN {}", id_list(sql, ids)),
    }
}

/// The leads of the set with their source columns, as `l(id, created_on, ch, cm, us, um, uc)`.
fn leads_cte(sql: &mut Sql, ws: &str, leads: Leads<'_>) -> String {
    let filter = lead_filter(sql, leads, "l.id");
    format!(
        "l AS (SELECT l.id, l.created_on, l.channel_id AS ch, l.campaign_id AS cm, \
           l.utm_source AS us, l.utm_medium AS um, l.utm_campaign AS uc \
         FROM lead l WHERE l.workspace_id = {ws}{filter})"
    )
}

fn day_statement<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    direct_channel: i64,
    leads: Leads<'_>,
    sign: Sign,
) -> sea_orm::Statement {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let direct = sql.bind(direct_channel);
    let l = leads_cte(&mut sql, &ws, leads);
    let conversions = lead_filter(&mut sql, leads, "c.lead_id");
    let window = sql.shifted_back("c.occurred_at", LOOKBACK_DAYS);
    let pick = |order: &str| {
        format!(
            "(SELECT t.id FROM touchpoint t \
               WHERE t.workspace_id = {ws} AND t.lead_id = c.lead_id \
                 AND t.occurred_at <= c.occurred_at AND t.occurred_at >= {window} \
               ORDER BY {order} LIMIT 1)"
        )
    };
    let purchase = sql.bind(PURCHASE);
    let first = pick("t.occurred_at ASC, t.id ASC");
    let last = pick("t.occurred_at DESC, t.id DESC");
    let last_non_direct = pick(&format!(
        "CASE WHEN t.channel_id = {direct} THEN 1 ELSE 0 END, t.occurred_at DESC, t.id DESC"
    ));
    // The credited touch's values, or the lead's source when the window holds no touch.
    let credited = |touch: &str| {
        SOURCE_COLUMNS
            .iter()
            .map(|(column, alias)| {
                format!(
                    "CASE WHEN cv.{touch} IS NULL THEN l.{alias} ELSE t.{column} END AS {alias}"
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Measures in the order of `MEASURES`.
    let row = |values: [&str; 9]| values.join(", ");
    let credit_part = |touch: &str, slot: usize| {
        let mut values = ["0"; 9];
        values[3 + 2 * slot] = "1";
        values[4 + 2 * slot] = "cv.revenue_cents";
        format!(
            "SELECT cv.occurred_on AS day, {}, {} FROM cv JOIN l ON l.id = cv.lead_id \
             LEFT JOIN touchpoint t ON t.id = cv.{touch}",
            credited(touch),
            row(values)
        )
    };
    let (key_id, key_text) = key_columns("f.");
    let f = sign.factor();
    let sums = MEASURES
        .iter()
        .map(|m| format!("CAST({f} * SUM(f.{m}) AS BIGINT)"))
        .collect::<Vec<_>>()
        .join(", ");
    let updates = MEASURES
        .iter()
        .map(|m| format!("{m} = rollup_day.{m} + excluded.{m}"))
        .collect::<Vec<_>>()
        .join(", ");
    let columns = MEASURES.join(", ");
    sql.push(&format!(
        "WITH {l}, \
         cv AS MATERIALIZED (SELECT c.lead_id, c.occurred_on, c.revenue_cents, c.kind, \
             {first} AS ft, {last} AS lt, {last_non_direct} AS lnd \
           FROM conversion c WHERE c.workspace_id = {ws}{conversions}), \
         fc AS (SELECT lead_id, MIN(occurred_on) AS first_on FROM cv GROUP BY lead_id), \
         fp AS (SELECT lead_id, MIN(occurred_on) AS first_on FROM cv \
           WHERE kind = {purchase} GROUP BY lead_id), \
         f AS ( \
           SELECT l.created_on AS day, l.ch, l.cm, l.us, l.um, l.uc, \
             1 AS leads, CASE WHEN fc.lead_id IS NULL THEN 0 ELSE 1 END AS converted_leads, \
             0 AS new_customers, 0 AS first_touch_conversions, 0 AS first_touch_revenue_cents, \
             0 AS last_touch_conversions, 0 AS last_touch_revenue_cents, \
             0 AS last_non_direct_conversions, 0 AS last_non_direct_revenue_cents \
           FROM l LEFT JOIN fc ON fc.lead_id = l.id \
           UNION ALL SELECT fp.first_on, l.ch, l.cm, l.us, l.um, l.uc, {new_customer} \
             FROM fp JOIN l ON l.id = fp.lead_id \
           UNION ALL {ft} UNION ALL {lt} UNION ALL {lnd}) \
         INSERT INTO rollup_day (workspace_id, dimension, key_id, key_text, day, {columns}) \
         SELECT {ws}, dims.d, {key_id}, {key_text}, f.day, {sums} \
         FROM f CROSS JOIN {DIMENSIONS} \
         WHERE 1 = 1 \
         GROUP BY dims.d, {key_id}, {key_text}, f.day \
         ON CONFLICT (workspace_id, dimension, day, key_id, key_text) DO UPDATE SET {updates}",
        new_customer = row(["0", "0", "1", "0", "0", "0", "0", "0", "0"]),
        ft = credit_part("ft", 0),
        lt = credit_part("lt", 1),
        lnd = credit_part("lnd", 2),
    ));
    sql.statement()
}

/// The dimension columns of a lead's source and of a touch, and their short names in `f`.
const SOURCE_COLUMNS: [(&str, &str); 5] = [
    ("channel_id", "ch"),
    ("campaign_id", "cm"),
    ("utm_source", "us"),
    ("utm_medium", "um"),
    ("utm_campaign", "uc"),
];

/// The measures a lead contributes to `rollup_day`, in the order of the `f` rows.
const MEASURES: [&str; 9] = [
    "leads",
    "converted_leads",
    "new_customers",
    "first_touch_conversions",
    "first_touch_revenue_cents",
    "last_touch_conversions",
    "last_touch_revenue_cents",
    "last_non_direct_conversions",
    "last_non_direct_revenue_cents",
];

fn lag_statement<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    leads: Leads<'_>,
    sign: Sign,
) -> sea_orm::Statement {
    let mut sql = Sql::new(db.get_database_backend());
    let ws = sql.bind(workspace_id);
    let l = leads_cte(&mut sql, &ws, leads);
    let conversions = lead_filter(&mut sql, leads, "c.lead_id");
    let (key_id, key_text) = key_columns("l.");
    let f = sign.factor();
    sql.push(&format!(
        "WITH {l}, \
         fc AS (SELECT c.lead_id, MIN(c.occurred_on) AS first_on FROM conversion c \
                WHERE c.workspace_id = {ws}{conversions} GROUP BY c.lead_id) \
         INSERT INTO rollup_conversion_lag \
           (workspace_id, dimension, key_id, key_text, created_on, first_on, leads) \
         SELECT {ws}, dims.d, {key_id}, {key_text}, l.created_on, fc.first_on, \
           CAST({f} * COUNT(*) AS BIGINT) \
         FROM fc JOIN l ON l.id = fc.lead_id CROSS JOIN {DIMENSIONS} \
         WHERE 1 = 1 \
         GROUP BY dims.d, {key_id}, {key_text}, l.created_on, fc.first_on \
         ON CONFLICT (workspace_id, dimension, first_on, created_on, key_id, key_text) \
         DO UPDATE SET leads = rollup_conversion_lag.leads + excluded.leads"
    ));
    sql.statement()
}
