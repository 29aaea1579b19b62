//! Leadsource: a GraphQL marketing-analytics API. Which lead sources bring leads
//! and revenue, what each channel returns on its spend, and where to move budget.
//!
//! A request travels `http → graphql → services → db/entity`; `auth` and `cache`
//! are leaves.

pub mod app;
pub mod auth;
pub mod blocking;
pub mod cache;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod graphql;
pub mod http;
pub mod import;
pub mod live;
pub mod metrics;
pub mod services;
pub mod state;
pub mod telemetry;
