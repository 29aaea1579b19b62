//! One WebSocket connection: `connection_init` first (within `READ_TIMEOUT_SECS`), then
//! subscriptions, each a task whose answers a single writer sends in order.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::{Request, ServerError, Variables};
use async_graphql_parser::types::OperationType;
use axum::extract::ws::{Message, WebSocket};
use futures::SinkExt;
use futures::stream::{SplitSink, StreamExt};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use super::protocol::{self, ClientMessage, Close, SubscribePayload};
use super::session::Session;
use super::{Outgoing, close};
use crate::auth::Principal;
use crate::auth::sign_in::ClientAddr;
use crate::error::AppError;
use crate::graphql::document_guard::inspect_document;
use crate::graphql::subscription::LiveRecheck;
use crate::graphql::{errors, loaders};
use crate::http::HttpState;
use crate::http::graphql::operation_type;
use crate::http::rate_limit::{charge, rate_key, rate_units};
use crate::http::respond::error_response;

/// Messages the subscriptions of one connection may queue before they wait for the writer.
const QUEUE: usize = 64;

/// Intervals of silence after which a client is gone. The server pings every `LIVE_PING_SECS`;
/// a client that answers nothing (not even the pong every WebSocket client sends by itself) for
/// this many intervals is gone: a sleeping laptop or a dropped network leaves a half-open socket
/// that would otherwise hold its subscriptions, and their per-principal slots, until TCP gives
/// up.
const SILENT_INTERVALS: u32 = 2;

/// What the loop does after a message.
enum Flow {
    Continue,
    Close(Close, String),
}

struct Connection {
    http: HttpState,
    client: Option<IpAddr>,
    request_id: String,
    session: Option<Arc<Session>>,
    /// Running operations by id, with their run number.
    running: HashMap<String, (u64, AbortHandle)>,
    runs: u64,
    out: mpsc::Sender<Outgoing>,
    sink: SplitSink<WebSocket, Message>,
}

pub async fn serve(http: HttpState, socket: WebSocket, client: Option<IpAddr>, request_id: String) {
    let (sink, mut incoming) = socket.split();
    let (out, mut queued) = mpsc::channel(QUEUE);
    let init_within = Duration::from_secs(http.app.settings.read_timeout_secs);
    let mut connection = Connection {
        http,
        client,
        request_id,
        session: None,
        running: HashMap::new(),
        runs: 0,
        out,
        sink,
    };
    let init_deadline = tokio::time::sleep(init_within);
    tokio::pin!(init_deadline);
    let ping_every = Duration::from_secs(connection.http.app.settings.live.live_ping_secs);
    let mut keep_alive =
        tokio::time::interval_at(tokio::time::Instant::now() + ping_every, ping_every);
    let mut heard = Instant::now();
    let ending = loop {
        let flow = tokio::select! {
            received = incoming.next() => {
                heard = Instant::now();
                match received {
                Some(Ok(Message::Text(text))) => connection.on_text(text.as_str()).await,
                Some(Ok(Message::Binary(bytes))) => match std::str::from_utf8(&bytes) {
                    Ok(text) => connection.on_text(text).await,
                    Err(_) => Flow::Close(Close::BadRequest, "Invalid message: not UTF-8".to_owned()),
                },
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => Flow::Continue,
                Some(Ok(Message::Close(_)) | Err(_)) | None => break None,
            }},
            Some(outgoing) = queued.recv() => match outgoing {
                Outgoing::Text(text) => {
                    if connection.sink.send(Message::Text(text.into())).await.is_err() {
                        break None;
                    }
                    Flow::Continue
                }
                Outgoing::Op { id, seq, text } => {
                    let current = connection.running.get(&id).is_some_and(|(run, _)| *run == seq);
                    if current && connection.sink.send(Message::Text(text.into())).await.is_err() {
                        break None;
                    }
                    Flow::Continue
                }
                Outgoing::Done { id, seq } => {
                    if connection.running.get(&id).is_some_and(|(run, _)| *run == seq) {
                        connection.running.remove(&id);
                    }
                    Flow::Continue
                }
                Outgoing::Close(code, reason) => Flow::Close(code, reason),
            },
            () = &mut init_deadline, if connection.session.is_none() => {
                Flow::Close(Close::InitTimeout, "Connection initialisation timeout".to_owned())
            }
            _ = keep_alive.tick() => {
                if heard.elapsed() > SILENT_INTERVALS * ping_every {
                    Flow::Close(Close::GoneQuiet, "No answer to pings".to_owned())
                } else if connection.sink.send(Message::Ping(Vec::new().into())).await.is_err() {
                    break None;
                } else {
                    Flow::Continue
                }
            }
        };
        if let Flow::Close(code, reason) = flow {
            break Some((code, reason));
        }
    };
    for (_, (_, task)) in connection.running.drain() {
        task.abort();
    }
    if let Some((code, reason)) = ending {
        close(&mut connection.sink, code, &reason).await;
    }
}

impl Connection {
    async fn on_text(&mut self, text: &str) -> Flow {
        let message = match serde_json::from_str::<ClientMessage>(text) {
            Ok(message) => message,
            Err(error) => {
                return Flow::Close(Close::BadRequest, format!("Invalid message: {error}"));
            }
        };
        match message {
            ClientMessage::ConnectionInit { payload } => self.on_init(payload.as_ref()).await,
            ClientMessage::Ping { payload } => self.send(protocol::pong(payload.as_ref())).await,
            ClientMessage::Pong { .. } => Flow::Continue,
            ClientMessage::Subscribe { id, payload } => self.on_subscribe(id, payload).await,
            ClientMessage::Complete { id } => {
                if let Some((_, task)) = self.running.remove(&id) {
                    task.abort();
                }
                Flow::Continue
            }
        }
    }

    async fn send(&mut self, text: String) -> Flow {
        // A failed send means the client is gone: the next read ends the loop.
        let _ = self.sink.send(Message::Text(text.into())).await;
        Flow::Continue
    }

    async fn on_init(&mut self, payload: Option<&serde_json::Value>) -> Flow {
        if self.session.is_some() {
            return Flow::Close(
                Close::TooManyInits,
                "Too many initialisation requests".to_owned(),
            );
        }
        let Some(authorization) = protocol::authorization(payload) else {
            return Flow::Close(
                Close::Unauthorized,
                "Unauthorized: send {\"Authorization\": \"Bearer <token>\"} in connection_init"
                    .to_owned(),
            );
        };
        let session = Session::new(self.http.app.clone(), authorization, self.out.clone());
        if let Err((code, reason)) = session.principal().await {
            return Flow::Close(code, reason);
        }
        self.session = Some(Arc::new(session));
        self.send(protocol::connection_ack()).await
    }

    async fn on_subscribe(&mut self, id: String, payload: SubscribePayload) -> Flow {
        let Some(session) = self.session.clone() else {
            return Flow::Close(Close::Unauthorized, "Unauthorized".to_owned());
        };
        if self.running.contains_key(&id) {
            let reason = format!("Subscriber for {id} already exists");
            return Flow::Close(Close::SubscriberExists, reason);
        }
        // Credentials may have been revoked since the connection opened.
        let principal = match session.principal().await {
            Ok(principal) => principal,
            // A database blip refuses this operation only; the connection's other
            // subscriptions keep running and the client may subscribe again.
            Err((Close::TryAgainLater, _)) => {
                let refused = error_response(&AppError::unavailable());
                return self.send(protocol::error(&id, &refused.errors)).await;
            }
            Err((code, reason)) => return Flow::Close(code, reason),
        };
        match self.admit(payload) {
            Ok((request, reports)) => {
                let units = rate_units(reports);
                if let Err(retry_after_secs) =
                    charge(&self.http.app, Some(&principal), self.client, units).await
                {
                    let refused = error_response(&AppError::RateLimited { retry_after_secs });
                    return self.send(protocol::error(&id, &refused.errors)).await;
                }
                let key = rate_key(Some(&principal), self.client);
                let Some(slot) = self.http.app.live.slots().take(&key) else {
                    let max = self.http.app.live.slots().max();
                    let refused = error_response(&AppError::TooManySubscriptions { max });
                    return self.send(protocol::error(&id, &refused.errors)).await;
                };
                let request = self.prepare(request, &principal, &session);
                self.start(id, request, slot);
                Flow::Continue
            }
            Err(refused) => self.send(protocol::error(&id, &refused)).await,
        }
    }

    /// The request, parsed and guarded like a POST's, if it is one subscription; with the
    /// number of report fields it asks for.
    fn admit(&self, payload: SubscribePayload) -> Result<(Request, usize), Vec<ServerError>> {
        let name = payload.operation_name.as_deref();
        let (document, shape) = inspect_document(&payload.query, name, &self.http.document_limits)
            .map_err(|rejection| errors::rejection_response(&rejection).errors)?;
        if operation_type(&document, name) != Some(OperationType::Subscription) {
            return Err(errors::bad_input_response(
                "query",
                "only subscriptions run over the WebSocket; send queries and mutations with \
                 POST /graphql"
                    .to_owned(),
            )
            .errors);
        }
        let mut request = Request::new(payload.query);
        if let Some(name) = payload.operation_name {
            request = request.operation_name(name);
        }
        if let Some(variables) = payload.variables.filter(|v| !v.is_null()) {
            if !variables.is_object() {
                return Err(errors::bad_input_response(
                    "variables",
                    "not a JSON object".to_owned(),
                )
                .errors);
            }
            request = request.variables(Variables::from_json(variables));
        }
        request.set_parsed_query(document);
        Ok((request, shape.reports))
    }

    /// The request with what resolvers read: caller, loaders, address, credentials check.
    fn prepare(&self, request: Request, principal: &Principal, session: &Arc<Session>) -> Request {
        let request = request.data(ClientAddr(self.client)).data(LiveRecheck(
            Arc::clone(session) as Arc<dyn crate::live::Recheck>
        ));
        loaders::attach(request, &self.http.app, principal.workspace_id).data(principal.clone())
    }

    /// Runs operation `id` in a task that queues its answers, then `complete` (or `error`).
    fn start(&mut self, id: String, request: Request, slot: crate::live::Slot) {
        self.runs += 1;
        let seq = self.runs;
        let out = self.out.clone();
        let schema = self.http.schema.clone();
        let limits = self.http.app.settings.limits.clone();
        let request_id = self.request_id.clone();
        let task_id = id.clone();
        let metrics = self.http.app.metrics.clone();
        let task = tokio::spawn(async move {
            let _open = Open::new(slot, metrics.clone());
            let id = task_id;
            let mut answers = schema.execute_stream(request);
            let mut failed = false;
            // The last answer sent, as the client received it: an answer that renders the same
            // (a write elsewhere in the workspace) is not sent again, while a change only the
            // nested fields show (a renamed channel) is.
            let mut sent: Option<async_graphql::Value> = None;
            while let Some(mut response) = answers.next().await {
                errors::name_schema_limits(&mut response, &limits);
                errors::finalize(&mut response, &request_id);
                if response.errors.is_empty() && sent.as_ref() == Some(&response.data) {
                    continue;
                }
                if response.errors.is_empty() {
                    sent = Some(response.data.clone());
                }
                let text =
                    if response.data == async_graphql::Value::Null && !response.errors.is_empty() {
                        failed = true;
                        protocol::error(&id, &response.errors)
                    } else {
                        metrics.live_push();
                        protocol::next(&id, &response)
                    };
                let message = Outgoing::Op {
                    id: id.clone(),
                    seq,
                    text,
                };
                if out.send(message).await.is_err() || failed {
                    break;
                }
            }
            if !failed {
                let text = protocol::complete(&id);
                let _ = out
                    .send(Outgoing::Op {
                        id: id.clone(),
                        seq,
                        text,
                    })
                    .await;
            }
            let _ = out.send(Outgoing::Done { id, seq }).await;
        });
        self.running.insert(id, (seq, task.abort_handle()));
    }
}

/// A running subscription: its slot and its count in `/metrics`, both given back on drop
/// (when it completes, fails, or is aborted).
struct Open {
    _slot: crate::live::Slot,
    metrics: crate::metrics::Metrics,
}

impl Open {
    fn new(slot: crate::live::Slot, metrics: crate::metrics::Metrics) -> Self {
        metrics.live_subscriptions(1.0);
        Self {
            _slot: slot,
            metrics,
        }
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.metrics.live_subscriptions(-1.0);
    }
}
