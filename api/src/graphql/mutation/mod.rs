//! The Mutation root, merged from one object per domain.

mod access;
mod catalog;
mod correction;
mod ingest;
mod invitation;
mod member;
mod workspace;

use async_graphql::MergedObject;

/// Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
/// credentials; every other mutation says which role (for a user) or scope (for an API
/// token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
/// the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
#[derive(MergedObject, Default)]
pub struct Mutation(
    catalog::CatalogMutation,
    access::AccessMutation,
    invitation::InvitationMutation,
    ingest::IngestMutation,
    workspace::WorkspaceMutation,
    correction::CorrectionMutation,
    member::MemberMutation,
);
