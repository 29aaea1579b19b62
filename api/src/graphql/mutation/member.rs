//! Member changes: removing a member and changing a member's role.

use async_graphql::{Context, ID, Object, Result};

use crate::auth::Permission;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::{IdKind, decode_id};
use crate::graphql::types::Member;
use crate::graphql::types::access::Role;
use crate::services::access::{change_role, remove_member};

#[derive(Default)]
pub struct MemberMutation;

#[Object]
impl MemberMutation {
    /// Removes a member from the workspace and revokes their refresh tokens here; answers
    /// the membership as it was. Nobody removes a member above their own role (tokens act as
    /// ADMIN), and the last OWNER cannot be removed (CONFLICT). Needs role ADMIN or scope
    /// `admin`.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn remove_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The member's user id (`Member.user.id`).")] user_id: ID,
    ) -> Result<Member> {
        let p = ctx.principal()?;
        let user_id = decode_id(IdKind::User, "userId", &user_id)?;
        Ok(Member(
            remove_member(&ctx.state().db.conn, p, user_id).await?,
        ))
    }

    /// Gives a member another role, at most the caller's own (tokens up to ADMIN), and only
    /// to a member whose role is not above the caller's. The last OWNER cannot be demoted
    /// (CONFLICT). It applies from the member's next `refreshSession` or `login`. Needs role
    /// ADMIN or scope `admin`.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn change_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The member's user id (`Member.user.id`).")] user_id: ID,
        #[graphql(desc = "The new role.")] role: Role,
    ) -> Result<Member> {
        let p = ctx.principal()?;
        let user_id = decode_id(IdKind::User, "userId", &user_id)?;
        Ok(Member(
            change_role(&ctx.state().db.conn, p, user_id, role.into()).await?,
        ))
    }
}
