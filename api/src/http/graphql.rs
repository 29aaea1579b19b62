//! The GraphQL-over-HTTP endpoint: our own thin handler instead of async-graphql-axum's,
//! so that media types, methods and status codes follow the specification, and every
//! document passes the pre-validation guard before async-graphql sees it.

use std::net::IpAddr;

use async_graphql::{BatchRequest, Request, Response};
use async_graphql_parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{Query, State, WebSocketUpgrade};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;

use super::HttpState;
use super::auth::principal_from_headers;
use super::negotiate::{Flavor, is_json_body, negotiate, wants_html};
use super::nul::nul_location;
use super::rate_limit::{charge, rate_units};
use super::respond::{
    error_response, failed_before_execution, request_error, respond_bytes, response_bytes,
    set_retry_after, status_of,
};
use crate::auth::sign_in::ClientAddr;
use crate::cache::trace::{Trace, traced};
use crate::db::availability::RETRY_AFTER_SECS;
use crate::error::AppError;
use crate::graphql::document_guard::inspect_document;
use crate::graphql::operation::{Operation, observed};
use crate::graphql::{errors, loaders};
use crate::http::parsed::Parsed;

/// With this header set to `1`, responses say in `extensions.cache` whether their
/// cached reports were hits (`HIT`) or computed (`MISS`).
pub const DEBUG_CACHE_HEADER: &str = "x-leadsource-debug-cache";

/// The type of the operation `name` selects (the guard has already checked the choice).
pub(crate) fn operation_type(
    doc: &ExecutableDocument,
    name: Option<&str>,
) -> Option<OperationType> {
    match (&doc.operations, name) {
        (DocumentOperations::Single(op), _) => Some(op.node.ty),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| op.node.ty),
        (DocumentOperations::Multiple(ops), None) => ops.values().next().map(|op| op.node.ty),
    }
}

/// What the guard learnt of an accepted request: its operation type and report fields.
#[derive(Clone, Copy)]
struct Accepted {
    ty: Option<OperationType>,
    reports: usize,
}

/// Runs the guard on `request`: the parsed document goes into the request, or the
/// refusal becomes the response.
fn guard(http: &HttpState, request: &mut Request) -> Result<Accepted, Box<Response>> {
    if let Some(at) = nul_location(request) {
        let message = format!("{at} contains a NUL character (U+0000), which no field accepts");
        return Err(Box::new(errors::bad_input_response(&at, message)));
    }
    let name = request.operation_name.as_deref();
    let accepted = if let Some(kept) = http.parsed.get(&request.query, name) {
        request.set_parsed_query(kept.document.clone());
        Accepted {
            ty: kept.ty,
            reports: kept.reports,
        }
    } else {
        match inspect_document(&request.query, name, &http.document_limits) {
            Ok((document, shape)) => {
                let ty = operation_type(&document, name);
                let parsed = Parsed {
                    document: document.clone(),
                    ty,
                    reports: shape.reports,
                };
                http.parsed.keep(&request.query, name, parsed);
                request.set_parsed_query(document);
                Accepted {
                    ty,
                    reports: shape.reports,
                }
            }
            Err(rejection) => return Err(Box::new(errors::rejection_response(&rejection))),
        }
    };
    if accepted.ty == Some(OperationType::Subscription) {
        return Err(Box::new(super::live::refused_over_http()));
    }
    Ok(accepted)
}

/// Each request of a batch, guarded: ready to execute, or already answered.
type Guarded = Result<Request, Box<Response>>;

/// The guarded requests, whether the body held one request (not a batch), and the rate
/// units they cost.
struct GuardedBatch {
    requests: Vec<Guarded>,
    single: bool,
    units: usize,
}

fn guard_all(http: &HttpState, batch: BatchRequest) -> GuardedBatch {
    let (requests, single) = match batch {
        BatchRequest::Single(r) => (vec![r], true),
        BatchRequest::Batch(rs) => (rs, false),
    };
    let mut units = 0usize;
    let requests = requests
        .into_iter()
        .map(|mut r| {
            let accepted = guard(http, &mut r);
            units = units.saturating_add(accepted.as_ref().map_or(1, |a| rate_units(a.reports)));
            accepted.map(|_| r)
        })
        .collect();
    GuardedBatch {
        requests,
        single,
        units,
    }
}

async fn execute(
    http: &HttpState,
    headers: &HeaderMap,
    client: Option<IpAddr>,
    flavor: Flavor,
    batch: GuardedBatch,
    request_id: &str,
) -> axum::response::Response {
    let GuardedBatch {
        requests,
        single,
        units,
    } = batch;
    let availability = &http.app.db.availability;
    if availability.is_down() {
        let error = AppError::unavailable();
        return request_error(flavor, status_of(&error), &error, request_id);
    }
    let principal = match principal_from_headers(&http.app, headers).await {
        Ok(p) => p,
        Err(e) => {
            let e = e.unavailable_or_self();
            if e.is_unavailable() {
                availability.suspect();
            }
            return request_error(flavor, status_of(&e), &e, request_id);
        }
    };
    if let Err(retry_after_secs) = charge(&http.app, principal.as_ref(), client, units).await {
        let error = AppError::RateLimited { retry_after_secs };
        return request_error(flavor, StatusCode::TOO_MANY_REQUESTS, &error, request_id);
    }
    let debug_cache = headers
        .get(DEBUG_CACHE_HEADER)
        .is_some_and(|v| v.as_bytes() == b"1");
    let mut bodies = Vec::with_capacity(requests.len());
    let mut all_failed_early = true;
    let mut unavailable = false;
    let mut timed_out = false;
    // Some data answered: a 503 could make clients retry writes that were done.
    let mut executed_something = false;
    // A mutation ran: live subscriptions of the workspace look again once it is answered.
    let mut wrote = false;
    let limit_ms = http.app.settings.limits.request_timeout_ms;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_millis(limit_ms);
    let report_cache = &http.app.cache;
    for guarded in requests {
        if unavailable {
            // The database went away under this batch: the rest is not tried.
            let refused = error_response(&AppError::unavailable());
            bodies.push(response_bytes(&refused));
            continue;
        }
        let started = std::time::Instant::now();
        let mut plan = None;
        let (mut response, operation, cache) = match guarded {
            Err(refused) => (*refused, Operation::default(), Trace::default()),
            Ok(mut request) => {
                plan = http
                    .rendered
                    .plan(report_cache, principal.as_ref(), &mut request)
                    .await;
                if let Some(kept) = plan
                    .as_ref()
                    .and_then(|p| http.rendered.hit(report_cache, p))
                {
                    let name = plan.as_ref().and_then(|p| p.operation.as_deref());
                    let elapsed = started.elapsed();
                    http.app
                        .metrics
                        .graphql_request(name, "query", true, elapsed);
                    all_failed_early = false;
                    bodies.push(with_cache_label(kept, debug_cache.then_some("HIT")));
                    continue;
                }
                request = request.data(ClientAddr(client));
                if let Some(p) = &principal {
                    request = loaders::attach(request, &http.app, p.workspace_id).data(p.clone());
                }
                let executed = tokio::time::timeout_at(
                    deadline,
                    traced(observed(http.schema.execute(request))),
                )
                .await;
                match executed {
                    Ok(((mut response, operation), cache)) => {
                        errors::name_schema_limits(&mut response, &http.app.settings.limits);
                        (response, operation, cache)
                    }
                    Err(_) => {
                        timed_out = true;
                        let error = AppError::Timeout { limit_ms };
                        (
                            error_response(&error),
                            Operation::default(),
                            Trace::default(),
                        )
                    }
                }
            }
        };
        errors::finalize(&mut response, request_id);
        wrote |= operation.kind() == "mutation";
        http.app.metrics.graphql_request(
            operation.name.as_deref(),
            operation.kind(),
            response.errors.is_empty(),
            started.elapsed(),
        );
        unavailable |= errors::any_unavailable(&response);
        executed_something |= response.data != async_graphql::Value::Null;
        all_failed_early &= failed_before_execution(&response);
        let body = response_bytes(&response);
        if let Some(plan) = plan.filter(|_| response.errors.is_empty()) {
            http.rendered.keep(plan, body.clone());
        }
        let label = cache.label().filter(|_| debug_cache);
        bodies.push(with_cache_label(body, label));
    }
    if unavailable {
        availability.suspect();
    }
    if wrote && let Some(p) = &principal {
        super::live::announce_change(&http.app, p.workspace_id).await;
    }
    let status = if (unavailable || timed_out) && !executed_something {
        StatusCode::SERVICE_UNAVAILABLE
    } else if flavor == Flavor::GraphqlResponse && all_failed_early {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = if single {
        bodies.pop().unwrap_or_default()
    } else {
        json_array(&bodies)
    };
    let mut out = respond_bytes(flavor, status, body, request_id);
    if unavailable && status == StatusCode::SERVICE_UNAVAILABLE {
        set_retry_after(&mut out, RETRY_AFTER_SECS);
    }
    out
}

/// `[a,b,…]` of JSON texts.
fn json_array(items: &[Bytes]) -> Bytes {
    let mut out = Vec::with_capacity(items.iter().map(|b| b.len() + 1).sum::<usize>() + 2);
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(item);
    }
    out.push(b']');
    Bytes::from(out)
}

fn not_acceptable(request_id: &str) -> axum::response::Response {
    let error = AppError::bad_input(
        "accept",
        "this endpoint answers application/graphql-response+json or application/json",
    );
    request_error(Flavor::Json, StatusCode::NOT_ACCEPTABLE, &error, request_id)
}

pub async fn graphql_post(
    State(http): State<HttpState>,
    headers: HeaderMap,
    extensions: Extensions,
    body: Result<Bytes, BytesRejection>,
) -> axum::response::Response {
    let request_id = super::respond::request_id(&headers);
    let Some(flavor) = negotiate(&headers) else {
        return not_acceptable(&request_id);
    };
    let refuse = |status, error: AppError| request_error(flavor, status, &error, &request_id);
    if !is_json_body(&headers) {
        let error = AppError::bad_input("content-type", "POST /graphql takes application/json");
        return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, error);
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            let limit = http.app.settings.max_body_bytes;
            let message =
                format!("request body over {limit} bytes (limit max_body_bytes = {limit})");
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                AppError::bad_input("body", message),
            );
        }
        Err(rejection) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                AppError::bad_input("body", rejection.body_text()),
            );
        }
    };
    let max = http.app.settings.limits.max_batch_operations;
    let batch = match parse_batch(&body, max) {
        Ok(batch) => batch,
        Err(error) => return refuse(StatusCode::BAD_REQUEST, error),
    };
    let guarded = guard_all(&http, batch);
    execute(
        &http,
        &headers,
        http.trusted_proxies.client_of(&extensions, &headers),
        flavor,
        guarded,
        &request_id,
    )
    .await
}

/// A JSON body as one request (an object with a string `query`) or a batch of 1 to `max`.
fn parse_batch(body: &[u8], max: usize) -> Result<BatchRequest, AppError> {
    // The common case, one request object, straight into a `Request`: a 10,000-row bulk
    // write is megabytes of JSON, and a detour through `serde_json::Value` built it twice.
    // Any failure takes the path below, which accepts the same bodies and names the fault.
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    // (`Request` defaults a missing query to "", so an empty one is left to that path too.)
    if first == Some(&b'{')
        && let Ok(request) = serde_json::from_slice::<Request>(body)
        && !request.query.is_empty()
    {
        return Ok(BatchRequest::Single(request));
    }
    let not_graphql =
        |why: String| AppError::bad_input("body", format!("not a GraphQL request: {why}"));
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| not_graphql(e.to_string()))?;
    let one = |value: serde_json::Value| -> Result<Request, AppError> {
        if !value.get("query").is_some_and(serde_json::Value::is_string) {
            return Err(AppError::bad_input(
                "query",
                "missing; send {\"query\": \"…\"}",
            ));
        }
        serde_json::from_value(value).map_err(|e| not_graphql(e.to_string()))
    };
    match value {
        serde_json::Value::Array(items) => {
            if items.is_empty() || items.len() > max {
                let message =
                    format!("1 to {max} operations per batch (limit max_batch_operations = {max})");
                return Err(AppError::bad_input("batch", message));
            }
            Ok(BatchRequest::Batch(
                items.into_iter().map(one).collect::<Result<_, _>>()?,
            ))
        }
        value @ serde_json::Value::Object(_) => Ok(BatchRequest::Single(one(value)?)),
        _ => Err(not_graphql(
            "expected an object or an array of objects".to_owned(),
        )),
    }
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
    extensions: Extensions,
    websocket: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
    Query(params): Query<GetParams>,
) -> axum::response::Response {
    let request_id = super::respond::request_id(&headers);
    match websocket {
        Ok(upgrade) => {
            let client = http.trusted_proxies.client_of(&extensions, &headers);
            return super::live::upgrade(http, upgrade, client, request_id);
        }
        // A WebSocket handshake that does not hold gets its refusal; other GETs go on.
        Err(refused) if super::live::asks_for_websocket(&headers) => {
            return refused.into_response();
        }
        Err(_) => {}
    }
    let Some(query) = params.query else {
        if wants_html(&headers) {
            return super::dashboard::graphiql();
        }
        let flavor = negotiate(&headers).unwrap_or(Flavor::Json);
        let error = AppError::bad_input("query", "missing; GET /graphql takes ?query=");
        return request_error(flavor, StatusCode::BAD_REQUEST, &error, &request_id);
    };
    let Some(flavor) = negotiate(&headers) else {
        return not_acceptable(&request_id);
    };
    let mut request = Request::new(query);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(variables) = params.variables {
        match serde_json::from_str::<serde_json::Value>(&variables) {
            Ok(v) if v.is_object() => {
                request = request.variables(async_graphql::Variables::from_json(v));
            }
            _ => {
                let error = AppError::bad_input("variables", "not a JSON object");
                return request_error(flavor, StatusCode::BAD_REQUEST, &error, &request_id);
            }
        }
    }
    // A mutation over GET could be triggered by a link or an image: refuse it by type.
    let guarded = guard(&http, &mut request);
    if let Ok(Accepted {
        ty: Some(OperationType::Mutation),
        ..
    }) = guarded
    {
        let error = AppError::bad_input("method", "mutations need POST");
        let mut out = request_error(flavor, StatusCode::METHOD_NOT_ALLOWED, &error, &request_id);
        out.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return out;
    }
    let units = guarded.as_ref().map_or(1, |a| rate_units(a.reports));
    let guarded = GuardedBatch {
        requests: vec![guarded.map(|_| request)],
        single: true,
        units,
    };
    execute(
        &http,
        &headers,
        http.trusted_proxies.client_of(&extensions, &headers),
        flavor,
        guarded,
        &request_id,
    )
    .await
}

/// `extensions.cache` of an answer, for a request that sent the debug header (the only
/// case where a rendered answer is decoded again).
fn with_cache_label(body: Bytes, label: Option<&str>) -> Bytes {
    let Some(label) = label else {
        return body;
    };
    let Ok(mut answer) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return body;
    };
    let Some(object) = answer.as_object_mut() else {
        return body;
    };
    let extensions = object
        .entry("extensions")
        .or_insert_with(|| serde_json::json!({}));
    if let Some(extensions) = extensions.as_object_mut() {
        extensions.insert("cache".to_owned(), serde_json::Value::from(label));
    }
    serde_json::to_vec(&answer).map_or(body, Bytes::from)
}
