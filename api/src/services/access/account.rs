//! A signed-in user's own account: changing the password.
//!
//! The current password is checked like a sign-in (argon2 on the bounded pool, and one
//! attempt charged to the client address and to the account's email), so a stolen access
//! token cannot be used to guess it faster than `login` could. A change revokes every
//! refresh token of the user, in every workspace, and answers a new session: other devices
//! must sign in again once their access token (minutes) expires.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

use entity::user;

use super::member::role_in;
use super::session::{Session, open_session, revoke_user_sessions};
use super::user::find_user;
use crate::auth::password::{check_policy_of, hash_password, verify_password};
use crate::auth::sign_in::{ClientAddr, charge_sign_in};
use crate::auth::{AuthState, Principal};
use crate::error::{AppError, AppResult};

/// What `changePassword` sends.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

fn gone() -> AppError {
    AppError::Unauthenticated("the signed-in account no longer exists".to_owned())
}

/// Replaces the caller's password after checking the current one; every other session of
/// the user ends, and the answer is a fresh session in the caller's workspace.
pub async fn change_password(
    db: &DatabaseConnection,
    auth: &AuthState,
    client: ClientAddr,
    principal: &Principal,
    change: PasswordChange,
) -> AppResult<Session> {
    let user_id = principal.user_id().ok_or_else(|| {
        AppError::Forbidden("this needs a user session: API tokens have no password".to_owned())
    })?;
    let user = find_user(db, user_id).await?.ok_or_else(gone)?;
    charge_sign_in(auth, client, Some(&user.email)).await?;
    check_policy_of("newPassword", &change.new_password)?;
    if change.new_password == change.current_password {
        return Err(AppError::bad_input(
            "newPassword",
            "must differ from the current password",
        ));
    }
    let old_hash = user.password_hash.clone();
    if !verify_password(change.current_password, Some(old_hash.clone())).await? {
        return Err(AppError::bad_input(
            "currentPassword",
            "does not match the account's password",
        ));
    }
    let new_hash = hash_password(change.new_password).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    // Only from the hash just verified: a concurrent change wins, this one is refused.
    let changed = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(new_hash.clone()))
        .filter(user::Column::Id.eq(user.id))
        .filter(user::Column::PasswordHash.eq(old_hash))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict(
            "the password was changed meanwhile; sign in again".to_owned(),
        ));
    }
    revoke_user_sessions(&txn, user.id, now).await?;
    let role = role_in(&txn, principal.workspace_id, user.id)
        .await?
        .ok_or_else(|| {
            AppError::Unauthenticated("no longer a member of this workspace".to_owned())
        })?;
    let user = user::Model {
        password_hash: new_hash,
        ..user
    };
    let family = uuid::Uuid::new_v4().to_string();
    let session = open_session(&txn, auth, user, principal.workspace_id, role, &family).await?;
    txn.commit().await?;
    Ok(session)
}
