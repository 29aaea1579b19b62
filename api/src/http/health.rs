//! `/healthz` (the process is up) and `/readyz` (the database answers).

use axum::extract::State;
use axum::http::StatusCode;

use super::HttpState;

pub async fn healthz() -> &'static str {
    "ok"
}

/// 503 at once while the database is known down; otherwise a ping, given as long as a
/// request would wait for a connection (a busy pool is not an unready one).
pub async fn readyz(State(http): State<HttpState>) -> (StatusCode, &'static str) {
    let db = &http.app.db;
    if db.availability.is_down() {
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable");
    }
    let wait = std::time::Duration::from_millis(http.app.settings.database_acquire_timeout_ms);
    match tokio::time::timeout(wait, db.conn.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        _ => {
            db.availability.suspect();
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}
