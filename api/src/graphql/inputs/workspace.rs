//! Input of `updateWorkspace`.

use async_graphql::InputObject;

use crate::services::workspace_settings::WorkspaceChanges;

/// The workspace settings to change; an absent field stays as it is.
#[derive(InputObject)]
pub struct UpdateWorkspaceInput {
    /// The display name, 1 to 200 characters.
    pub name: Option<String>,
    /// ISO 4217 reporting currency. Refused (BAD_USER_INPUT) once the workspace holds money
    /// (spend, revenue, budgets or FX rates): stored amounts are never re-converted.
    pub currency: Option<String>,
    /// IANA time zone, e.g. America/New_York. Every stored local day (leads' and
    /// conversions' days) and the daily rollups are recomputed in the same transaction.
    pub timezone: Option<String>,
}

impl From<UpdateWorkspaceInput> for WorkspaceChanges {
    fn from(input: UpdateWorkspaceInput) -> Self {
        WorkspaceChanges {
            name: input.name,
            currency: input.currency,
            timezone: input.timezone,
        }
    }
}
