//! The GraphQL-over-HTTP endpoint: our own thin handler instead of async-graphql-axum's,
//! so that content types, methods and status codes follow the specification.

use async_graphql::http::GraphiQLSource;
use async_graphql::{BatchRequest, BatchResponse, Request, Response, ServerError};
use async_graphql_parser::types::OperationType;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse};
use serde::Deserialize;

use super::HttpState;
use super::auth::principal_from_headers;
use crate::cache::trace::traced;
use crate::error::AppError;
use crate::graphql::operation::observed;
use crate::graphql::{errors, loaders};

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
/// With this header set to `1`, responses say in `extensions.cache` whether their
/// cached reports were hits (`HIT`) or computed (`MISS`).
pub const DEBUG_CACHE_HEADER: &str = "x-leadsource-debug-cache";
const MAX_BATCH: usize = 10;

/// Which media type the client asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    /// `application/graphql-response+json`: request errors get 4xx statuses.
    GraphqlResponse,
    /// `application/json`: always 200, errors in the body (legacy clients).
    Json,
}

fn flavor(headers: &HeaderMap) -> Flavor {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if accept.contains(GRAPHQL_RESPONSE_JSON) {
        Flavor::GraphqlResponse
    } else {
        Flavor::Json
    }
}

fn request_id(headers: &HeaderMap) -> String {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

/// A response made of one error with `code`, before any execution.
fn request_error(flavor: Flavor, status: StatusCode, error: AppError) -> axum::response::Response {
    let mut response = Response::from_errors(vec![ServerError::new(error.to_string(), None)]);
    let ext = response.errors[0]
        .extensions
        .get_or_insert_with(Default::default);
    ext.set("code", error.code());
    if let AppError::BadInput { field, .. } = &error {
        ext.set("field", field.as_str());
    }
    let status = if flavor == Flavor::Json
        && status != StatusCode::UNSUPPORTED_MEDIA_TYPE
        && status != StatusCode::METHOD_NOT_ALLOWED
    {
        StatusCode::OK
    } else {
        status
    };
    respond(flavor, status, &BatchResponse::Single(response))
}

fn respond(flavor: Flavor, status: StatusCode, body: &BatchResponse) -> axum::response::Response {
    let content_type = match flavor {
        Flavor::GraphqlResponse => GRAPHQL_RESPONSE_JSON,
        Flavor::Json => "application/json",
    };
    let json = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        json,
    )
        .into_response()
}

/// True when a response failed before execution (parse or validation): no data, no paths.
fn failed_before_execution(response: &Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// The operation type the request would run, when the document parses.
fn operation_type(request: &Request) -> Option<OperationType> {
    let doc = async_graphql_parser::parse_query(&request.query).ok()?;
    match (&doc.operations, request.operation_name.as_deref()) {
        (async_graphql_parser::types::DocumentOperations::Single(op), _) => Some(op.node.ty),
        (async_graphql_parser::types::DocumentOperations::Multiple(ops), Some(name)) => {
            ops.get(name).map(|op| op.node.ty)
        }
        (async_graphql_parser::types::DocumentOperations::Multiple(ops), None) => {
            (ops.len() == 1).then(|| ops.values().next().map(|op| op.node.ty))?
        }
    }
}

async fn execute(
    http: &HttpState,
    headers: &HeaderMap,
    flavor: Flavor,
    batch: BatchRequest,
) -> axum::response::Response {
    let request_id = request_id(headers);
    let principal = match principal_from_headers(&http.app, headers).await {
        Ok(p) => p,
        Err(e) => return request_error(flavor, StatusCode::UNAUTHORIZED, e),
    };
    let requests = match batch {
        BatchRequest::Single(r) => vec![r],
        BatchRequest::Batch(rs) => rs,
    };
    let single = requests.len() == 1;
    let debug_cache = headers
        .get(DEBUG_CACHE_HEADER)
        .is_some_and(|v| v.as_bytes() == b"1");
    let mut responses = Vec::with_capacity(requests.len());
    let mut all_failed_early = true;
    for mut request in requests {
        if let Some(p) = &principal {
            request = loaders::attach(request, &http.app, p.workspace_id).data(p.clone());
        }
        let started = std::time::Instant::now();
        let ((mut response, operation), cache) =
            traced(observed(http.schema.execute(request))).await;
        errors::finalize(&mut response, &request_id);
        http.app.metrics.graphql_request(
            operation.name.as_deref(),
            operation.kind(),
            response.errors.is_empty(),
            started.elapsed(),
        );
        if debug_cache && let Some(label) = cache.label() {
            response
                .extensions
                .insert("cache".to_owned(), async_graphql::Value::from(label));
        }
        all_failed_early &= failed_before_execution(&response);
        responses.push(response);
    }
    let status = if flavor == Flavor::GraphqlResponse && all_failed_early {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = if single {
        BatchResponse::Single(responses.remove(0))
    } else {
        BatchResponse::Batch(responses)
    };
    let mut out = respond(flavor, status, &body);
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        out.headers_mut().insert("x-request-id", value);
    }
    out
}

pub async fn graphql_post(
    State(http): State<HttpState>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let flavor = flavor(&headers);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return request_error(
            flavor,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::bad_input("content-type", "POST /graphql takes application/json"),
        );
    }
    let batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => {
            return request_error(
                flavor,
                StatusCode::BAD_REQUEST,
                AppError::bad_input("body", format!("not a GraphQL request: {e}")),
            );
        }
    };
    if let BatchRequest::Batch(items) = &batch
        && (items.len() > MAX_BATCH || items.is_empty())
    {
        {
            return request_error(
                flavor,
                StatusCode::BAD_REQUEST,
                AppError::bad_input(
                    "batch",
                    format!(
                        "1 to {MAX_BATCH} operations per batch (limit max_batch = {MAX_BATCH})"
                    ),
                ),
            );
        }
    }
    execute(&http, &headers, flavor, batch).await
}

#[derive(Deserialize)]
pub struct GetParams {
    query: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<String>,
}

/// GraphiQL for browsers; queries (never mutations) for `?query=`.
pub async fn graphql_get(
    State(http): State<HttpState>,
    headers: HeaderMap,
    Query(params): Query<GetParams>,
) -> axum::response::Response {
    let Some(query) = params.query else {
        return Html(GraphiQLSource::build().endpoint("/graphql").finish()).into_response();
    };
    let flavor = flavor(&headers);
    let mut request = Request::new(query);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(variables) = params.variables {
        match serde_json::from_str(&variables) {
            Ok(v) => request = request.variables(async_graphql::Variables::from_json(v)),
            Err(_) => {
                return request_error(
                    flavor,
                    StatusCode::BAD_REQUEST,
                    AppError::bad_input("variables", "not a JSON object"),
                );
            }
        }
    }
    if operation_type(&request) == Some(OperationType::Mutation) {
        let mut out = request_error(
            flavor,
            StatusCode::METHOD_NOT_ALLOWED,
            AppError::bad_input("method", "mutations need POST"),
        );
        out.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return out;
    }
    execute(&http, &headers, flavor, BatchRequest::Single(request)).await
}
