//! Database access beyond single sea-orm calls: connecting, migrating, scoping, analytics SQL.

pub mod analytics;
pub mod connect;
pub mod rollup;
pub mod scope;

pub use connect::{ConnectError, Database, connect, redact_url};
