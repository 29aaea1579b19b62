//! Memberships: who belongs to a workspace with which role. People join by accepting an
//! invitation (`invitation`), or through the CLI bootstrap and the demo.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, Set};

use entity::{membership, user};

use crate::auth::Role;
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

/// Makes `user_id` a member with `role`; CONFLICT when they already are one.
pub(super) async fn insert_membership<C: ConnectionTrait>(
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
