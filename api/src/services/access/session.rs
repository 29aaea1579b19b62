//! Sessions: `login` issues an access JWT and a refresh token; `refresh_session` rotates
//! the refresh token (a used one presented again revokes its whole family, since only a
//! thief would replay it); `logout` revokes the family.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use entity::{membership, refresh_token, user, workspace};

use super::member::role_in;
use super::user::{find_user_by_email, normalize_email};
use crate::auth::api_token::{generate_refresh_token, hash_secret};
use crate::auth::jwt::JwtKeys;
use crate::auth::password::verify_password;
use crate::auth::{AuthState, Role};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};
use crate::services::workspace::{find_workspace, find_workspace_by_slug};

/// What a client keeps after signing in.
#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub access_expires_at: DateTime<Utc>,
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
    pub user: user::Model,
    pub workspace: workspace::Model,
    pub role: Role,
}

fn bad_login() -> AppError {
    AppError::Unauthenticated("invalid email or password".to_owned())
}

fn bad_refresh() -> AppError {
    AppError::Unauthenticated("invalid, expired or revoked refresh token".to_owned())
}

/// Signs in. A wrong email and a wrong password answer the same error after the same
/// argon2 work. With several memberships, `workspace_slug` picks one (default: the oldest).
pub async fn login(
    db: &DatabaseConnection,
    auth: &AuthState,
    email: &str,
    password: &str,
    workspace_slug: Option<&str>,
) -> AppResult<Session> {
    let user = match normalize_email(email) {
        Ok(email) => find_user_by_email(db, &email).await?,
        Err(_) => None,
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    if !verify_password(password.to_owned(), stored).await? {
        return Err(bad_login());
    }
    let user = user.ok_or_else(bad_login)?;
    let membership = match workspace_slug {
        Some(slug) => {
            let ws = find_workspace_by_slug(db, slug)
                .await?
                .ok_or_else(bad_login)?;
            membership::Entity::find_in_workspace(ws.id)
                .filter(membership::Column::UserId.eq(user.id))
                .one(db)
                .await?
        }
        None => {
            membership::Entity::find()
                .filter(membership::Column::UserId.eq(user.id))
                .order_by_asc(membership::Column::Id)
                .one(db)
                .await?
        }
    }
    .ok_or_else(bad_login)?;
    let role = Role::parse(&membership.role).ok_or_else(bad_login)?;
    let family = uuid::Uuid::new_v4().to_string();
    let txn = db.begin().await?;
    let session = open_session(&txn, auth, user, membership.workspace_id, role, &family).await?;
    txn.commit().await?;
    Ok(session)
}

/// Stores a new refresh token of `family` and issues its access token.
pub(super) async fn open_session<C: ConnectionTrait>(
    db: &C,
    auth: &AuthState,
    user: user::Model,
    workspace_id: i64,
    role: Role,
    family: &str,
) -> AppResult<Session> {
    let now = Utc::now();
    let refresh_token = generate_refresh_token();
    let refresh_expires_at = now + auth.refresh_ttl;
    refresh_token::ActiveModel {
        workspace_id: Set(workspace_id),
        user_id: Set(user.id),
        family: Set(family.to_owned()),
        token_hash: Set(hash_secret(&refresh_token)),
        created_at: Set(now),
        expires_at: Set(refresh_expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let access = issue(&auth.jwt, user.id, workspace_id, role, family)?;
    let workspace = find_workspace(db, workspace_id).await?;
    Ok(Session {
        access_token: access.0,
        access_expires_at: access.1,
        refresh_token,
        refresh_expires_at,
        user,
        workspace,
        role,
    })
}

fn issue(
    jwt: &JwtKeys,
    user_id: i64,
    workspace_id: i64,
    role: Role,
    family: &str,
) -> AppResult<(String, DateTime<Utc>)> {
    let issued = jwt.issue(user_id, workspace_id, role, family)?;
    Ok((issued.token, issued.expires_at))
}

/// Trades a refresh token for a new session of the same family; the role is read again,
/// so a changed or removed membership takes effect here.
pub async fn refresh_session(
    db: &DatabaseConnection,
    auth: &AuthState,
    presented: &str,
) -> AppResult<Session> {
    let now = Utc::now();
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_secret(presented)))
        .one(db)
        .await?
        .ok_or_else(bad_refresh)?;
    if row.used_at.is_some() || row.revoked_at.is_some() {
        revoke_family(db, &row.family, now).await?;
        tracing::warn!(
            user.id = row.user_id,
            "refresh token reused: session family revoked"
        );
        return Err(bad_refresh());
    }
    if row.expires_at <= now {
        return Err(bad_refresh());
    }
    let txn = db.begin().await?;
    // Only one of two concurrent refreshes with the same token can mark it used.
    let marked = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if marked.rows_affected != 1 {
        txn.rollback().await?;
        revoke_family(db, &row.family, now).await?;
        return Err(bad_refresh());
    }
    let role = role_in(&txn, row.workspace_id, row.user_id)
        .await?
        .ok_or_else(bad_refresh)?;
    let user = user::Entity::find_by_id(row.user_id)
        .one(&txn)
        .await?
        .ok_or_else(bad_refresh)?;
    let session = open_session(&txn, auth, user, row.workspace_id, role, &row.family).await?;
    txn.commit().await?;
    Ok(session)
}

/// Revokes the session family of `presented`. Unknown tokens answer the same, so logout
/// tells nothing about which tokens exist.
pub async fn logout(db: &DatabaseConnection, presented: &str) -> AppResult<bool> {
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_secret(presented)))
        .one(db)
        .await?;
    if let Some(row) = row {
        revoke_family(db, &row.family, Utc::now()).await?;
    }
    Ok(true)
}

/// Revokes every refresh token of `user_id`, in every workspace (a password change).
pub(super) async fn revoke_user_sessions<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

async fn revoke_family<C: ConnectionTrait>(
    db: &C,
    family: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::Family.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
