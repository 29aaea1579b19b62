//! GraphQL input types and their conversion into service arguments.

pub mod access;
pub mod catalog;
pub mod filter;

pub use access::{CreateApiTokenInput, InviteUserInput};
pub use catalog::{
    CreateCampaignInput, CreateChannelInput, SetBudgetInput, UpdateCampaignInput,
    UpdateChannelInput,
};
pub use filter::{BudgetFilterInput, CampaignFilterInput, ConversionFilterInput, LeadFilterInput};
