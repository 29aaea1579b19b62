//! `leadsource import touchpoints` and `leadsource import campaigns`: touchpoints of known leads,
//! and campaigns created or updated by utm_campaign so a spend file can follow in a new workspace.

use leadsource::auth::Scope;
use leadsource::config::ImportKind;
use leadsource::import::run;
use leadsource_tests::import::{csv_file, import_args};
use leadsource_tests::{TestApp, day};
use serde_json::json;

#[tokio::test]
async fn a_touchpoints_file_is_recorded_for_known_leads_once_per_event_id() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let leads = "external_id,utm_source,utm_medium\nada,google,cpc\n";
    let report = run(&import_args(
        &app,
        &ws.token,
        ImportKind::Leads,
        csv_file(leads),
        10,
    ))
    .await
    .expect("import runs");
    assert!(report.succeeded(), "{}", report.summary());

    let touches = "Lead External ID,Event ID,Occurred At,UTM Source,UTM Medium,Landing Page\r\n\
        ada,e1,2025-02-01 10:00,newsletter,email,\r\n\
        ada,e2,2025-02-02T10:00:00Z,,,https://acme.com/?utm_source=facebook&utm_medium=paid_social\r\n\
        nobody,e3,2025-02-03 10:00,google,cpc,\r\n";
    let mut args = import_args(
        &app,
        &ws.token,
        ImportKind::Touchpoints,
        csv_file(touches),
        10,
    );
    args.continue_on_error = true;
    let report = run(&args).await.expect("import runs");
    let bad: Vec<(u64, &str)> = report
        .bad_lines
        .iter()
        .map(|b| (b.line, b.column.as_str()))
        .collect();
    assert_eq!(bad, [(4, "Lead External ID")], "an unknown lead");
    assert_eq!(report.totals.get("recorded"), Some(&2));
    let first_touch_and_two = app
        .scalar(&format!(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM touchpoint WHERE workspace_id = {}",
            ws.id
        ))
        .await;
    assert_eq!(first_touch_and_two, 3);

    let again = run(&args).await.expect("import runs");
    assert_eq!(
        again.totals.get("duplicates"),
        Some(&2),
        "{}",
        again.summary()
    );
    assert_eq!(again.totals.get("recorded"), Some(&0));
}

#[tokio::test]
async fn a_campaigns_file_creates_and_updates_campaigns_so_a_spend_file_can_follow() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("fresh").await;
    let campaigns = "UTM Campaign,Name,Channel,Status,Starts On\n\
        spring,Spring sale,Paid Search,,2025-03-01\n\
        fairs,,EVENTS,paused,\n\
        spring,Spring sale 2,,,\n\
        radio,Radio,Radio waves,,\n\
        orphan,Orphan,,,\n";
    let mut args = import_args(
        &app,
        &ws.token,
        ImportKind::Campaigns,
        csv_file(campaigns),
        10,
    );
    args.continue_on_error = true;
    let report = run(&args).await.expect("import runs");
    let bad: Vec<(u64, &str)> = report
        .bad_lines
        .iter()
        .map(|b| (b.line, b.column.as_str()))
        .collect();
    assert_eq!(
        bad,
        [(5, "Channel"), (6, "Channel")],
        "{}",
        report.summary()
    );
    assert_eq!(report.totals.get("created"), Some(&2));
    assert_eq!(
        report.totals.get("updated"),
        Some(&1),
        "the second spring line updates the first"
    );

    let listed = app
        .gql(
            Some(&ws.token),
            "{ campaigns(first: 10) { nodes { name utmCampaign status startsOn channel { kind } } } }",
            json!({}),
        )
        .await
        .ok();
    let nodes = listed.list("campaigns/nodes");
    assert_eq!(
        nodes.to_vec(),
        [
            json!({ "name": "Spring sale 2", "utmCampaign": "spring", "status": "ACTIVE",
                    "startsOn": "2025-03-01", "channel": { "kind": "PAID_SEARCH" } }),
            json!({ "name": "fairs", "utmCampaign": "fairs", "status": "PAUSED",
                    "startsOn": null, "channel": { "kind": "EVENTS" } }),
        ]
    );

    let spend = format!(
        "date,utm_campaign,amount\n{},spring,10\n{},fairs,20\n",
        day(1),
        day(1)
    );
    let spend_token = app.token(ws.id, &[Scope::SpendWrite]).await;
    let report = run(&import_args(
        &app,
        &spend_token,
        ImportKind::Spend,
        csv_file(&spend),
        10,
    ))
    .await
    .expect("import runs");
    assert!(report.succeeded(), "{}", report.summary());
    assert_eq!(app.count("spend", ws.id).await, 2);

    // Loading the same file again changes nothing new: every known campaign is updated.
    let again = run(&args).await.expect("import runs");
    assert_eq!(again.totals.get("created"), Some(&0), "{}", again.summary());
    assert_eq!(again.totals.get("updated"), Some(&3));
}
