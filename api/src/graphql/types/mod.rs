//! GraphQL output types, built from entity models; secrets never reach these.

pub mod access;
pub mod attribution;
pub mod budget;
pub mod budget_alternative;
pub mod budget_plan;
pub mod catalog;
pub mod correction;
pub mod enums;
pub mod ingest;
pub mod invitation;
pub mod lead;
pub mod pacing;
pub mod page;
pub mod performance;
pub mod report_enums;

pub use access::{ApiToken, CreatedApiToken, Member, Session, User, Viewer};
pub use catalog::{Budget, Campaign, Channel, Workspace};
pub use correction::{
    AuditEntry, DeleteConversionsResult, DeleteResult, EraseResult, Spend, SpendConnection,
};
pub use ingest::{
    CaptureLeadsResult, ConversionsResult, FxRatesResult, SpendResult, TouchpointsResult,
};
pub use invitation::{CreatedInvitation, Invitation};
pub use lead::{Conversion, Lead, Touchpoint};
