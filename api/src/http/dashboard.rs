//! The web dashboard and GraphiQL's page: files built by Vite from `api/dashboard` and
//! embedded at compile time (`build.rs`), so the binary serves them offline, with no Node.js
//! at run time.
//!
//! * `/assets/*`: content-hashed names, cached for a year (`immutable`).
//! * Any other GET path is a client route of the single-page app and answers `index.html`,
//!   never cached, except the API's own paths (`/graphql`, `/healthz`, `/readyz`,
//!   `/metrics` and below them), which answer 404 here rather than a page.
//! * HTML carries a Content-Security-Policy allowing only the binary's own scripts, styles
//!   and connections (the WebSocket of live reports included).

use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

include!(concat!(env!("OUT_DIR"), "/dashboard_assets.rs"));

/// Only the binary's own files; inline styles for the chart and editor libraries, which
/// set element styles; `data:` images for icons inside CSS.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Paths of the API that must never fall back to the dashboard's page.
const API_PATHS: [&str; 4] = ["/graphql", "/healthz", "/readyz", "/metrics"];

fn asset(path: &str) -> Option<&'static [u8]> {
    ASSETS
        .binary_search_by(|(name, _)| (*name).cmp(path))
        .ok()
        .map(|i| ASSETS[i].1)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("json" | "map") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn file_response(path: &str, body: &'static [u8], cache: &'static str) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if path.ends_with(".html") {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
    }
    (StatusCode::OK, headers, body).into_response()
}

fn page(name: &str) -> Response {
    match asset(name) {
        Some(body) => file_response(name, body, "no-cache"),
        None => not_found(),
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "not found\n",
    )
        .into_response()
}

/// GraphiQL's page (GET /graphql from a browser); its scripts load from `/assets/`.
pub fn graphiql() -> Response {
    page("graphiql.html")
}

/// The router's fallback: the dashboard's files and client routes.
pub async fn fallback(method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return not_found();
    }
    let path = uri.path();
    if API_PATHS
        .iter()
        .any(|api| path == *api || path.starts_with(&format!("{api}/")))
    {
        return not_found();
    }
    let file = path.trim_start_matches('/');
    if file.starts_with("assets/") {
        return match asset(file) {
            Some(body) => file_response(file, body, "public, max-age=31536000, immutable"),
            None => not_found(),
        };
    }
    // A path with an extension names a file, not a client route.
    let last = file.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return match asset(file) {
            Some(body) if file != "graphiql.html" => file_response(file, body, "no-cache"),
            _ => not_found(),
        };
    }
    page("index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_is_sorted_and_holds_both_pages() {
        assert!(ASSETS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(asset("index.html").is_some());
        assert!(asset("graphiql.html").is_some());
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(
            content_type("assets/a-1.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("assets/a-1.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
