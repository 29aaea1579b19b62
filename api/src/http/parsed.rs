//! Documents that already passed the guard, parsed: dashboards send the same few queries
//! over and over, and parsing is the largest fixed cost of a cached report's request.
//!
//! The guard's verdict depends only on the document text, the operation name and limits
//! fixed at start-up, so a document accepted once is accepted again; refusals are not kept.
//! Bounded by an estimate of the kept documents' size in memory (their text length times
//! [`AST_FACTOR`]); long documents are never kept.

use std::sync::Arc;

use async_graphql::parser::types::{ExecutableDocument, OperationType};

/// Longest document text kept.
const MAX_KEPT_LEN: usize = 16 * 1024;
/// Estimated bytes of memory kept in all.
const MAX_TOTAL_BYTES: u64 = 32 * 1024 * 1024;
/// A parsed document takes several times its text's size (positions, names, nodes).
const AST_FACTOR: usize = 8;

/// A document the guard accepted, and the type of the operation it runs.
#[derive(Debug)]
pub struct Parsed {
    pub document: ExecutableDocument,
    pub ty: Option<OperationType>,
    /// Report fields of the operation that executes.
    pub reports: usize,
}

#[derive(Clone)]
pub struct ParsedDocuments {
    kept: moka::sync::Cache<String, Arc<Parsed>>,
}

impl Default for ParsedDocuments {
    fn default() -> Self {
        Self {
            kept: moka::sync::Cache::builder()
                .max_capacity(MAX_TOTAL_BYTES)
                .weigher(|key: &String, _: &Arc<Parsed>| {
                    u32::try_from(key.len().saturating_mul(AST_FACTOR)).unwrap_or(u32::MAX)
                })
                .build(),
        }
    }
}

/// `{name length}:{name}{query}`: unambiguous whatever the name holds.
fn key(query: &str, operation_name: Option<&str>) -> String {
    let name = operation_name.unwrap_or_default();
    let mut key = String::with_capacity(name.len() + 8 + query.len());
    key.push_str(&name.len().to_string());
    key.push(':');
    key.push_str(name);
    key.push_str(query);
    key
}

impl ParsedDocuments {
    pub fn get(&self, query: &str, operation_name: Option<&str>) -> Option<Arc<Parsed>> {
        if query.len() > MAX_KEPT_LEN {
            return None;
        }
        self.kept.get(&key(query, operation_name))
    }

    pub fn keep(&self, query: &str, operation_name: Option<&str>, parsed: Parsed) {
        if query.len() <= MAX_KEPT_LEN {
            self.kept
                .insert(key(query, operation_name), Arc::new(parsed));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(query: &str) -> Parsed {
        Parsed {
            document: async_graphql::parser::parse_query(query).expect("a document"),
            ty: Some(OperationType::Query),
            reports: 0,
        }
    }

    #[test]
    fn keeps_by_text_and_operation_name() {
        let docs = ParsedDocuments::default();
        let q = "query A { __typename } query B { __typename }";
        docs.keep(q, Some("A"), parsed(q));
        assert!(docs.get(q, Some("A")).is_some());
        assert!(docs.get(q, Some("B")).is_none(), "another operation");
        assert!(docs.get(q, None).is_none());
        assert!(docs.get("{ __typename }", Some("A")).is_none());
    }

    #[test]
    fn long_documents_are_not_kept() {
        let docs = ParsedDocuments::default();
        let q = format!("{{ __typename }}{}", " ".repeat(MAX_KEPT_LEN));
        docs.keep(&q, None, parsed(&q));
        assert!(docs.get(&q, None).is_none());
    }
}
