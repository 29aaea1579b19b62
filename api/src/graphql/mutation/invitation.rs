//! Invitations: an ADMIN invites an email, the invitee accepts with the code.

use async_graphql::{Context, ID, Object, Result};

use super::access::client_addr;
use crate::auth::{Permission, Principal};
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::{IdKind, decode_id};
use crate::graphql::inputs::InviteUserInput;
use crate::graphql::types::{CreatedInvitation, Invitation, Session};
use crate::services::access::{
    Acceptance, NewInvitation, accept_invitation, invite, revoke_invitation,
};

#[derive(Default)]
pub struct InvitationMutation;

#[Object]
impl InvitationMutation {
    /// Invites an email to the workspace with `role` (at most the caller's own; API tokens
    /// up to ADMIN). The answer has the same shape whether or not the email has an
    /// account: hand `code` to the invitee, who redeems it with `acceptInvitation` within
    /// seven days. Inviting the same email again replaces the open invitation. CONFLICT
    /// only when the email is already a member of this workspace. Needs role ADMIN or scope
    /// `admin`.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn invite_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Whom to invite, as what.")] input: InviteUserInput,
    ) -> Result<CreatedInvitation> {
        let p = ctx.principal()?;
        let request = NewInvitation {
            email: input.email,
            role: input.role.into(),
            display_name: input.display_name,
        };
        let issued = invite(&ctx.state().db.conn, p, request).await?;
        Ok(CreatedInvitation {
            invitation: Invitation(issued.invitation),
            code: issued.code,
        })
    }

    /// Revokes an open invitation: its code stops working at once. Needs at least the
    /// role the invitation offers, and role ADMIN or scope `admin`.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn revoke_invitation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The invitation's id.")] id: ID,
    ) -> Result<Invitation> {
        let p = ctx.principal()?;
        let id = decode_id(IdKind::Invitation, "id", &id)?;
        let row = revoke_invitation(&ctx.state().db.conn, p, id).await?;
        Ok(Invitation(row))
    }

    /// Redeems an invitation code (once, before it expires): the invitee becomes a member
    /// with the invited role and gets a session in that workspace. Signed in as the invited
    /// email, the code is enough. Otherwise `password` is required: the account's password
    /// when the email has one, else the password of the account this creates (with
    /// `displayName`). Each call counts as a sign-in attempt, under `login`'s rate limits.
    async fn accept_invitation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The `lsi_…` code from `inviteUser`.")] code: String,
        #[graphql(desc = "The account's password, or the new account's (at least 10 \
                          characters); not needed when signed in as the invited email.")]
        password: Option<String>,
        #[graphql(desc = "The new account's name (at most 100 characters); the \
                          invitation's `displayName` when absent. An existing account \
                          keeps its own.")]
        display_name: Option<String>,
    ) -> Result<Session> {
        let state = ctx.state();
        let acceptance = Acceptance {
            code,
            password,
            display_name,
        };
        let caller = ctx.data_opt::<Principal>();
        let session = accept_invitation(
            &state.db.conn,
            &state.auth,
            client_addr(ctx),
            caller,
            acceptance,
        )
        .await?;
        Ok(Session(session))
    }
}
