//! Turning the `Authorization` header into a `Principal`: an access JWT (dashboard users)
//! or an `lsk_` API token (integrations), looked up on every request so a revocation
//! holds from the very next one. Token use is noted in memory, not written per request.

use axum::http::HeaderMap;
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use entity::api_token;

use crate::auth::api_token::{hash_secret, looks_like_token};
use crate::auth::jwt::looks_like_jwt;
use crate::auth::{Actor, Principal, Scope};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `None` without credentials; UNAUTHENTICATED for credentials that do not hold.
pub async fn principal_from_headers(
    state: &AppState,
    headers: &HeaderMap,
) -> AppResult<Option<Principal>> {
    let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| AppError::Unauthenticated("malformed Authorization header".to_owned()))?;
    principal_from_authorization(state, value).await.map(Some)
}

/// The caller of an `Authorization` value (`Bearer <token>`), as the header or a WebSocket's
/// `connection_init` payload carries it.
pub async fn principal_from_authorization(state: &AppState, value: &str) -> AppResult<Principal> {
    let credential = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .ok_or_else(|| AppError::Unauthenticated("use Authorization: Bearer <token>".to_owned()))?;
    principal_from_credential(state, credential).await
}

/// The caller of a bare credential: an `lsk_` API token (looked up, so a revocation holds
/// at once) or an access JWT.
pub async fn principal_from_credential(state: &AppState, credential: &str) -> AppResult<Principal> {
    if looks_like_token(credential) {
        return principal_from_api_token(state, credential).await;
    }
    if looks_like_jwt(credential) {
        return state.auth.jwt.verify(credential);
    }
    Err(AppError::Unauthenticated(
        "invalid or expired credentials".to_owned(),
    ))
}

async fn principal_from_api_token(state: &AppState, secret: &str) -> AppResult<Principal> {
    let refused = || AppError::Unauthenticated("invalid, revoked or expired API token".to_owned());
    let token = api_token::Entity::find()
        .filter(api_token::Column::SecretHash.eq(hash_secret(secret)))
        .one(&state.db.conn)
        .await?
        .ok_or_else(refused)?;
    let now = Utc::now();
    if token.revoked_at.is_some() || token.expires_at.is_some_and(|at| at <= now) {
        return Err(refused());
    }
    state.auth.token_usage.record(token.id, now);
    let scopes = token
        .scopes
        .split_whitespace()
        .filter_map(Scope::parse)
        .collect();
    Ok(Principal {
        workspace_id: token.workspace_id,
        actor: Actor::Token {
            token_id: token.id,
            scopes,
        },
    })
}
