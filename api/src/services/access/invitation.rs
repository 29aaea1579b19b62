//! Invitations: how anyone joins a workspace through the API. An ADMIN invites an email
//! with a role; the answer is the same whether or not that email has an account (no user
//! is looked up, and nothing of another workspace is read), and carries a code the invitee
//! redeems with `acceptInvitation` (`acceptance`). Codes are random, stored as a SHA-256,
//! expire after [`INVITATION_TTL_DAYS`] and work once. Inviting the same email again
//! replaces the open invitation; an ADMIN lists and revokes open ones.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set, TransactionTrait,
};

use entity::{invitation, membership, user};

use super::user::normalize_email;
use crate::auth::api_token::{generate_invitation_code, hash_secret};
use crate::auth::{Principal, Role};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

/// How long an invitation code can be redeemed.
pub const INVITATION_TTL_DAYS: i64 = 7;

/// What an ADMIN asks for.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub email: String,
    pub role: Role,
    /// The name a new account gets unless the invitee gives one.
    pub display_name: Option<String>,
}

/// An invitation just made, with its code: shown once, stored only hashed.
#[derive(Debug, Clone)]
pub struct IssuedInvitation {
    pub invitation: invitation::Model,
    pub code: String,
}

/// Where an invitation stands at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Pending,
    Expired,
    Accepted,
    Revoked,
}

/// The state of `row` at `now`: accepted and revoked win over expiry.
pub fn invitation_state(row: &invitation::Model, now: DateTime<Utc>) -> InvitationState {
    if row.accepted_at.is_some() {
        InvitationState::Accepted
    } else if row.revoked_at.is_some() {
        InvitationState::Revoked
    } else if row.expires_at <= now {
        InvitationState::Expired
    } else {
        InvitationState::Pending
    }
}

/// The role an invitation grants; a row no code wrote fails loudly rather than as VIEWER.
pub fn invitation_role(row: &invitation::Model) -> AppResult<Role> {
    Role::parse(&row.role).ok_or_else(|| AppError::internal(BadStoredRole(row.id)))
}

#[derive(Debug, thiserror::Error)]
#[error("invitation {0} holds an unknown role")]
struct BadStoredRole(i64);

/// Invites `email` to the caller's workspace with `role` (at most the caller's own).
/// CONFLICT only when the email is already a member of this workspace, which `members`
/// shows the caller anyway; whether it has an account elsewhere changes nothing.
pub async fn invite(
    db: &DatabaseConnection,
    principal: &Principal,
    input: NewInvitation,
) -> AppResult<IssuedInvitation> {
    principal.require_grant(input.role)?;
    let email = normalize_email(&input.email)?;
    let display_name = checked_display_name(input.display_name)?;
    if is_member(db, principal.workspace_id, &email).await? {
        return Err(AppError::Conflict(
            "this email is already a member of the workspace".to_owned(),
        ));
    }
    let now = Utc::now();
    let code = generate_invitation_code();
    let txn = db.begin().await?;
    close_open_invitations(&txn, principal.workspace_id, &email, now).await?;
    let invitation = invitation::ActiveModel {
        workspace_id: Set(principal.workspace_id),
        email: Set(email),
        role: Set(input.role.as_str().to_owned()),
        display_name: Set(display_name),
        code_hash: Set(hash_secret(&code)),
        invited_by: Set(principal.user_id()),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_TTL_DAYS)),
        accepted_at: Set(None),
        accepted_by: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    // Two invitations of one email at once: the other one won.
    .map_err(|e| {
        AppError::conflict_on_unique(e, "another invitation to this email was just made")
    })?;
    let arguments = serde_json::json!({
        "invitationId": invitation.id,
        "email": invitation.email,
        "role": invitation.role,
    });
    crate::services::audit::record(&txn, principal, "inviteUser", arguments).await?;
    txn.commit().await?;
    Ok(IssuedInvitation { invitation, code })
}

/// Trimmed; none when blank; at most 100 characters, as for a user's name.
fn checked_display_name(name: Option<String>) -> AppResult<Option<String>> {
    let Some(name) = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > 100 {
        return Err(AppError::bad_input("displayName", "at most 100 characters"));
    }
    Ok(Some(name))
}

/// Whether `email` belongs to a member of the workspace: one query over this workspace's
/// memberships, the same work whether or not the email has an account.
async fn is_member<C: ConnectionTrait>(db: &C, workspace_id: i64, email: &str) -> AppResult<bool> {
    let n = membership::Entity::find_in_workspace(workspace_id)
        .join(
            sea_orm::JoinType::InnerJoin,
            membership::Relation::User.def(),
        )
        .filter(user::Column::Email.eq(email))
        .count(db)
        .await?;
    Ok(n > 0)
}

/// Revokes the open invitations of `email` in the workspace (there is at most one).
async fn close_open_invitations<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(now))
        .filter(invitation::Column::WorkspaceId.eq(workspace_id))
        .filter(invitation::Column::Email.eq(email))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Open invitations of the workspace (neither accepted nor revoked; expired ones too, until
/// replaced or revoked), newest first.
pub async fn list_invitations<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
) -> AppResult<Vec<invitation::Model>> {
    Ok(invitation::Entity::find_in_workspace(workspace_id)
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .order_by_desc(invitation::Column::Id)
        .all(db)
        .await?)
}

/// Revokes an open invitation of the workspace: its code stops working at once. Revoking
/// a revoked one changes nothing; an accepted one is CONFLICT (remove the member instead).
/// Like granting, revoking an invitation needs at least the role it offers.
pub async fn revoke_invitation(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> AppResult<invitation::Model> {
    let row = invitation::Entity::find_in_workspace(principal.workspace_id)
        .filter(invitation::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::not_found("invitation"))?;
    principal.require_grant(invitation_role(&row)?)?;
    if row.accepted_at.is_some() {
        return Err(AppError::Conflict(
            "the invitation was already accepted".to_owned(),
        ));
    }
    if row.revoked_at.is_some() {
        return Ok(row);
    }
    let txn = db.begin().await?;
    let mut active: invitation::ActiveModel = row.into();
    active.revoked_at = Set(Some(Utc::now()));
    let revoked = active.update(&txn).await?;
    let arguments = serde_json::json!({ "invitationId": revoked.id, "role": revoked.role });
    crate::services::audit::record(&txn, principal, "revokeInvitation", arguments).await?;
    txn.commit().await?;
    Ok(revoked)
}

/// The invitation a code belongs to, whatever its state; none for anything else.
pub(super) async fn find_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> AppResult<Option<invitation::Model>> {
    if !code.starts_with("lsi_") {
        return Ok(None);
    }
    Ok(invitation::Entity::find()
        .filter(invitation::Column::CodeHash.eq(hash_secret(code)))
        .one(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(at: DateTime<Utc>) -> invitation::Model {
        invitation::Model {
            id: 1,
            workspace_id: 1,
            email: "bo@example.com".to_owned(),
            role: "VIEWER".to_owned(),
            display_name: None,
            code_hash: String::new(),
            invited_by: None,
            created_at: at,
            expires_at: at + Duration::days(INVITATION_TTL_DAYS),
            accepted_at: None,
            accepted_by: None,
            revoked_at: None,
        }
    }

    #[test]
    fn an_invitation_is_pending_until_it_expires_is_accepted_or_is_revoked() {
        let made = Utc::now();
        let open = row(made);
        let lifetime = Duration::days(INVITATION_TTL_DAYS);
        assert_eq!(invitation_state(&open, made), InvitationState::Pending);
        let last_moment = made + lifetime - Duration::seconds(1);
        assert_eq!(
            invitation_state(&open, last_moment),
            InvitationState::Pending
        );
        assert_eq!(
            invitation_state(&open, made + lifetime),
            InvitationState::Expired
        );
        let accepted = invitation::Model {
            accepted_at: Some(made),
            ..open.clone()
        };
        assert_eq!(
            invitation_state(&accepted, made + lifetime * 2),
            InvitationState::Accepted
        );
        let revoked = invitation::Model {
            revoked_at: Some(made),
            ..open
        };
        assert_eq!(invitation_state(&revoked, made), InvitationState::Revoked);
    }

    #[test]
    fn display_names_are_trimmed_optional_and_bounded() {
        assert_eq!(checked_display_name(None).ok(), Some(None));
        assert_eq!(checked_display_name(Some("  ".into())).ok(), Some(None));
        assert_eq!(
            checked_display_name(Some(" Bo ".into())).ok(),
            Some(Some("Bo".to_owned()))
        );
        assert!(checked_display_name(Some("x".repeat(101))).is_err());
    }
}
