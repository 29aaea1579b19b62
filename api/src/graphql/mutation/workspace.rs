//! `updateWorkspace`: the workspace's own settings, for its OWNER.

use async_graphql::{Context, Object, Result};

use crate::auth::Permission;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::inputs::UpdateWorkspaceInput;
use crate::graphql::types::Workspace;
use crate::services::workspace_settings::update_workspace;

#[derive(Default)]
pub struct WorkspaceMutation;

#[Object]
impl WorkspaceMutation {
    /// Changes the workspace's name, time zone or reporting currency; answers the workspace
    /// as stored. A new time zone recomputes every stored local day and the daily rollups in
    /// the same transaction, so reports use the new days at once. A new currency is refused
    /// once the workspace holds money. Needs role OWNER (no API token scope grants it).
    #[graphql(guard = "need(Permission::ManageWorkspace)")]
    async fn update_workspace(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The settings to change; absent ones stay as they are.")]
        input: UpdateWorkspaceInput,
    ) -> Result<Workspace> {
        let p = ctx.principal()?;
        let updated = update_workspace(&ctx.state().db.conn, p, input.into()).await?;
        Ok(Workspace(updated.workspace))
    }
}
