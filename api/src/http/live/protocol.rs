//! The messages and close codes of the `graphql-transport-ws` protocol
//! (github.com/enisdenjo/graphql-ws, PROTOCOL.md), as this server speaks them.

use async_graphql::{Response, ServerError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The WebSocket subprotocol.
pub const SUBPROTOCOL: &str = "graphql-transport-ws";

/// Why the server closes a connection. graphql-ws clients do not retry 4400, 4401, 4406,
/// 4409, 4429 and 4500; they retry 4403, 4408 and 1013.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Close {
    /// A message that is not the protocol's.
    BadRequest,
    /// No credentials, bad ones, expired or revoked ones; or `subscribe` before
    /// `connection_ack`.
    Unauthorized,
    /// Valid credentials that may not read reports.
    Forbidden,
    /// The client did not ask for `graphql-transport-ws`.
    SubprotocolNotAcceptable,
    /// No `connection_init` in time.
    InitTimeout,
    /// A `subscribe` reusing the id of a running operation.
    SubscriberExists,
    /// A second `connection_init`.
    TooManyInits,
    /// The database cannot be reached right now: connect again later.
    TryAgainLater,
}

impl Close {
    pub fn code(self) -> u16 {
        match self {
            Close::BadRequest => 4400,
            Close::Unauthorized => 4401,
            Close::Forbidden => 4403,
            Close::SubprotocolNotAcceptable => 4406,
            Close::InitTimeout => 4408,
            Close::SubscriberExists => 4409,
            Close::TooManyInits => 4429,
            Close::TryAgainLater => 1013,
        }
    }
}

/// What a client sends.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    ConnectionInit {
        #[serde(default)]
        payload: Option<Value>,
    },
    Ping {
        #[serde(default)]
        payload: Option<Value>,
    },
    Pong {
        #[serde(default)]
        payload: Option<Value>,
    },
    Subscribe {
        id: String,
        payload: SubscribePayload,
    },
    Complete {
        id: String,
    },
}

/// A `subscribe` message's GraphQL request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscribePayload {
    pub query: String,
    #[serde(default)]
    pub operation_name: Option<String>,
    #[serde(default)]
    pub variables: Option<Value>,
}

/// What the server sends.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ServerMessage<'a> {
    ConnectionAck,
    Pong {
        #[serde(skip_serializing_if = "Option::is_none")]
        payload: Option<&'a Value>,
    },
    Next {
        id: &'a str,
        payload: Value,
    },
    Error {
        id: &'a str,
        payload: &'a [ServerError],
    },
    Complete {
        id: &'a str,
    },
}

fn text(message: &ServerMessage<'_>) -> String {
    // These shapes always serialise; an empty text would be a protocol error, not a panic.
    serde_json::to_string(message).unwrap_or_default()
}

pub fn connection_ack() -> String {
    text(&ServerMessage::ConnectionAck)
}

pub fn pong(payload: Option<&Value>) -> String {
    text(&ServerMessage::Pong { payload })
}

/// One answer of operation `id`.
pub fn next(id: &str, response: &Response) -> String {
    let payload = crate::http::respond::response_json(response);
    text(&ServerMessage::Next { id, payload })
}

/// Operation `id` failed and ends (no `complete` follows).
pub fn error(id: &str, errors: &[ServerError]) -> String {
    text(&ServerMessage::Error {
        id,
        payload: errors,
    })
}

/// Operation `id` ended.
pub fn complete(id: &str) -> String {
    text(&ServerMessage::Complete { id })
}

/// The `Authorization` value of a `connection_init` payload: `{"Authorization": "Bearer …"}`,
/// `{"authorization": "Bearer …"}`, or `{"token": "…"}` (a bare credential, or `Bearer …`).
pub fn authorization(payload: Option<&Value>) -> Option<String> {
    let payload = payload?.as_object()?;
    let header = ["Authorization", "authorization"]
        .iter()
        .find_map(|key| payload.get(*key).and_then(Value::as_str));
    if let Some(value) = header {
        return Some(value.trim().to_owned());
    }
    let token = payload.get("token").and_then(Value::as_str)?.trim();
    if token.starts_with("Bearer ") || token.starts_with("bearer ") {
        Some(token.to_owned())
    } else {
        Some(format!("Bearer {token}"))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_credential_is_read_from_any_of_the_three_spellings() {
        let bearer = Some("Bearer lsk_x".to_owned());
        assert_eq!(
            authorization(Some(&json!({"Authorization": "Bearer lsk_x"}))),
            bearer
        );
        assert_eq!(
            authorization(Some(&json!({"authorization": "Bearer lsk_x"}))),
            bearer
        );
        assert_eq!(authorization(Some(&json!({"token": "lsk_x"}))), bearer);
        assert_eq!(
            authorization(Some(&json!({"token": "Bearer lsk_x"}))),
            bearer
        );
        assert_eq!(authorization(Some(&json!({}))), None);
        assert_eq!(authorization(Some(&json!("Bearer lsk_x"))), None);
        assert_eq!(authorization(None), None);
    }

    #[test]
    fn client_messages_parse_and_unknown_ones_do_not() {
        let subscribe: ClientMessage = serde_json::from_value(json!({
            "type": "subscribe", "id": "1",
            "payload": {"query": "subscription { x }", "operationName": null}
        }))
        .expect("a subscribe message");
        assert!(matches!(subscribe, ClientMessage::Subscribe { id, .. } if id == "1"));
        let init: ClientMessage =
            serde_json::from_value(json!({"type": "connection_init"})).expect("init");
        assert!(matches!(
            init,
            ClientMessage::ConnectionInit { payload: None }
        ));
        assert!(serde_json::from_value::<ClientMessage>(json!({"type": "start"})).is_err());
    }

    #[test]
    fn server_messages_have_the_protocol_shapes() {
        assert_eq!(connection_ack(), r#"{"type":"connection_ack"}"#);
        assert_eq!(complete("7"), r#"{"type":"complete","id":"7"}"#);
        assert_eq!(pong(None), r#"{"type":"pong"}"#);
    }
}
