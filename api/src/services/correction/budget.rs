//! `deleteBudget`: removes one planned budget period.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;

use entity::budget;

use crate::auth::Principal;
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};
use crate::services::audit;
use crate::services::money::cents_to_decimal;
use crate::services::workspace::begin_workspace_write;

/// Deletes a budget of the workspace and answers it as it was; another workspace's budget
/// is NOT_FOUND, exactly as a missing one. Budgets feed no rollup; the generation bump
/// drops cached pacing answers.
#[tracing::instrument(skip(db, principal), fields(workspace.id = principal.workspace_id))]
pub async fn delete_budget(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> AppResult<budget::Model> {
    let ws = principal.workspace_id;
    let txn = begin_workspace_write(db, ws).await?;
    let row = budget::Entity::find_in_workspace(ws)
        .filter(budget::Column::Id.eq(id))
        .one(&txn)
        .await?
        .ok_or(AppError::not_found("budget"))?;
    budget::Entity::delete_many()
        .filter(budget::Column::WorkspaceId.eq(ws))
        .filter(budget::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let arguments = json!({
        "budgetId": row.id,
        "campaignId": row.campaign_id,
        "periodStart": row.period_start,
        "periodEnd": row.period_end,
        "amount": cents_to_decimal(row.planned_cents).to_string(),
    });
    audit::record(&txn, principal, "deleteBudget", arguments).await?;
    txn.commit().await?;
    Ok(row)
}
