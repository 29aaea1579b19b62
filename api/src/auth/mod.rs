//! Who is calling: principals, roles and scopes, API tokens.

pub mod api_token;
pub mod principal;

pub use principal::{Actor, Permission, Principal, Role, Scope};
