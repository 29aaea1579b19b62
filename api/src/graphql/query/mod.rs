//! The Query root, merged from one object per domain.

mod access;
mod catalog;
mod leads;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct Query(
    catalog::CatalogQuery,
    leads::LeadsQuery,
    access::AccessQuery,
);
