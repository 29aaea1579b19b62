//! Blocking work on Tokio's blocking pool, bounded by a semaphore whose permit travels with
//! the work: a caller that gives up (timeout, disconnect) frees the permit only when the work
//! itself ends, so the bound holds. Used for argon2 (`auth::password`) and the engines'
//! solves and the optimizer (`services::cpu`).

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// Runs `work` on the blocking pool holding a permit of `permits` until it returns.
pub async fn run_with_permit<T: Send + 'static>(
    permits: &Arc<Semaphore>,
    work: impl FnOnce() -> T + Send + 'static,
) -> AppResult<T> {
    let permit = Arc::clone(permits)
        .acquire_owned()
        .await
        .map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || {
        let answer = work();
        drop(permit);
        answer
    })
    .await
    .map_err(AppError::internal)
}
