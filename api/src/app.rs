//! Start-up: connect, migrate, build the schema and serve until a shutdown signal.

use std::net::SocketAddr;

use sea_orm::{ConnectionTrait, TransactionTrait};
use tokio::net::TcpListener;

use crate::auth::AuthState;
use crate::config::Settings;
use crate::db::{ConnectError, connect_with};
use crate::graphql::build_schema;
use crate::http::router;
use crate::services::api_token::flush_token_usage;
use crate::state::AppState;

/// A start-up failure: one line that names the setting at fault.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] ConnectError),
    #[error("DATABASE_URL: migrations failed: {0}")]
    Migrate(String),
    #[error("{0}")]
    Redis(String),
    #[error("LISTEN_ADDR: cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error("{0}")]
    Other(String),
}

/// Connects to the database and applies pending migrations. Redis is only checked
/// for a well-formed URL: the server starts while Redis is down, and caches once it is up.
pub async fn build_state(settings: Settings) -> Result<AppState, StartupError> {
    let auth = AuthState::from_settings(&settings).map_err(StartupError::Other)?;
    crate::http::cors::check_origins(&settings.limits.cors_origins).map_err(StartupError::Other)?;
    crate::http::client_addr::TrustedProxies::parse(&settings.limits.trusted_proxies)
        .map_err(StartupError::Other)?;
    if let Some(url) = settings.redis_url.as_deref().filter(|u| !u.is_empty()) {
        crate::cache::validate_redis_url(url).map_err(StartupError::Redis)?;
    }
    let acquire = std::time::Duration::from_millis(settings.database_acquire_timeout_ms);
    let db = connect_with(&settings.database_url, settings.database_pool_size, acquire).await?;
    migrate(&db).await?;
    match crate::db::statistics::refresh_stale(&db.conn, &mut Default::default()).await {
        Ok(tables) if !tables.is_empty() => tracing::info!(?tables, "planner statistics refreshed"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "could not refresh planner statistics"),
    }
    Ok(AppState::new(db, settings, auth))
}

/// Applies pending migrations, then builds the rollups of every workspace that has none at
/// the current version (existing data after the rollups migration, or a new definition).
///
/// On PostgreSQL, instances starting together take turns: the whole step runs under a
/// transaction-scoped advisory lock, so the second waits for the first and then finds
/// nothing left to do, instead of racing it to create the same tables.
pub async fn migrate(db: &crate::db::Database) -> Result<(), StartupError> {
    let failed = |e: sea_orm::DbErr| StartupError::Migrate(e.to_string());
    let lock = match db.backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let txn = db.conn.begin().await.map_err(failed)?;
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                .await
                .map_err(failed)?;
            Some(txn)
        }
        _ => None,
    };
    db.migrate().await.map_err(failed)?;
    let rebuilt = crate::services::rollup::rebuild_stale(&db.conn)
        .await
        .map_err(|e| StartupError::Migrate(format!("rollups: {e}")))?;
    for (slug, took) in rebuilt {
        tracing::info!(workspace = %slug, seconds = took.as_secs_f64(), "rollups built");
    }
    if let Some(txn) = lock {
        txn.commit().await.map_err(failed)?;
    }
    Ok(())
}

/// The advisory lock key of `migrate` ("LSMIGRAT" read as a number).
const MIGRATION_LOCK: i64 = 0x4c53_4d49_4752_4154;

/// A server bound to its port (and `METRICS_ADDR`'s), ready to run.
pub struct Server {
    pub addr: SocketAddr,
    listener: TcpListener,
    /// `METRICS_ADDR`'s listener and its bound address.
    pub metrics_addr: Option<SocketAddr>,
    metrics_listener: Option<TcpListener>,
    state: AppState,
}

impl Server {
    pub async fn bind(state: AppState) -> Result<Self, StartupError> {
        let addr = state.settings.listen_addr;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| StartupError::Bind {
                addr,
                reason: e.to_string(),
            })?;
        let addr = listener.local_addr().map_err(|e| StartupError::Bind {
            addr,
            reason: e.to_string(),
        })?;
        let (metrics_addr, metrics_listener) = match state.settings.limits.metrics_addr {
            None => (None, None),
            Some(want) => {
                let failed = |e: std::io::Error| {
                    StartupError::Other(format!("METRICS_ADDR: cannot listen on {want}: {e}"))
                };
                let listener = TcpListener::bind(want).await.map_err(failed)?;
                (Some(listener.local_addr().map_err(failed)?), Some(listener))
            }
        };
        Ok(Self {
            addr,
            listener,
            metrics_addr,
            metrics_listener,
            state,
        })
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then drains in-flight requests and writes the
    /// pending API-token usage.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let schema = build_schema(self.state.clone());
        let app = router(self.state.clone(), schema);
        let flusher = tokio::spawn(flush_token_usage_periodically(self.state.clone()));
        let metrics = self.metrics_listener.map(|listener| {
            let router = crate::http::metrics_router(self.state.clone());
            tokio::spawn(async move { axum::serve(listener, router).await })
        });
        // Statistics were checked at start (`build_state`); then periodically.
        let statistics = tokio::spawn(crate::db::statistics::keep_current(
            self.state.db.conn.clone(),
            self.state.settings.statistics_interval,
        ));
        let settings = &self.state.settings;
        let limits = crate::http::serve::ServeLimits {
            header_read: std::time::Duration::from_secs(settings.read_timeout_secs),
            shutdown_grace: std::time::Duration::from_secs(settings.shutdown_grace_secs),
        };
        crate::http::serve::serve(self.listener, app, shutdown, limits).await;
        flusher.abort();
        statistics.abort();
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        flush_token_usage_now(&self.state).await;
        Ok(())
    }
}

/// Writes API tokens' `last_used_at` every `TOKEN_USAGE_FLUSH_SECS`.
async fn flush_token_usage_periodically(state: AppState) {
    let secs = state.settings.auth.token_usage_flush_secs.max(1);
    let mut ticks = tokio::time::interval(std::time::Duration::from_secs(secs));
    ticks.tick().await;
    loop {
        ticks.tick().await;
        flush_token_usage_now(&state).await;
    }
}

async fn flush_token_usage_now(state: &AppState) {
    if let Err(error) = flush_token_usage(&state.db.conn, &state.auth.token_usage).await {
        tracing::warn!(%error, "could not write API token usage; will retry");
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
