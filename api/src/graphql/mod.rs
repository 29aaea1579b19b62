//! async-graphql only: schema, resolvers, types, inputs, loaders, guards, error mapping.

pub mod context;
pub mod document_guard;
pub mod errors;
pub mod guards;
pub mod ids;
pub mod inputs;
pub mod loaders;
pub mod mutation;
pub mod operation;
pub mod query;
pub mod scalars;
pub mod schema;
pub mod subscription;
pub mod types;

pub use schema::{AppSchema, build_schema, document_limits, export_sdl};
