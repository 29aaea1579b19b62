//! The Mutation root, merged from one object per domain.

mod access;
mod catalog;
mod ingest;
mod invitation;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct Mutation(
    catalog::CatalogMutation,
    access::AccessMutation,
    invitation::InvitationMutation,
    ingest::IngestMutation,
);
