//! `AppState`: what every request shares: database, settings, report cache, metrics.

use std::sync::Arc;

use crate::auth::AuthState;
use crate::cache::ReportCache;
use crate::config::Settings;
use crate::db::Database;
use crate::live::Changes;
use crate::metrics::Metrics;

#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub db: Database,
    pub settings: Settings,
    /// JWT keys, the rate limiter and API-token usage.
    pub auth: AuthState,
    /// Cached heavy aggregates: Redis when `REDIS_URL` is set, in process otherwise.
    pub cache: ReportCache,
    /// This process's `/metrics` registry.
    pub metrics: Metrics,
    /// Change notices for live reports: in process, and over Redis when `REDIS_URL` is set.
    pub live: Changes,
}

impl AppState {
    /// Needs a Tokio runtime: the Redis connection and the metrics upkeep are tasks.
    pub fn new(db: Database, settings: Settings, auth: AuthState) -> Self {
        let metrics = Metrics::new();
        metrics.spawn_upkeep();
        let cache = ReportCache::from_settings(&settings, db.conn.clone(), metrics.clone());
        let live = Changes::from_settings(&settings);
        Self(Arc::new(Inner {
            db,
            settings,
            auth,
            cache,
            metrics,
            live,
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
