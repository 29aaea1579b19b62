//! Keeping the rollups (`db::rollup`) right: the hooks every write calls inside its own
//! transaction, the rebuild from the raw tables, and whether a workspace's rollups can
//! answer reports (its `rollup_state` is at the current [`VERSION`]).

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};

use entity::{rollup_state, workspace};

use crate::db::rollup::contribution::{apply_leads, apply_spend};
use crate::db::rollup::{
    Leads, NewLead, Sign, SpendRows, VERSION, add_new_journeys, apply_journeys,
};
use crate::error::{AppError, AppResult};
use crate::services::channel::default_channels;
use crate::services::classify::ChannelGroup;
use crate::services::workspace::{begin_workspace_write, bump_generation};

/// The rollup hooks of one write: take the contributions of the leads (or spend rows) a
/// write is about to change away before it, add them back after it, in its transaction.
#[derive(Debug, Clone, Copy)]
pub struct RollupWriter {
    workspace_id: i64,
    direct_channel: i64,
}

impl RollupWriter {
    pub async fn load<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<Self> {
        Ok(Self {
            workspace_id,
            direct_channel: direct_channel(db, workspace_id).await?,
        })
    }

    pub async fn leads<C: ConnectionTrait>(
        &self,
        db: &C,
        ids: &[i64],
        sign: Sign,
    ) -> AppResult<()> {
        let leads = Leads::Ids(ids);
        apply_leads(db, self.workspace_id, self.direct_channel, leads, sign).await?;
        apply_journeys(db, self.workspace_id, self.direct_channel, leads, sign).await
    }

    /// Adds the contributions of leads a capture has just created, each with only its first
    /// touch (`firsts`, in the order of `ids`). The journeys need no read back
    /// (`db::rollup::add_new_journeys`).
    pub async fn new_leads<C: ConnectionTrait>(
        &self,
        db: &C,
        ids: &[i64],
        firsts: &[NewLead<'_>],
    ) -> AppResult<()> {
        let leads = Leads::Ids(ids);
        apply_leads(db, self.workspace_id, self.direct_channel, leads, Sign::Add).await?;
        add_new_journeys(db, self.workspace_id, self.direct_channel, firsts).await
    }

    pub async fn spend<C: ConnectionTrait>(
        &self,
        db: &C,
        rows: SpendRows<'_>,
        sign: Sign,
    ) -> AppResult<()> {
        apply_spend(db, self.workspace_id, rows, sign).await
    }
}

/// The workspace's seeded DIRECT channel (LAST_NON_DIRECT passes over it).
pub async fn direct_channel<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<i64> {
    default_channels(db, workspace_id)
        .await?
        .get(&ChannelGroup::Direct)
        .copied()
        .ok_or_else(|| AppError::Internal("workspace has no DIRECT channel".into()))
}

/// True when the workspace's rollups are built at the current version.
pub async fn rollups_current<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<bool> {
    Ok(rollup_state::Entity::find_by_id(workspace_id)
        .one(db)
        .await?
        .is_some_and(|s| s.version == VERSION))
}

/// Marks a workspace's rollups as built now (a new workspace has nothing to roll up).
pub async fn mark_current<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<()> {
    rollup_state::Entity::insert(rollup_state::ActiveModel {
        workspace_id: Set(workspace_id),
        version: Set(VERSION),
        built_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(rollup_state::Column::WorkspaceId)
            .update_columns([rollup_state::Column::Version, rollup_state::Column::BuiltAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Recomputes a workspace's rollups from the raw tables, inside `db` (a transaction the
/// caller commits): what a migration, `rebuild-rollups` and the demo loader run.
pub async fn rebuild_in<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<()> {
    // First: the workspace's row lock orders this rebuild after, and before, its writers.
    bump_generation(db, workspace_id).await?;
    for table in [
        "rollup_day",
        "rollup_conversion_lag",
        "rollup_path",
        "rollup_path_month",
        "rollup_credit",
        "rollup_value_path",
    ] {
        let mut sql = crate::db::analytics::Sql::new(db.get_database_backend());
        let ws = sql.bind(workspace_id);
        sql.push(&format!("DELETE FROM {table} WHERE workspace_id = {ws}"));
        db.execute_raw(sql.statement()).await?;
    }
    let direct = direct_channel(db, workspace_id).await?;
    let step = Instant::now();
    apply_leads(db, workspace_id, direct, Leads::All, Sign::Add).await?;
    let facts = step.elapsed();
    let step = Instant::now();
    apply_journeys(db, workspace_id, direct, Leads::All, Sign::Add).await?;
    let journeys = step.elapsed();
    let step = Instant::now();
    apply_spend(db, workspace_id, SpendRows::All, Sign::Add).await?;
    tracing::info!(
        workspace.id = workspace_id,
        facts_ms = facts.as_millis() as u64,
        journeys_ms = journeys.as_millis() as u64,
        spend_ms = step.elapsed().as_millis() as u64,
        "rollups rebuilt"
    );
    mark_current(db, workspace_id).await
}

/// [`rebuild_in`] in a transaction of its own; answers how long it took.
pub async fn rebuild(db: &DatabaseConnection, workspace_id: i64) -> AppResult<Duration> {
    let started = Instant::now();
    let txn = begin_workspace_write(db, workspace_id).await?;
    rebuild_in(&txn, workspace_id).await?;
    txn.commit().await?;
    Ok(started.elapsed())
}

/// Rebuilds every workspace whose rollups are missing or of another version (after a
/// migration); answers (slug, time) per workspace rebuilt.
pub async fn rebuild_stale(db: &DatabaseConnection) -> AppResult<Vec<(String, Duration)>> {
    let current: std::collections::HashSet<i64> = rollup_state::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(
            &rollup_state::Column::Version,
            VERSION,
        ))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.workspace_id)
        .collect();
    let mut rebuilt = Vec::new();
    for ws in workspace::Entity::find().all(db).await? {
        if !current.contains(&ws.id) {
            rebuilt.push((ws.slug.clone(), rebuild(db, ws.id).await?));
        }
    }
    Ok(rebuilt)
}
