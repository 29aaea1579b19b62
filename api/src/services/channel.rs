//! Channels: the seeded default per channel group, and the user's own.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use entity::channel;

use super::audit;
use super::classify::ChannelGroup;
use super::workspace::begin_workspace_write;
use crate::auth::Principal;
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

/// Inserts one default channel per group (idempotent per workspace).
pub async fn seed_default_channels<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<()> {
    let existing = default_channels(db, workspace_id).await?;
    let now = Utc::now();
    let rows: Vec<channel::ActiveModel> = ChannelGroup::ALL
        .iter()
        .filter(|g| !existing.contains_key(g))
        .map(|g| channel::ActiveModel {
            workspace_id: Set(workspace_id),
            name: Set(g.display_name().to_owned()),
            kind: Set(g.as_str().to_owned()),
            is_paid: Set(g.is_paid()),
            is_default: Set(true),
            archived_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        channel::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// The default channel of each group: where classified touches land.
pub async fn default_channels<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
) -> AppResult<HashMap<ChannelGroup, i64>> {
    let rows = channel::Entity::find_in_workspace(workspace_id)
        .filter(channel::Column::IsDefault.eq(true))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|c| ChannelGroup::parse(&c.kind).map(|g| (g, c.id)))
        .collect())
}

pub async fn list_channels<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
) -> AppResult<Vec<channel::Model>> {
    Ok(channel::Entity::find_in_workspace(workspace_id)
        .order_by_asc(channel::Column::Id)
        .all(db)
        .await?)
}

pub async fn find_channel<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    id: i64,
) -> AppResult<channel::Model> {
    channel::Entity::find_in_workspace(workspace_id)
        .filter(channel::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::not_found("channel"))
}

/// Fields of a new or changed channel; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct ChannelChanges {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub is_paid: Option<bool>,
    pub archived: Option<bool>,
}

fn clean_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::bad_input("name", "must be 1 to 100 characters"));
    }
    Ok(name.to_owned())
}

fn parse_kind(kind: &str) -> AppResult<ChannelGroup> {
    ChannelGroup::parse(kind)
        .ok_or_else(|| AppError::bad_input("kind", format!("unknown channel group {kind:?}")))
}

pub async fn create_channel(
    db: &DatabaseConnection,
    principal: &Principal,
    changes: ChannelChanges,
) -> AppResult<channel::Model> {
    let workspace_id = principal.workspace_id;
    let txn = begin_workspace_write(db, workspace_id).await?;
    let name = clean_name(changes.name.as_deref().unwrap_or_default())?;
    let group = parse_kind(changes.kind.as_deref().unwrap_or("UNASSIGNED"))?;
    let created = channel::ActiveModel {
        workspace_id: Set(workspace_id),
        name: Set(name.clone()),
        kind: Set(group.as_str().to_owned()),
        is_paid: Set(changes.is_paid.unwrap_or(group.is_paid())),
        is_default: Set(false),
        archived_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::conflict_on_unique(e, format!("a channel named {name:?} exists")))?;
    audit::record(&txn, principal, "createChannel", audited(&created)).await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_channel(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
    changes: ChannelChanges,
) -> AppResult<channel::Model> {
    let workspace_id = principal.workspace_id;
    let txn = begin_workspace_write(db, workspace_id).await?;
    let current = find_channel(&txn, workspace_id, id).await?;
    let mut model: channel::ActiveModel = current.clone().into();
    if let Some(name) = &changes.name {
        model.name = Set(clean_name(name)?);
    }
    if let Some(kind) = &changes.kind {
        if current.is_default {
            return Err(AppError::bad_input(
                "kind",
                "the default channel of a group keeps its group",
            ));
        }
        model.kind = Set(parse_kind(kind)?.as_str().to_owned());
    }
    if let Some(is_paid) = changes.is_paid {
        model.is_paid = Set(is_paid);
    }
    if let Some(archived) = changes.archived {
        model.archived_at = Set(archived.then(Utc::now));
    }
    let updated = model
        .update(&txn)
        .await
        .map_err(|e| AppError::conflict_on_unique(e, "a channel with that name exists"))?;
    audit::record(&txn, principal, "updateChannel", audited(&updated)).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A channel as it is after a change, for its audit entry.
fn audited(c: &channel::Model) -> serde_json::Value {
    serde_json::json!({
        "channelId": c.id,
        "name": c.name,
        "kind": c.kind,
        "isPaid": c.is_paid,
        "archived": c.archived_at.is_some(),
    })
}
