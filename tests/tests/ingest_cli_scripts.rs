//! `leadsource import` as scripts run it (cron, CI, a pipe): its messages without a terminal,
//! the line numbers of CRLF files, every bad line of a batch in one round, good rows kept with
//! `--continue-on-error`, repeated errors summarised, wall-clock times read in the workspace
//! time zone, the file's own column headers in messages, and `--dry-run`.

use leadsource::config::ImportKind;
use leadsource::import::{SHOWN_PER_ERROR, run};
use leadsource_tests::import::{csv_file, import_args, run_captured};
use leadsource_tests::json::text;
use leadsource_tests::{TestApp, TestWorkspace, day};
use serde_json::json;

async fn setup() -> (TestApp, TestWorkspace) {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    (app, ws)
}

/// Spend lines for campaign `brand`, one day each, from `day(first)` backwards.
fn spend_lines(first: i64, amounts: &[&str]) -> String {
    amounts
        .iter()
        .enumerate()
        .map(|(i, amount)| format!("{},brand,{amount}\n", day(first + i as i64)))
        .collect()
}

#[tokio::test]
async fn outside_a_terminal_bad_lines_and_unknown_columns_are_written_to_the_message_stream() {
    let (app, ws) = setup().await;
    let text = format!(
        "date,utm_campaign,amount,notes\n{},brand,1,a\n{},brand,12.5.0,b\n",
        day(1),
        day(2)
    );
    let args = import_args(&app, &ws.token, ImportKind::Spend, csv_file(&text), 10);
    let (report, messages) = run_captured(&args).await;
    let report = report.expect("import runs");
    assert!(!report.succeeded());
    assert!(
        messages.contains("ignoring unknown columns: notes"),
        "{messages}"
    );
    assert!(
        messages
            .contains("line 3: amount: is not a decimal number such as 1234.50 (got \"12.5.0\")"),
        "{messages}"
    );
}

#[tokio::test]
async fn line_numbers_of_a_crlf_file_are_the_lines_of_the_file() {
    let (app, ws) = setup().await;
    // What Excel and Python's csv module write: CRLF, and a quoted cell over two lines.
    let text = format!(
        "date,utm_campaign,amount,notes\r\n{},brand,1,\"two\r\nlines\"\r\n{},brand,2,x\r\n{},brand,-3,x\r\n",
        day(1),
        day(2),
        day(3)
    );
    let args = import_args(&app, &ws.token, ImportKind::Spend, csv_file(&text), 10);
    let report = run(&args).await.expect("import runs");
    let lines: Vec<u64> = report.bad_lines.iter().map(|b| b.line).collect();
    assert_eq!(lines, [5], "{}", report.summary());
}

#[tokio::test]
async fn every_bad_line_of_a_batch_is_found_before_it_is_sent() {
    let (app, ws) = setup().await;
    // A malformed amount, and three faults only the server used to find: a negative amount,
    // a currency that is no ISO 4217 code, a day after tomorrow. All four come in one round;
    // nothing is sent.
    let text = format!(
        "date,utm_campaign,amount,currency\n{},brand,1,EUR\n{},brand,1;5,\n{},brand,-2,\n{},brand,3,DOLLARS\n{},brand,4,\n",
        day(1),
        day(2),
        day(3),
        day(4),
        day(-5)
    );
    let args = import_args(&app, &ws.token, ImportKind::Spend, csv_file(&text), 100);
    let report = run(&args).await.expect("import runs");
    let bad: Vec<(u64, &str)> = report
        .bad_lines
        .iter()
        .map(|b| (b.line, b.column.as_str()))
        .collect();
    assert_eq!(
        bad,
        [(3, "amount"), (4, "amount"), (5, "currency"), (6, "date")]
    );
    assert_eq!(app.count("spend", ws.id).await, 0);
}

#[tokio::test]
async fn with_continue_on_error_a_batch_the_server_refused_is_sent_again_without_the_refused_rows()
{
    let (app, ws) = setup().await;
    let text = format!(
        "date,utm_campaign,amount\n{}{},nope,5\n{}",
        spend_lines(1, &["1", "2", "3"]),
        day(4),
        spend_lines(5, &["6", "7"])
    );
    let mut args = import_args(&app, &ws.token, ImportKind::Spend, csv_file(&text), 10);
    args.continue_on_error = true;
    let report = run(&args).await.expect("import runs");
    assert_eq!(
        report
            .bad_lines
            .iter()
            .map(|b| (b.line, b.column.as_str()))
            .collect::<Vec<_>>(),
        [(5, "utm_campaign")]
    );
    assert_eq!((report.rows_stored, report.batches_failed), (5, 1));
    assert_eq!(report.totals.get("inserted"), Some(&5));
    assert_eq!(app.count("spend", ws.id).await, 5);
}

#[tokio::test]
async fn identical_errors_are_summarised_after_twenty_lines() {
    let (app, ws) = setup().await;
    let bad = SHOWN_PER_ERROR as usize + 7;
    let mut amounts = vec!["x"; bad];
    amounts.push("-1");
    let text = format!("date,utm_campaign,amount\n{}", spend_lines(1, &amounts));
    let mut args = import_args(&app, &ws.token, ImportKind::Spend, csv_file(&text), 10);
    args.continue_on_error = true;
    let (report, messages) = run_captured(&args).await;
    let report = report.expect("import runs");
    assert_eq!(
        report.bad_lines.len(),
        bad + 1,
        "the report keeps every line"
    );
    assert_eq!(
        messages.matches("amount: is not a decimal number").count(),
        SHOWN_PER_ERROR as usize + 1,
        "{messages}"
    );
    let first_hidden = SHOWN_PER_ERROR + 2;
    let last_hidden = bad as u64 + 1;
    assert!(
        messages.contains(&format!(
            "… and 7 more lines with amount: is not a decimal number such as 1234.50 (lines {first_hidden} to {last_hidden})"
        )),
        "{messages}"
    );
    assert!(
        messages.contains(&format!("line {}: amount: must not be negative", bad + 2)),
        "another error is still printed: {messages}"
    );
}

#[tokio::test]
async fn wall_clock_times_are_read_in_the_workspace_time_zone() {
    let (app, ws) = setup().await;
    // The test workspace is in Europe/Paris: UTC+1 in January, UTC+2 in July.
    let file = "external_id,created_at\n\
        winter,2025-01-05 10:00\n\
        summer,2025-07-01 10:00:30\n\
        explicit,2025-07-01T10:00:00Z\n";
    let args = import_args(&app, &ws.token, ImportKind::Leads, csv_file(file), 10);
    let report = run(&args).await.expect("import runs");
    assert!(report.succeeded(), "{}", report.summary());
    let leads = app
        .gql(
            Some(&ws.token),
            "{ leads(first: 10) { nodes { externalId createdAt } } }",
            json!({}),
        )
        .await
        .ok();
    let mut created: Vec<(String, String)> = leads
        .list("leads/nodes")
        .iter()
        .map(|l| {
            let at = chrono::DateTime::parse_from_rfc3339(text(&l["createdAt"], "createdAt"))
                .unwrap_or_else(|e| panic!("createdAt of {l}: {e}"));
            (
                text(&l["externalId"], "externalId").to_owned(),
                at.with_timezone(&chrono::Utc).to_rfc3339(),
            )
        })
        .collect();
    created.sort();
    assert_eq!(
        created,
        [
            ("explicit".into(), "2025-07-01T10:00:00+00:00".into()),
            ("summer".into(), "2025-07-01T08:00:30+00:00".into()),
            ("winter".into(), "2025-01-05T09:00:00+00:00".into()),
        ]
    );
}

#[tokio::test]
async fn a_server_error_names_the_files_own_column_header() {
    let (app, ws) = setup().await;
    let text = format!("Date,UTM Campaign,Amount\n{},nope,1\n", day(1));
    let args = import_args(&app, &ws.token, ImportKind::Spend, csv_file(&text), 10);
    let (report, messages) = run_captured(&args).await;
    let report = report.expect("import runs");
    assert_eq!(report.bad_lines.len(), 1);
    assert_eq!(report.bad_lines[0].column, "UTM Campaign");
    assert!(messages.contains("line 2: UTM Campaign: "), "{messages}");
}

#[tokio::test]
async fn a_dry_run_checks_the_whole_file_and_stores_nothing() {
    let (app, ws) = setup().await;
    let mut amounts = vec!["1"; 30];
    amounts[3] = "oops";
    amounts[23] = "-1";
    let text = format!("date,utm_campaign,amount\n{}", spend_lines(1, &amounts));
    let mut args = import_args(&app, &ws.token, ImportKind::Spend, csv_file(&text), 10);
    args.dry_run = true;
    let report = run(&args).await.expect("import runs");
    let lines: Vec<u64> = report.bad_lines.iter().map(|b| b.line).collect();
    assert_eq!(lines, [5, 25], "every batch is checked, none stops it");
    assert_eq!((report.rows_read, report.rows_stored), (30, 28));
    assert_eq!(report.stopped_after_line, None);
    assert!(!report.succeeded());
    assert!(report.summary().contains("dry run"), "{}", report.summary());

    let clean = format!("date,utm_campaign,amount\n{}", spend_lines(1, &["1", "2"]));
    args.file = csv_file(&clean);
    let report = run(&args).await.expect("import runs");
    assert!(report.succeeded(), "{}", report.summary());
    assert_eq!(
        app.count("spend", ws.id).await,
        0,
        "a dry run stores nothing"
    );
}
