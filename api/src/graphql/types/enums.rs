//! GraphQL enums mirroring the stored status strings.

use async_graphql::Enum;

/// Lifecycle of a campaign.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum CampaignStatus {
    Active,
    Paused,
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
    New,
    Qualified,
    Customer,
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
