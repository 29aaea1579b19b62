//! The domain: plain async functions over the database and pure math, with no
//! axum or async-graphql in sight. Every function that touches tenant data takes
//! the workspace id (from the caller's `Principal`) first.

pub mod access;
pub mod api_token;
pub mod attribution;
pub mod audit;
pub mod budget;
pub mod budget_period;
pub mod budget_plan;
pub mod campaign;
pub mod channel;
pub mod classify;
pub mod conversion;
pub mod correction;
pub mod cpu;
pub mod fx;
pub mod ingest;
pub mod lead;
pub mod money;
pub mod page;
pub mod report;
pub mod rollup;
pub mod spend_rows;
pub mod touchpoint;
pub mod workspace;
pub mod workspace_settings;
