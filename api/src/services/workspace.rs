//! Workspaces: creation with their default channels, lookup, and the data generation.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, Set, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use entity::workspace;

use super::channel::seed_default_channels;
use crate::error::{AppError, AppResult};

/// What a new workspace needs.
#[derive(Debug, Clone)]
pub struct NewWorkspace {
    pub name: String,
    pub slug: String,
    pub currency: String,
    pub timezone: String,
}

/// Creates a workspace and one default channel per channel group, in one transaction.
pub async fn create_workspace(
    db: &DatabaseConnection,
    input: NewWorkspace,
) -> AppResult<workspace::Model> {
    validate(&input)?;
    let txn = db.begin().await?;
    let created = workspace::ActiveModel {
        name: Set(input.name.trim().to_owned()),
        slug: Set(input.slug.clone()),
        currency: Set(input.currency.to_uppercase()),
        timezone: Set(input.timezone),
        data_generation: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::conflict_on_unique(e, format!("workspace {} exists", input.slug)))?;
    seed_default_channels(&txn, created.id).await?;
    crate::services::rollup::mark_current(&txn, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

fn validate(input: &NewWorkspace) -> AppResult<()> {
    if input.name.trim().is_empty() {
        return Err(AppError::bad_input("name", "must not be empty"));
    }
    let slug_ok = !input.slug.is_empty()
        && input.slug.len() <= 64
        && input
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_ok {
        return Err(AppError::bad_input(
            "slug",
            "1 to 64 characters of a-z, 0-9 and '-'",
        ));
    }
    super::fx::iso4217(&input.currency)
        .map_err(|reason| AppError::bad_input("currency", reason))?;
    if input.timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(AppError::bad_input(
            "timezone",
            format!("unknown IANA time zone {:?}", input.timezone),
        ));
    }
    Ok(())
}

pub async fn find_workspace<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<workspace::Model> {
    workspace::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::not_found("workspace"))
}

pub async fn find_workspace_by_slug<C: ConnectionTrait>(
    db: &C,
    slug: &str,
) -> AppResult<Option<workspace::Model>> {
    Ok(workspace::Entity::find()
        .filter(workspace::Column::Slug.eq(slug))
        .one(db)
        .await?)
}

/// The workspace's time zone; report days and `created_on` dates are local to it.
pub fn timezone_of(ws: &workspace::Model) -> chrono_tz::Tz {
    ws.timezone.parse().unwrap_or(chrono_tz::UTC)
}

/// Marks that the workspace's data changed: cached reports keyed on the old generation die.
/// Begins a write transaction of the workspace and bumps its generation first: on
/// PostgreSQL that row lock orders every writer of the workspace (ingestion, catalog
/// changes, rollup rebuilds) before any of them reads what it will change; on SQLite the
/// transaction begins IMMEDIATE, taking the write lock before the first read.
pub async fn begin_workspace_write(
    db: &DatabaseConnection,
    workspace_id: i64,
) -> AppResult<DatabaseTransaction> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    bump_generation(&txn, workspace_id).await?;
    Ok(txn)
}

pub async fn bump_generation<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<()> {
    workspace::Entity::update_many()
        .col_expr(
            workspace::Column::DataGeneration,
            Expr::col(workspace::Column::DataGeneration).add(1),
        )
        .filter(workspace::Column::Id.eq(workspace_id))
        .exec(db)
        .await?;
    Ok(())
}
