//! The Query root, merged from one object per domain.

mod access;
mod audit;
mod budget;
mod catalog;
mod leads;
mod readback;
mod report;

use async_graphql::MergedObject;

/// Every query needs credentials: a user's access JWT or an API token, sent as
/// `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
/// `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
/// needs only valid credentials. Everything answered belongs to the caller's workspace, and
/// report days are local days of its time zone.
#[derive(MergedObject, Default)]
pub struct Query(
    catalog::CatalogQuery,
    leads::LeadsQuery,
    report::ReportQuery,
    access::AccessQuery,
    budget::BudgetQuery,
    readback::ReadbackQuery,
    audit::AuditQuery,
);
