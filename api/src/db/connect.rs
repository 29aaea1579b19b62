//! Opening the database named by `DATABASE_URL`, on SQLite or PostgreSQL, and migrating it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, DatabaseBackend, DatabaseConnection, DbErr};

use super::availability::Availability;

/// A connection pool plus a count of the statements it ran (tests check N+1 with it).
#[derive(Clone, Debug)]
pub struct Database {
    pub conn: DatabaseConnection,
    statements: Arc<AtomicU64>,
    /// Whether the database is known down (then requests answer 503 at once).
    pub availability: Availability,
}

impl Database {
    pub fn backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }

    /// Statements executed through this pool since it opened.
    pub fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Connections of the pool, for `/metrics`.
    pub fn pool_usage(&self) -> Option<PoolUsage> {
        let (size, idle, max) = match self.backend() {
            DatabaseBackend::Postgres => {
                let pool = self.conn.get_postgres_connection_pool();
                (
                    pool.size(),
                    pool.num_idle(),
                    pool.options().get_max_connections(),
                )
            }
            DatabaseBackend::Sqlite => {
                let pool = self.conn.get_sqlite_connection_pool();
                (
                    pool.size(),
                    pool.num_idle(),
                    pool.options().get_max_connections(),
                )
            }
            _ => return None,
        };
        let idle = u32::try_from(idle).unwrap_or(u32::MAX);
        Some(PoolUsage {
            idle,
            in_use: size.saturating_sub(idle),
            max,
        })
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.conn, None).await
    }
}

/// How many pooled connections are idle and in use, and the pool's bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUsage {
    pub idle: u32,
    pub in_use: u32,
    pub max: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL: unsupported scheme in {0} (use sqlite:// or postgres://)")]
    Scheme(String),
    #[error("DATABASE_URL: cannot connect to {url}: {reason}")]
    Unreachable { url: String, reason: String },
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for error messages.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Opens a pool on `url` for a command-line tool: connections wait up to 10 s.
pub async fn connect(url: &str, pool_size: u32) -> Result<Database, ConnectError> {
    connect_with(url, pool_size, Duration::from_secs(10)).await
}

/// Opens a pool on `url`; a SQLite file is created when missing. `acquire_timeout` bounds
/// how long a request waits for a pooled connection (and so how long the first requests of
/// an outage wait before the database is known down).
pub async fn connect_with(
    url: &str,
    pool_size: u32,
    acquire_timeout: Duration,
) -> Result<Database, ConnectError> {
    let is_sqlite = url.starts_with("sqlite:");
    if !is_sqlite && !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
        return Err(ConnectError::Scheme(redact_url(url)));
    }
    let mut options = ConnectOptions::new(url.to_owned());
    // At least 2: migrations hold one connection for their lock while they run on another.
    let pool_size = pool_size.max(2);
    options
        .max_connections(if is_sqlite {
            pool_size.min(8)
        } else {
            pool_size
        })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(acquire_timeout)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    let mut conn =
        sea_orm::Database::connect(options)
            .await
            .map_err(|err| ConnectError::Unreachable {
                url: redact_url(url),
                reason: one_line(&err.to_string()),
            })?;
    let statements = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&statements);
    conn.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    Ok(Database {
        conn,
        statements,
        availability: Availability::new(url),
    })
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
