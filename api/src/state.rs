//! `AppState`: what every request shares: database, settings, and later cache and keys.

use std::sync::Arc;

use crate::config::Settings;
use crate::db::Database;

#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub db: Database,
    pub settings: Settings,
}

impl AppState {
    pub fn new(db: Database, settings: Settings) -> Self {
        Self(Arc::new(Inner { db, settings }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
