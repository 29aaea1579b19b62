//! Database access beyond single sea-orm calls: connecting, migrating, scoping, analytics SQL.

pub mod analytics;
pub mod availability;
pub mod connect;
pub mod local_day;
pub mod rollup;
pub mod scope;
pub mod statistics;

pub use connect::{ConnectError, Database, connect, connect_with, redact_url};
