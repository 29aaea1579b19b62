//! Unit tests of the ingestion rules that need no database.

mod conversion;
mod spend;
mod validate;
