//! Workspace scoping: one helper per entity, so no query forgets whose data it reads.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};

/// `SELECT … WHERE workspace_id = ws` for every tenant entity.
pub trait InWorkspace: EntityTrait {
    fn find_in_workspace(workspace_id: i64) -> Select<Self>;
}

macro_rules! in_workspace {
    ($($module:ident),* $(,)?) => {
        $(
            impl InWorkspace for entity::$module::Entity {
                fn find_in_workspace(workspace_id: i64) -> Select<Self> {
                    Self::find().filter(entity::$module::Column::WorkspaceId.eq(workspace_id))
                }
            }
        )*
    };
}

in_workspace!(
    api_token,
    audit_log,
    budget,
    campaign,
    channel,
    conversion,
    fx_rate,
    invitation,
    lead,
    membership,
    refresh_token,
    spend,
    touchpoint,
);
