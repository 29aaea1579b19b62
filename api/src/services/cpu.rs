//! CPU-bound steps (the attribution engines' solves, the budget optimizer) run on Tokio's
//! blocking pool, at most one per core at a time: a cold report then never holds a runtime
//! thread, so `/healthz`, logins and cache hits keep answering beside it, and a burst of
//! cold reports queues here instead of spawning up to 512 blocking threads.

use std::sync::{Arc, LazyLock};

use tokio::sync::Semaphore;

use crate::error::AppResult;

/// One permit per core.
static CORES: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    Arc::new(Semaphore::new(
        std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
    ))
});

/// Runs `work` on the blocking pool once a core is free. The permit travels with the work,
/// so a request that gives up (timeout, disconnect) frees its core only when the work ends.
pub async fn run_cpu<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    crate::blocking::run_with_permit(&CORES, work).await
}
