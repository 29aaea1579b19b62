//! Reading a workspace's data generation: the database is the source of truth.
//!
//! One primary-key lookup per cached report. Every write bumps the generation in
//! its own transaction (`services::workspace::bump_generation`), so a report read
//! after an acknowledged write sees the new generation, whichever process wrote,
//! and whether or not Redis was reachable at that moment. A generation held in
//! Redis or in process memory would miss bumps made while it was unreachable or
//! made by another process.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect};

use entity::workspace;

use super::key::Generation;
use crate::error::{AppError, AppResult};

pub async fn current_generation(
    db: &DatabaseConnection,
    workspace_id: i64,
) -> AppResult<Generation> {
    let row: Option<(i64, DateTime<Utc>)> = workspace::Entity::find_by_id(workspace_id)
        .select_only()
        .column(workspace::Column::DataGeneration)
        .column(workspace::Column::CreatedAt)
        .into_tuple()
        .one(db)
        .await?;
    let (generation, created_at) = row.ok_or(AppError::not_found("workspace"))?;
    Ok(Generation {
        workspace_id,
        generation,
        epoch_micros: created_at.timestamp_micros(),
    })
}
