//! The harness does not read the server's environment variables: an exported
//! `INTROSPECTION=false`, `MAX_QUERY_DEPTH=2` or `DATABASE_URL` in the shell that runs
//! `cargo test` leaves the suite as it is.
//!
//! Setting a variable inside a test process is `unsafe` (and forbidden here), so the first
//! test runs the second again in a child process of this test binary, with a hostile
//! environment, and requires it to pass.

use leadsource_tests::TestApp;
use serde_json::json;

/// Server settings a developer might have exported; the first four alone would each break
/// the check below.
const HOSTILE: [(&str, &str); 6] = [
    ("INTROSPECTION", "false"),
    ("MAX_QUERY_DEPTH", "2"),
    ("MAX_QUERY_FIELDS", "1"),
    ("MAX_BODY_BYTES", "10"),
    ("RATE_LIMIT_PER_MINUTE", "1"),
    ("DATABASE_URL", "postgres://nobody@127.0.0.1:1/nowhere"),
];

const CHECK: &str = "introspection_answers_with_the_harness_settings";

#[test]
fn exported_server_settings_do_not_change_the_harness() {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("this test binary: {e}"));
    let out = std::process::Command::new(exe)
        .args([CHECK, "--exact", "--test-threads=1"])
        .envs(HOSTILE)
        .output()
        .unwrap_or_else(|e| panic!("cannot rerun this test binary: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{CHECK} under {HOSTILE:?} failed:\n{stdout}\n{stderr}"
    );
}

/// Passes in a clean environment; the test above runs it in a hostile one.
#[tokio::test]
async fn introspection_answers_with_the_harness_settings() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let resp = app
        .gql(
            Some(&ws.token),
            "{ __schema { queryType { name fields { name } } } }",
            json!({}),
        )
        .await
        .ok();
    assert_eq!(resp.text("__schema/queryType/name"), "Query");
    assert!(resp.list("__schema/queryType/fields").len() > 5);
    let second = app
        .gql(Some(&ws.token), "{ __typename }", json!({}))
        .await
        .ok();
    assert_eq!(second.text("__typename"), "Query");
}
