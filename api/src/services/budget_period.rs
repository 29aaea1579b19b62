//! Planned budgets per campaign and period: list and set (upsert on the period start).

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use entity::budget;

use super::audit;
use super::campaign::find_campaign;
use super::workspace::begin_workspace_write;
use crate::auth::Principal;
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Default)]
pub struct BudgetFilter {
    pub campaign_id: Option<i64>,
    /// Budgets whose period overlaps [from, to].
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub async fn list_budgets<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    filter: &BudgetFilter,
) -> AppResult<Vec<budget::Model>> {
    let mut query = budget::Entity::find_in_workspace(workspace_id);
    if let Some(campaign_id) = filter.campaign_id {
        query = query.filter(budget::Column::CampaignId.eq(campaign_id));
    }
    if let Some(from) = filter.from {
        query = query.filter(budget::Column::PeriodEnd.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(budget::Column::PeriodStart.lte(to));
    }
    Ok(query
        .order_by_asc(budget::Column::PeriodStart)
        .order_by_asc(budget::Column::CampaignId)
        .all(db)
        .await?)
}

#[derive(Debug, Clone)]
pub struct SetBudget {
    pub campaign_id: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub planned_cents: i64,
}

/// Creates or replaces the campaign's budget starting on `period_start`: one upsert on the
/// (workspace, campaign, period start) unique index, in one transaction with the generation
/// bump, so concurrent calls for one period both succeed and the last one wins.
pub async fn set_budget(
    db: &DatabaseConnection,
    principal: &Principal,
    input: SetBudget,
) -> AppResult<budget::Model> {
    let workspace_id = principal.workspace_id;
    if input.period_end < input.period_start {
        return Err(AppError::bad_input(
            "periodEnd",
            "must not be before periodStart",
        ));
    }
    if input.planned_cents < 0 {
        return Err(AppError::bad_input("amount", "must not be negative"));
    }
    let txn = begin_workspace_write(db, workspace_id).await?;
    find_campaign(&txn, workspace_id, input.campaign_id)
        .await
        .map_err(|_| AppError::bad_input("campaignId", "no such campaign"))?;
    let row = budget::ActiveModel {
        workspace_id: Set(workspace_id),
        campaign_id: Set(input.campaign_id),
        period_start: Set(input.period_start),
        period_end: Set(input.period_end),
        planned_cents: Set(input.planned_cents),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let saved = budget::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                budget::Column::WorkspaceId,
                budget::Column::CampaignId,
                budget::Column::PeriodStart,
            ])
            .update_columns([
                budget::Column::PeriodEnd,
                budget::Column::PlannedCents,
                budget::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_with_returning(&txn)
        .await?;
    let arguments = serde_json::json!({
        "budgetId": saved.id,
        "campaignId": saved.campaign_id,
        "periodStart": saved.period_start,
        "periodEnd": saved.period_end,
        "amount": super::money::cents_to_decimal(saved.planned_cents).to_string(),
    });
    audit::record(&txn, principal, "setBudget", arguments).await?;
    txn.commit().await?;
    Ok(saved)
}
