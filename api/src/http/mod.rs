//! axum only: the router, the GraphQL-over-HTTP handler, credentials, rate limits, CORS,
//! health, metrics.

pub mod auth;
pub mod client_addr;
pub mod cors;
pub mod dashboard;
pub mod graphql;
pub mod health;
pub mod live;
pub mod metrics;
pub mod negotiate;
mod nul;
pub mod parsed;
pub mod rate_limit;
pub mod rendered;
pub mod request_context;
pub mod respond;
pub mod serve;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::graphql::document_guard::DocumentLimits;
use crate::graphql::{AppSchema, document_limits};
use crate::state::AppState;

/// What the handlers share.
#[derive(Clone)]
pub struct HttpState {
    pub app: AppState,
    pub schema: AppSchema,
    pub document_limits: DocumentLimits,
    /// Documents the guard accepted, parsed.
    pub parsed: parsed::ParsedDocuments,
    /// Answers of report-only queries, rendered.
    pub rendered: rendered::RenderedResponses,
    /// Whose forwarded-for headers are believed.
    pub trusted_proxies: client_addr::TrustedProxies,
}

pub fn router(app: AppState, schema: AppSchema) -> Router {
    let body_limit = app.settings.max_body_bytes;
    let cors = cors::layer(&app.settings.limits.cors_origins);
    let document_limits = document_limits(&app.settings);
    // Validated at start-up (`app::build_state`).
    let trusted_proxies = client_addr::TrustedProxies::parse(&app.settings.limits.trusted_proxies)
        .unwrap_or_default();
    let cache = &app.settings.cache;
    let rendered = rendered::RenderedResponses::new(
        cache.cache_near_max_bytes,
        std::time::Duration::from_secs(cache.cache_ttl_secs),
    );
    let router = Router::new()
        .route(
            "/graphql",
            get(graphql::graphql_get).post(graphql::graphql_post),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::metrics))
        // The web dashboard: its files, and index.html for its client routes.
        .fallback(dashboard::fallback)
        // The body extractor stops reading at the limit, whether the length is declared or
        // chunked, and `graphql_post` answers that rejection as JSON (413, BAD_USER_INPUT on
        // `body`). tower-http's RequestBodyLimitLayer answered a declared length over the
        // limit itself, in plain text, before the handler could.
        .layer(DefaultBodyLimit::max(body_limit))
        // A body that stalls is cut off (its read fails, answered 400 naming the body).
        .layer(RequestBodyTimeoutLayer::new(
            std::time::Duration::from_secs(app.settings.read_timeout_secs),
        ))
        .layer(CatchPanicLayer::custom(respond::panic_response))
        .layer(axum::middleware::from_fn(request_context::request_context));
    let router = match cors {
        Some(cors) => router.layer(cors),
        None => router,
    };
    router.with_state(HttpState {
        app,
        schema,
        document_limits,
        parsed: parsed::ParsedDocuments::default(),
        rendered,
        trusted_proxies,
    })
}

/// The router of `METRICS_ADDR`: `/metrics` only, without credentials.
pub fn metrics_router(app: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics::metrics_open))
        .with_state(app)
}
