//! One subscription's answers: the current one at once, then a fresh one after changes of
//! its workspace's data, at most one per `min_interval`.
//!
//! Debounce: after a push, the next computation waits until `min_interval` has passed; the
//! notices that arrive meanwhile are answered together by that computation, which reads the
//! data after all of them. So the last change of a burst is never lost: a trailing push
//! follows it. A computation only runs when the data generation moved, and an answer equal
//! to the last one pushed is not pushed again.
//!
//! Every wake-up (a notice of the workspace, or `recheck_every` without one) first checks
//! the caller's credentials ([`Recheck`]): expired or revoked, the subscription ends with
//! that error. A database that cannot be reached ends nothing: the next wake-up retries.

use std::sync::Arc;
use std::time::Duration;

use futures::Stream;
use futures::future::BoxFuture;
use serde::Serialize;
use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};
use tokio::time::Instant;

use super::ChangeNotice;
use crate::error::AppResult;

/// Checks that the credentials a subscription was opened with still hold.
pub trait Recheck: Send + Sync {
    /// `Err` (UNAUTHENTICATED or FORBIDDEN) when they no longer do.
    fn recheck(&self) -> BoxFuture<'_, AppResult<()>>;
}

/// Reads the workspace's data generation.
pub type GenerationFn = Arc<dyn Fn() -> BoxFuture<'static, AppResult<i64>> + Send + Sync>;

/// What a subscription listens to and how often it may answer.
pub struct WatchParams {
    pub changes: broadcast::Receiver<ChangeNotice>,
    pub workspace_id: i64,
    pub min_interval: Duration,
    /// Longest time between two credential (and data) checks without a notice.
    pub recheck_every: Duration,
    pub recheck: Option<Arc<dyn Recheck>>,
    pub generation: GenerationFn,
}

/// The answers of `compute` as a stream: see the module docs. It ends after an error
/// other than an unreachable database, or when the notices stop (the server shuts down).
pub fn watch<T, F, Fut>(
    params: WatchParams,
    compute: F,
) -> impl Stream<Item = AppResult<T>> + Send + 'static
where
    T: Serialize + Send + 'static,
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = AppResult<T>> + Send + 'static,
{
    let watcher = Watcher {
        params,
        compute,
        seen: None,
        last_answer: None,
        last_run: None,
        started: false,
        done: false,
    };
    futures::stream::unfold(watcher, |mut w| async move {
        let item = w.next().await?;
        Some((item, w))
    })
}

struct Watcher<F> {
    params: WatchParams,
    compute: F,
    /// The generation the last answer was computed at.
    seen: Option<i64>,
    /// The last answer pushed, serialised, to skip pushing it again.
    last_answer: Option<Vec<u8>>,
    /// When the last computation ended.
    last_run: Option<Instant>,
    started: bool,
    done: bool,
}

impl<T, F, Fut> Watcher<F>
where
    T: Serialize,
    F: FnMut() -> Fut,
    Fut: Future<Output = AppResult<T>>,
{
    async fn next(&mut self) -> Option<AppResult<T>> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            return Some(self.first().await);
        }
        loop {
            if !self.wait_for_change().await {
                return None;
            }
            if let Some(at) = self.last_run {
                tokio::time::sleep_until(at + self.params.min_interval).await;
            }
            // This round reads the data after every notice received so far.
            self.drain();
            if let Some(recheck) = &self.params.recheck
                && let Err(refused) = recheck.recheck().await
            {
                self.done = true;
                return Some(Err(refused));
            }
            let generation = match (self.params.generation)().await {
                Ok(generation) => generation,
                Err(error) => {
                    tracing::debug!(%error, "live report: generation unreadable; retried later");
                    continue;
                }
            };
            if self.seen == Some(generation) {
                continue;
            }
            let answer = (self.compute)().await;
            self.last_run = Some(Instant::now());
            match answer {
                Ok(value) => {
                    self.seen = Some(generation);
                    let fingerprint = serde_json::to_vec(&value).ok();
                    if fingerprint.is_some() && fingerprint == self.last_answer {
                        continue;
                    }
                    self.last_answer = fingerprint;
                    return Some(Ok(value));
                }
                Err(error) if error.is_unavailable() => {
                    tracing::debug!(%error, "live report: database unavailable; retried later");
                }
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
    }

    /// The answer now. The generation is read first, so a write that lands during the
    /// computation is answered again.
    async fn first(&mut self) -> AppResult<T> {
        let answer = async {
            let generation = (self.params.generation)().await?;
            let value = (self.compute)().await?;
            Ok((generation, value))
        }
        .await;
        self.last_run = Some(Instant::now());
        match answer {
            Ok((generation, value)) => {
                self.seen = Some(generation);
                self.last_answer = serde_json::to_vec(&value).ok();
                Ok(value)
            }
            Err(error) => {
                self.done = true;
                Err(error)
            }
        }
    }

    /// Waits for a notice of the workspace (or a lag, which may have hidden one) or for
    /// `recheck_every`; false when the notices stopped for good.
    async fn wait_for_change(&mut self) -> bool {
        let tick = tokio::time::sleep(self.params.recheck_every);
        tokio::pin!(tick);
        loop {
            tokio::select! {
                received = self.params.changes.recv() => match received {
                    Ok(notice) if notice.concerns(self.params.workspace_id) => return true,
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => return true,
                    Err(RecvError::Closed) => return false,
                },
                () = &mut tick => return true,
            }
        }
    }

    /// Drops the notices already received: the coming computation answers them.
    fn drain(&mut self) {
        loop {
            match self.params.changes.try_recv() {
                Ok(_) | Err(TryRecvError::Lagged(_)) => {}
                Err(TryRecvError::Empty | TryRecvError::Closed) => return,
            }
        }
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
