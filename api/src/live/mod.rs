//! Live reports: change notices and the debounced answers of GraphQL subscriptions.
//!
//! After a write commits, the HTTP layer publishes a [`ChangeNotice`] (the workspace and its
//! new data generation) on [`Changes`]: an in-process broadcast that every open subscription
//! of this process listens to. With `REDIS_URL` the notice also goes out on Redis pub/sub
//! (`redis_bridge.rs`), and each process forwards the notices of the others into its own
//! broadcast, so a write on one instance reaches the subscribers of every instance. Redis
//! being down costs only the cross-instance part: notices keep flowing within the process.
//!
//! A subscription ([`watch`]) answers at once, then after each notice of its workspace
//! recomputes (through the report cache) at most once per `LIVE_MIN_INTERVAL_MS`, pushing
//! only answers that changed; [`Slots`] bounds how many one principal holds open.

mod redis_bridge;
mod slots;
mod watch;

use std::sync::Arc;

use tokio::sync::broadcast;

pub use slots::{Slot, Slots};
pub use watch::{Recheck, WatchParams, watch};

use crate::config::Settings;

/// Notices a slow subscriber may fall behind by before it is told it lagged (it then
/// recomputes, which is what any notice would have caused).
const BROADCAST_CAPACITY: usize = 1024;

/// The data of `workspace_id` changed; `generation` is its data generation after the write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChangeNotice {
    #[serde(rename = "w")]
    pub workspace_id: i64,
    #[serde(rename = "g")]
    pub generation: i64,
}

impl ChangeNotice {
    /// Workspace ids start at 1: 0 stands for every workspace.
    const ANY_WORKSPACE: i64 = 0;

    /// "Something may have changed anywhere": every subscription checks its workspace's
    /// generation (sent after notices may have been lost).
    pub fn any_workspace() -> Self {
        Self {
            workspace_id: Self::ANY_WORKSPACE,
            generation: 0,
        }
    }

    /// Whether a subscription of `workspace_id` should look.
    pub fn concerns(&self, workspace_id: i64) -> bool {
        self.workspace_id == workspace_id || self.workspace_id == Self::ANY_WORKSPACE
    }
}

/// The change notices of this process, and the subscriptions it holds open.
#[derive(Clone, Debug)]
pub struct Changes(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    local: broadcast::Sender<ChangeNotice>,
    redis: Option<redis_bridge::RedisBridge>,
    slots: Slots,
}

impl Changes {
    /// In process only, or bridged over `settings.redis_url`. Needs a Tokio runtime when
    /// bridged (the Redis listener is a task).
    pub fn from_settings(settings: &Settings) -> Self {
        let (local, _) = broadcast::channel(BROADCAST_CAPACITY);
        let redis = settings
            .redis_url
            .as_deref()
            .filter(|u| !u.is_empty())
            .and_then(|url| redis_bridge::RedisBridge::start(url, settings, local.clone()));
        Self(Arc::new(Inner {
            local,
            redis,
            slots: Slots::new(settings.live.live_max_subscriptions),
        }))
    }

    /// Tells every subscriber, here and (with Redis) on the other instances. Never waits
    /// for Redis.
    pub fn publish(&self, notice: ChangeNotice) {
        // No receiver is not an error: nobody here is watching right now.
        let _ = self.0.local.send(notice);
        if let Some(redis) = &self.0.redis {
            redis.publish(notice);
        }
    }

    /// Whether a notice could reach anyone: a subscriber here, or other instances.
    pub fn has_audience(&self) -> bool {
        self.0.redis.is_some() || self.0.local.receiver_count() > 0
    }

    /// The notices from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<ChangeNotice> {
        self.0.local.subscribe()
    }

    /// The per-principal bound on open subscriptions.
    pub fn slots(&self) -> &Slots {
        &self.0.slots
    }

    /// True when notices travel over Redis and its listener is subscribed right now (false
    /// without Redis).
    pub fn redis_listening(&self) -> bool {
        self.0.redis.as_ref().is_some_and(|r| r.listening())
    }
}
