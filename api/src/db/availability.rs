//! Whether the database is known to be down, so requests during an outage are answered at
//! once with 503 UNAVAILABLE instead of each waiting out the pool's acquire timeout.
//!
//! A request that meets a connection failure (or a pool that gives no connection in time)
//! asks for a probe. The probe opens one connection of its own, outside the pool, with a
//! short timeout: refused or timed out, the database is marked down and probed again every
//! [`PROBE_INTERVAL`] until a connection opens; then it is marked up. A busy pool whose
//! database still accepts connections is therefore never taken for an outage.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sea_orm::sqlx::{self, Connection};
use sea_orm::{DbErr, RuntimeErr};

/// How long one probe may take to open a connection (the pool's own connect timeout): a
/// slow but working database is not taken for a down one.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(5);
/// How often a database known down is probed.
pub const PROBE_INTERVAL: Duration = Duration::from_millis(500);
/// What `Retry-After` tells clients during an outage, in seconds.
pub const RETRY_AFTER_SECS: u64 = 2;

/// True when `err` says the database could not be reached (not that a statement failed).
pub fn is_unreachable(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(_) => true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => sqlx_unreachable(e),
        DbErr::Conn(_) => true,
        _ => false,
    }
}

fn sqlx_unreachable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        // PostgreSQL's connection exceptions (08…) and operator intervention (57P01
        // admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now).
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P0")),
        _ => false,
    }
}

/// The database's known state, shared by every request of a process.
#[derive(Debug, Clone)]
pub struct Availability {
    url: Arc<str>,
    down: Arc<AtomicBool>,
    probing: Arc<AtomicBool>,
}

impl Availability {
    pub fn new(url: &str) -> Self {
        Self {
            url: Arc::from(url),
            down: Arc::new(AtomicBool::new(false)),
            probing: Arc::new(AtomicBool::new(false)),
        }
    }

    /// True while the last probe could not connect.
    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::Acquire)
    }

    /// A request met `err`: when it says the database is unreachable, probe (once at a
    /// time, in the background). Needs a Tokio runtime.
    pub fn note(&self, err: &DbErr) {
        if is_unreachable(err) {
            self.suspect();
        }
    }

    /// Starts the probe loop unless one runs.
    pub fn suspect(&self) {
        if self.probing.swap(true, Ordering::AcqRel) {
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                let reachable = this.probe().await;
                let was_down = this.down.swap(!reachable, Ordering::AcqRel);
                match (was_down, reachable) {
                    (false, false) => tracing::error!("database unreachable; answering 503"),
                    (true, true) => tracing::info!("database reachable again"),
                    _ => {}
                }
                if reachable {
                    break;
                }
                tokio::time::sleep(PROBE_INTERVAL).await;
            }
            this.probing.store(false, Ordering::Release);
        });
    }

    /// Opens (and closes) one connection outside the pool: false only when the database
    /// cannot be reached (refused, reset, timed out, shutting down).
    async fn probe(&self) -> bool {
        let url = &*self.url;
        let attempt = async {
            if url.starts_with("sqlite:") {
                let conn = sqlx::SqliteConnection::connect(url).await?;
                conn.close().await
            } else {
                let conn = sqlx::PgConnection::connect(url).await?;
                conn.close().await
            }
        };
        match tokio::time::timeout(PROBE_TIMEOUT, attempt).await {
            Ok(Ok(())) => true,
            // Another refusal (too many connections, authentication): the database is up,
            // busy or misconfigured, and its requests keep their own errors.
            Ok(Err(error)) => !sqlx_unreachable(&error),
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_failures_are_unreachable_statement_failures_are_not() {
        use sea_orm::ConnAcquireErr;
        assert!(is_unreachable(&DbErr::ConnectionAcquire(
            ConnAcquireErr::Timeout
        )));
        let io = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        assert!(is_unreachable(&DbErr::Query(RuntimeErr::SqlxError(
            Arc::new(io)
        ))));
        let row = sqlx::Error::RowNotFound;
        assert!(!is_unreachable(&DbErr::Query(RuntimeErr::SqlxError(
            Arc::new(row)
        ))));
        assert!(!is_unreachable(&DbErr::RecordNotFound("lead".to_owned())));
    }

    #[tokio::test]
    async fn a_refused_connection_marks_down_until_one_opens() {
        // A port nobody listens on: the probe is refused at once.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        let availability = Availability::new(&format!("postgres://x@127.0.0.1:{port}/db"));
        assert!(!availability.is_down());
        availability.note(&DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout));
        for _ in 0..50 {
            if availability.is_down() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(
            availability.is_down(),
            "a refused probe marks the database down"
        );
    }
}
