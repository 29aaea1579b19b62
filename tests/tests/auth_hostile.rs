//! Hostile documents: about a kilobyte of GraphQL that would expand to 2^26 fields,
//! aliases or directives is refused by the document guard, before async-graphql's
//! validation (which walks the expansion) starts, even with every limit at its ceiling.
//!
//! One test in this binary, so the process CPU time it reads is the server's work.

use std::fmt::Write as _;

use leadsource_tests::TestApp;
use serde_json::json;

/// Fragments F0..F25, each spreading the next twice; F25 selects `leaf` twice.
fn doubling(leaf: &str) -> String {
    let mut doc = String::from("query Q { ...F0 }\n");
    for level in 0..26 {
        let body = if level == 25 {
            format!("{leaf} {leaf}")
        } else {
            format!("...F{n} ...F{n}", n = level + 1)
        };
        let _ = writeln!(doc, "fragment F{level} on Query {{ {body} }}");
    }
    doc
}

/// User plus system CPU time of this process, in milliseconds (10 ms resolution).
fn process_cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat")
        .unwrap_or_else(|e| panic!("/proc/self/stat: {e}"));
    // Fields after the command name, which ends with ')': the state (field 3 of proc(5)) is
    // the 1st, utime (field 14) the 12th, stime (field 15) the 13th. Every field counts, the
    // state letter included, or the indices shift onto stime and cutime.
    let (_, rest) = stat
        .rsplit_once(')')
        .unwrap_or_else(|| panic!("no command name in /proc/self/stat: {stat}"));
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| -> u64 {
        fields
            .get(i)
            .and_then(|f| f.parse().ok())
            .unwrap_or_else(|| panic!("no CPU ticks at field {} of /proc/self/stat: {stat}", i + 3))
    };
    (ticks(11) + ticks(12)) * 10
}

#[tokio::test]
async fn documents_expanding_to_2_pow_26_are_refused_before_validation_even_at_the_ceilings() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.max_query_fields = 100_000;
        s.limits.max_query_aliases = 10_000;
        s.limits.max_query_directives = 10_000;
        s.limits.max_query_depth = 64;
        s.limits.max_query_complexity = usize::MAX;
    })
    .await;
    let cases = [
        (doubling("__typename"), "max_fields"),
        (doubling("a: __typename"), "max_aliases"),
        (
            doubling("__typename @include(if: true) @skip(if: false)"),
            "max_directives",
        ),
    ];
    for (doc, limit) in cases {
        assert!(doc.len() < 1_700, "{} bytes", doc.len());
        let before = process_cpu_ms();
        let resp = app.gql(None, &doc, json!({})).await;
        let spent = process_cpu_ms().saturating_sub(before);
        println!(
            "{limit}: {} bytes refused after {spent} ms of process CPU",
            doc.len()
        );
        assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
        assert_eq!(
            resp.body["errors"][0]["extensions"]["limit"], limit,
            "{}",
            resp.body
        );
        assert!(resp.body.get("data").is_none());
        // Validation of the expansion takes seconds even optimised; the guard is linear.
        assert!(spent < 1_000, "{spent} ms of CPU: the expansion was walked");
    }
}
