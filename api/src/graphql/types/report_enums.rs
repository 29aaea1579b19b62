//! GraphQL enums of the reports, mirroring the service enums.

use async_graphql::Enum;

use crate::services::attribution::Model;
use crate::services::report::{self, PacingStatus as ServicePacingStatus};

/// What the rows of a performance report are.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum Dimension {
    /// The channel (a lead's source channel, a touch's channel, a campaign's channel for spend).
    #[default]
    Channel,
    /// The campaign.
    Campaign,
    /// The utm_source value as recorded (case kept). Carries no spend.
    UtmSource,
    /// The utm_medium value as recorded. Carries no spend.
    UtmMedium,
    /// The utm_campaign value as recorded. Carries no spend.
    UtmCampaign,
}

impl From<Dimension> for report::Dimension {
    fn from(d: Dimension) -> Self {
        match d {
            Dimension::Channel => Self::Channel,
            Dimension::Campaign => Self::Campaign,
            Dimension::UtmSource => Self::UtmSource,
            Dimension::UtmMedium => Self::UtmMedium,
            Dimension::UtmCampaign => Self::UtmCampaign,
        }
    }
}

impl From<report::Dimension> for Dimension {
    fn from(d: report::Dimension) -> Self {
        match d {
            report::Dimension::Channel => Self::Channel,
            report::Dimension::Campaign => Self::Campaign,
            report::Dimension::UtmSource => Self::UtmSource,
            report::Dimension::UtmMedium => Self::UtmMedium,
            report::Dimension::UtmCampaign => Self::UtmCampaign,
        }
    }
}

/// How a conversion's credit is split among the touches of its journey (the lead's touches
/// within the lookback window before the conversion).
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum AttributionModel {
    /// All credit to the first touch of the journey.
    #[default]
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// All credit to the last touch that is not DIRECT (the last touch if all are).
    LastNonDirect,
    /// Equal credit to every touch.
    Linear,
    /// Weight 2^(−Δt / half-life) per touch, normalised per journey.
    TimeDecay,
    /// U-shaped: first and last weights (40% / 40% by default), the rest to the middle.
    PositionBased,
    /// Data-driven: removal effects of a first-order Markov chain, solved exactly.
    Markov,
    /// Data-driven: Shapley values of channel coalitions (exact up to 15 channels).
    Shapley,
}

impl From<AttributionModel> for Model {
    fn from(m: AttributionModel) -> Self {
        match m {
            AttributionModel::FirstTouch => Self::FirstTouch,
            AttributionModel::LastTouch => Self::LastTouch,
            AttributionModel::LastNonDirect => Self::LastNonDirect,
            AttributionModel::Linear => Self::Linear,
            AttributionModel::TimeDecay => Self::TimeDecay,
            AttributionModel::PositionBased => Self::PositionBased,
            AttributionModel::Markov => Self::Markov,
            AttributionModel::Shapley => Self::Shapley,
        }
    }
}

impl From<Model> for AttributionModel {
    fn from(m: Model) -> Self {
        match m {
            Model::FirstTouch => Self::FirstTouch,
            Model::LastTouch => Self::LastTouch,
            Model::LastNonDirect => Self::LastNonDirect,
            Model::Linear => Self::Linear,
            Model::TimeDecay => Self::TimeDecay,
            Model::PositionBased => Self::PositionBased,
            Model::Markov => Self::Markov,
            Model::Shapley => Self::Shapley,
        }
    }
}

/// Bucket size of a time series, in the workspace time zone.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// One bucket per local day.
    Day,
    /// ISO weeks, Monday to Sunday; the first and last are cut to the range.
    Week,
    /// Calendar months; the first and last are cut to the range.
    Month,
}

impl From<Granularity> for report::Granularity {
    fn from(g: Granularity) -> Self {
        match g {
            Granularity::Day => Self::Day,
            Granularity::Week => Self::Week,
            Granularity::Month => Self::Month,
        }
    }
}

impl From<report::Granularity> for Granularity {
    fn from(g: report::Granularity) -> Self {
        match g {
            report::Granularity::Day => Self::Day,
            report::Granularity::Week => Self::Week,
            report::Granularity::Month => Self::Month,
        }
    }
}

/// Where a budget period is heading, with a tolerance of ±10% of the planned amount.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum PacingStatus {
    /// Projected spend below 90% of the plan.
    Under,
    /// Projected spend within ±10% of the plan.
    OnTrack,
    /// Projected (or actual) spend above 110% of the plan.
    Over,
}

impl From<ServicePacingStatus> for PacingStatus {
    fn from(s: ServicePacingStatus) -> Self {
        match s {
            ServicePacingStatus::Under => Self::Under,
            ServicePacingStatus::OnTrack => Self::OnTrack,
            ServicePacingStatus::Over => Self::Over,
        }
    }
}
