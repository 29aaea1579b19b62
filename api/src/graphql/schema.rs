//! Building the schema with its limits, and exporting its SDL (`schema.graphql`).

use async_graphql::{SDLExportOptions, Schema, SchemaBuilder};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::document_guard::DocumentLimits;
use super::mutation::Mutation;
use super::operation::OperationObserver;
use super::query::Query;
use super::subscription::Subscription;
use super::types::page::PageConnection;
use super::types::{AuditEntry, Campaign, Conversion, Lead, SpendConnection, Touchpoint};
use crate::config::Settings;
use crate::state::AppState;

pub type AppSchema = Schema<Query, Mutation, Subscription>;

/// The schema's types with their descriptions, before any data or limits.
fn schema_builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    describe_library_types(Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    ))
}

/// Descriptions of the types async-graphql defines, where it gives none or one written for
/// Rust programmers: the `Decimal` and `DateTime` scalars and the connection types. Our own
/// types carry theirs as `///` comments.
fn describe_library_types(
    builder: SchemaBuilder<Query, Mutation, Subscription>,
) -> SchemaBuilder<Query, Mutation, Subscription> {
    builder
        .override_output_type_description::<Decimal>(
            "An exact decimal number, answered as a string such as \"1234.50\" so no digit is \
             lost. Money is in the workspace currency and shows at least two decimals; ratios \
             (0.25 is 25%) and credited conversions show the decimals they need, at most 28. \
             Inputs may be strings or JSON numbers; strings keep every digit.",
        )
        .override_output_type_description::<DateTime<Utc>>(
            "An instant as an RFC 3339 timestamp with an offset, e.g. \"2026-11-27T09:30:00Z\" \
             (years 1900 to 9999). Answers are in UTC (\"+00:00\").",
        )
        .override_output_type_description::<PageConnection<Campaign>>(
            "A page of campaigns in creation order; pass `pageInfo.endCursor` as `after` for \
             the next page.",
        )
        .override_output_type_description::<PageConnection<Lead>>(
            "A page of leads, newest first; pass `pageInfo.endCursor` as `after` for the next \
             page.",
        )
        .override_output_type_description::<PageConnection<Conversion>>(
            "A page of conversions, newest first; pass `pageInfo.endCursor` as `after` for the \
             next page.",
        )
        .override_output_type_description::<PageConnection<Touchpoint>>(
            "A page of touchpoints, newest first; pass `pageInfo.endCursor` as `after` for \
             the next page.",
        )
        .override_output_type_description::<SpendConnection>(
            "A page of spend rows, newest day first, with the number of rows and the sum of \
             their amounts over the whole filter; pass `pageInfo.endCursor` as `after` for the \
             next page.",
        )
        .override_output_type_description::<PageConnection<AuditEntry>>(
            "A page of audit entries, newest first; pass `pageInfo.endCursor` as `after` for \
             the next page.",
        )
}

/// The schema with the state every resolver reads, and the configured limits.
pub fn build_schema(state: AppState) -> AppSchema {
    let limits = state.settings.limits.clone();
    let mut builder = schema_builder()
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
    schema_builder().finish().sdl_with_options(
        SDLExportOptions::new()
            .sorted_fields()
            .sorted_arguments()
            .sorted_enum_items(),
    )
}
