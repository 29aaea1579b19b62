//! The Mutation root, merged from one object per domain.

mod catalog;
mod ingest;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct Mutation(catalog::CatalogMutation, ingest::IngestMutation);
