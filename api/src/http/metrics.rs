//! `/metrics`: this process's counters in the Prometheus text format.

use axum::extract::State;
use axum::http::{Extensions, HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::HttpState;
use crate::state::AppState;

const PROMETHEUS_TEXT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// `/metrics` on the main address: for loopback clients whose request no proxy relayed, and
/// for `Authorization: Bearer $METRICS_TOKEN`; 403 otherwise, since it names every tenant's
/// operations.
pub async fn metrics(
    State(http): State<HttpState>,
    headers: HeaderMap,
    extensions: Extensions,
) -> Response {
    let client = http.trusted_proxies.client_of(&extensions, &headers);
    let token = http.app.settings.limits.metrics_token.as_ref();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let by_token = match (token, bearer) {
        (Some(token), Some(bearer)) => same_secret(token.expose(), bearer.trim()),
        _ => false,
    };
    // A forwarding header means a proxy relayed the request, whatever address it came
    // from: a proxy on this host would otherwise make every outside client loopback.
    let forwarded = ["x-forwarded-for", "forwarded", "x-real-ip"]
        .iter()
        .any(|name| headers.contains_key(*name));
    let local = !forwarded && client.is_some_and(|ip| ip.is_loopback());
    if !by_token && !local {
        return (
            StatusCode::FORBIDDEN,
            "/metrics: serve it on METRICS_ADDR, or send Authorization: Bearer $METRICS_TOKEN\n",
        )
            .into_response();
    }
    render(&http.app).into_response()
}

/// `/metrics` on `METRICS_ADDR`.
pub async fn metrics_open(State(app): State<AppState>) -> Response {
    render(&app).into_response()
}

fn render(app: &AppState) -> impl IntoResponse + use<> {
    if let Some(pool) = app.db.pool_usage() {
        app.metrics.db_pool(pool.idle, pool.in_use, pool.max);
    }
    (
        [(header::CONTENT_TYPE, PROMETHEUS_TEXT)],
        app.metrics.render(),
    )
}

/// Compares in time independent of where the texts differ.
fn same_secret(expected: &str, given: &str) -> bool {
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
