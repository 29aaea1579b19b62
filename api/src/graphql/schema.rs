//! Building the schema with its limits, and exporting its SDL (`schema.graphql`).

use async_graphql::{EmptySubscription, SDLExportOptions, Schema};

use super::document_guard::DocumentLimits;
use super::mutation::Mutation;
use super::operation::OperationObserver;
use super::query::Query;
use crate::config::Settings;
use crate::state::AppState;

pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema with the state every resolver reads, and the configured limits.
pub fn build_schema(state: AppState) -> AppSchema {
    let limits = state.settings.limits.clone();
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_depth(limits.max_query_depth)
        .limit_complexity(limits.max_query_complexity)
        .limit_directives(limits.max_query_directives)
        .data(state)
        .extension(OperationObserver);
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if !limits.field_suggestions {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// The shape limits the pre-validation guard enforces, from the settings. The raw
/// nesting and token bounds protect the parser and grow with the configured limits.
pub fn document_limits(settings: &Settings) -> DocumentLimits {
    let limits = &settings.limits;
    let defaults = DocumentLimits::default();
    DocumentLimits {
        max_bytes: limits.max_query_bytes,
        max_nesting: defaults
            .max_nesting
            .max(limits.max_query_depth.saturating_mul(2)),
        max_tokens: defaults
            .max_tokens
            .max(limits.max_query_fields.saturating_mul(3)),
        max_fields: limits.max_query_fields,
        max_depth: limits.max_query_depth,
        max_aliases: limits.max_query_aliases,
        max_directives: limits.max_query_directives,
        max_report_fields: limits.max_report_fields,
        ..defaults
    }
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
