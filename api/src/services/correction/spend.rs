//! `deleteSpend`: removes one campaign's spend days in a date range (both ends inclusive).

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;

use entity::{campaign, spend};

use crate::auth::Principal;
use crate::db::rollup::{Sign, SpendRows};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};
use crate::services::audit;
use crate::services::rollup::RollupWriter;
use crate::services::workspace::begin_workspace_write;

/// How the spend to delete names its campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpendCampaign {
    Id(i64),
    /// A campaign's `utmCampaign` (case-insensitive).
    Utm(String),
}

/// Which spend rows: one campaign's days from `from` to `to`, inclusive.
#[derive(Debug, Clone)]
pub struct SpendSelection {
    pub campaign: SpendCampaign,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Deletes the selected spend rows; answers how many there were. A campaign of another
/// workspace is refused exactly like one that does not exist.
#[tracing::instrument(skip(db, principal), fields(workspace.id = principal.workspace_id))]
pub async fn delete_spend(
    db: &DatabaseConnection,
    principal: &Principal,
    selection: SpendSelection,
) -> AppResult<u64> {
    if selection.to < selection.from {
        return Err(AppError::bad_input("filter.to", "must not be before from"));
    }
    let ws = principal.workspace_id;
    let txn = begin_workspace_write(db, ws).await?;
    let campaign_id = resolve(&txn, ws, &selection.campaign).await?;
    let dates: Vec<NaiveDate> = spend::Entity::find_in_workspace(ws)
        .select_only()
        .column(spend::Column::Date)
        .filter(spend::Column::CampaignId.eq(campaign_id))
        .filter(spend::Column::Date.between(selection.from, selection.to))
        .into_tuple()
        .all(&txn)
        .await?;
    let keys: Vec<(i64, NaiveDate)> = dates.iter().map(|d| (campaign_id, *d)).collect();
    let rollup = RollupWriter::load(&txn, ws).await?;
    rollup
        .spend(&txn, SpendRows::Keys(&keys), Sign::Remove)
        .await?;
    let deleted = spend::Entity::delete_many()
        .filter(spend::Column::WorkspaceId.eq(ws))
        .filter(spend::Column::CampaignId.eq(campaign_id))
        .filter(spend::Column::Date.between(selection.from, selection.to))
        .exec(&txn)
        .await?
        .rows_affected;
    let named = match &selection.campaign {
        SpendCampaign::Id(_) => json!({ "campaignId": campaign_id }),
        SpendCampaign::Utm(utm) => json!({ "campaignId": campaign_id, "utmCampaign": utm }),
    };
    let mut arguments = named;
    arguments["from"] = json!(selection.from);
    arguments["to"] = json!(selection.to);
    arguments["deleted"] = json!(deleted);
    audit::record(&txn, principal, "deleteSpend", arguments).await?;
    txn.commit().await?;
    Ok(deleted)
}

async fn resolve<C: sea_orm::ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    named: &SpendCampaign,
) -> AppResult<i64> {
    let query = campaign::Entity::find_in_workspace(workspace_id)
        .select_only()
        .column(campaign::Column::Id);
    let (query, field, reason) = match named {
        SpendCampaign::Id(id) => (
            query.filter(campaign::Column::Id.eq(*id)),
            "filter.campaignId",
            "no such campaign in this workspace".to_owned(),
        ),
        SpendCampaign::Utm(utm) => {
            let utm = utm.trim().to_lowercase();
            let reason = format!("no campaign has utmCampaign {utm:?}");
            (
                query.filter(campaign::Column::UtmCampaign.eq(utm)),
                "filter.utmCampaign",
                reason,
            )
        }
    };
    query
        .into_tuple::<i64>()
        .one(db)
        .await?
        .ok_or_else(|| AppError::bad_input(field, reason))
}
