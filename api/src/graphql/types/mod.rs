//! GraphQL output types, built from entity models; secrets never reach these.

pub mod catalog;
pub mod enums;
pub mod ingest;
pub mod lead;
pub mod page;

pub use catalog::{Budget, Campaign, Channel, Workspace};
pub use ingest::{CaptureLeadsResult, ConversionsResult, SpendResult, TouchpointsResult};
pub use lead::{Conversion, Lead, Touchpoint};
