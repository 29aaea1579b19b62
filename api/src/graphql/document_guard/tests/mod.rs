//! Tests of the document guard: expansion, raw limits, reference documents and
//! a timing report.

mod expansion;
mod fixtures;
mod request;
mod timing;

use super::{DocumentLimits, DocumentRejection, DocumentShape, inspect_document};

pub(super) fn shape_of(query: &str, operation_name: Option<&str>) -> DocumentShape {
    match inspect_document(query, operation_name, &DocumentLimits::default()) {
        Ok((_, shape)) => shape,
        Err(rejection) => panic!("expected {query:.80} to pass, got: {rejection}"),
    }
}

pub(super) fn rejection_of(query: &str, operation_name: Option<&str>) -> DocumentRejection {
    rejection_with(query, operation_name, &DocumentLimits::default())
}

pub(super) fn rejection_with(
    query: &str,
    operation_name: Option<&str>,
    limits: &DocumentLimits,
) -> DocumentRejection {
    match inspect_document(query, operation_name, limits) {
        Ok((_, shape)) => panic!("expected {query:.80} to be refused, got {shape:?}"),
        Err(rejection) => rejection,
    }
}

/// Every limit off but raw nesting, which keeps the recursive parser safe.
pub(super) fn unlimited() -> DocumentLimits {
    DocumentLimits {
        max_bytes: usize::MAX,
        max_nesting: 64,
        max_tokens: usize::MAX,
        max_fields: usize::MAX,
        max_depth: usize::MAX,
        max_aliases: usize::MAX,
        max_directives: usize::MAX,
        max_operations: usize::MAX,
        max_fragments: usize::MAX,
        max_report_fields: usize::MAX,
    }
}
