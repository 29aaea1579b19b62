//! Counting after fragments are inlined: fields, depth, aliases, directives,
//! cycles, and the reference documents that must pass.

use std::fmt::Write as _;

use super::fixtures::{
    DASHBOARD_QUERY, doubling_document, exponential_document, introspection_query,
};
use super::{
    DocumentLimits, DocumentRejection, DocumentShape, inspect_document, rejection_of,
    rejection_with, shape_of, unlimited,
};

#[test]
fn a_1_kb_document_expanding_to_2_pow_26_fields_is_refused() {
    let query = exponential_document();
    assert!(query.len() <= 1_100, "{} bytes", query.len());
    assert_eq!(
        rejection_of(&query, None),
        DocumentRejection::TooManyFields { limit: 5_000 }
    );
}

#[test]
fn expansion_is_counted_without_being_performed_whatever_the_limits() {
    let (_, shape) =
        inspect_document(&exponential_document(), None, &unlimited()).expect("no limit to break");
    assert_eq!(shape.fields, 1 << 26);
    assert_eq!(shape.depth, 1);
    assert_eq!(shape.fragments, 26);
}

#[test]
fn counts_saturate_instead_of_overflowing() {
    let (_, shape) =
        inspect_document(&doubling_document(80, "a"), None, &unlimited()).expect("no limit");
    assert_eq!(shape.fields, usize::MAX);
}

#[test]
fn an_aliased_typename_flood_is_refused() {
    let flood = |count: usize| {
        let fields: String = (0..count).map(|i| format!("a{i}: __typename ")).collect();
        format!("{{ {fields}}}")
    };
    assert_eq!(
        rejection_of(&flood(1_000), None),
        DocumentRejection::TooManyAliases { limit: 50 }
    );
    // 10,000 aliases do not even fit in the default byte budget,
    let ten_thousand = flood(10_000);
    assert_eq!(
        rejection_of(&ten_thousand, None),
        DocumentRejection::TooLarge {
            limit: 100_000,
            actual: ten_thousand.len()
        }
    );
    // nor in the token budget when bytes are plentiful,
    let mut roomy = DocumentLimits {
        max_bytes: 1_000_000,
        ..DocumentLimits::default()
    };
    assert_eq!(
        rejection_with(&ten_thousand, None, &roomy),
        DocumentRejection::TooManyTokens { limit: 15_000 }
    );
    // and are refused for their aliases when both are raised.
    roomy.max_tokens = 100_000;
    assert_eq!(
        rejection_with(&ten_thousand, None, &roomy),
        DocumentRejection::TooManyAliases { limit: 50 }
    );
}

#[test]
fn aliases_inside_spread_fragments_count_once_per_expansion() {
    assert_eq!(
        rejection_of(&doubling_document(20, "x: __typename"), None),
        DocumentRejection::TooManyAliases { limit: 50 }
    );
    // 2 × 2^4 = 32 aliases pass; 2 × 2^5 = 64 do not.
    assert_eq!(
        shape_of(&doubling_document(5, "x: __typename"), None).aliases,
        32
    );
    assert_eq!(
        rejection_of(&doubling_document(6, "x: __typename"), None),
        DocumentRejection::TooManyAliases { limit: 50 }
    );
}

#[test]
fn a_directive_flood_is_refused() {
    let query = format!("{{ __typename {}}}", "@skip(if: false) ".repeat(60));
    assert_eq!(
        rejection_of(&query, None),
        DocumentRejection::TooManyDirectives { limit: 50 }
    );
}

#[test]
fn directives_inside_spread_fragments_count_once_per_expansion() {
    let query = doubling_document(20, "__typename @include(if: true)");
    assert_eq!(
        rejection_of(&query, None),
        DocumentRejection::TooManyDirectives { limit: 50 }
    );
}

#[test]
fn directives_count_wherever_they_are_written() {
    let query = r"
        query Q($a: Int @d) @d {
          ... on Query @d { a @d }
          ...F @d
        }
        fragment F on Query @d { b }
    ";
    let shape = shape_of(query, None);
    assert_eq!((shape.fields, shape.directives), (2, 6));
}

#[test]
fn fragment_cycles_are_refused_wherever_they_are() {
    let cases = [
        ("direct", "{ ...A } fragment A on Query { a ...A }", "A"),
        (
            "indirect",
            "{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }",
            "A",
        ),
        (
            "nested in a field and an inline fragment",
            "{ ...A } fragment A on Query { a { ... on X { b { ...A } } } }",
            "A",
        ),
        (
            "in a fragment no operation uses",
            "{ a } fragment Z on Query { ...Y } fragment Y on Query { ...Z }",
            "Y",
        ),
    ];
    for (case, query, name) in cases {
        assert_eq!(
            rejection_of(query, None),
            DocumentRejection::FragmentCycle {
                name: name.to_owned()
            },
            "{case}"
        );
    }
}

#[test]
fn a_long_fragment_chain_is_walked_without_recursion() {
    let mut query = String::from("{ ...F0 }");
    for i in 0..5_000 {
        let _ = write!(query, " fragment F{i} on Query {{ ...F{} }}", i + 1);
    }
    query.push_str(" fragment F5000 on Query { ...F0 }");
    let limits = DocumentLimits {
        max_bytes: usize::MAX,
        max_tokens: usize::MAX,
        max_fragments: usize::MAX,
        ..DocumentLimits::default()
    };
    assert!(matches!(
        rejection_with(&query, None, &limits),
        DocumentRejection::FragmentCycle { .. }
    ));
}

#[test]
fn unknown_fragments_are_refused() {
    for (query, name) in [
        ("{ ...Missing }", "Missing"),
        ("{ ...A } fragment A on Query { a { ...Gone } }", "Gone"),
    ] {
        assert_eq!(
            rejection_of(query, None),
            DocumentRejection::UnknownFragment {
                name: name.to_owned()
            }
        );
    }
}

fn nested_fields(depth: usize) -> String {
    format!("{}{}", "{ a ".repeat(depth), "}".repeat(depth))
}

#[test]
fn depth_counts_fields_as_async_graphql_does() {
    assert_eq!(shape_of("{ a }", None).depth, 1);
    assert_eq!(shape_of("{ a { b { c } } d }", None).depth, 3);
    // `{ a { a … } }` 15 fields deep is the default limit exactly.
    assert_eq!(shape_of(&nested_fields(15), None).depth, 15);
    assert_eq!(
        rejection_of(&nested_fields(16), None),
        DocumentRejection::TooDeep { limit: 15 }
    );
}

#[test]
fn depth_reached_through_fragments_is_refused() {
    let mut query = String::from("{ ...F0 }");
    for i in 0..20 {
        let _ = write!(query, " fragment F{i} on Query {{ a {{ ...F{} }} }}", i + 1);
    }
    query.push_str(" fragment F20 on Query { leaf }");
    assert_eq!(
        rejection_of(&query, None),
        DocumentRejection::TooDeep { limit: 15 }
    );
}

#[test]
fn every_operation_counts_because_validation_walks_them_all() {
    let fields = "a ".repeat(3_000);
    let query = format!("query A {{ {fields}}} query B {{ {fields}}}");
    assert_eq!(
        rejection_of(&query, Some("A")),
        DocumentRejection::TooManyFields { limit: 5_000 }
    );
}

#[test]
fn too_many_fragments_are_refused() {
    let mut query = String::from("{ a }");
    for i in 0..101 {
        let _ = write!(query, " fragment F{i} on Query {{ a }}");
    }
    assert_eq!(
        rejection_of(&query, None),
        DocumentRejection::TooManyFragments {
            limit: 100,
            actual: 101
        }
    );
}

#[test]
fn an_unused_fragment_is_held_to_the_limits_too() {
    let query = format!("{{ a }} fragment Big on Query {{ {}}}", "a ".repeat(5_001));
    assert_eq!(
        rejection_of(&query, None),
        DocumentRejection::TooManyFields { limit: 5_000 }
    );
}

#[test]
fn the_graphiql_introspection_query_passes() {
    let graphql_16 = shape_of(&introspection_query(7), Some("IntrospectionQuery"));
    assert_eq!(
        graphql_16,
        DocumentShape {
            fields: 194,
            depth: 13,
            aliases: 0,
            directives: 0,
            operations: 1,
            fragments: 3,
            reports: 0,
        }
    );
    // graphql 17's default `typeDepth` of 9 sits exactly at the default depth.
    let graphql_17 = shape_of(&introspection_query(9), None);
    assert_eq!((graphql_17.fields, graphql_17.depth), (230, 15));
}

#[test]
fn a_typical_dashboard_query_passes() {
    assert_eq!(
        shape_of(DASHBOARD_QUERY, Some("Dashboard")),
        DocumentShape {
            fields: 76,
            depth: 8,
            aliases: 2,
            directives: 1,
            operations: 1,
            fragments: 2,
            reports: 0,
        }
    );
}
