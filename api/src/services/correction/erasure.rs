//! Erasure (issue 15): `eraseLeads(externalIds)` and `eraseContact(email)` remove leads with
//! their touchpoints and conversions, in one transaction, so the personal data (email, name,
//! company, the visits and the purchases) is gone and no report counts the lead any more.
//!
//! * The rollups lose each lead's whole contribution before its rows go; no anonymised
//!   aggregate of the lead stays behind (a rollup row may remain at zero, holding no count).
//! * The data generation is bumped in the same transaction, so every cached report computed
//!   with the lead is unreachable from the commit on (and expires by `CACHE_TTL_SECS`).
//! * The audit row holds counts only: never the email, nor the external ids, which callers
//!   sometimes make from an email.
//! * Idempotent: erasing again finds nothing and answers 0.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;

use entity::{conversion, lead, touchpoint};

use super::{CHUNK, external_ids};
use crate::db::rollup::Sign;
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Who};
use crate::services::ingest::validate::email;
use crate::services::rollup::RollupWriter;
use crate::services::workspace::begin_workspace_write;

/// What an erasure removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Erased {
    pub leads: u64,
    pub touchpoints: u64,
    pub conversions: u64,
}

/// Which leads to erase.
#[derive(Debug, Clone)]
pub enum ErasureTarget {
    /// The leads with these external ids.
    ExternalIds(Vec<String>),
    /// Every lead whose email is this one (case-insensitive).
    Email(String),
}

/// Erases the workspace's leads named by `target`, with their touchpoints and conversions.
#[tracing::instrument(skip_all)]
pub async fn erase<'a>(
    db: &DatabaseConnection,
    who: impl Into<Who<'a>>,
    workspace_id: i64,
    target: ErasureTarget,
    max_rows: usize,
) -> AppResult<Erased> {
    let who = who.into();
    // Checked before any transaction: a bad argument writes nothing, not even a bump.
    let (action, target) = match target {
        ErasureTarget::ExternalIds(ids) => (
            "eraseLeads",
            ErasureTarget::ExternalIds(external_ids("externalIds", &ids, max_rows)?),
        ),
        ErasureTarget::Email(text) => {
            let normalized = email(Some(&text))
                .map_err(|reason| AppError::bad_input("email", reason))?
                .ok_or_else(|| AppError::bad_input("email", "must not be empty"))?;
            ("eraseContact", ErasureTarget::Email(normalized))
        }
    };
    if matches!(&target, ErasureTarget::ExternalIds(ids) if ids.is_empty()) {
        return Ok(Erased::default());
    }
    let txn = begin_workspace_write(db, workspace_id).await?;
    let leads = find_leads(&txn, workspace_id, &target).await?;
    let rollup = RollupWriter::load(&txn, workspace_id).await?;
    rollup.leads(&txn, &leads, Sign::Remove).await?;
    let erased = delete_rows(&txn, workspace_id, &leads).await?;
    let mut arguments = json!({
        "leads": erased.leads,
        "touchpoints": erased.touchpoints,
        "conversions": erased.conversions,
    });
    if let ErasureTarget::ExternalIds(ids) = &target {
        arguments["requested"] = json!(ids.len());
    }
    audit::record(&txn, who, action, arguments).await?;
    txn.commit().await?;
    Ok(erased)
}

async fn find_leads<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    target: &ErasureTarget,
) -> AppResult<Vec<i64>> {
    let query = || {
        lead::Entity::find_in_workspace(workspace_id)
            .select_only()
            .column(lead::Column::Id)
    };
    let mut ids: Vec<i64> = Vec::new();
    match target {
        ErasureTarget::ExternalIds(keys) => {
            for chunk in keys.chunks(CHUNK) {
                let found: Vec<i64> = query()
                    .filter(lead::Column::ExternalId.is_in(chunk.iter().cloned()))
                    .into_tuple()
                    .all(db)
                    .await?;
                ids.extend(found);
            }
        }
        // Captures store emails lower-cased; the comparison is exact on that form.
        ErasureTarget::Email(email) => {
            ids = query()
                .filter(lead::Column::Email.eq(email.as_str()))
                .into_tuple()
                .all(db)
                .await?;
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Deletes the leads' conversions, touchpoints and the leads themselves.
async fn delete_rows<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    leads: &[i64],
) -> AppResult<Erased> {
    let mut erased = Erased::default();
    for chunk in leads.chunks(CHUNK) {
        erased.conversions += conversion::Entity::delete_many()
            .filter(conversion::Column::WorkspaceId.eq(workspace_id))
            .filter(conversion::Column::LeadId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
        erased.touchpoints += touchpoint::Entity::delete_many()
            .filter(touchpoint::Column::WorkspaceId.eq(workspace_id))
            .filter(touchpoint::Column::LeadId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
        erased.leads += lead::Entity::delete_many()
            .filter(lead::Column::WorkspaceId.eq(workspace_id))
            .filter(lead::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(erased)
}
