//! GraphQL enums mirroring the stored status strings.

use async_graphql::Enum;

/// Lifecycle of a campaign. A label for people and filters: no status changes how spend,
/// touches or reports treat the campaign.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum CampaignStatus {
    /// Running (the status of a new campaign).
    Active,
    /// Stopped for now.
    Paused,
    /// Finished (`archiveCampaign`); its history stays in reports.
    Archived,
}

impl CampaignStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "ACTIVE",
            Self::Paused => "PAUSED",
            Self::Archived => "ARCHIVED",
        }
    }

    pub fn from_stored(s: &str) -> Self {
        match s {
            "PAUSED" => Self::Paused,
            "ARCHIVED" => Self::Archived,
            _ => Self::Active,
        }
    }
}

/// Where a lead stands in the funnel.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum LeadStatus {
    /// Captured, not yet a customer: every lead starts here.
    New,
    /// Judged sales-ready. No mutation sets it; leads stored with it (the demo data) keep it
    /// until a purchase.
    Qualified,
    /// Has a `purchase` conversion (set by `recordConversions`).
    Customer,
    /// Given up on. No mutation sets it; leads stored with it (the demo data) keep it until
    /// a purchase.
    Lost,
}

impl LeadStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "NEW",
            Self::Qualified => "QUALIFIED",
            Self::Customer => "CUSTOMER",
            Self::Lost => "LOST",
        }
    }

    pub fn from_stored(s: &str) -> Self {
        match s {
            "QUALIFIED" => Self::Qualified,
            "CUSTOMER" => Self::Customer,
            "LOST" => Self::Lost,
            _ => Self::New,
        }
    }
}
