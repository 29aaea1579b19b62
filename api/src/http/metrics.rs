//! `/metrics`: this process's counters in the Prometheus text format.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::HttpState;

const PROMETHEUS_TEXT: &str = "text/plain; version=0.0.4; charset=utf-8";

pub async fn metrics(State(http): State<HttpState>) -> impl IntoResponse {
    let app = &http.app;
    if let Some(pool) = app.db.pool_usage() {
        app.metrics.db_pool(pool.idle, pool.in_use, pool.max);
    }
    (
        [(header::CONTENT_TYPE, PROMETHEUS_TEXT)],
        app.metrics.render(),
    )
}
