//! axum only: the router, the GraphQL-over-HTTP handler, credentials, health, metrics.

pub mod auth;
pub mod graphql;
pub mod health;
pub mod metrics;

use axum::Router;
use axum::routing::get;
use tower_http::limit::RequestBodyLimitLayer;

use crate::graphql::AppSchema;
use crate::state::AppState;

/// What the handlers share.
#[derive(Clone)]
pub struct HttpState {
    pub app: AppState,
    pub schema: AppSchema,
}

pub fn router(app: AppState, schema: AppSchema) -> Router {
    let body_limit = app.settings.max_body_bytes;
    Router::new()
        .route(
            "/graphql",
            get(graphql::graphql_get).post(graphql::graphql_post),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::metrics))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .with_state(HttpState { app, schema })
}
