//! `orderBy` of report rows, and its conversion into the service's order.

use async_graphql::{Enum, InputObject};

use crate::services::report::{Direction, OrderField, RowOrder};

/// What report rows are sorted by.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(name = "ReportOrderField")]
pub enum ReportOrderFieldInput {
    /// Leads created in the range.
    Leads,
    /// Leads of the range that converted.
    ConvertedLeads,
    /// Leads whose first purchase falls in the range.
    NewCustomers,
    /// Credited conversions.
    Conversions,
    /// Credited revenue.
    Revenue,
    /// Spend (rows without spend last).
    Spend,
    /// (revenue − spend) / spend (rows without one last).
    Roi,
    /// revenue / spend.
    Roas,
    /// spend / leads.
    Cpl,
    /// spend / new customers.
    Cac,
    /// converted leads / leads.
    ConversionRate,
    /// The row's name, case-insensitively.
    Label,
}

/// Ascending or descending.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq)]
#[graphql(name = "SortDirection")]
pub enum SortDirectionInput {
    /// Smallest first (A to Z for labels).
    Asc,
    /// Largest first.
    #[default]
    Desc,
}

/// How report rows are sorted. Rows without a value for the field (a null ratio, no spend)
/// come last in both directions; ties keep the report's own order (revenue, then leads,
/// descending).
#[derive(InputObject, Clone, Copy, Debug)]
#[graphql(name = "ReportOrder")]
pub struct ReportOrderInput {
    /// The metric (or the label) to sort by.
    pub field: ReportOrderFieldInput,
    /// DESC when absent.
    #[graphql(default)]
    pub direction: SortDirectionInput,
}

impl From<ReportOrderInput> for RowOrder {
    fn from(o: ReportOrderInput) -> Self {
        let field = match o.field {
            ReportOrderFieldInput::Leads => OrderField::Leads,
            ReportOrderFieldInput::ConvertedLeads => OrderField::ConvertedLeads,
            ReportOrderFieldInput::NewCustomers => OrderField::NewCustomers,
            ReportOrderFieldInput::Conversions => OrderField::Conversions,
            ReportOrderFieldInput::Revenue => OrderField::Revenue,
            ReportOrderFieldInput::Spend => OrderField::Spend,
            ReportOrderFieldInput::Roi => OrderField::Roi,
            ReportOrderFieldInput::Roas => OrderField::Roas,
            ReportOrderFieldInput::Cpl => OrderField::Cpl,
            ReportOrderFieldInput::Cac => OrderField::Cac,
            ReportOrderFieldInput::ConversionRate => OrderField::ConversionRate,
            ReportOrderFieldInput::Label => OrderField::Label,
        };
        let direction = match o.direction {
            SortDirectionInput::Asc => Direction::Asc,
            SortDirectionInput::Desc => Direction::Desc,
        };
        Self { field, direction }
    }
}
