//! Memberships: who belongs to a workspace with which role; invitations and additions.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};

use entity::{membership, user};

use super::user::{NewUser, create_user, find_user_by_email, normalize_email};
use crate::auth::api_token::generate_password;
use crate::auth::{Principal, Role};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

/// A member of a workspace: the membership and its user.
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub membership: membership::Model,
    pub user: user::Model,
}

impl MemberRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.membership.role).unwrap_or(Role::Viewer)
    }
}

/// A user created by invitation, with the one-time password to hand over.
#[derive(Debug, Clone)]
pub struct Invited {
    pub member: MemberRow,
    pub temporary_password: String,
}

/// The role `user_id` holds in `workspace_id`, if any.
pub async fn role_in<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    user_id: i64,
) -> AppResult<Option<Role>> {
    let row = membership::Entity::find_in_workspace(workspace_id)
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    Ok(row.and_then(|m| Role::parse(&m.role)))
}

/// Gives `user_id` `role` in the workspace, replacing any role it had (bootstrap, demo).
pub async fn upsert_membership<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    user_id: i64,
    role: Role,
) -> AppResult<membership::Model> {
    let existing = membership::Entity::find_in_workspace(workspace_id)
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(row) if row.role == role.as_str() => Ok(row),
        Some(row) => {
            let mut active: membership::ActiveModel = row.into();
            active.role = Set(role.as_str().to_owned());
            Ok(active.update(db).await?)
        }
        None => insert_membership(db, workspace_id, user_id, role).await,
    }
}

async fn insert_membership<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    user_id: i64,
    role: Role,
) -> AppResult<membership::Model> {
    membership::ActiveModel {
        workspace_id: Set(workspace_id),
        user_id: Set(user_id),
        role: Set(role.as_str().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| AppError::conflict_on_unique(e, "already a member of this workspace"))
}

/// Adds an existing user, by email, to the caller's workspace with `role`.
pub async fn add_member(
    db: &DatabaseConnection,
    principal: &Principal,
    email: &str,
    role: Role,
) -> AppResult<MemberRow> {
    principal.require_grant(role)?;
    let email = normalize_email(email)?;
    let user = find_user_by_email(db, &email)
        .await?
        .ok_or(AppError::not_found("user"))?;
    let membership = insert_membership(db, principal.workspace_id, user.id, role).await?;
    Ok(MemberRow { membership, user })
}

/// Creates a user with a random one-time password and makes them a member with `role`.
pub async fn invite_user(
    db: &DatabaseConnection,
    principal: &Principal,
    email: &str,
    display_name: &str,
    role: Role,
) -> AppResult<Invited> {
    principal.require_grant(role)?;
    let temporary_password = generate_password();
    let txn = db.begin().await?;
    let user = create_user(
        &txn,
        NewUser {
            email: email.to_owned(),
            password: temporary_password.clone(),
            display_name: display_name.to_owned(),
        },
    )
    .await?;
    let membership = insert_membership(&txn, principal.workspace_id, user.id, role).await?;
    txn.commit().await?;
    Ok(Invited {
        member: MemberRow { membership, user },
        temporary_password,
    })
}

/// Members of the workspace, oldest first.
pub async fn list_members<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
) -> AppResult<Vec<MemberRow>> {
    let rows = membership::Entity::find_in_workspace(workspace_id)
        .find_also_related(user::Entity)
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(membership, user)| user.map(|user| MemberRow { membership, user }))
        .collect())
}
