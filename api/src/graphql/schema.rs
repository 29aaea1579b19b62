//! Building the schema and exporting its SDL (`schema.graphql`).

use async_graphql::{EmptySubscription, SDLExportOptions, Schema};

use super::mutation::Mutation;
use super::operation::OperationObserver;
use super::query::Query;
use crate::state::AppState;

pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with the state every resolver reads.
pub fn build_schema(state: AppState) -> AppSchema {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .data(state)
        .extension(OperationObserver)
        .finish()
}

/// The SDL with sorted fields, as checked in at `schema.graphql`.
pub fn export_sdl() -> String {
    let schema = Schema::build(Query::default(), Mutation::default(), EmptySubscription).finish();
    schema.sdl_with_options(
        SDLExportOptions::new()
            .sorted_fields()
            .sorted_arguments()
            .sorted_enum_items(),
    )
}
