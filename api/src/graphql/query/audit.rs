//! The audit log of the workspace.

use async_graphql::{Context, Object, Result};

use crate::auth::Permission;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::decode_id_cursor;
use crate::graphql::inputs::AuditLogFilterInput;
use crate::graphql::types::AuditEntry;
use crate::graphql::types::page::{PageConnection, to_connection};
use crate::services::audit::list_audit_log;
use crate::services::page::PageRequest;

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Audited changes of the workspace (settings, members, tokens, deletions and
    /// erasures), newest first. Needs role ADMIN or scope `admin`.
    #[graphql(
        guard = "need(Permission::ManageAccess)",
        complexity = "crate::graphql::types::page::connection_complexity(first, child_complexity)"
    )]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows per page: 0 to the server's MAX_PAGE_SIZE (500 by default); 50 when absent."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Start after this cursor: the `pageInfo.endCursor` of the previous page."
        )]
        after: Option<String>,
        #[graphql(desc = "Narrows the entries; all of them when absent.")] filter: Option<
            AuditLogFilterInput,
        >,
    ) -> Result<PageConnection<AuditEntry>> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let cursor = after.as_deref().map(decode_id_cursor).transpose()?;
        let page = PageRequest::new(first, cursor, state.settings.max_page_size)?;
        let filter = filter.unwrap_or_default().into_service()?;
        let rows = list_audit_log(&state.db.conn, p.workspace_id, &filter, page).await?;
        Ok(to_connection(
            rows,
            after.is_some(),
            |row| row.id.to_string(),
            AuditEntry,
        ))
    }
}
