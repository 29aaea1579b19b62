//! The Mutation root, merged from one object per domain.

mod access;
mod catalog;
mod ingest;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct Mutation(
    catalog::CatalogMutation,
    access::AccessMutation,
    ingest::IngestMutation,
);
