//! GraphQL output types, built from entity models; secrets never reach these.

pub mod access;
pub mod catalog;
pub mod enums;
pub mod lead;
pub mod page;

pub use access::{ApiToken, CreatedApiToken, InvitedUser, Member, Session, User, Viewer};
pub use catalog::{Budget, Campaign, Channel, Workspace};
pub use lead::{Conversion, Lead, Touchpoint};
