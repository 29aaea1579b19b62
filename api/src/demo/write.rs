//! Bulk inserts of campaigns, spend and budgets, and the helpers every insert shares:
//! `insert_many` in statements under the backend's bind-parameter limit
//! (rows = limit / columns), and ids read back from `INSERT … RETURNING id, <key>`,
//! matched by key because neither backend promises RETURNING rows in VALUES order.
//! Works on PostgreSQL and SQLite ≥ 3.35 (not MySQL, which has no RETURNING).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use entity::{budget, campaign, spend};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::{InsertStatement, Query};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryTrait};

use super::calendar::to_utc;
use super::plan::Plan;
use super::spend::{BudgetRow, SpendRow};
use crate::services::page::folded;

/// Rows of `columns` bound values that fit in one statement.
pub(super) fn rows_per_statement(backend: DbBackend, columns: usize) -> usize {
    let limit = match backend {
        DbBackend::Sqlite => 32_766,
        _ => 65_535,
    };
    limit / columns
}

pub(super) fn at_local(plan: &Plan, day: NaiveDate, hour: i64) -> DateTime<Utc> {
    to_utc(
        plan.tz,
        day.and_time(NaiveTime::MIN) + TimeDelta::hours(hour),
    )
}

/// The campaigns in one statement; their ids in `plan.campaigns` order.
pub(super) async fn insert_campaigns<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    plan: &Plan,
) -> Result<Vec<i64>, DbErr> {
    if plan.campaigns.is_empty() {
        return Ok(Vec::new());
    }
    let models = plan.campaigns.iter().map(|c| {
        let created_at = at_local(plan, c.starts_on - TimeDelta::days(2), 10);
        let stopped = c
            .spec
            .window
            .map(|(_, last)| plan.start + TimeDelta::days(i64::from(last) + 1));
        campaign::ActiveModel {
            id: NotSet,
            workspace_id: Set(workspace_id),
            channel_id: Set(plan.channels[c.channel].id),
            name: Set(c.spec.name.to_owned()),
            name_folded: Set(folded(c.spec.name)),
            utm_campaign: Set(Some(c.spec.slug.to_owned())),
            status: Set(c.spec.status.to_owned()),
            starts_on: Set(Some(c.starts_on)),
            ends_on: Set(c.ends_on),
            created_at: Set(created_at),
            updated_at: Set(stopped.map_or(created_at, |d| at_local(plan, d, 9))),
        }
    });
    let mut stmt = campaign::Entity::insert_many(models).into_query();
    stmt.returning(
        Query::returning().columns([campaign::Column::Id, campaign::Column::UtmCampaign]),
    );
    let ids = returned_ids(db, &stmt, "utm_campaign").await?;
    plan.campaigns
        .iter()
        .map(|c| id_of(&ids, c.spec.slug))
        .collect()
}

/// `key column → id` of the rows an `INSERT … RETURNING id, <key>` wrote.
pub(super) async fn returned_ids<C: ConnectionTrait>(
    db: &C,
    stmt: &InsertStatement,
    key: &str,
) -> Result<HashMap<String, i64>, DbErr> {
    let rows = db.query_all(stmt).await?;
    let mut ids = HashMap::with_capacity(rows.len());
    for row in rows {
        ids.insert(
            row.try_get::<String>("", key)?,
            row.try_get::<i64>("", "id")?,
        );
    }
    Ok(ids)
}

pub(super) fn id_of(ids: &HashMap<String, i64>, key: &str) -> Result<i64, DbErr> {
    ids.get(key)
        .copied()
        .ok_or_else(|| DbErr::Custom(format!("demo: INSERT … RETURNING did not return `{key}`")))
}

pub(super) async fn insert_spend<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    plan: &Plan,
    campaign_ids: &[i64],
    rows: &[SpendRow],
) -> Result<u64, DbErr> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(db.get_database_backend(), 7)) {
        let models = chunk.iter().map(|r| spend::ActiveModel {
            id: NotSet,
            workspace_id: Set(workspace_id),
            campaign_id: Set(campaign_ids[r.campaign]),
            date: Set(r.date),
            amount_cents: Set(r.amount_cents),
            impressions: Set(r.impressions),
            clicks: Set(r.clicks),
            original_amount_cents: NotSet,
            original_currency: NotSet,
            // The ad platforms' nightly export.
            updated_at: Set(at_local(plan, r.date, 23)),
        });
        written += spend::Entity::insert_many(models)
            .exec_without_returning(db)
            .await?;
    }
    Ok(written)
}

pub(super) async fn insert_budgets<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    plan: &Plan,
    campaign_ids: &[i64],
    rows: &[BudgetRow],
) -> Result<u64, DbErr> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(db.get_database_backend(), 6)) {
        let models = chunk.iter().map(|b| budget::ActiveModel {
            id: NotSet,
            workspace_id: Set(workspace_id),
            campaign_id: Set(campaign_ids[b.campaign]),
            period_start: Set(b.period_start),
            period_end: Set(b.period_end),
            planned_cents: Set(b.planned_cents),
            updated_at: Set(at_local(plan, b.period_start - TimeDelta::days(5), 11)),
        });
        written += budget::Entity::insert_many(models)
            .exec_without_returning(db)
            .await?;
    }
    Ok(written)
}
