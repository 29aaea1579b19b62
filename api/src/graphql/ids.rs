//! Opaque GraphQL ids: base64url of "Kind:number", so clients never build ids by hand.

use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{AppError, AppResult};

/// The kinds of object that carry an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Workspace,
    Channel,
    Campaign,
    Budget,
    Lead,
    Touchpoint,
    Conversion,
    ApiToken,
    User,
    Invitation,
}

impl IdKind {
    fn tag(self) -> &'static str {
        match self {
            IdKind::Workspace => "Workspace",
            IdKind::Channel => "Channel",
            IdKind::Campaign => "Campaign",
            IdKind::Budget => "Budget",
            IdKind::Lead => "Lead",
            IdKind::Touchpoint => "Touchpoint",
            IdKind::Conversion => "Conversion",
            IdKind::ApiToken => "ApiToken",
            IdKind::User => "User",
            IdKind::Invitation => "Invitation",
        }
    }
}

pub fn encode_id(kind: IdKind, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.tag())))
}

/// The row id inside an opaque id of `kind`; `field` names the argument in the error.
pub fn decode_id(kind: IdKind, field: &str, id: &ID) -> AppResult<i64> {
    let bad = || AppError::bad_input(field, format!("not a valid {} id", kind.tag()));
    let bytes = URL_SAFE_NO_PAD.decode(id.as_str()).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (tag, number) = text.split_once(':').ok_or_else(bad)?;
    if tag != kind.tag() {
        return Err(bad());
    }
    number
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(bad)
}

/// Opaque cursor text ↔ its parts, for keyset pagination.
pub fn encode_cursor(parts: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("c1:{parts}"))
}

/// The refusal of an `after` that no connection of this kind wrote.
pub fn bad_cursor() -> AppError {
    AppError::bad_input("after", "not a cursor from this connection")
}

/// The id of a cursor written from a row id alone.
pub fn decode_id_cursor(cursor: &str) -> AppResult<i64> {
    decode_cursor(cursor)?.parse().map_err(|_| bad_cursor())
}

pub fn decode_cursor(cursor: &str) -> AppResult<String> {
    let bad = bad_cursor;
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    text.strip_prefix("c1:").map(str::to_owned).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_refuse_other_kinds() {
        let id = encode_id(IdKind::Campaign, 42);
        assert_eq!(decode_id(IdKind::Campaign, "id", &id).ok(), Some(42));
        assert!(decode_id(IdKind::Lead, "id", &id).is_err());
        assert!(decode_id(IdKind::Lead, "id", &ID("%%%".into())).is_err());
    }
}
