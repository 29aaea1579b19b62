//! `/healthz` (the process is up) and `/readyz` (the database answers).

use axum::extract::State;
use axum::http::StatusCode;

use super::HttpState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(http): State<HttpState>) -> (StatusCode, &'static str) {
    match http.app.db.conn.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unreachable"),
    }
}
