//! API tokens of a workspace: mint (the secret is returned once), list, revoke.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use entity::api_token;

use crate::auth::Scope;
use crate::auth::api_token::{display_prefix, generate_secret, hash_secret};
use crate::error::{AppError, AppResult};

/// A token as stored, and its secret, which is never stored or shown again.
pub struct MintedToken {
    pub token: api_token::Model,
    pub secret: String,
}

pub async fn create_api_token<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    name: &str,
    scopes: &[Scope],
    expires_at: Option<DateTime<Utc>>,
    created_by: Option<i64>,
) -> AppResult<MintedToken> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::bad_input("name", "must be 1 to 100 characters"));
    }
    if scopes.is_empty() {
        return Err(AppError::bad_input("scopes", "at least one scope"));
    }
    let now = Utc::now();
    if expires_at.is_some_and(|at| at <= now) {
        return Err(AppError::bad_input("expiresAt", "must be in the future"));
    }
    let mut scopes = scopes.to_vec();
    scopes.sort();
    scopes.dedup();
    let scopes_text = scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let secret = generate_secret();
    let token = api_token::ActiveModel {
        workspace_id: Set(workspace_id),
        name: Set(name.to_owned()),
        prefix: Set(display_prefix(&secret)),
        secret_hash: Set(hash_secret(&secret)),
        scopes: Set(scopes_text),
        created_by: Set(created_by),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(MintedToken { token, secret })
}
