//! The one place errors get their `extensions.code`, and internal details are withheld.

use async_graphql::{Name, Response, ServerError, Value};

use crate::error::AppError;

/// Sets `extensions.code` on every error of `response`; internal errors are logged with
/// `request_id` and replaced by a generic message that carries only that id.
pub fn finalize(response: &mut Response, request_id: &str) {
    for error in &mut response.errors {
        classify(error, request_id);
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
    match error.source::<AppError>() {
        None => {
            // async-graphql's own errors: argument coercion and the like.
            let code = if error.message.starts_with("Failed to parse")
                || error.message.contains("Invalid value for argument")
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
