//! Campaigns: list with filters, create, update, archive.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use entity::campaign;

use super::audit;
use super::channel::find_channel;
use super::page::{Page, PageRequest, contains_pattern};
use super::workspace::begin_workspace_write;
use crate::auth::Principal;
use crate::db::rollup::{Sign, SpendRows};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};
use crate::services::rollup::RollupWriter;

pub const STATUSES: [&str; 3] = ["ACTIVE", "PAUSED", "ARCHIVED"];

#[derive(Debug, Clone, Default)]
pub struct CampaignFilter {
    pub channel_id: Option<i64>,
    pub status: Option<String>,
    pub name_contains: Option<String>,
}

/// Campaigns in id order, after the id `page.after`.
pub async fn list_campaigns<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    filter: &CampaignFilter,
    page: PageRequest<i64>,
) -> AppResult<Page<campaign::Model>> {
    let mut query = campaign::Entity::find_in_workspace(workspace_id);
    if let Some(channel_id) = filter.channel_id {
        query = query.filter(campaign::Column::ChannelId.eq(channel_id));
    }
    if let Some(status) = &filter.status {
        query = query.filter(campaign::Column::Status.eq(status.as_str()));
    }
    if let Some(text) = filter.name_contains.as_deref().filter(|t| !t.is_empty()) {
        query = query.filter(
            Expr::col(campaign::Column::NameFolded)
                .like(sea_orm::sea_query::LikeExpr::new(contains_pattern(text)).escape('\\')),
        );
    }
    let total = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(campaign::Column::Id.gt(after));
    }
    let rows = query
        .order_by_asc(campaign::Column::Id)
        .limit(page.first + 1)
        .all(db)
        .await?;
    Ok(Page::from_overfetch(rows, page.first, total))
}

pub async fn find_campaign<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    id: i64,
) -> AppResult<campaign::Model> {
    campaign::Entity::find_in_workspace(workspace_id)
        .filter(campaign::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::not_found("campaign"))
}

/// Fields of a new or changed campaign; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct CampaignChanges {
    pub channel_id: Option<i64>,
    pub name: Option<String>,
    pub utm_campaign: Option<Option<String>>,
    pub status: Option<String>,
    pub starts_on: Option<Option<NaiveDate>>,
    pub ends_on: Option<Option<NaiveDate>>,
}

fn check_status(status: &str) -> AppResult<String> {
    let upper = status.to_uppercase();
    if STATUSES.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(AppError::bad_input(
            "status",
            format!("must be one of {}", STATUSES.join(", ")),
        ))
    }
}

fn clean_utm(value: Option<String>) -> AppResult<Option<String>> {
    match value.map(|v| v.trim().to_lowercase()) {
        Some(v) if v.is_empty() => Ok(None),
        Some(v) if v.len() > 200 => {
            Err(AppError::bad_input("utmCampaign", "at most 200 characters"))
        }
        other => Ok(other),
    }
}

/// Applies `changes` onto `model`, validating each field it touches.
async fn apply<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    model: &mut campaign::ActiveModel,
    changes: CampaignChanges,
) -> AppResult<()> {
    if let Some(channel_id) = changes.channel_id {
        find_channel(db, workspace_id, channel_id)
            .await
            .map_err(|_| AppError::bad_input("channelId", "no such channel"))?;
        model.channel_id = Set(channel_id);
    }
    if let Some(name) = changes.name {
        let name = name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(AppError::bad_input("name", "must be 1 to 200 characters"));
        }
        model.name = Set(name);
    }
    if let Some(utm) = changes.utm_campaign {
        model.utm_campaign = Set(clean_utm(utm)?);
    }
    if let Some(status) = changes.status {
        model.status = Set(check_status(&status)?);
    }
    if let Some(starts_on) = changes.starts_on {
        model.starts_on = Set(starts_on);
    }
    if let Some(ends_on) = changes.ends_on {
        model.ends_on = Set(ends_on);
    }
    if let (
        sea_orm::ActiveValue::Set(Some(start)) | sea_orm::ActiveValue::Unchanged(Some(start)),
        sea_orm::ActiveValue::Set(Some(end)) | sea_orm::ActiveValue::Unchanged(Some(end)),
    ) = (&model.starts_on, &model.ends_on)
        && end < start
    {
        return Err(AppError::bad_input("endsOn", "must not be before startsOn"));
    }
    model.updated_at = Set(Utc::now());
    Ok(())
}

pub async fn create_campaign(
    db: &DatabaseConnection,
    principal: &Principal,
    changes: CampaignChanges,
) -> AppResult<campaign::Model> {
    let workspace_id = principal.workspace_id;
    let txn = begin_workspace_write(db, workspace_id).await?;
    if changes.channel_id.is_none() {
        return Err(AppError::bad_input("channelId", "is required"));
    }
    if changes.name.is_none() {
        return Err(AppError::bad_input("name", "is required"));
    }
    let mut model = campaign::ActiveModel {
        workspace_id: Set(workspace_id),
        status: Set("ACTIVE".to_owned()),
        utm_campaign: Set(None),
        starts_on: Set(None),
        ends_on: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    apply(&txn, workspace_id, &mut model, changes).await?;
    let created = model
        .insert(&txn)
        .await
        .map_err(|e| AppError::conflict_on_unique(e, "another campaign uses that utmCampaign"))?;
    audit::record(&txn, principal, "createCampaign", audited(&created)).await?;
    txn.commit().await?;
    Ok(created)
}

/// Updates a campaign in one transaction with its generation bump. Moving it to another
/// channel moves its spend in the CHANNEL rollups too.
pub async fn update_campaign(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
    changes: CampaignChanges,
) -> AppResult<campaign::Model> {
    change_campaign(db, principal, id, changes, "updateCampaign").await
}

/// [`update_campaign`], audited as `action`.
async fn change_campaign(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
    changes: CampaignChanges,
    action: &str,
) -> AppResult<campaign::Model> {
    let workspace_id = principal.workspace_id;
    let txn = begin_workspace_write(db, workspace_id).await?;
    let before = find_campaign(&txn, workspace_id, id).await?;
    let old_channel = before.channel_id;
    let mut model: campaign::ActiveModel = before.into();
    apply(&txn, workspace_id, &mut model, changes).await?;
    let moved = matches!(&model.channel_id, sea_orm::ActiveValue::Set(c) if *c != old_channel);
    let rollup = RollupWriter::load(&txn, workspace_id).await?;
    if moved {
        rollup
            .spend(&txn, SpendRows::Campaign(id), Sign::Remove)
            .await?;
    }
    let updated = model
        .update(&txn)
        .await
        .map_err(|e| AppError::conflict_on_unique(e, "another campaign uses that utmCampaign"))?;
    if moved {
        rollup
            .spend(&txn, SpendRows::Campaign(id), Sign::Add)
            .await?;
    }
    audit::record(&txn, principal, action, audited(&updated)).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A campaign as it is after a change, for its audit entry.
fn audited(c: &campaign::Model) -> serde_json::Value {
    serde_json::json!({
        "campaignId": c.id,
        "channelId": c.channel_id,
        "name": c.name,
        "utmCampaign": c.utm_campaign,
        "status": c.status,
        "startsOn": c.starts_on,
        "endsOn": c.ends_on,
    })
}

pub async fn archive_campaign(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> AppResult<campaign::Model> {
    let changes = CampaignChanges {
        status: Some("ARCHIVED".to_owned()),
        ..Default::default()
    };
    change_campaign(db, principal, id, changes, "archiveCampaign").await
}
