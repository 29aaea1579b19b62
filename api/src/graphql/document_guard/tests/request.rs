//! Checks on the request as a whole: bytes, raw nesting and tokens, the
//! operation to run, syntax, and how rejections read.

use super::{
    DocumentLimits, DocumentRejection, inspect_document, rejection_of, rejection_with, shape_of,
};

#[test]
fn raw_bracket_nesting_is_refused_before_parsing() {
    let queries = [
        "{".repeat(10_000),
        format!("{}{}", "{ a ".repeat(10_000), "}".repeat(10_000)),
        format!("{{ a(x: {}) }}", "[".repeat(10_000)),
        format!("{{ a(x: {}1{}) }}", "{y: ".repeat(100), "}".repeat(100)),
    ];
    for query in queries {
        assert_eq!(
            rejection_of(&query, None),
            DocumentRejection::TooDeeplyNested { limit: 64 },
            "{query:.40}"
        );
    }
}

#[test]
fn a_token_flood_is_refused_before_parsing() {
    let query = format!("{{ {}}}", "a ".repeat(20_000));
    assert_eq!(
        rejection_of(&query, None),
        DocumentRejection::TooManyTokens { limit: 15_000 }
    );
}

#[test]
fn the_byte_limit_is_checked_before_parsing() {
    let limits = DocumentLimits {
        max_bytes: 9,
        ..DocumentLimits::default()
    };
    assert!(inspect_document("{ a   b }", None, &limits).is_ok());
    assert_eq!(
        rejection_with("{ a    b }", None, &limits),
        DocumentRejection::TooLarge {
            limit: 9,
            actual: 10
        }
    );
    assert_eq!(
        rejection_with("{{{{{{{{{{{{", None, &limits),
        DocumentRejection::TooLarge {
            limit: 9,
            actual: 12
        }
    );
}

#[test]
fn the_operation_to_run_is_chosen_as_async_graphql_chooses_it() {
    let two = "query A { a } query B { b }";
    assert_eq!(shape_of(two, Some("B")).operations, 2);
    assert_eq!(
        rejection_of(two, None),
        DocumentRejection::OperationNameRequired { count: 2 }
    );
    assert_eq!(
        rejection_of(two, Some("C")),
        DocumentRejection::UnknownOperation {
            name: "C".to_owned()
        }
    );
    assert_eq!(shape_of("query A { a }", None).operations, 1);
    assert_eq!(shape_of("query A { a }", Some("A")).operations, 1);
    assert_eq!(
        rejection_of("{ a }", Some("A")),
        DocumentRejection::UnknownOperation {
            name: "A".to_owned()
        }
    );
}

#[test]
fn too_many_operations_are_refused() {
    let ops =
        |count: usize| -> String { (0..count).map(|i| format!("query Q{i} {{ a }} ")).collect() };
    assert_eq!(shape_of(&ops(20), Some("Q7")).operations, 20);
    assert_eq!(
        rejection_of(&ops(21), Some("Q7")),
        DocumentRejection::TooManyOperations {
            limit: 20,
            actual: 21
        }
    );
}

#[test]
fn syntax_errors_keep_the_parser_error_and_its_position() {
    let rejection = rejection_of("{ a(x: ) }", None);
    let DocumentRejection::Syntax(error) = &rejection else {
        panic!("expected a syntax error, got {rejection}");
    };
    assert_eq!(error.positions().count(), 1);
    assert_eq!(rejection.limit_name(), None);
    assert!(matches!(
        rejection_of("query A { a } { b }", None),
        DocumentRejection::Syntax(_)
    ));
}

#[test]
fn rejections_name_their_limit_and_its_value() {
    let cases = [
        (
            DocumentRejection::TooManyFields { limit: 5_000 },
            "max_fields",
            "query expands to more than 5000 fields (limit max_fields = 5000)",
        ),
        (
            DocumentRejection::TooLarge {
                limit: 100_000,
                actual: 100_001,
            },
            "max_bytes",
            "query is 100001 bytes, more than 100000 (limit max_bytes = 100000)",
        ),
        (
            DocumentRejection::TooDeeplyNested { limit: 64 },
            "max_nesting",
            "query nests brackets more than 64 levels deep (limit max_nesting = 64)",
        ),
        (
            DocumentRejection::TooManyTokens { limit: 15_000 },
            "max_tokens",
            "query has more than 15000 tokens (limit max_tokens = 15000)",
        ),
        (
            DocumentRejection::TooDeep { limit: 15 },
            "max_depth",
            "query nests fields more than 15 levels deep (limit max_depth = 15)",
        ),
        (
            DocumentRejection::TooManyAliases { limit: 50 },
            "max_aliases",
            "query expands to more than 50 aliases (limit max_aliases = 50)",
        ),
        (
            DocumentRejection::TooManyDirectives { limit: 50 },
            "max_directives",
            "query expands to more than 50 directives (limit max_directives = 50)",
        ),
        (
            DocumentRejection::TooManyOperations {
                limit: 20,
                actual: 21,
            },
            "max_operations",
            "document defines 21 operations, more than 20 (limit max_operations = 20)",
        ),
        (
            DocumentRejection::TooManyFragments {
                limit: 100,
                actual: 101,
            },
            "max_fragments",
            "document defines 101 fragments, more than 100 (limit max_fragments = 100)",
        ),
    ];
    for (rejection, name, message) in cases {
        assert_eq!(rejection.limit_name(), Some(name));
        assert!(rejection.limit_value().is_some());
        assert_eq!(rejection.to_string(), message);
    }
    let cycle = DocumentRejection::FragmentCycle {
        name: "A".to_owned(),
    };
    assert_eq!((cycle.limit_name(), cycle.limit_value()), (None, None));
}
