//! Refuses hostile GraphQL documents before async-graphql validates them.
//!
//! async-graphql's validation runs synchronously and walks every operation with
//! fragment spreads inlined, so a 1 KB document whose fragments each spread the
//! next one twice costs seconds of CPU that no timeout can interrupt. This guard
//! parses the document itself and measures it in time linear in its size: each
//! fragment's expanded cost is computed once and reused at every spread.
//!
//! Order of checks, cheapest first: byte size; bracket nesting and token count
//! of the raw text (the parser is recursive and costs about 1 µs a token);
//! parse; number of operations and fragments; the operation to execute;
//! fragment cycles and unknown fragments; then the expanded field count,
//! depth, aliases and directives.
//!
//! Hand the returned document to async-graphql with `Request::set_parsed_query`
//! so it is not parsed twice.

mod expand;
mod reports;
mod scan;
#[cfg(test)]
mod tests;

use async_graphql_parser::types::{DocumentOperations, ExecutableDocument};

pub use reports::{REPORT_COMPLEXITY, REPORT_FIELDS};

/// Bounds on the shape of one GraphQL document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentLimits {
    /// Length of the query text in bytes.
    pub max_bytes: usize,
    /// Nesting of `{`, `[` and `(` in the raw text, outside strings and
    /// comments. Protects the recursive parser; keep it well above `max_depth`
    /// so that input objects in arguments still fit.
    pub max_nesting: usize,
    /// Lexical tokens (names, strings, numbers, punctuators); parsing costs
    /// about a microsecond each, so this bounds the parser's time.
    pub max_tokens: usize,
    /// Fields after inlining every fragment, summed over all operations of the
    /// document (validation walks each of them), `__typename` included.
    pub max_fields: usize,
    /// Nesting of fields after inlining fragments; `{ a { b } }` has depth 2,
    /// as in async-graphql's `limit_depth`.
    pub max_depth: usize,
    /// Aliased fields after inlining fragments.
    pub max_aliases: usize,
    /// Directives after inlining fragments, wherever they are written.
    pub max_directives: usize,
    /// Operation definitions in one document; only one of them executes, but
    /// validation walks them all.
    pub max_operations: usize,
    /// Fragment definitions in one document.
    pub max_fragments: usize,
    /// Report fields ([`REPORT_FIELDS`]) in the operation that executes, aliases and
    /// fragments inlined: each may compute a report.
    pub max_report_fields: usize,
}

impl Default for DocumentLimits {
    fn default() -> Self {
        Self {
            max_bytes: 100_000,
            max_nesting: 64,
            max_tokens: 15_000,
            max_fields: 5_000,
            max_depth: 15,
            max_aliases: 50,
            max_directives: 50,
            max_operations: 20,
            max_fragments: 100,
            max_report_fields: 5,
        }
    }
}

/// Why a document was refused before validation.
///
/// Expanded counts carry only the limit: the guard stops as soon as one is
/// crossed, and the full expansion of a hostile document can exceed `usize`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocumentRejection {
    #[error("query is {actual} bytes, more than {limit} (limit max_bytes = {limit})")]
    TooLarge { limit: usize, actual: usize },
    #[error("query nests brackets more than {limit} levels deep (limit max_nesting = {limit})")]
    TooDeeplyNested { limit: usize },
    #[error("query has more than {limit} tokens (limit max_tokens = {limit})")]
    TooManyTokens { limit: usize },
    #[error("query expands to more than {limit} fields (limit max_fields = {limit})")]
    TooManyFields { limit: usize },
    #[error("query nests fields more than {limit} levels deep (limit max_depth = {limit})")]
    TooDeep { limit: usize },
    #[error("query expands to more than {limit} aliases (limit max_aliases = {limit})")]
    TooManyAliases { limit: usize },
    #[error("query expands to more than {limit} directives (limit max_directives = {limit})")]
    TooManyDirectives { limit: usize },
    #[error(
        "document defines {actual} operations, more than {limit} (limit max_operations = {limit})"
    )]
    TooManyOperations { limit: usize, actual: usize },
    #[error(
        "document defines {actual} fragments, more than {limit} (limit max_fragments = {limit})"
    )]
    TooManyFragments { limit: usize, actual: usize },
    #[error(
        "query asks for more than {limit} reports in one operation (limit max_report_fields = {limit}); send them in separate requests"
    )]
    TooManyReports { limit: usize },
    #[error("fragment \"{name}\" spreads itself, directly or through other fragments")]
    FragmentCycle { name: String },
    #[error("unknown fragment \"{name}\"")]
    UnknownFragment { name: String },
    #[error("unknown operation named \"{name}\"")]
    UnknownOperation { name: String },
    #[error("the document defines {count} operations: operationName is required")]
    OperationNameRequired { count: usize },
    /// The parser's own error, kept whole so its positions can become the
    /// GraphQL error's `locations`.
    #[error("{0}")]
    Syntax(#[from] async_graphql_parser::Error),
}

impl DocumentRejection {
    /// The `DocumentLimits` field this rejection enforces, if it is a limit
    /// rather than a malformed document.
    #[must_use]
    pub fn limit_name(&self) -> Option<&'static str> {
        match self {
            Self::TooLarge { .. } => Some("max_bytes"),
            Self::TooDeeplyNested { .. } => Some("max_nesting"),
            Self::TooManyTokens { .. } => Some("max_tokens"),
            Self::TooManyFields { .. } => Some("max_fields"),
            Self::TooDeep { .. } => Some("max_depth"),
            Self::TooManyAliases { .. } => Some("max_aliases"),
            Self::TooManyDirectives { .. } => Some("max_directives"),
            Self::TooManyOperations { .. } => Some("max_operations"),
            Self::TooManyFragments { .. } => Some("max_fragments"),
            Self::TooManyReports { .. } => Some("max_report_fields"),
            Self::FragmentCycle { .. }
            | Self::UnknownFragment { .. }
            | Self::UnknownOperation { .. }
            | Self::OperationNameRequired { .. }
            | Self::Syntax(_) => None,
        }
    }

    /// The configured value of the limit named by [`Self::limit_name`].
    #[must_use]
    pub fn limit_value(&self) -> Option<usize> {
        match self {
            Self::TooLarge { limit, .. }
            | Self::TooDeeplyNested { limit }
            | Self::TooManyTokens { limit }
            | Self::TooManyFields { limit }
            | Self::TooDeep { limit }
            | Self::TooManyAliases { limit }
            | Self::TooManyDirectives { limit }
            | Self::TooManyOperations { limit, .. }
            | Self::TooManyFragments { limit, .. }
            | Self::TooManyReports { limit } => Some(*limit),
            Self::FragmentCycle { .. }
            | Self::UnknownFragment { .. }
            | Self::UnknownOperation { .. }
            | Self::OperationNameRequired { .. }
            | Self::Syntax(_) => None,
        }
    }
}

/// What validation will walk: every operation, fragments inlined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentShape {
    /// Fields, summed over all operations (saturating).
    pub fields: usize,
    /// Deepest field nesting of any operation.
    pub depth: usize,
    /// Aliased fields, summed over all operations.
    pub aliases: usize,
    /// Directives, summed over all operations.
    pub directives: usize,
    /// Operation definitions.
    pub operations: usize,
    /// Fragment definitions.
    pub fragments: usize,
    /// Report fields of the operation that executes.
    pub reports: usize,
}

/// Parses `query` and refuses it if its shape breaks `limits`, or if no single
/// operation can be chosen with `operation_name`.
///
/// Runs in time linear in `query.len()`, whatever the limits.
///
/// # Errors
///
/// The first limit found broken, a fragment cycle or unknown fragment anywhere
/// in the document, an operation that cannot be chosen, or a syntax error.
pub fn inspect_document(
    query: &str,
    operation_name: Option<&str>,
    limits: &DocumentLimits,
) -> Result<(ExecutableDocument, DocumentShape), DocumentRejection> {
    if query.len() > limits.max_bytes {
        return Err(DocumentRejection::TooLarge {
            limit: limits.max_bytes,
            actual: query.len(),
        });
    }
    scan::scan_raw(query, limits.max_nesting, limits.max_tokens)?;
    let document = async_graphql_parser::parse_query(query)?;

    let operations = document.operations.iter().len();
    if operations > limits.max_operations {
        return Err(DocumentRejection::TooManyOperations {
            limit: limits.max_operations,
            actual: operations,
        });
    }
    let fragments = document.fragments.len();
    if fragments > limits.max_fragments {
        return Err(DocumentRejection::TooManyFragments {
            limit: limits.max_fragments,
            actual: fragments,
        });
    }
    check_operation_choice(&document.operations, operation_name)?;

    let cost = expand::measure_document(&document, limits)?;
    let reports = reports::count_report_fields(&document, operation_name);
    if reports > limits.max_report_fields {
        return Err(DocumentRejection::TooManyReports {
            limit: limits.max_report_fields,
        });
    }
    let shape = DocumentShape {
        fields: cost.fields,
        depth: cost.depth,
        aliases: cost.aliases,
        directives: cost.directives,
        operations,
        fragments,
        reports,
    };
    Ok((document, shape))
}

/// Mirrors how async-graphql picks the operation to execute, so a request that
/// would fail there fails here, before validation.
fn check_operation_choice(
    operations: &DocumentOperations,
    operation_name: Option<&str>,
) -> Result<(), DocumentRejection> {
    match (operations, operation_name) {
        (DocumentOperations::Multiple(named), Some(name)) if named.contains_key(name) => Ok(()),
        (_, Some(name)) => Err(DocumentRejection::UnknownOperation {
            name: name.to_owned(),
        }),
        (DocumentOperations::Single(_), None) => Ok(()),
        (DocumentOperations::Multiple(named), None) if named.len() == 1 => Ok(()),
        (DocumentOperations::Multiple(named), None) => {
            Err(DocumentRejection::OperationNameRequired { count: named.len() })
        }
    }
}
