//! `leadsource import` under a rate limit and over a bad network: it waits out `Retry-After`,
//! retries connections with a backoff, and after giving up names the first line not known to
//! be stored, where `--from-line` resumes without sending a line twice.

use leadsource::auth::Scope;
use leadsource::config::ImportKind;
use leadsource::import::run;
use leadsource_tests::import::{csv_file, import_args};
use leadsource_tests::{TestApp, TestWorkspace, day, free_port};

fn spend_csv(rows: i64) -> String {
    let mut text = String::from("date,utm_campaign,amount\n");
    for i in 0..rows {
        text.push_str(&format!("{},brand,{i}\n", day(i + 1)));
    }
    text
}

/// A server allowing each token `burst` operations at once, then `per_minute`.
async fn limited(per_minute: u32, burst: u32) -> (TestApp, TestWorkspace) {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.rate_limit_per_minute = per_minute;
        s.limits.rate_limit_burst = burst;
    })
    .await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    (app, ws)
}

#[tokio::test]
async fn a_rate_limited_import_waits_for_retry_after_and_stores_every_line() {
    // 120 a minute: the server answers Retry-After: 1 (its smallest) once the burst is spent.
    let (app, ws) = limited(120, 2).await;
    let token = app.token(ws.id, &[Scope::SpendWrite]).await;
    let mut args = import_args(&app, &token, ImportKind::Spend, csv_file(&spend_csv(3)), 1);
    // A backoff of 1, 2 and 4 ms alone would give up long before a second has passed.
    args.retry_wait_ms = 1;
    args.max_retries = 3;
    let report = run(&args).await.expect("import runs");
    assert!(report.succeeded(), "{}", report.summary());
    assert_eq!(app.count("spend", ws.id).await, 3);
}

#[tokio::test]
async fn after_giving_up_the_import_names_the_first_line_not_stored_and_resumes_there() {
    // One operation a minute after a burst of 3: the workspace query and two batches pass.
    let (app, ws) = limited(1, 3).await;
    let token = app.token(ws.id, &[Scope::SpendWrite]).await;
    let file = csv_file(&spend_csv(10));
    let mut args = import_args(&app, &token, ImportKind::Spend, file, 2);
    args.max_retries = 0;
    let report = run(&args).await.expect("import runs");
    let fatal = report.fatal.clone().unwrap_or_default();
    assert!(fatal.contains("RATE_LIMITED"), "{}", report.summary());
    assert_eq!(report.rows_stored, 4);
    assert_eq!(report.resume_line, Some(6));
    assert!(
        report.summary().contains("resume with --from-line 6"),
        "{}",
        report.summary()
    );
    assert!(!report.succeeded());

    // A fresh token has a fresh allowance: the workspace query and one batch of the rest.
    args.token = app.token(ws.id, &[Scope::SpendWrite]).await;
    args.from_line = Some(6);
    args.batch_size = 10;
    let resumed = run(&args).await.expect("import runs");
    assert!(resumed.succeeded(), "{}", resumed.summary());
    assert_eq!(
        (resumed.rows_skipped, resumed.rows_read, resumed.rows_stored),
        (4, 6, 6)
    );
    assert_eq!(
        resumed.totals.get("inserted"),
        Some(&6),
        "no line is sent twice"
    );
    assert_eq!(app.count("spend", ws.id).await, 10);
}

#[tokio::test]
async fn connection_errors_are_retried_then_the_import_stops_with_the_reason() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut args = import_args(
        &app,
        &ws.token,
        ImportKind::Spend,
        csv_file(&spend_csv(2)),
        10,
    );
    args.url = format!("http://127.0.0.1:{}", free_port());
    args.max_retries = 2;
    args.retry_wait_ms = 1;
    let err = run(&args).await.err().map(|e| e.to_string());
    let err = err.unwrap_or_else(|| panic!("an import against a closed port started"));
    assert!(
        err.contains("cannot connect") && err.contains("gave up after 2 retries"),
        "{err}"
    );
}
