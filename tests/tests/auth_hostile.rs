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
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which ends with ')': utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<u64> = rest
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    match (fields.get(11), fields.get(12)) {
        (Some(user), Some(system)) => (user + system) * 10,
        _ => 0,
    }
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
