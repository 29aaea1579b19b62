//! Tests of the demo data: the plan alone, and the plan written to SQLite.

mod database;
mod plan;
