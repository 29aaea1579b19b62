//! sea-orm entities of Leadsource: one module per table, nothing else.
//!
//! Every table except `workspace` and `user` carries `workspace_id`; money is
//! stored as integer minor units (`*_cents`, 1/100 of the reporting currency)
//! so sums are exact and identical on SQLite and PostgreSQL.

mod folded;

pub use folded::folded;

pub mod api_token;
pub mod audit_log;
pub mod budget;
pub mod campaign;
pub mod channel;
pub mod conversion;
pub mod fx_rate;
pub mod invitation;
pub mod lead;
pub mod membership;
pub mod refresh_token;
pub mod rollup_state;
pub mod spend;
pub mod touchpoint;
pub mod user;
pub mod workspace;

pub mod prelude {
    //! Short names for the entities.
    pub use super::api_token::Entity as ApiToken;
    pub use super::audit_log::Entity as AuditLog;
    pub use super::budget::Entity as Budget;
    pub use super::campaign::Entity as Campaign;
    pub use super::channel::Entity as Channel;
    pub use super::conversion::Entity as Conversion;
    pub use super::fx_rate::Entity as FxRate;
    pub use super::invitation::Entity as Invitation;
    pub use super::lead::Entity as Lead;
    pub use super::membership::Entity as Membership;
    pub use super::refresh_token::Entity as RefreshToken;
    pub use super::rollup_state::Entity as RollupState;
    pub use super::spend::Entity as Spend;
    pub use super::touchpoint::Entity as Touchpoint;
    pub use super::user::Entity as User;
    pub use super::workspace::Entity as Workspace;
}
