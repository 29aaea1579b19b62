//! Ingestion for scripts and partners: spend, leads, touchpoints and conversions in bulk.
//!
//! Every call is all-or-nothing: its rows are validated first (every bad row is listed with its
//! index, field and reason), then written in one transaction with multi-row statements
//! ([`bulk`]). Rows are deduplicated by key within a call, and repeats across calls follow each
//! kind's rule: spend replaces the day, a lead keeps its source, touchpoints and conversions are
//! idempotent on their ids.
//!
//! Concurrency: a call's transaction bumps the workspace's data generation *first*. On PostgreSQL
//! that row lock serialises the writers of one workspace for the rest of the transaction, so two
//! scripts pushing overlapping days cannot deadlock on each other's keys or tear a row, and the
//! inserted/updated counts read before writing stay exact. On SQLite the transaction begins
//! IMMEDIATE, taking the database's write lock before the first read, for the same reasons.

pub mod conversion;
pub mod lead;
pub mod spend;
pub mod touchpoint;

mod bulk;
mod lookup;
mod touch;
mod validate;

#[cfg(test)]
mod tests;

pub use touch::TouchInput;
pub use validate::IdRef;

use chrono::Utc;
use sea_orm::{
    DatabaseConnection, DatabaseTransaction, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

use crate::error::AppResult;
use crate::services::workspace::{bump_generation, find_workspace, timezone_of};
use validate::Clock;

/// The workspace facts a call validates against: its currency and its clock.
struct Target {
    currency: String,
    clock: Clock,
}

async fn target(db: &DatabaseConnection, workspace_id: i64) -> AppResult<Target> {
    let workspace = find_workspace(db, workspace_id).await?;
    Ok(Target {
        clock: Clock::new(Utc::now(), timezone_of(&workspace)),
        currency: workspace.currency,
    })
}

/// Begins a call's write transaction and bumps the generation first (see the module docs).
async fn begin_write(db: &DatabaseConnection, workspace_id: i64) -> AppResult<DatabaseTransaction> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    bump_generation(&txn, workspace_id).await?;
    Ok(txn)
}

/// Commits when the call succeeded, rolls back (generation bump included) when it did not.
async fn finish<T>(txn: DatabaseTransaction, result: AppResult<T>) -> AppResult<T> {
    match result {
        Ok(value) => {
            txn.commit().await?;
            Ok(value)
        }
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}
