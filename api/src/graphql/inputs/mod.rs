//! GraphQL input types and their conversion into service arguments.

pub mod access;
pub mod budget;
pub mod catalog;
pub mod correction;
pub mod filter;
pub mod ingest;
pub mod order;
pub mod report;
pub mod workspace;

pub use access::{CreateApiTokenInput, InviteUserInput};
pub use catalog::{
    CreateCampaignInput, CreateChannelInput, SetBudgetInput, UpdateCampaignInput,
    UpdateChannelInput,
};
pub use correction::{
    AuditLogFilterInput, DeleteSpendFilterInput, SpendFilterInput, TouchpointFilterInput,
};
pub use filter::{BudgetFilterInput, CampaignFilterInput, ConversionFilterInput, LeadFilterInput};
pub use ingest::{ConversionInput, FxRateInput, LeadInput, SpendInput, TouchpointInput};
pub use workspace::UpdateWorkspaceInput;
