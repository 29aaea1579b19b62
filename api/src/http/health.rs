//! `/healthz` (the process is up) and `/readyz` (the database answers).

use axum::extract::State;
use axum::http::StatusCode;

use super::HttpState;
use crate::db::availability::PROBE_TIMEOUT;

pub async fn healthz() -> &'static str {
    "ok"
}

/// 503 at once while the database is known down; otherwise a ping, bounded in time.
pub async fn readyz(State(http): State<HttpState>) -> (StatusCode, &'static str) {
    let db = &http.app.db;
    if db.availability.is_down() {
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable");
    }
    match tokio::time::timeout(PROBE_TIMEOUT, db.conn.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        _ => {
            db.availability.suspect();
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}
