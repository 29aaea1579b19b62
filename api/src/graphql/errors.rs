//! The one place errors get their `extensions.code`, and internal details are withheld.

use std::sync::Arc;

use async_graphql::{Name, Response, ServerError, Value};

use super::document_guard::DocumentRejection;
use crate::config::LimitSettings;
use crate::db::availability::RETRY_AFTER_SECS;
use crate::error::AppError;

/// Sets `extensions.code` on every error of `response`; internal errors are logged with
/// `request_id` and replaced by a generic message that carries only that id.
pub fn finalize(response: &mut Response, request_id: &str) {
    for error in &mut response.errors {
        classify(error, request_id);
    }
}

/// True when an error of `response` says the database is unavailable.
pub fn any_unavailable(response: &Response) -> bool {
    response.errors.iter().any(|e| {
        e.extensions
            .as_ref()
            .and_then(|x| x.get("code"))
            .is_some_and(|code| *code == Value::from("UNAVAILABLE"))
    })
}

/// The error behind `error`, whether raised directly or shared by a DataLoader.
fn app_error(error: &ServerError) -> Option<&AppError> {
    error
        .source::<AppError>()
        .or_else(|| error.source::<Arc<AppError>>().map(|e| e.as_ref()))
}

/// Rewrites async-graphql's refusals of the schema limits ("Query is too complex.") as
/// BAD_USER_INPUT naming the limit and its value, like the document guard's refusals.
pub fn name_schema_limits(response: &mut Response, limits: &LimitSettings) {
    for error in &mut response.errors {
        let (what, name, value) = match error.message.as_str() {
            "Query is too complex." => (
                "is too complex",
                "max_query_complexity",
                limits.max_query_complexity,
            ),
            "Query is nested too deep." => {
                ("nests fields too deep", "max_depth", limits.max_query_depth)
            }
            _ => continue,
        };
        error.message = format!("query {what} (limit {name} = {value})");
        let ext = error.extensions.get_or_insert_with(Default::default);
        ext.set("code", "BAD_USER_INPUT");
        ext.set("field", "query");
        ext.set("limit", name);
        ext.set("limitValue", value as u64);
    }
}

fn classify(error: &mut ServerError, request_id: &str) {
    if error
        .extensions
        .as_ref()
        .is_some_and(|e| e.get("code").is_some())
    {
        return;
    }
    let mut extensions = error.extensions.take().unwrap_or_default();
    let mut message = None;
    match app_error(error) {
        None if !error.path.is_empty()
            && !error.message.starts_with("Failed to parse")
            && !error.message.contains("Invalid value for argument") =>
        {
            // An execution error that did not come through AppError: its text is unknown.
            tracing::error!(request.id = request_id, error = %error.message, "internal error");
            message = Some(format!("internal error (request id {request_id})"));
            extensions.set("code", "INTERNAL");
            extensions.set("requestId", request_id);
        }
        None => {
            // async-graphql's own errors: parsing, validation, argument coercion.
            let code = if error.message.starts_with("Failed to parse")
                || error.message.contains("Invalid value for argument")
                || error.message.starts_with("Invalid value for")
            {
                "BAD_USER_INPUT"
            } else {
                "GRAPHQL_VALIDATION_FAILED"
            };
            extensions.set("code", code);
        }
        Some(app) => {
            extensions.set("code", app.code());
            match app {
                AppError::BadInput { field, .. } => extensions.set("field", field.as_str()),
                AppError::BadRows(rows) => extensions.set("rows", rows_value(rows)),
                AppError::RateLimited { retry_after_secs } => {
                    extensions.set("retryAfter", *retry_after_secs)
                }
                app if app.is_unavailable() => {
                    tracing::warn!(request.id = request_id, error = ?app, "database unavailable");
                    message = Some(AppError::unavailable().to_string());
                    extensions.set("retryAfter", RETRY_AFTER_SECS);
                }
                AppError::Internal(_) | AppError::Database(_) => {
                    tracing::error!(request.id = request_id, error = ?app, "internal error");
                    message = Some(format!("internal error (request id {request_id})"));
                    extensions.set("requestId", request_id);
                }
                _ => {}
            }
        }
    }
    error.extensions = Some(extensions);
    if let Some(message) = message {
        error.message = message;
    }
}

/// A document refused by the guard, as a response: BAD_USER_INPUT naming the limit and
/// its value, GRAPHQL_PARSE_FAILED with the position, or GRAPHQL_VALIDATION_FAILED.
pub fn rejection_response(rejection: &DocumentRejection) -> Response {
    let mut error = match rejection {
        DocumentRejection::Syntax(parse) => ServerError::from(parse.clone()),
        other => ServerError::new(other.to_string(), None),
    };
    let ext = error.extensions.get_or_insert_with(Default::default);
    match (rejection.limit_name(), rejection.limit_value()) {
        (Some(name), Some(value)) => {
            ext.set("code", "BAD_USER_INPUT");
            ext.set("field", "query");
            ext.set("limit", name);
            ext.set("limitValue", value as u64);
        }
        _ if matches!(rejection, DocumentRejection::Syntax(_)) => {
            ext.set("code", "GRAPHQL_PARSE_FAILED");
        }
        _ => ext.set("code", "GRAPHQL_VALIDATION_FAILED"),
    }
    Response::from_errors(vec![error])
}

/// A request refused before execution for a bad value: BAD_USER_INPUT naming `field`.
pub fn bad_input_response(field: &str, message: String) -> Response {
    let mut error = ServerError::new(message, None);
    let ext = error.extensions.get_or_insert_with(Default::default);
    ext.set("code", "BAD_USER_INPUT");
    ext.set("field", field);
    Response::from_errors(vec![error])
}

/// Bad rows as a list of `{index, field, reason}` objects.
fn rows_value(rows: &[crate::error::RowError]) -> Value {
    let list = rows
        .iter()
        .map(|r| {
            let mut m = async_graphql::indexmap::IndexMap::new();
            m.insert(Name::new("index"), Value::from(r.index as u64));
            m.insert(Name::new("field"), Value::from(r.field.as_str()));
            m.insert(Name::new("reason"), Value::from(r.reason.as_str()));
            Value::Object(m)
        })
        .collect();
    Value::List(list)
}
