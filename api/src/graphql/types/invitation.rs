//! Invitations as GraphQL objects: what the ADMIN invited, never anything of the invitee's
//! account; the code appears once, at creation.

use async_graphql::{Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use entity::invitation;

use super::access::Role;
use crate::graphql::ids::{IdKind, encode_id};
use crate::services::access::invitation::invitation_role;
use crate::services::access::{InvitationState, invitation_state};

/// Where an invitation stands.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum InvitationStatus {
    /// Its code can be redeemed with `acceptInvitation`.
    Pending,
    /// Past `expiresAt`: invite again for a new code.
    Expired,
    /// Redeemed: the invitee is a member.
    Accepted,
    /// Revoked, or replaced by a newer invitation to the same email.
    Revoked,
}

impl From<InvitationState> for InvitationStatus {
    fn from(state: InvitationState) -> Self {
        match state {
            InvitationState::Pending => Self::Pending,
            InvitationState::Expired => Self::Expired,
            InvitationState::Accepted => Self::Accepted,
            InvitationState::Revoked => Self::Revoked,
        }
    }
}

pub struct Invitation(pub invitation::Model);

/// An invitation to join the workspace with a role. It carries only what the inviter
/// gave, so it tells nothing about whether the email has an account.
#[Object]
impl Invitation {
    /// Opaque id of the invitation; `revokeInvitation` takes it.
    async fn id(&self) -> ID {
        encode_id(IdKind::Invitation, self.0.id)
    }
    /// The invited email, lower-cased.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// The role the invitee gets on accepting.
    async fn role(&self) -> Result<Role> {
        Ok(invitation_role(&self.0)?.into())
    }
    /// The name a new account gets unless the invitee gives one; as the inviter typed it.
    async fn display_name(&self) -> Option<&str> {
        self.0.display_name.as_deref()
    }
    /// When the invitation was made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When the code stops working: seven days after the invitation.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }
    /// Where the invitation stands now.
    async fn status(&self) -> InvitationStatus {
        invitation_state(&self.0, Utc::now()).into()
    }
}

/// An invitation just made, with the code to hand to the invitee.
#[derive(SimpleObject)]
pub struct CreatedInvitation {
    /// The invitation as `invitations` lists it.
    pub invitation: Invitation,
    /// `lsi_…`: shown only here, stored only as a SHA-256; the invitee redeems it once with
    /// `acceptInvitation` before `invitation.expiresAt`.
    pub code: String,
}
