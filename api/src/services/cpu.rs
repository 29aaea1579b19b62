//! CPU-bound steps (the attribution engines' solves, the budget optimizer) run on Tokio's
//! blocking pool, at most one per core at a time: a cold report then never holds a runtime
//! thread, so `/healthz`, logins and cache hits keep answering beside it, and a burst of
//! cold reports queues here instead of spawning up to 512 blocking threads.

use std::sync::LazyLock;

use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// One permit per core.
static CORES: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

/// Runs `work` on the blocking pool once a core is free.
pub async fn run_cpu<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let _permit = CORES.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(AppError::internal)
}
