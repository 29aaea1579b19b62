//! `AppState`: what every request shares: database, settings, and later cache and keys.

use std::sync::Arc;

use crate::auth::AuthState;
use crate::config::Settings;
use crate::db::Database;

#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub db: Database,
    pub settings: Settings,
    /// JWT keys, the rate limiter and API-token usage.
    pub auth: AuthState,
}

impl AppState {
    pub fn new(db: Database, settings: Settings, auth: AuthState) -> Self {
        Self(Arc::new(Inner { db, settings, auth }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
