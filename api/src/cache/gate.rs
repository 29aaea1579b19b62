//! At most N reports computed at once per workspace: a tenant that asks for many cold
//! reports at once queues behind its own, and other workspaces keep their share of the
//! database pool and the cores.
//!
//! A computation that itself asks for reports (`budgetSuggestions` reads two `performance`
//! reports) already holds a permit: its inner reports run under it ([`within_permit`]),
//! since waiting for a second permit could deadlock the workspace.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{AppError, AppResult};

tokio::task_local! {
    static HOLDS_PERMIT: ();
}

/// True inside a computation that holds its workspace's permit.
pub fn holds_permit() -> bool {
    HOLDS_PERMIT.try_with(|()| ()).is_ok()
}

/// Runs `work` marked as holding a permit, so reports it asks for do not wait for another.
pub async fn within_permit<T>(work: impl std::future::Future<Output = T>) -> T {
    HOLDS_PERMIT.scope((), work).await
}

/// Workspaces with no computation running are forgotten once the map grows past this.
const PRUNE_ABOVE: usize = 1_024;

#[derive(Debug, Clone)]
pub struct WorkspaceGates {
    per_workspace: usize,
    gates: Arc<Mutex<HashMap<i64, Arc<Semaphore>>>>,
}

impl WorkspaceGates {
    pub fn new(per_workspace: usize) -> Self {
        Self {
            per_workspace: per_workspace.max(1),
            gates: Arc::default(),
        }
    }

    /// Waits for one of the workspace's permits; held until dropped.
    pub async fn enter(&self, workspace_id: i64) -> AppResult<OwnedSemaphorePermit> {
        let gate = {
            let mut gates = self
                .gates
                .lock()
                .map_err(|_| AppError::Internal("report gates poisoned".into()))?;
            if gates.len() > PRUNE_ABOVE {
                let full = self.per_workspace;
                gates.retain(|_, g| Arc::strong_count(g) > 1 || g.available_permits() < full);
            }
            Arc::clone(
                gates
                    .entry(workspace_id)
                    .or_insert_with(|| Arc::new(Semaphore::new(self.per_workspace))),
            )
        };
        gate.acquire_owned().await.map_err(AppError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_workspace_waits_for_its_own_permits_only() {
        let gates = WorkspaceGates::new(1);
        let held = gates.enter(1).await.expect("first permit");
        let other = tokio::time::timeout(std::time::Duration::from_millis(100), gates.enter(2));
        assert!(other.await.is_ok(), "another workspace is not held up");
        let same = tokio::time::timeout(std::time::Duration::from_millis(50), gates.enter(1));
        assert!(same.await.is_err(), "the same workspace waits");
        drop(held);
        let again = tokio::time::timeout(std::time::Duration::from_millis(100), gates.enter(1));
        assert!(again.await.is_ok(), "a released permit lets the next in");
    }

    #[tokio::test]
    async fn work_under_a_permit_is_marked() {
        assert!(!holds_permit());
        assert!(within_permit(async { holds_permit() }).await);
    }
}
