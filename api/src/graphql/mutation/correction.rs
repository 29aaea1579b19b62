//! Corrections and erasure: deleting wrong spend, conversions and budgets, and erasing a
//! person's leads. Each runs in one transaction that keeps the reports right, drops cached
//! answers and writes an audit entry.

use async_graphql::{Context, ID, Object, Result};

use crate::auth::Permission;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::{IdKind, decode_id};
use crate::graphql::inputs::DeleteSpendFilterInput;
use crate::graphql::types::{Budget, DeleteConversionsResult, DeleteResult, EraseResult};
use crate::services::correction::erasure::{ErasureTarget, erase};
use crate::services::correction::{budget, conversion, spend};

#[derive(Default)]
pub struct CorrectionMutation;

#[Object]
impl CorrectionMutation {
    /// Deletes one campaign's spend days from `filter.from` to `filter.to` (inclusive); the
    /// reports lose them at once. Needs role ANALYST or scope `spend:write`.
    #[graphql(guard = "need(Permission::WriteSpend)")]
    async fn delete_spend(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The campaign (by id or utmCampaign) and the days.")]
        filter: DeleteSpendFilterInput,
    ) -> Result<DeleteResult> {
        let p = ctx.principal()?;
        let selection = filter.into_service()?;
        let deleted = spend::delete_spend(&ctx.state().db.conn, p, selection).await?;
        Ok(DeleteResult { deleted })
    }

    /// Deletes conversions by externalId (refunds and mistakes); unknown ids are skipped. A
    /// lead that was a CUSTOMER only through a deleted purchase goes back to QUALIFIED (when
    /// another conversion remains) or NEW. Needs role ANALYST or scope `conversions:write`.
    #[graphql(guard = "need(Permission::WriteConversions)")]
    async fn delete_conversions(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The conversions' externalIds, at most MAX_BATCH_ROWS (10,000 by \
                          default) per call."
        )]
        external_ids: Vec<String>,
    ) -> Result<DeleteConversionsResult> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let max = state.settings.max_batch_rows;
        let done = conversion::delete_conversions(&state.db.conn, p, &external_ids, max).await?;
        Ok(DeleteConversionsResult {
            deleted: done.deleted,
            reverted_customers: done.reverted_customers,
        })
    }

    /// Deletes a budget period; answers it as it was. Needs role ANALYST or scope `admin`.
    #[graphql(guard = "need(Permission::ManageCatalog)")]
    async fn delete_budget(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The budget's id.")] id: ID,
    ) -> Result<Budget> {
        let p = ctx.principal()?;
        let id = decode_id(IdKind::Budget, "id", &id)?;
        Ok(Budget(
            budget::delete_budget(&ctx.state().db.conn, p, id).await?,
        ))
    }

    /// Erases leads by externalId with their touchpoints and conversions: the personal data
    /// is gone and no report counts them. Unknown ids are skipped; erasing again answers 0.
    /// Needs role ADMIN or scope `admin`.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn erase_leads(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The leads' externalIds, at most MAX_BATCH_ROWS (10,000 by default) \
                          per call."
        )]
        external_ids: Vec<String>,
    ) -> Result<EraseResult> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let target = ErasureTarget::ExternalIds(external_ids);
        let max = state.settings.max_batch_rows;
        Ok(erase(&state.db.conn, p, p.workspace_id, target, max)
            .await?
            .into())
    }

    /// Erases every lead with this email (case-insensitive), with their touchpoints and
    /// conversions; erasing again answers 0. The audit entry keeps counts, not the email.
    /// Needs role ADMIN or scope `admin`.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn erase_contact(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's email address.")] email: String,
    ) -> Result<EraseResult> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let target = ErasureTarget::Email(email);
        let max = state.settings.max_batch_rows;
        Ok(erase(&state.db.conn, p, p.workspace_id, target, max)
            .await?
            .into())
    }
}
