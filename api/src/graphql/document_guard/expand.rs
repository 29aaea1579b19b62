//! The expanded cost of a parsed document, memoised per fragment.
//!
//! Fragments are ordered dependencies first with an explicit stack, so cycles
//! and unknown fragments are found without recursing across fragments. Each
//! fragment is then measured once, and a spread adds its memoised cost: the
//! work is linear in the document's size even when its expansion is not.
//! Recursion happens only within one selection set tree, whose nesting the
//! parser and the raw scan already bound.

use std::collections::HashMap;

use async_graphql_parser::types::{ExecutableDocument, Selection, SelectionSet};

use super::{DocumentLimits, DocumentRejection};

/// Expanded size of a selection set, an operation or the whole document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Cost {
    pub(super) fields: usize,
    pub(super) depth: usize,
    pub(super) aliases: usize,
    pub(super) directives: usize,
}

impl Cost {
    /// Sums counts and keeps the deeper depth: `other` sits beside `self`.
    fn add(&mut self, other: Cost) {
        self.fields = self.fields.saturating_add(other.fields);
        self.depth = self.depth.max(other.depth);
        self.aliases = self.aliases.saturating_add(other.aliases);
        self.directives = self.directives.saturating_add(other.directives);
    }

    fn add_directives(&mut self, count: usize) {
        self.directives = self.directives.saturating_add(count);
    }

    /// Any part of a document costs at most the whole, so a partial count
    /// over the limit already condemns the document.
    fn check(&self, limits: &DocumentLimits) -> Result<(), DocumentRejection> {
        if self.fields > limits.max_fields {
            Err(DocumentRejection::TooManyFields {
                limit: limits.max_fields,
            })
        } else if self.depth > limits.max_depth {
            Err(DocumentRejection::TooDeep {
                limit: limits.max_depth,
            })
        } else if self.aliases > limits.max_aliases {
            Err(DocumentRejection::TooManyAliases {
                limit: limits.max_aliases,
            })
        } else if self.directives > limits.max_directives {
            Err(DocumentRejection::TooManyDirectives {
                limit: limits.max_directives,
            })
        } else {
            Ok(())
        }
    }
}

/// Measures every operation with fragments inlined, after rejecting fragment
/// cycles and unknown fragments anywhere in the document. All operations
/// count, not only the one that executes: async-graphql 7.2's validation
/// (`validation::visitor::visit`) walks each of them with fragments inlined.
///
/// Every fragment is held to the limits on its own, used or not: validation
/// walks each definition too, and a used fragment costs its user at least as
/// much.
pub(super) fn measure_document(
    document: &ExecutableDocument,
    limits: &DocumentLimits,
) -> Result<Cost, DocumentRejection> {
    let mut memo: HashMap<&str, Cost> = HashMap::with_capacity(document.fragments.len());
    for name in order_fragments(document)? {
        let Some(fragment) = document.fragments.get(name) else {
            return Err(unknown_fragment(name));
        };
        let mut cost = measure_selection_set(&fragment.node.selection_set.node, &memo, limits)?;
        cost.add_directives(fragment.node.directives.len());
        cost.check(limits)?;
        memo.insert(name, cost);
    }

    // In name order, so the same document always meets the same limit first.
    let mut operations: Vec<_> = document.operations.iter().collect();
    operations.sort_unstable_by_key(|(name, _)| *name);
    let mut total = Cost::default();
    for (_, operation) in operations {
        let operation = &operation.node;
        let mut cost = measure_selection_set(&operation.selection_set.node, &memo, limits)?;
        cost.add_directives(operation.directives.len());
        for variable in &operation.variable_definitions {
            cost.add_directives(variable.node.directives.len());
        }
        total.add(cost);
        total.check(limits)?;
    }
    Ok(total)
}

/// Expanded cost of one selection set; spreads read `memo`, which must hold
/// every fragment they name.
fn measure_selection_set(
    set: &SelectionSet,
    memo: &HashMap<&str, Cost>,
    limits: &DocumentLimits,
) -> Result<Cost, DocumentRejection> {
    let mut cost = Cost::default();
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                let field = &field.node;
                let mut inner = measure_selection_set(&field.selection_set.node, memo, limits)?;
                inner.fields = inner.fields.saturating_add(1);
                inner.depth = inner.depth.saturating_add(1);
                inner.aliases = inner
                    .aliases
                    .saturating_add(usize::from(field.alias.is_some()));
                inner.add_directives(field.directives.len());
                cost.add(inner);
            }
            Selection::InlineFragment(inline) => {
                let inline = &inline.node;
                cost.add(measure_selection_set(
                    &inline.selection_set.node,
                    memo,
                    limits,
                )?);
                cost.add_directives(inline.directives.len());
            }
            Selection::FragmentSpread(spread) => {
                let spread = &spread.node;
                let name = spread.fragment_name.node.as_str();
                let Some(fragment) = memo.get(name) else {
                    return Err(unknown_fragment(name));
                };
                cost.add(*fragment);
                cost.add_directives(spread.directives.len());
            }
        }
        cost.check(limits)?;
    }
    Ok(cost)
}

/// Fragment names, each after every fragment it spreads (depth-first
/// post-order over an explicit stack, in name order so errors are stable).
fn order_fragments(document: &ExecutableDocument) -> Result<Vec<&str>, DocumentRejection> {
    enum Mark {
        OnStack,
        Done,
    }

    let mut names: Vec<&str> = document
        .fragments
        .keys()
        .map(|name| name.as_str())
        .collect();
    names.sort_unstable();

    let mut marks: HashMap<&str, Mark> = HashMap::with_capacity(names.len());
    let mut order = Vec::with_capacity(names.len());
    // Each frame: a fragment, the fragments it spreads, and how many of those
    // have been pushed already.
    let mut stack: Vec<(&str, Vec<&str>, usize)> = Vec::new();
    for root in names {
        if marks.contains_key(root) {
            continue;
        }
        marks.insert(root, Mark::OnStack);
        stack.push((root, spreads_of(document, root)?, 0));
        while let Some((name, spreads, next)) = stack.last_mut() {
            let Some(&spread) = spreads.get(*next) else {
                marks.insert(name, Mark::Done);
                order.push(*name);
                stack.pop();
                continue;
            };
            *next += 1;
            match marks.get(spread) {
                Some(Mark::Done) => {}
                Some(Mark::OnStack) => {
                    return Err(DocumentRejection::FragmentCycle {
                        name: spread.to_owned(),
                    });
                }
                None => {
                    let children = spreads_of(document, spread)?;
                    marks.insert(spread, Mark::OnStack);
                    stack.push((spread, children, 0));
                }
            }
        }
    }
    Ok(order)
}

/// Names of the fragments spread directly in fragment `name`, in order.
fn spreads_of<'a>(
    document: &'a ExecutableDocument,
    name: &str,
) -> Result<Vec<&'a str>, DocumentRejection> {
    let Some(fragment) = document.fragments.get(name) else {
        return Err(unknown_fragment(name));
    };
    let mut spreads = Vec::new();
    collect_spreads(&fragment.node.selection_set.node, &mut spreads);
    Ok(spreads)
}

fn collect_spreads<'a>(set: &'a SelectionSet, spreads: &mut Vec<&'a str>) {
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => collect_spreads(&field.node.selection_set.node, spreads),
            Selection::InlineFragment(inline) => {
                collect_spreads(&inline.node.selection_set.node, spreads);
            }
            Selection::FragmentSpread(spread) => {
                spreads.push(spread.node.fragment_name.node.as_str());
            }
        }
    }
}

fn unknown_fragment(name: &str) -> DocumentRejection {
    DocumentRejection::UnknownFragment {
        name: name.to_owned(),
    }
}
