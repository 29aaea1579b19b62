//! Inputs of the access mutations: API tokens and invitations.

use async_graphql::InputObject;

use crate::graphql::scalars::SentDateTime;
use crate::graphql::types::access::{ApiScope, Role};

/// A new API token: its name, what it may do and when it stops working.
#[derive(InputObject)]
pub struct CreateApiTokenInput {
    /// A name to recognise the token by, 1 to 100 characters.
    pub name: String,
    /// At least one scope.
    pub scopes: Vec<ApiScope>,
    /// When the token stops working; never, when null.
    pub expires_at: Option<SentDateTime>,
}

/// Whom to invite, as what.
#[derive(InputObject)]
pub struct InviteUserInput {
    /// The invitee's email address (compared and stored lower-cased).
    pub email: String,
    /// The name an account created by accepting gets, unless the invitee gives one
    /// (default: the part of the email before `@`); an existing account keeps its own.
    pub display_name: Option<String>,
    /// At most the inviter's own role.
    pub role: Role,
}
