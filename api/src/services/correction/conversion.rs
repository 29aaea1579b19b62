//! `deleteConversions`: refunds and mistakes. The conversions go, with their credit in
//! every report; a lead that was a CUSTOMER only through a deleted purchase goes back to
//! QUALIFIED when it keeps another conversion (it did convert), to NEW otherwise. LOST and
//! QUALIFIED leads keep their status: a deletion never promotes.

use std::collections::{BTreeSet, HashSet};

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;

use entity::{conversion, lead};

use super::{CHUNK, audited, external_ids};
use crate::auth::Principal;
use crate::db::rollup::Sign;
use crate::db::scope::InWorkspace;
use crate::error::AppResult;
use crate::services::audit;
use crate::services::ingest::conversion::PURCHASE;
use crate::services::rollup::RollupWriter;
use crate::services::workspace::begin_workspace_write;

/// What `deleteConversions` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeletedConversions {
    pub deleted: u64,
    /// CUSTOMER leads that lost their last purchase.
    pub reverted_customers: u64,
}

/// Deletes the workspace's conversions with these external ids; unknown ids (and those of
/// other workspaces) are skipped, so a repeat deletes nothing.
#[tracing::instrument(skip(db, principal, ids), fields(workspace.id = principal.workspace_id, rows = ids.len()))]
pub async fn delete_conversions(
    db: &DatabaseConnection,
    principal: &Principal,
    ids: &[String],
    max_rows: usize,
) -> AppResult<DeletedConversions> {
    let ids = external_ids("externalIds", ids, max_rows)?;
    if ids.is_empty() {
        return Ok(DeletedConversions::default());
    }
    let ws = principal.workspace_id;
    let txn = begin_workspace_write(db, ws).await?;
    let mut found: Vec<(i64, i64, String, String)> = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, i64, String, String)> = conversion::Entity::find_in_workspace(ws)
            .select_only()
            .columns([
                conversion::Column::Id,
                conversion::Column::LeadId,
                conversion::Column::Kind,
                conversion::Column::ExternalId,
            ])
            .filter(conversion::Column::ExternalId.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(&txn)
            .await?;
        found.extend(rows);
    }
    let leads: Vec<i64> = found
        .iter()
        .map(|r| r.1)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rollup = RollupWriter::load(&txn, ws).await?;
    rollup.leads(&txn, &leads, Sign::Remove).await?;
    let mut deleted = 0;
    let conversion_ids: Vec<i64> = found.iter().map(|r| r.0).collect();
    for chunk in conversion_ids.chunks(CHUNK) {
        deleted += conversion::Entity::delete_many()
            .filter(conversion::Column::WorkspaceId.eq(ws))
            .filter(conversion::Column::Id.is_in(chunk.iter().copied()))
            .exec(&txn)
            .await?
            .rows_affected;
    }
    rollup.leads(&txn, &leads, Sign::Add).await?;
    // Only a deleted purchase can have made its lead a CUSTOMER.
    let buyers: Vec<i64> = found
        .iter()
        .filter(|r| r.2 == PURCHASE)
        .map(|r| r.1)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let reverted_customers = revert_customers(&txn, ws, &buyers).await?;
    // The ids that matched: an unknown id is not this workspace's business to remember.
    let matched: Vec<String> = found.iter().map(|r| r.3.clone()).collect();
    let arguments = json!({
        "externalIds": audited(&matched),
        "requested": ids.len(),
        "deleted": deleted,
        "revertedCustomers": reverted_customers,
    });
    audit::record(&txn, principal, "deleteConversions", arguments).await?;
    txn.commit().await?;
    Ok(DeletedConversions {
        deleted,
        reverted_customers,
    })
}

/// Among `leads` (each lost a purchase), the CUSTOMERs left without a purchase go back to QUALIFIED (another
/// conversion remains) or NEW (none does); answers how many changed.
async fn revert_customers<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    leads: &[i64],
) -> AppResult<u64> {
    let mut changed = 0;
    for chunk in leads.chunks(CHUNK) {
        let remaining: Vec<(i64, String)> = conversion::Entity::find_in_workspace(workspace_id)
            .select_only()
            .columns([conversion::Column::LeadId, conversion::Column::Kind])
            .filter(conversion::Column::LeadId.is_in(chunk.iter().copied()))
            .distinct()
            .into_tuple()
            .all(db)
            .await?;
        let buyers: HashSet<i64> = remaining
            .iter()
            .filter(|(_, kind)| kind == PURCHASE)
            .map(|(id, _)| *id)
            .collect();
        let converted: HashSet<i64> = remaining.iter().map(|(id, _)| *id).collect();
        for (status, ids) in [
            (
                "QUALIFIED",
                chunk
                    .iter()
                    .filter(|id| !buyers.contains(id) && converted.contains(id))
                    .copied()
                    .collect::<Vec<_>>(),
            ),
            (
                "NEW",
                chunk
                    .iter()
                    .filter(|id| !converted.contains(id))
                    .copied()
                    .collect::<Vec<_>>(),
            ),
        ] {
            if ids.is_empty() {
                continue;
            }
            changed += lead::Entity::update_many()
                .col_expr(lead::Column::Status, Expr::value(status))
                .col_expr(lead::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(lead::Column::WorkspaceId.eq(workspace_id))
                .filter(lead::Column::Id.is_in(ids))
                .filter(lead::Column::Status.eq("CUSTOMER"))
                .exec(db)
                .await?
                .rows_affected;
        }
    }
    Ok(changed)
}
