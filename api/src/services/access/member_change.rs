//! `removeMember` and `changeRole`. Nobody acts above their own role: a member whose role is
//! above the caller's cannot be removed or changed by them, and nobody gives a role above
//! their own (API tokens with `admin` stop at ADMIN). The workspace always keeps an OWNER:
//! the last one can neither be removed nor demoted (CONFLICT).
//!
//! Both run in a workspace write transaction (which orders them after any other change of
//! the workspace, so two admins cannot demote the last two owners at once) and write an
//! audit row in it. A removed member's refresh tokens in the workspace are revoked at once;
//! an access token already issued keeps working until it expires (`ACCESS_TOKEN_TTL_SECS`),
//! as after any change of role, which applies from the next `refreshSession` or `login`.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;

use entity::{membership, refresh_token, user};

use super::member::MemberRow;
use crate::auth::{Actor, Permission, Principal, Role};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};
use crate::services::audit;
use crate::services::workspace::begin_workspace_write;

/// Removes `user_id` from the caller's workspace; answers the membership as it was.
#[tracing::instrument(skip(db, principal), fields(workspace.id = principal.workspace_id))]
pub async fn remove_member(
    db: &DatabaseConnection,
    principal: &Principal,
    user_id: i64,
) -> AppResult<MemberRow> {
    principal.require(Permission::ManageAccess)?;
    let ws = principal.workspace_id;
    let txn = begin_workspace_write(db, ws).await?;
    let member = find_member(&txn, ws, user_id).await?;
    let role = stored_role(&member)?;
    require_at_most_own(principal, role, "remove")?;
    if role == Role::Owner && owners(&txn, ws).await? <= 1 {
        return Err(AppError::Conflict(
            "the last OWNER cannot be removed; make another member OWNER first".to_owned(),
        ));
    }
    membership::Entity::delete_by_id(member.membership.id)
        .exec(&txn)
        .await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::WorkspaceId.eq(ws))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    let arguments = json!({ "userId": user_id, "role": role.as_str() });
    audit::record(&txn, principal, "removeMember", arguments).await?;
    txn.commit().await?;
    Ok(member)
}

/// Gives `user_id` `role` in the caller's workspace; answers the changed membership.
#[tracing::instrument(skip(db, principal), fields(workspace.id = principal.workspace_id))]
pub async fn change_role(
    db: &DatabaseConnection,
    principal: &Principal,
    user_id: i64,
    role: Role,
) -> AppResult<MemberRow> {
    principal.require_grant(role)?;
    let ws = principal.workspace_id;
    let txn = begin_workspace_write(db, ws).await?;
    let member = find_member(&txn, ws, user_id).await?;
    let current = stored_role(&member)?;
    require_at_most_own(principal, current, "change the role of")?;
    if current == role {
        txn.commit().await?;
        return Ok(member);
    }
    if current == Role::Owner && owners(&txn, ws).await? <= 1 {
        return Err(AppError::Conflict(
            "the last OWNER cannot be demoted; make another member OWNER first".to_owned(),
        ));
    }
    let mut active: membership::ActiveModel = member.membership.into();
    active.role = Set(role.as_str().to_owned());
    let membership = active.update(&txn).await?;
    let arguments = json!({ "userId": user_id, "from": current.as_str(), "to": role.as_str() });
    audit::record(&txn, principal, "changeRole", arguments).await?;
    txn.commit().await?;
    Ok(MemberRow {
        membership,
        user: member.user,
    })
}

/// NOT_FOUND unless `user_id` is a member of the workspace (a user of another workspace
/// answers exactly like a user that does not exist).
async fn find_member<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    user_id: i64,
) -> AppResult<MemberRow> {
    let found = membership::Entity::find_in_workspace(workspace_id)
        .filter(membership::Column::UserId.eq(user_id))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    match found {
        Some((membership, Some(user))) => Ok(MemberRow { membership, user }),
        _ => Err(AppError::not_found("member")),
    }
}

fn stored_role(member: &MemberRow) -> AppResult<Role> {
    Role::parse(&member.membership.role).ok_or_else(|| {
        AppError::Internal(
            format!("membership {} holds an unknown role", member.membership.id).into(),
        )
    })
}

/// FORBIDDEN when the member's role is above the caller's (a token acts as ADMIN).
fn require_at_most_own(principal: &Principal, role: Role, verb: &str) -> AppResult<()> {
    let ceiling = match &principal.actor {
        Actor::User { role: own, .. } => *own,
        Actor::Token { .. } => Role::Admin,
    };
    if role > ceiling {
        return Err(AppError::Forbidden(format!(
            "only a member with role {} may {verb} a member with role {}",
            role.as_str(),
            role.as_str()
        )));
    }
    Ok(())
}

async fn owners<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<u64> {
    Ok(membership::Entity::find_in_workspace(workspace_id)
        .filter(membership::Column::Role.eq(Role::Owner.as_str()))
        .count(db)
        .await?)
}
