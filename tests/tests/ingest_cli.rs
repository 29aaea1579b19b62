//! `leadsource import spend|leads|conversions FILE.csv` against a running server: batches,
//! line numbers of bad rows, stopping or going on after a bad batch, scopes, exit status.

use std::path::PathBuf;

use clap::Parser;
use leadsource::auth::Scope;
use leadsource::config::{Cli, ImportArgs, ImportKind};
use leadsource::import::run;
use leadsource_tests::import::{csv_file, import_args};
use leadsource_tests::{TestApp, TestWorkspace, day};

fn args(app: &TestApp, token: &str, kind: ImportKind, file: PathBuf, batch: u32) -> ImportArgs {
    import_args(app, token, kind, file, batch)
}

/// A spend file of `rows` rows for campaign `brand`, one day each; `bad` replaces line N's amount.
fn spend_csv(rows: i64, bad: &[(u64, &str)]) -> String {
    let mut text = String::from("date,utm_campaign,amount,impressions,clicks\n");
    for i in 0..rows {
        let line = i as u64 + 2;
        let amount = bad
            .iter()
            .find(|(l, _)| *l == line)
            .map_or_else(|| format!("{i}.50"), |(_, a)| (*a).to_owned());
        text.push_str(&format!("{},brand,{amount},{},{}\n", day(i), i * 10, i));
    }
    text
}

async fn setup() -> (TestApp, TestWorkspace) {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    app.campaign(&ws.token, "Other", Some("other"), "DISPLAY")
        .await;
    (app, ws)
}

#[tokio::test]
async fn a_spend_file_is_stored_in_batches_and_a_second_import_replaces_the_days() {
    let (app, ws) = setup().await;
    let file = csv_file(&spend_csv(25, &[]));
    let report = run(&args(&app, &ws.token, ImportKind::Spend, file.clone(), 10))
        .await
        .expect("import runs");
    assert!(report.succeeded(), "{}", report.summary());
    assert_eq!(
        (report.rows_read, report.rows_stored, report.batches_stored),
        (25, 25, 3)
    );
    assert_eq!(report.totals.get("inserted"), Some(&25));
    assert_eq!(app.count("spend", ws.id).await, 25);

    let again = run(&args(&app, &ws.token, ImportKind::Spend, file, 10))
        .await
        .expect("import runs");
    assert_eq!(again.totals.get("updated"), Some(&25));
    assert_eq!(app.count("spend", ws.id).await, 25);
}

#[tokio::test]
async fn a_bad_line_is_reported_with_its_line_number_and_later_batches_are_not_sent() {
    let (app, ws) = setup().await;
    // Lines 2-11, 12-21 and 22-31 make three batches; line 15 is malformed.
    let file = csv_file(&spend_csv(30, &[(15, "12.5.0")]));
    let report = run(&args(&app, &ws.token, ImportKind::Spend, file, 10))
        .await
        .expect("import runs");
    assert!(!report.succeeded());
    assert_eq!(report.bad_lines.len(), 1);
    assert_eq!(
        (
            report.bad_lines[0].line,
            report.bad_lines[0].column.as_str()
        ),
        (15, "amount")
    );
    assert_eq!((report.rows_stored, report.batches_failed), (10, 1));
    assert_eq!(
        report.stopped_after_line,
        Some(21),
        "the third batch is not sent"
    );
    assert_eq!(
        app.count("spend", ws.id).await,
        10,
        "the bad line's batch is not stored"
    );
}

#[tokio::test]
async fn rows_the_server_refuses_are_reported_with_their_line_and_column() {
    let (app, ws) = setup().await;
    // Only the server knows which campaigns exist: every other fault is found before sending.
    let text = format!(
        "date,utm_campaign,amount\n{},brand,1\n{},nope,2\n{},gone,3\n{},brand,4\n",
        day(1),
        day(2),
        day(3),
        day(4)
    );
    let report = run(&args(
        &app,
        &ws.token,
        ImportKind::Spend,
        csv_file(&text),
        100,
    ))
    .await
    .expect("import runs");
    let lines: Vec<(u64, &str)> = report
        .bad_lines
        .iter()
        .map(|b| (b.line, b.column.as_str()))
        .collect();
    assert_eq!(lines, [(3, "utm_campaign"), (4, "utm_campaign")]);
    assert!(report.bad_lines[0].reason.contains("nope"));
    assert!(report.bad_lines[1].reason.contains("gone"));
    assert_eq!(report.stopped_after_line, None, "nothing was left to send");
    assert!(!report.succeeded());
    assert_eq!(app.count("spend", ws.id).await, 0);
}

#[tokio::test]
async fn with_continue_on_error_the_batches_after_a_bad_one_are_sent_and_so_are_its_good_rows() {
    let (app, ws) = setup().await;
    let file = csv_file(&spend_csv(30, &[(15, "-1")]));
    let mut args = args(&app, &ws.token, ImportKind::Spend, file, 10);
    args.continue_on_error = true;
    let report = run(&args).await.expect("import runs");
    assert_eq!(
        (
            report.rows_stored,
            report.batches_stored,
            report.batches_failed
        ),
        (29, 3, 1)
    );
    assert_eq!(report.bad_lines.len(), 1);
    assert_eq!(report.bad_lines[0].line, 15);
    assert!(!report.succeeded(), "a line was not stored");
    assert_eq!(app.count("spend", ws.id).await, 29);
}

#[tokio::test]
async fn leads_then_conversions_files_are_imported() {
    let (app, ws) = setup().await;
    let leads = "External ID,Email,utmSource,utm_medium,landing_page,channel,created_at,notes\n\
        ada,ada@example.com,google,cpc,,,2026-01-05T10:00:00Z,x\n\
        bob,bob@example.com,,,https://acme.com/?utm_source=newsletter&utm_medium=email,,2026-01-06T10:00:00+01:00,\n\
        cyd,,,,,Events,2026-01-07T10:00:00Z,\n";
    let report = run(&args(
        &app,
        &ws.token,
        ImportKind::Leads,
        csv_file(leads),
        2,
    ))
    .await
    .expect("import runs");
    assert!(report.succeeded(), "{}", report.summary());
    assert_eq!(report.totals.get("created"), Some(&3));
    let kinds = app
        .pairs(&format!(
            "SELECT l.external_id AS k, CAST(COUNT(*) AS BIGINT) AS v FROM lead l JOIN channel c ON c.id = l.channel_id \
             WHERE l.workspace_id = {} AND c.kind IN ('PAID_SEARCH', 'EMAIL', 'EVENTS') GROUP BY l.external_id ORDER BY l.external_id",
            ws.id
        ))
        .await;
    assert_eq!(kinds.len(), 3, "each lead classified: {kinds:?}");

    let conversions = "external_id,lead_external_id,kind,occurred_at,revenue,currency\n\
        c1,ada,purchase,2026-02-01T10:00:00Z,1200.50,EUR\n\
        c2,bob,signup,2026-02-01T10:00:00Z,,\n";
    let report = run(&args(
        &app,
        &ws.token,
        ImportKind::Conversions,
        csv_file(conversions),
        100,
    ))
    .await
    .expect("import runs");
    assert!(report.succeeded(), "{}", report.summary());
    assert_eq!(report.totals.get("recorded"), Some(&2));
    assert_eq!(report.totals.get("newCustomers"), Some(&1));
}

#[tokio::test]
async fn a_token_without_the_scope_stops_the_import_and_the_command_fails() {
    let (app, ws) = setup().await;
    let token = app.token(ws.id, &[Scope::LeadsWrite]).await;
    let file = csv_file(&spend_csv(5, &[]));
    let report = run(&args(&app, &token, ImportKind::Spend, file.clone(), 2))
        .await
        .expect("import runs");
    let fatal = report
        .fatal
        .clone()
        .unwrap_or_else(|| panic!("no fatal error: {}", report.summary()));
    assert!(
        fatal.contains("FORBIDDEN") && fatal.contains("spend:write"),
        "{fatal}"
    );
    assert_eq!(report.batches_stored, 0);

    let path = file.to_string_lossy().into_owned();
    let url = app.url("");
    let cli = Cli::try_parse_from([
        "leadsource",
        "import",
        "spend",
        &path,
        "--url",
        &url,
        "--token",
        &token,
    ])
    .expect("arguments parse");
    assert!(leadsource::cli::run(cli).await.is_err(), "a non-zero exit");
    let cli = Cli::try_parse_from([
        "leadsource",
        "import",
        "spend",
        &path,
        "--url",
        &url,
        "--token",
        &ws.token,
    ])
    .expect("arguments parse");
    assert!(
        leadsource::cli::run(cli).await.is_ok(),
        "exit 0 when every line is stored"
    );
    assert_eq!(app.count("spend", ws.id).await, 5);
}

#[tokio::test]
async fn a_file_without_its_required_columns_is_refused_before_anything_is_sent() {
    let (app, ws) = setup().await;
    let file = csv_file("date,amount\n2026-01-01,3\n");
    let err = run(&args(&app, &ws.token, ImportKind::Spend, file, 10))
        .await
        .err();
    assert!(err.is_some_and(|e| e.to_string().contains("utm_campaign")));
    let missing = run(&args(
        &app,
        &ws.token,
        ImportKind::Leads,
        PathBuf::from("/nonexistent.csv"),
        10,
    ))
    .await;
    assert!(missing.is_err_and(|e| e.to_string().contains("cannot open")));
    assert_eq!(app.count("spend", ws.id).await, 0);
}
