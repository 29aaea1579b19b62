//! Writing GraphQL-over-HTTP responses: media type, status, request id, and no `data`
//! entry when the request failed before execution.

use async_graphql::{Response, ServerError, Value};
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;

use super::negotiate::Flavor;
use crate::error::AppError;

/// The request id: the client's `x-request-id` when it is sane, else a new UUID.
pub fn request_id(headers: &HeaderMap) -> String {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

/// True when a response failed before execution (parse, validation, variables, limits):
/// no data, and no error with a path.
pub fn failed_before_execution(response: &Response) -> bool {
    response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// One response as JSON; without `data` when it failed before execution, as the GraphQL
/// specification requires of request errors.
pub fn response_json(response: &Response) -> serde_json::Value {
    let mut json = serde_json::to_value(response).unwrap_or_default();
    if failed_before_execution(response)
        && let Some(object) = json.as_object_mut()
    {
        object.remove("data");
    }
    json
}

/// One response as JSON text (see [`response_json`]).
pub fn response_bytes(response: &Response) -> Bytes {
    serde_json::to_vec(&response_json(response))
        .map_or_else(|_| Bytes::from_static(b"{}"), Bytes::from)
}

/// A body with the flavor's content type and the request id.
pub fn respond(
    flavor: Flavor,
    status: StatusCode,
    body: &serde_json::Value,
    request_id: &str,
) -> axum::response::Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    respond_bytes(flavor, status, Bytes::from(bytes), request_id)
}

/// A JSON text with the flavor's content type and the request id.
pub fn respond_bytes(
    flavor: Flavor,
    status: StatusCode,
    body: Bytes,
    request_id: &str,
) -> axum::response::Response {
    let mut out = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(flavor.content_type()),
        )],
        body,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(request_id) {
        out.headers_mut().insert("x-request-id", value);
    }
    out
}

/// A GraphQL error carrying `error`'s code (and field), as a response of its own.
pub fn error_response(error: &AppError) -> Response {
    let mut server_error = ServerError::new(error.to_string(), None);
    let ext = server_error.extensions.get_or_insert_with(Default::default);
    ext.set("code", error.code());
    match error {
        AppError::BadInput { field, .. } => ext.set("field", field.as_str()),
        AppError::RateLimited { retry_after_secs } | AppError::Unavailable { retry_after_secs } => {
            ext.set("retryAfter", *retry_after_secs)
        }
        AppError::Timeout { limit_ms } => {
            ext.set("limit", "request_timeout_ms");
            ext.set("limitValue", *limit_ms);
        }
        AppError::TooManySubscriptions { max } => {
            ext.set("limit", "LIVE_MAX_SUBSCRIPTIONS");
            ext.set("limitValue", *max as u64);
        }
        _ => {}
    }
    Response::from_errors(vec![server_error])
}

/// A request refused before any GraphQL work, with an HTTP status of its own.
pub fn request_error(
    flavor: Flavor,
    status: StatusCode,
    error: &AppError,
    request_id: &str,
) -> axum::response::Response {
    let mut out = respond(
        flavor,
        status,
        &response_json(&error_response(error)),
        request_id,
    );
    match error {
        AppError::Unauthenticated(_) => {
            out.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        AppError::RateLimited { retry_after_secs } | AppError::Unavailable { retry_after_secs } => {
            set_retry_after(&mut out, *retry_after_secs);
        }
        _ => {}
    }
    out
}

/// The `Retry-After` header, in seconds.
pub fn set_retry_after(out: &mut axum::response::Response, secs: u64) {
    if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
        out.headers_mut().insert(header::RETRY_AFTER, value);
    }
}

/// The HTTP status of a request refused with `error` before execution.
pub fn status_of(error: &AppError) -> StatusCode {
    match error {
        AppError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::BadInput { .. } | AppError::BadRows(_) => StatusCode::BAD_REQUEST,
        AppError::NotFound { .. } => StatusCode::NOT_FOUND,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::Timeout { .. } => StatusCode::SERVICE_UNAVAILABLE,
        e if e.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The answer to a panic anywhere below the router: 500 with a generic INTERNAL error.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let request_id = super::request_context::current_request_id()
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    tracing::error!(request.id = %request_id, panic = %detail, "request handler panicked");
    let error = AppError::Internal(format!("panic: {detail}").into());
    let mut response = error_response(&error);
    response.errors[0].message = format!("internal error (request id {request_id})");
    if let Some(ext) = response.errors[0].extensions.as_mut() {
        ext.set("requestId", request_id.as_str());
    }
    respond(
        Flavor::Json,
        StatusCode::INTERNAL_SERVER_ERROR,
        &response_json(&response),
        &request_id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_answers_500_internal_without_its_message() {
        let response = panic_response(Box::new("index out of bounds in /srv/app/src/secret.rs"));
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(json["errors"][0]["extensions"]["code"], "INTERNAL");
        assert!(!String::from_utf8_lossy(&body).contains("secret.rs"));
    }

    #[test]
    fn request_errors_carry_their_code_and_no_data() {
        let error = AppError::RateLimited {
            retry_after_secs: 7,
        };
        let json = response_json(&error_response(&error));
        assert_eq!(json["errors"][0]["extensions"]["code"], "RATE_LIMITED");
        assert_eq!(json["errors"][0]["extensions"]["retryAfter"], 7);
        assert!(json.get("data").is_none());
    }
}
