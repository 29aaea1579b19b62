//! A small `graphql-transport-ws` client for the live-report tests.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use leadsource_tests::TestApp;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for something the server must do (not a speed bound).
pub const PATIENCE: Duration = Duration::from_secs(10);

/// What the server did next.
#[derive(Debug)]
pub enum Event {
    /// A protocol message.
    Message(Value),
    /// It closed the connection with this code and reason.
    Closed(u16, String),
    /// Nothing within the wait.
    Quiet,
}

pub struct LiveClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// `{"Authorization": "Bearer <credential>"}`.
pub fn bearer(credential: &str) -> Value {
    json!({ "Authorization": format!("Bearer {credential}") })
}

impl LiveClient {
    /// Opens `ws://…/graphql` with `subprotocol` (none when `None`).
    pub async fn open(app: &TestApp, subprotocol: Option<&str>) -> Self {
        let url = format!("ws://{}/graphql", app.addr);
        let mut request = url
            .into_client_request()
            .unwrap_or_else(|e| panic!("request: {e}"));
        if let Some(protocol) = subprotocol {
            request.headers_mut().insert(
                "sec-websocket-protocol",
                HeaderValue::from_str(protocol).unwrap_or_else(|e| panic!("header: {e}")),
            );
        }
        let (socket, _) = tokio_tungstenite::connect_async(request)
            .await
            .unwrap_or_else(|e| panic!("WebSocket handshake failed: {e}"));
        Self { socket }
    }

    /// Opens a connection and sends `connection_init` with `payload`: the client once
    /// acknowledged, or the close code and reason.
    pub async fn connect(app: &TestApp, payload: Option<Value>) -> Result<Self, (u16, String)> {
        let mut client = Self::open(app, Some("graphql-transport-ws")).await;
        let init = match payload {
            Some(payload) => json!({ "type": "connection_init", "payload": payload }),
            None => json!({ "type": "connection_init" }),
        };
        client.send(init).await;
        match client.event(PATIENCE).await {
            Event::Message(m) if m["type"] == "connection_ack" => Ok(client),
            Event::Closed(code, reason) => Err((code, reason)),
            other => panic!("neither an ack nor a close after connection_init: {other:?}"),
        }
    }

    /// Connects with `credential`, which must be accepted.
    pub async fn with(app: &TestApp, credential: &str) -> Self {
        Self::connect(app, Some(bearer(credential)))
            .await
            .unwrap_or_else(|(code, reason)| panic!("refused with {code}: {reason}"))
    }

    pub async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
            .unwrap_or_else(|e| panic!("send: {e}"));
    }

    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        let payload = json!({ "query": query, "variables": variables });
        self.send(json!({ "type": "subscribe", "id": id, "payload": payload }))
            .await;
    }

    /// The next protocol message or close within `wait`.
    pub async fn event(&mut self, wait: Duration) -> Event {
        let until = tokio::time::Instant::now() + wait;
        loop {
            let Ok(received) = tokio::time::timeout_at(until, self.socket.next()).await else {
                return Event::Quiet;
            };
            match received {
                Some(Ok(Message::Text(text))) => {
                    let value = serde_json::from_str(text.as_str())
                        .unwrap_or_else(|e| panic!("a message that is not JSON ({e}): {text}"));
                    return Event::Message(value);
                }
                Some(Ok(Message::Close(frame))) => {
                    return match frame {
                        Some(f) => Event::Closed(f.code.into(), f.reason.to_string()),
                        None => Event::Closed(1005, String::new()),
                    };
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Event::Closed(1006, e.to_string()),
                None => return Event::Closed(1006, "ended without a close frame".to_owned()),
            }
        }
    }

    /// The next message, which must come within [`PATIENCE`].
    pub async fn message(&mut self) -> Value {
        match self.event(PATIENCE).await {
            Event::Message(m) => m,
            other => panic!("expected a message, got {other:?}"),
        }
    }

    /// The payload of the next `next` message of operation `id`, within `wait`.
    pub async fn next_of(&mut self, id: &str, wait: Duration) -> Option<Value> {
        match self.event(wait).await {
            Event::Message(m) if m["type"] == "next" && m["id"] == id => Some(m["payload"].clone()),
            Event::Quiet => None,
            other => panic!("expected `next` of {id}, got {other:?}"),
        }
    }

    /// The close code and reason, which must come within [`PATIENCE`] (messages before it
    /// are skipped).
    pub async fn closed(&mut self) -> (u16, String) {
        let until = tokio::time::Instant::now() + PATIENCE;
        loop {
            let left = until.saturating_duration_since(tokio::time::Instant::now());
            match self.event(left).await {
                Event::Closed(code, reason) => return (code, reason),
                Event::Message(_) => {}
                Event::Quiet => panic!("the connection stayed open"),
            }
        }
    }
}
