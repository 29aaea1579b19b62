//! API tokens of a workspace: mint (the secret is returned once), list, revoke.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use entity::api_token;

use crate::auth::api_token::{display_prefix, generate_secret, hash_secret};
use crate::auth::token_usage::TokenUsage;
use crate::auth::{Principal, Scope};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};
use crate::services::audit;

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

/// [`create_api_token`] for a caller of the API, with its audit entry, in one transaction.
/// The audit entry names the token (id, name, prefix, scopes, expiry), never its secret.
pub async fn issue_api_token(
    db: &DatabaseConnection,
    principal: &Principal,
    name: &str,
    scopes: &[Scope],
    expires_at: Option<DateTime<Utc>>,
) -> AppResult<MintedToken> {
    let txn = db.begin().await?;
    let minted = create_api_token(
        &txn,
        principal.workspace_id,
        name,
        scopes,
        expires_at,
        principal.user_id(),
    )
    .await?;
    let t = &minted.token;
    let arguments = serde_json::json!({
        "tokenId": t.id,
        "name": t.name,
        "prefix": t.prefix,
        "scopes": t.scopes,
        "expiresAt": t.expires_at,
    });
    audit::record(&txn, principal, "createApiToken", arguments).await?;
    txn.commit().await?;
    Ok(minted)
}

/// [`revoke_api_token`] for a caller of the API, with its audit entry (only when this call
/// revoked it), in one transaction.
pub async fn revoke_api_token_audited(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> AppResult<api_token::Model> {
    let txn = db.begin().await?;
    let before = api_token::Entity::find_in_workspace(principal.workspace_id)
        .filter(api_token::Column::Id.eq(id))
        .one(&txn)
        .await?
        .ok_or(AppError::not_found("API token"))?;
    let token = revoke_api_token(&txn, principal.workspace_id, id).await?;
    if before.revoked_at.is_none() {
        let arguments = serde_json::json!({
            "tokenId": token.id,
            "name": token.name,
            "prefix": token.prefix,
        });
        audit::record(&txn, principal, "revokeApiToken", arguments).await?;
    }
    txn.commit().await?;
    Ok(token)
}

/// The scopes stored with a token.
pub fn scopes_of(token: &api_token::Model) -> Vec<Scope> {
    token
        .scopes
        .split_whitespace()
        .filter_map(Scope::parse)
        .collect()
}

/// Tokens of the workspace, newest first, with `last_used_at` including uses not yet
/// written to the database.
pub async fn list_api_tokens<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    usage: &TokenUsage,
) -> AppResult<Vec<api_token::Model>> {
    let mut tokens = api_token::Entity::find_in_workspace(workspace_id)
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?;
    for token in &mut tokens {
        if let Some(at) = usage.pending(token.id) {
            token.last_used_at = Some(token.last_used_at.map_or(at, |stored| stored.max(at)));
        }
    }
    Ok(tokens)
}

/// Revokes a token of the workspace; it is refused from the next request on. Revoking a
/// revoked token keeps its first revocation time. Another workspace's token: NOT_FOUND.
pub async fn revoke_api_token<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    id: i64,
) -> AppResult<api_token::Model> {
    let token = api_token::Entity::find_in_workspace(workspace_id)
        .filter(api_token::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::not_found("API token"))?;
    if token.revoked_at.is_some() {
        return Ok(token);
    }
    let mut active: api_token::ActiveModel = token.into();
    active.revoked_at = Set(Some(Utc::now()));
    Ok(active.update(db).await?)
}

/// Revokes every live token of the workspace named `name` (the demo's own token, replaced at
/// each `serve --demo` start); answers how many.
pub async fn revoke_tokens_named<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    name: &str,
) -> AppResult<u64> {
    let done = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_token::Column::WorkspaceId.eq(workspace_id))
        .filter(api_token::Column::Name.eq(name))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Writes the pending `last_used_at` values, one statement per used token (never moving
/// a value backwards). On failure the values are kept for the next flush.
pub async fn flush_token_usage<C: ConnectionTrait>(db: &C, usage: &TokenUsage) -> AppResult<usize> {
    let pending = usage.take();
    let count = pending.len();
    let mut entries = pending.iter();
    while let Some((&id, &at)) = entries.next() {
        let written = api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(at))
            .filter(api_token::Column::Id.eq(id))
            .filter(
                Condition::any()
                    .add(api_token::Column::LastUsedAt.is_null())
                    .add(api_token::Column::LastUsedAt.lt(at)),
            )
            .exec(db)
            .await;
        if let Err(error) = written {
            usage.restore(
                std::iter::once((id, at))
                    .chain(entries.map(|(&i, &a)| (i, a)))
                    .collect(),
            );
            return Err(error.into());
        }
    }
    Ok(count)
}
