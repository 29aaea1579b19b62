//! The one place a field's permission is checked: `#[graphql(guard = "need(Permission::X)")]`.

use async_graphql::{Context, Guard, Result};

use super::context::ContextExt;
use crate::auth::Permission;

pub struct PermissionGuard(Permission);

/// The guard for a field that needs `permission`.
pub fn need(permission: Permission) -> PermissionGuard {
    PermissionGuard(permission)
}

impl Guard for PermissionGuard {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        ctx.principal()?.require(self.0)?;
        Ok(())
    }
}
