//! Live reports over a WebSocket at `GET /graphql` (subprotocol `graphql-transport-ws`):
//! the upgrade, and one task per connection (`connection.rs`).
//!
//! Credentials travel in the `connection_init` payload, since browsers cannot set headers
//! on a WebSocket: `{"Authorization": "Bearer <JWT or lsk_ token>"}`. Missing or refused,
//! the connection is closed with 4401 (4403 when they may not read reports). Only
//! subscriptions run here; each `subscribe` passes the same document guard and request rate
//! limit as a POST, and a principal holds at most `LIVE_MAX_SUBSCRIPTIONS` open.

mod connection;
pub mod protocol;
mod session;

use std::net::IpAddr;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocketUpgrade};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use futures::SinkExt;

use super::HttpState;
use protocol::{Close, SUBPROTOCOL};

/// What a connection's tasks send through its writer.
#[derive(Debug)]
pub enum Outgoing {
    /// A protocol message.
    Text(String),
    /// Operation `id` (its run number `seq`) ended by itself.
    Done { id: String, seq: u64 },
    /// Close the connection.
    Close(Close, String),
}

/// Accepts the upgrade; a client that did not offer `graphql-transport-ws` is closed with
/// 4406 once upgraded, as graphql-ws servers do.
pub fn upgrade(
    http: HttpState,
    upgrade: WebSocketUpgrade,
    client: Option<IpAddr>,
    request_id: String,
) -> Response {
    let max = http.app.settings.max_body_bytes;
    let upgrade = upgrade
        .protocols([SUBPROTOCOL])
        .max_message_size(max)
        .max_frame_size(max);
    let accepted = upgrade.selected_protocol().is_some();
    upgrade.on_upgrade(move |mut socket| async move {
        if !accepted {
            let reason = format!("Subprotocol not acceptable: use {SUBPROTOCOL}");
            close(&mut socket, Close::SubprotocolNotAcceptable, &reason).await;
            return;
        }
        connection::serve(http, socket, client, request_id).await;
    })
}

/// Sends a close frame (its reason cut to the 123 bytes a frame allows).
async fn close<S>(sink: &mut S, code: Close, reason: &str)
where
    S: futures::Sink<Message> + Unpin,
{
    let mut end = reason.len().min(123);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    let frame = CloseFrame {
        code: code.code(),
        reason: Utf8Bytes::from(&reason[..end]),
    };
    let _ = sink.send(Message::Close(Some(frame))).await;
}

/// Publishes that `workspace_id`'s data may have changed, with its generation now: the
/// answer of a mutation means its transaction committed (or rolled back, which a notice
/// at an unchanged generation only makes subscribers recheck). Skipped when nobody could
/// hear it.
pub async fn announce_change(app: &crate::state::AppState, workspace_id: i64) {
    if !app.live.has_audience() {
        return;
    }
    match app.cache.generation(workspace_id).await {
        Ok(generation) => app.live.publish(crate::live::ChangeNotice {
            workspace_id,
            generation: generation.generation,
        }),
        Err(error) => tracing::debug!(%error, "no live change notice: generation unreadable"),
    }
}

/// Whether a GET asks for a WebSocket (`Upgrade: websocket`).
pub fn asks_for_websocket(headers: &HeaderMap) -> bool {
    headers
        .get(header::UPGRADE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"))
}

/// The answer to a subscription sent over HTTP: BAD_USER_INPUT on `query`, naming the way.
pub fn refused_over_http() -> async_graphql::Response {
    let message = "subscriptions run over a WebSocket at /graphql (subprotocol \
                   graphql-transport-ws), not over HTTP; see README, \"Live reports\"";
    crate::graphql::errors::bad_input_response("query", message.to_owned())
}
