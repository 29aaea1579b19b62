//! Redeeming an invitation code: the only way into a workspace through the API.
//!
//! A signed-in user accepts an invitation to their own email with the code alone. Anyone
//! else gives a `password`: for an email without an account it becomes the new account's
//! password; for an email with one, it must be that account's password. So nobody joins a
//! workspace without proving they are the invitee, and nobody's name or creation date is
//! shown to the inviter. Each attempt is a sign-in attempt (`auth::sign_in`), charged to
//! the client address and to the invited email. The code is spent in the same transaction
//! that creates the membership, so it works once even when two requests race.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

use entity::{invitation, user};

use super::invitation::{InvitationState, find_by_code, invitation_role, invitation_state};
use super::member::insert_membership;
use super::session::{Session, open_session};
use super::user::{NewUser, find_user, find_user_by_email, insert_user, prepare_user};
use crate::auth::password::{check_policy, verify_password};
use crate::auth::sign_in::{ClientAddr, charge_sign_in};
use crate::auth::{AuthState, Principal};
use crate::error::{AppError, AppResult};

/// What the invitee sends.
#[derive(Debug, Clone, Default)]
pub struct Acceptance {
    pub code: String,
    /// Needed unless signed in as the invitee: the new account's password, or the
    /// existing account's.
    pub password: Option<String>,
    /// The name of a new account (else the invitation's, else the email's local part).
    pub display_name: Option<String>,
}

fn bad_code() -> AppError {
    AppError::Unauthenticated("invalid, used or revoked invitation code".to_owned())
}

/// Who is accepting, once proven.
enum Invitee {
    Existing(user::Model),
    New(user::ActiveModel),
}

/// Redeems an invitation: the invitee becomes a member with the invited role, and gets a
/// session in that workspace. `caller` is the request's principal, if any; an API token
/// is no person and counts as no caller.
pub async fn accept_invitation(
    db: &DatabaseConnection,
    auth: &AuthState,
    client: ClientAddr,
    caller: Option<&Principal>,
    input: Acceptance,
) -> AppResult<Session> {
    let found = find_by_code(db, input.code.trim()).await?;
    charge_sign_in(auth, client, found.as_ref().map(|i| i.email.as_str())).await?;
    let row = found.ok_or_else(bad_code)?;
    let now = Utc::now();
    match invitation_state(&row, now) {
        InvitationState::Pending => {}
        InvitationState::Expired => {
            return Err(AppError::Unauthenticated(
                "this invitation code has expired; ask for a new invitation".to_owned(),
            ));
        }
        InvitationState::Accepted | InvitationState::Revoked => return Err(bad_code()),
    }
    let role = invitation_role(&row)?;
    let invitee = match caller.and_then(Principal::user_id) {
        Some(user_id) => signed_in_invitee(db, &row, user_id).await?,
        None => proven_invitee(db, &row, input).await?,
    };
    let txn = db.begin().await?;
    let user = match invitee {
        Invitee::Existing(user) => user,
        Invitee::New(prepared) => insert_user(&txn, prepared).await?,
    };
    spend_code(&txn, &row, user.id, now).await?;
    insert_membership(&txn, row.workspace_id, user.id, role).await?;
    // The new member is the actor: the invitation they redeemed says who let them in.
    let joined = Principal {
        workspace_id: row.workspace_id,
        actor: crate::auth::Actor::User {
            user_id: user.id,
            role,
        },
    };
    let arguments = serde_json::json!({ "invitationId": row.id, "role": role.as_str() });
    crate::services::audit::record(&txn, &joined, "acceptInvitation", arguments).await?;
    let family = uuid::Uuid::new_v4().to_string();
    let session = open_session(&txn, auth, user, row.workspace_id, role, &family).await?;
    txn.commit().await?;
    Ok(session)
}

/// The signed-in user, when the invitation is for their email.
async fn signed_in_invitee(
    db: &DatabaseConnection,
    row: &invitation::Model,
    user_id: i64,
) -> AppResult<Invitee> {
    let user = find_user(db, user_id)
        .await?
        .ok_or_else(|| AppError::Unauthenticated("the signed-in account is gone".to_owned()))?;
    if user.email != row.email {
        return Err(AppError::Forbidden(
            "this invitation is for another email address".to_owned(),
        ));
    }
    Ok(Invitee::Existing(user))
}

/// Without a session, the password proves the invitee: the existing account's, or the one
/// a new account is created with. Both paths cost one argon2 computation.
async fn proven_invitee(
    db: &DatabaseConnection,
    row: &invitation::Model,
    input: Acceptance,
) -> AppResult<Invitee> {
    let password = input.password.ok_or_else(|| {
        AppError::bad_input(
            "password",
            "required unless signed in as the invitee: the password of the invited account, \
             or of the new account",
        )
    })?;
    check_policy(&password)?;
    match find_user_by_email(db, &row.email).await? {
        Some(user) => {
            if !verify_password(password, Some(user.password_hash.clone())).await? {
                return Err(AppError::Unauthenticated(
                    "the password does not match the invited account; sign in as that \
                     account or give its password"
                        .to_owned(),
                ));
            }
            Ok(Invitee::Existing(user))
        }
        None => {
            let name = input
                .display_name
                .or_else(|| row.display_name.clone())
                .unwrap_or_default();
            let prepared = prepare_user(NewUser {
                email: row.email.clone(),
                password,
                display_name: name,
            })
            .await?;
            Ok(Invitee::New(prepared))
        }
    }
}

/// Marks the invitation accepted by `user_id`, unless another request already spent or
/// revoked it: only one of two concurrent redemptions can.
async fn spend_code<C: sea_orm::ConnectionTrait>(
    db: &C,
    row: &invitation::Model,
    user_id: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let spent = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .col_expr(invitation::Column::AcceptedBy, Expr::value(user_id))
        .filter(invitation::Column::Id.eq(row.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if spent.rows_affected != 1 {
        return Err(bad_code());
    }
    Ok(())
}
