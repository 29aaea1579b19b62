//! Every request runs in a span carrying its request id (the client's sane `x-request-id`,
//! else a new UUID), so each log line it causes names it; the id is in the answer's
//! `x-request-id` header, in INTERNAL errors, and in the answer to a panic.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use super::respond::request_id;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request this task serves, if any.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// The middleware: settles the id, runs the request in its span, and logs its outcome.
pub async fn request_context(mut request: Request, next: Next) -> Response {
    let id = request_id(request.headers());
    let header = HeaderValue::from_str(&id).ok();
    if let Some(value) = &header {
        request.headers_mut().insert("x-request-id", value.clone());
    }
    let span = tracing::info_span!(
        "request",
        request.id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    );
    let started = std::time::Instant::now();
    let mut response = REQUEST_ID
        .scope(id, next.run(request).instrument(span.clone()))
        .await;
    if let Some(value) = header {
        response
            .headers_mut()
            .entry("x-request-id")
            .or_insert(value);
    }
    span.in_scope(|| {
        tracing::debug!(
            status = response.status().as_u16(),
            ms = started.elapsed().as_secs_f64() * 1e3,
            "answered"
        );
    });
    response
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;
    use tower_http::catch_panic::CatchPanicLayer;

    use super::*;
    use crate::http::respond::panic_response;

    #[tokio::test]
    async fn a_panic_answers_with_the_request_id_of_its_request() {
        let app = Router::new()
            .route(
                "/boom",
                get(|| async {
                    if current_request_id().is_some() {
                        panic!("boom");
                    }
                    "no request id"
                }),
            )
            .layer(CatchPanicLayer::custom(panic_response))
            .layer(axum::middleware::from_fn(request_context));
        let request = Request::builder()
            .uri("/boom")
            .header("x-request-id", "client-id-42")
            .body(Body::empty())
            .expect("request");
        let response = app.oneshot(request).await.expect("answer");
        assert_eq!(response.status(), 500);
        assert_eq!(
            response
                .headers()
                .get("x-request-id")
                .map(HeaderValue::as_bytes),
            Some(&b"client-id-42"[..])
        );
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(json["errors"][0]["extensions"]["requestId"], "client-id-42");
        assert!(
            json["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("client-id-42"))
        );
    }
}
