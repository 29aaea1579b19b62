//! The Query root, merged from one object per domain.

mod access;
mod budget;
mod catalog;
mod leads;
mod report;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct Query(
    catalog::CatalogQuery,
    leads::LeadsQuery,
    report::ReportQuery,
    access::AccessQuery,
    budget::BudgetQuery,
);
