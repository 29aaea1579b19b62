//! Report fields of the operation that executes, fragments inlined: each computes a report
//! (seconds of database and CPU work when cold), so a document holds only a few, and the
//! rate limit charges them more than an ordinary field.

use std::collections::HashMap;

use async_graphql_parser::types::{
    DocumentOperations, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};

/// The root fields that compute a report (the subscriptions compute one per answer).
pub const REPORT_FIELDS: [&str; 8] = [
    "performance",
    "attribution",
    "attributionComparison",
    "budgetSuggestions",
    "budgetPacing",
    "performanceUpdates",
    "attributionUpdates",
    "budgetPacingUpdates",
];

/// The complexity of one report field (beside its selection's): a report costs as much as a
/// thousand ordinary fields, so `max_query_complexity` also bounds how many one query asks.
pub const REPORT_COMPLEXITY: usize = 1_000;

/// Report fields (aliases counted apart) at the root of the operation `name` selects, with
/// fragments inlined; saturating. The guard has already refused fragment cycles.
pub(super) fn count_report_fields(document: &ExecutableDocument, name: Option<&str>) -> usize {
    let Some(operation) = chosen(&document.operations, name) else {
        return 0;
    };
    let mut memo = HashMap::new();
    count(document, &operation.selection_set.node, &mut memo)
}

fn chosen<'a>(
    operations: &'a DocumentOperations,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    match (operations, name) {
        (DocumentOperations::Single(op), _) => Some(&op.node),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| &op.node),
        (DocumentOperations::Multiple(ops), None) => ops.values().next().map(|op| &op.node),
    }
}

fn count<'a>(
    document: &'a ExecutableDocument,
    set: &'a SelectionSet,
    memo: &mut HashMap<&'a str, usize>,
) -> usize {
    set.items.iter().fold(0usize, |sum, item| {
        let here = match &item.node {
            Selection::Field(field) => {
                usize::from(REPORT_FIELDS.contains(&field.node.name.node.as_str()))
            }
            Selection::InlineFragment(inline) => {
                count(document, &inline.node.selection_set.node, memo)
            }
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                match memo.get(name) {
                    Some(known) => *known,
                    None => {
                        let counted = document.fragments.get(name).map_or(0, |fragment| {
                            count(document, &fragment.node.selection_set.node, memo)
                        });
                        memo.insert(name, counted);
                        counted
                    }
                }
            }
        };
        sum.saturating_add(here)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reports(query: &str) -> usize {
        let document = async_graphql_parser::parse_query(query).expect("parses");
        count_report_fields(&document, None)
    }

    #[test]
    fn aliases_fragments_and_inline_fragments_all_count() {
        assert_eq!(reports("{ leads { totalCount } }"), 0);
        assert_eq!(reports("{ a: performance { x } b: performance { x } }"), 2);
        assert_eq!(
            reports("{ ...F ...F } fragment F on Query { performance { x } attribution { x } }"),
            4
        );
        assert_eq!(
            reports("{ ... on Query { budgetSuggestions { x } budgetPacing { x } } }"),
            2
        );
        // A report's own sub-fields named like reports are not reports.
        assert_eq!(reports("{ performance { attribution } }"), 1);
    }
}
