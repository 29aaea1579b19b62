//! Rendered answers of report-only queries: a dashboard asks the same few questions again
//! and again, and once the report itself is cached, most of a request's time goes into
//! GraphQL validation and resolving the same hundred-odd fields into the same JSON.
//!
//! A query is kept when every top-level field of its operation is a cached report
//! (`performance`, `attribution`, `attributionComparison`, `budgetSuggestions`): those
//! answers depend only on the workspace's data, the arguments and the selection.
//! (`budgetPacing` also depends on the day, its `asOf` defaulting to today: it is not kept
//! here, and the report cache keys it by the resolved day.)
//!
//! The key holds the workspace, its data generation (read from the database on every
//! request, as for the report cache: a write changes it, in every process), the document,
//! the operation name and the variables. Only answers without errors are kept, only for a
//! principal those fields admit (`Permission::Read`), and nothing of the principal but its
//! workspace enters the answer. Bounded by the bytes of the kept answers
//! (`CACHE_NEAR_MAX_BYTES`, 0 turns it off; kept as the JSON text sent, so the bound is
//! the memory they take) and by the cache TTL.

use std::sync::Arc;
use std::time::Duration;

use async_graphql::Request;
use async_graphql::parser::types::{DocumentOperations, OperationType, Selection};
use axum::body::Bytes;
use sha2::{Digest, Sha256};

use crate::auth::{Permission, Principal};
use crate::cache::{ReportCache, ReportKind};

/// The report kind of each cacheable top-level field.
fn report_kind(field: &str) -> Option<ReportKind> {
    match field {
        "performance" => Some(ReportKind::PERFORMANCE),
        "attribution" => Some(ReportKind::ATTRIBUTION),
        "attributionComparison" => Some(ReportKind::ATTRIBUTION_COMPARISON),
        "budgetSuggestions" => Some(ReportKind::BUDGET_SUGGESTIONS),
        _ => None,
    }
}

/// The operation `request` runs, when it is a query made only of cached reports: its name
/// as async-graphql reports it (the only named operation when the request names none), and
/// its report kinds.
fn report_only(request: &mut Request) -> Option<(Option<String>, Vec<ReportKind>)> {
    let requested = request.operation_name.clone();
    let document = request.parsed_query().ok()?;
    let (name, operation) = match (&document.operations, requested) {
        (DocumentOperations::Single(op), None) => (None, op),
        (DocumentOperations::Multiple(ops), Some(name)) => {
            let op = ops.get(name.as_str())?;
            (Some(name), op)
        }
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
            let (name, op) = ops.iter().next()?;
            (Some(name.to_string()), op)
        }
        _ => return None,
    };
    if operation.node.ty != OperationType::Query {
        return None;
    }
    let items = &operation.node.selection_set.node.items;
    let kinds = items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => report_kind(field.node.name.node.as_str()),
            Selection::FragmentSpread(_) | Selection::InlineFragment(_) => None,
        })
        .collect::<Option<Vec<_>>>()?;
    (!kinds.is_empty()).then_some((name, kinds))
}

/// A kept answer: the response without extensions, as the JSON text sent (so the bound
/// in bytes is the memory it takes), and the reports it holds.
#[derive(Debug)]
struct Kept {
    response: Bytes,
    kinds: Vec<ReportKind>,
}

#[derive(Clone)]
pub struct RenderedResponses {
    kept: Option<moka::sync::Cache<[u8; 32], Arc<Kept>>>,
}

/// What to do with one request: where its answer is kept, and what it holds.
pub struct Plan {
    key: [u8; 32],
    kinds: Vec<ReportKind>,
    /// The operation's name, for the per-operation metrics.
    pub operation: Option<String>,
}

impl RenderedResponses {
    /// At most `max_bytes` of kept answers, each kept at most `ttl`; off when 0.
    pub fn new(max_bytes: u64, ttl: Duration) -> Self {
        let kept = (max_bytes > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(max_bytes)
                .weigher(|_: &[u8; 32], kept: &Arc<Kept>| {
                    // The text, plus the entry's own bookkeeping.
                    let bytes = kept.response.len() + 32 + 64;
                    u32::try_from(bytes).unwrap_or(u32::MAX)
                })
                .time_to_live(ttl.max(Duration::from_secs(1)))
                .build()
        });
        Self { kept }
    }

    /// The plan of a request whose answer may be kept, None otherwise (not report-only, a
    /// principal the reports refuse, the cache off, or the generation unreadable: then the
    /// request runs as usual and meets the same error there).
    pub async fn plan(
        &self,
        cache: &ReportCache,
        principal: Option<&Principal>,
        request: &mut Request,
    ) -> Option<Plan> {
        self.kept.as_ref()?;
        let principal = principal.filter(|p| p.allows(Permission::Read))?;
        let (operation, kinds) = report_only(request)?;
        let generation = cache.generation(principal.workspace_id).await.ok()?;
        let variables = serde_json::to_vec(&request.variables).ok()?;
        let mut hash = Sha256::new();
        for part in [
            generation.workspace_id.to_le_bytes(),
            generation.generation.to_le_bytes(),
            generation.epoch_micros.to_le_bytes(),
        ] {
            hash.update(part);
        }
        let name = request.operation_name.as_deref().unwrap_or_default();
        for part in [name.as_bytes(), request.query.as_bytes(), &variables] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        Some(Plan {
            key: hash.finalize().into(),
            kinds,
            operation,
        })
    }

    /// The kept answer of `plan`, counted as a hit of each report it holds.
    pub fn hit(&self, cache: &ReportCache, plan: &Plan) -> Option<Bytes> {
        let kept = self.kept.as_ref()?.get(&plan.key)?;
        for kind in &kept.kinds {
            cache.note_hit(*kind);
        }
        Some(kept.response.clone())
    }

    /// Keeps `response` (an answer without errors, before extensions are added).
    pub fn keep(&self, plan: Plan, response: Bytes) {
        if let Some(kept) = &self.kept {
            let entry = Kept {
                response,
                kinds: plan.kinds,
            };
            kept.insert(plan.key, Arc::new(entry));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(query: &str, name: Option<&str>) -> Option<Vec<&'static str>> {
        let mut request = Request::new(query);
        if let Some(name) = name {
            request = request.operation_name(name);
        }
        report_only(&mut request).map(|(_, k)| k.iter().map(|k| k.as_str()).collect())
    }

    #[test]
    fn only_queries_made_of_cached_reports_are_kept() {
        let range = "(range: {from: \"2026-01-01\", to: \"2026-01-31\"})";
        let perf = format!("{{ performance{range} {{ totals {{ leads }} }} }}");
        assert_eq!(kinds(&perf, None), Some(vec!["performance"]));
        let two = format!(
            "query Q {{ a: budgetSuggestions{range} {{ lift }} attribution{range} {{ journeys }} }}"
        );
        assert_eq!(
            kinds(&two, Some("Q")),
            Some(vec!["budget_suggestions", "attribution"])
        );
        let pacing = format!("{{ budgetPacing{range} {{ status }} }}");
        assert_eq!(kinds(&pacing, None), None, "pacing depends on the day too");
        let mixed = format!("{{ performance{range} {{ totals {{ leads }} }} viewer {{ id }} }}");
        assert_eq!(
            kinds(&mixed, None),
            None,
            "a field that is not a cached report"
        );
        assert_eq!(kinds("{ __typename }", None), None);
        assert_eq!(kinds("mutation { logout }", None), None);
        let spread = "{ ...F } fragment F on Query { performance { rows { key } } }";
        assert_eq!(kinds(spread, None), None);
        let ambiguous = "query A { attribution { journeys } } query B { attribution { journeys } }";
        assert_eq!(kinds(ambiguous, None), None, "no operation chosen");
    }

    #[test]
    fn the_operation_name_is_the_one_async_graphql_reports() {
        let name = |query: &str| report_only(&mut Request::new(query)).map(|(n, _)| n);
        assert_eq!(name("{ attribution { journeys } }"), Some(None));
        assert_eq!(
            name("query Pulse { attribution { journeys } }"),
            Some(Some("Pulse".to_owned()))
        );
    }
}
