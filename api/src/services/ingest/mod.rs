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
pub mod fx_rate;
pub mod lead;
pub mod spend;
pub mod touchpoint;

mod bulk;
mod lookup;
mod touch;
pub mod validate;

#[cfg(test)]
mod tests;

pub use touch::TouchInput;
pub use validate::IdRef;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction};

use crate::error::AppResult;
use crate::services::workspace::{begin_workspace_write, find_workspace, timezone_of};
use validate::{Clock, RowErrors, check_batch};

/// The workspace facts a call validates against: its currency and its clock.
struct Target {
    currency: String,
    clock: Clock,
}

async fn target<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<Target> {
    let workspace = find_workspace(db, workspace_id).await?;
    Ok(Target {
        clock: Clock::new(Utc::now(), timezone_of(&workspace)),
        currency: workspace.currency,
    })
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

/// One bulk call, the same for every kind: the batch limit on `field`, every row checked
/// without the database (`prepare` records each bad field in the errors), then `write` in the
/// call's transaction, committed only when it succeeds (see the module docs).
async fn run_call<I, P, O>(
    db: &DatabaseConnection,
    workspace_id: i64,
    (field, inputs): (&str, &[I]),
    max_rows: usize,
    prepare: impl Fn(usize, &I, &Target, &mut RowErrors) -> P,
    write: impl AsyncFnOnce(&DatabaseTransaction, &Target, Vec<P>, RowErrors) -> AppResult<O>,
) -> AppResult<O>
where
    O: Default,
{
    check_batch(field, inputs.len(), max_rows)?;
    if inputs.is_empty() {
        return Ok(O::default());
    }
    // The workspace's currency and time zone are read under the call's write lock, so an
    // `updateWorkspace` that changes them is wholly before or after the call.
    let txn = begin_workspace_write(db, workspace_id).await?;
    let result = async {
        let target = target(&txn, workspace_id).await?;
        let mut errors = RowErrors::default();
        let prepared: Vec<P> = inputs
            .iter()
            .enumerate()
            .map(|(i, input)| prepare(i, input, &target, &mut errors))
            .collect();
        write(&txn, &target, prepared, errors).await
    }
    .await;
    finish(txn, result).await
}
