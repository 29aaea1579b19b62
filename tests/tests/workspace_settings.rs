//! `updateWorkspace`: a new time zone moves every stored local day (leads' and conversions')
//! and the daily rollups with it, across a daylight-saving change, in one transaction; a new
//! reporting currency is refused once money is stored; bad settings are refused naming the
//! field. Runs on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

use chrono::NaiveDate;
use leadsource::auth::Role;
use leadsource::services::attribution::Model;
use leadsource::services::report::{
    self, AttributionSettings, DateRange, Dimension, Granularity, PerformanceArgs, ReportFilter,
    Via,
};
use leadsource_tests::{TestApp, TestWorkspace};
use serde_json::{Value, json};

const CAPTURE: &str =
    r#"mutation($inputs: [LeadInput!]!) { captureLeads(inputs: $inputs) { created } }"#;
const CONVERT: &str = r#"mutation($inputs: [ConversionInput!]!) {
  recordConversions(inputs: $inputs) { recorded } }"#;
const UPDATE: &str = r#"mutation($input: UpdateWorkspaceInput!) {
  updateWorkspace(input: $input) { name currency timezone } }"#;
const TOTALS: &str = r#"query($from: Date!, $to: Date!) {
  performance(range: { from: $from, to: $to }) { totals { leads conversions revenue } } }"#;

/// Leads and conversions on both sides of New York's spring-forward (2026-03-08 02:00 EST →
/// 03:00 EDT, UTC−5 → UTC−4), each with its day in Paris and in New York.
const LEADS: [(&str, &str, &str, &str); 6] = [
    // (external id, instant, Paris day, New York day)
    (
        "l-sat-late",
        "2026-03-07T04:59:00Z",
        "2026-03-07",
        "2026-03-06",
    ),
    (
        "l-before",
        "2026-03-08T04:30:00Z",
        "2026-03-08",
        "2026-03-07",
    ),
    ("l-est", "2026-03-08T06:30:00Z", "2026-03-08", "2026-03-08"),
    ("l-edt", "2026-03-08T07:30:00Z", "2026-03-08", "2026-03-08"),
    (
        "l-sun-late",
        "2026-03-09T03:30:00Z",
        "2026-03-09",
        "2026-03-08",
    ),
    (
        "l-mon-late",
        "2026-03-10T03:59:00Z",
        "2026-03-10",
        "2026-03-09",
    ),
];

/// (external id, lead, instant, revenue): the first is Saturday in New York, Sunday in Paris;
/// the second Monday in both (00:10 EDT).
const CONVERSIONS: [(&str, &str, &str, &str); 2] = [
    ("c-1", "l-before", "2026-03-08T04:45:00Z", "100.00"),
    ("c-2", "l-sun-late", "2026-03-09T04:10:00Z", "50.00"),
];

async fn seed(app: &TestApp, ws: &TestWorkspace) {
    let leads: Vec<Value> = LEADS
        .iter()
        .map(|(id, at, _, _)| json!({ "externalId": id, "createdAt": at, "utmSource": "google", "utmMedium": "cpc" }))
        .collect();
    app.gql(Some(&ws.token), CAPTURE, json!({ "inputs": leads }))
        .await
        .ok();
    let conversions: Vec<Value> = CONVERSIONS
        .iter()
        .map(|(id, lead, at, revenue)| json!({ "externalId": id, "leadExternalId": lead, "kind": "purchase", "occurredAt": at, "revenue": revenue }))
        .collect();
    app.gql(Some(&ws.token), CONVERT, json!({ "inputs": conversions }))
        .await
        .ok();
}

/// (leads, conversions, revenue) of each day from 2026-03-06 to 2026-03-10, via GraphQL.
async fn daily_totals(app: &TestApp, token: &str) -> Vec<(String, i64, String, String)> {
    let mut days = Vec::new();
    for d in 6..=10 {
        let day = format!("2026-03-{d:02}");
        let resp = app
            .gql(Some(token), TOTALS, json!({ "from": day, "to": day }))
            .await
            .ok();
        let t = resp.data("performance/totals");
        days.push((
            day,
            t["leads"].as_i64().expect("leads"),
            t["conversions"].as_str().expect("conversions").to_owned(),
            t["revenue"].as_str().expect("revenue").to_owned(),
        ));
    }
    days
}

fn expected(days: [(i64, &str, &str); 5]) -> Vec<(String, i64, String, String)> {
    days.iter()
        .enumerate()
        .map(|(i, (leads, conversions, revenue))| {
            (
                format!("2026-03-{:02}", i + 6),
                *leads,
                (*conversions).to_owned(),
                (*revenue).to_owned(),
            )
        })
        .collect()
}

/// The stored local days of the workspace's leads and conversions, by external id.
async fn stored_days(app: &TestApp, ws: i64) -> Vec<(String, String)> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let db = &app.state.db.conn;
    let mut days = Vec::new();
    for l in entity::lead::Entity::find()
        .filter(entity::lead::Column::WorkspaceId.eq(ws))
        .order_by_asc(entity::lead::Column::ExternalId)
        .all(db)
        .await
        .expect("leads")
    {
        days.push((l.external_id, l.created_on.to_string()));
    }
    for c in entity::conversion::Entity::find()
        .filter(entity::conversion::Column::WorkspaceId.eq(ws))
        .order_by_asc(entity::conversion::Column::ExternalId)
        .all(db)
        .await
        .expect("conversions")
    {
        days.push((c.external_id, c.occurred_on.to_string()));
    }
    days
}

fn days_in(zone: usize) -> Vec<(String, String)> {
    let mut leads: Vec<(String, String)> = LEADS
        .iter()
        .map(|l| (l.0.to_owned(), if zone == 0 { l.2 } else { l.3 }.to_owned()))
        .collect();
    leads.sort();
    let conversion_days = if zone == 0 {
        ["2026-03-08", "2026-03-09"]
    } else {
        ["2026-03-07", "2026-03-09"]
    };
    leads.extend(
        CONVERSIONS
            .iter()
            .zip(conversion_days)
            .map(|(c, d)| (c.0.to_owned(), d.to_owned())),
    );
    leads
}

fn range(from: &str, to: &str) -> DateRange {
    let d = |s: &str| s.parse::<NaiveDate>().expect("a date");
    DateRange::new("range", d(from), d(to)).expect("a range")
}

/// Every model, dimension and granularity over ranges across the change: the rollups answer
/// exactly as the streaming engine reading the raw rows.
async fn rollups_equal_streaming(app: &TestApp, ws: i64) {
    let db = &app.state.db.conn;
    let models = [
        Model::FirstTouch,
        Model::LastTouch,
        Model::Linear,
        Model::PositionBased,
        Model::Markov,
        Model::Shapley,
    ];
    let ranges = [
        ("2026-03-06", "2026-03-10"),
        ("2026-03-07", "2026-03-07"),
        ("2026-03-08", "2026-03-08"),
        ("2026-03-08", "2026-03-09"),
    ];
    for (i, model) in models.into_iter().enumerate() {
        for (j, (from, to)) in ranges.iter().enumerate() {
            let args = PerformanceArgs::new(
                range(from, to),
                [Dimension::Channel, Dimension::UtmSource][(i + j) % 2],
                model,
                AttributionSettings::default(),
                [None, Some(Granularity::Day), Some(Granularity::Week)][(i + j) % 3],
                None,
                ReportFilter::default(),
            )
            .expect("args");
            let rolled = report::performance_via(db, ws, &args, Via::Auto)
                .await
                .expect("rollups");
            let streamed = report::performance_via(db, ws, &args, Via::Raw)
                .await
                .expect("raw");
            assert_eq!(rolled, streamed, "{args:?}");
        }
        let args = report::AttributionArgs::new(
            range("2026-03-07", "2026-03-08"),
            model,
            AttributionSettings::default(),
        );
        let rolled = report::attribution_via(db, ws, &args, Via::Auto)
            .await
            .expect("rollups");
        let streamed = report::attribution_via(db, ws, &args, Via::Raw)
            .await
            .expect("raw");
        assert_eq!(rolled, streamed, "{args:?}");
    }
}

#[tokio::test]
async fn a_new_time_zone_moves_every_stored_day_and_the_reports_across_a_dst_change() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    seed(&app, &ws).await;
    let owner = app.session("acme", Role::Owner).await;

    assert_eq!(stored_days(&app, ws.id).await, days_in(0), "Paris days");
    // Asked (and cached) before the change: a stale answer would show after it.
    let paris = daily_totals(&app, &owner).await;
    assert_eq!(
        paris,
        expected([
            (0, "0", "0.00"),
            (1, "0", "0.00"),
            (3, "1", "100.00"),
            (1, "1", "50.00"),
            (1, "0", "0.00"),
        ])
    );
    let generation = app.generation(ws.id).await;

    let resp = app
        .gql(
            Some(&owner),
            UPDATE,
            json!({ "input": { "timezone": "America/New_York" } }),
        )
        .await
        .ok();
    assert_eq!(
        resp.data("updateWorkspace/timezone"),
        &json!("America/New_York")
    );
    assert!(
        app.generation(ws.id).await > generation,
        "generation bumped"
    );

    assert_eq!(stored_days(&app, ws.id).await, days_in(1), "New York days");
    assert_eq!(
        daily_totals(&app, &owner).await,
        expected([
            (1, "0", "0.00"),
            (1, "1", "100.00"),
            (3, "0", "0.00"),
            (1, "1", "50.00"),
            (0, "0", "0.00"),
        ])
    );
    rollups_equal_streaming(&app, ws.id).await;

    // And back: the days return to Paris's exactly.
    app.gql(
        Some(&owner),
        UPDATE,
        json!({ "input": { "timezone": "Europe/Paris" } }),
    )
    .await
    .ok();
    assert_eq!(stored_days(&app, ws.id).await, days_in(0));
    assert_eq!(daily_totals(&app, &owner).await, paris);
    rollups_equal_streaming(&app, ws.id).await;
}

#[tokio::test]
async fn rows_written_after_the_change_take_the_new_zones_days() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let owner = app.session("acme", Role::Owner).await;
    app.gql(
        Some(&owner),
        UPDATE,
        json!({ "input": { "timezone": "America/New_York" } }),
    )
    .await
    .ok();
    seed(&app, &ws).await;
    assert_eq!(stored_days(&app, ws.id).await, days_in(1));
    rollups_equal_streaming(&app, ws.id).await;
}

#[tokio::test]
async fn the_reporting_currency_changes_only_while_no_money_is_stored() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let owner = app.session("acme", Role::Owner).await;
    let resp = app
        .gql(
            Some(&owner),
            UPDATE,
            json!({ "input": { "currency": "usd", "name": " Acme US " } }),
        )
        .await
        .ok();
    assert_eq!(
        resp.data("updateWorkspace"),
        &json!({ "name": "Acme US", "currency": "USD", "timezone": "Europe/Paris" })
    );

    seed(&app, &ws).await;
    let generation = app.generation(ws.id).await;
    let resp = app
        .gql(
            Some(&owner),
            UPDATE,
            json!({ "input": { "currency": "GBP", "name": "Acme UK" } }),
        )
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(resp.error_field(), Some("currency"), "{}", resp.body);
    let message = resp.body["errors"][0]["message"].to_string();
    assert!(
        message.contains("already holds money in USD") && message.contains("re-converted"),
        "{message}"
    );
    let viewer = app
        .gql(
            Some(&owner),
            "{ viewer { workspace { name currency } } }",
            json!({}),
        )
        .await
        .ok();
    assert_eq!(
        viewer.data("viewer/workspace"),
        &json!({ "name": "Acme US", "currency": "USD" }),
        "nothing of the refused call is stored"
    );
    assert_eq!(app.generation(ws.id).await, generation);

    // The same currency again is no change, and is accepted.
    app.gql(
        Some(&owner),
        UPDATE,
        json!({ "input": { "currency": "USD" } }),
    )
    .await
    .ok();
}

#[tokio::test]
async fn bad_settings_are_refused_naming_the_field_and_change_nothing() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let owner = app.session("acme", Role::Owner).await;
    let generation = app.generation(ws.id).await;
    for (input, field, says) in [
        (
            json!({ "timezone": "Mars/Olympus_Mons" }),
            "timezone",
            "IANA",
        ),
        (json!({ "timezone": "" }), "timezone", "IANA"),
        (json!({ "currency": "EURO" }), "currency", "ISO 4217"),
        (json!({ "currency": "XXX" }), "currency", "ISO 4217"),
        (json!({ "name": "   " }), "name", "empty"),
        (json!({ "name": "x".repeat(201) }), "name", "200"),
    ] {
        let resp = app
            .gql(Some(&owner), UPDATE, json!({ "input": input }))
            .await;
        assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
        assert_eq!(resp.error_field(), Some(field), "{}", resp.body);
        assert!(
            resp.body["errors"][0]["message"].to_string().contains(says),
            "{}",
            resp.body
        );
    }
    assert_eq!(app.generation(ws.id).await, generation);
    let admin = app.session("acme", Role::Admin).await;
    let resp = app
        .gql(Some(&admin), UPDATE, json!({ "input": { "name": "mine" } }))
        .await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"), "{}", resp.body);
}

#[tokio::test]
async fn create_user_makes_a_new_workspace_with_the_currency_and_zone_given() {
    use leadsource::services::access::{NewUser, WorkspaceDefaults, bootstrap_user_with};
    let app = TestApp::spawn().await;
    let db = &app.state.db.conn;
    let user = || NewUser {
        email: "founder@example.com".to_owned(),
        password: "a long enough password".to_owned(),
        display_name: String::new(),
    };
    let defaults = WorkspaceDefaults {
        currency: "usd".to_owned(),
        timezone: "America/New_York".to_owned(),
    };
    let made = bootstrap_user_with(db, user(), "us-team", Role::Owner, defaults)
        .await
        .expect("created");
    let ws = leadsource::services::workspace::find_workspace(db, made.workspace_id)
        .await
        .expect("workspace");
    assert_eq!(
        (ws.currency.as_str(), ws.timezone.as_str()),
        ("USD", "America/New_York")
    );
    let bad = WorkspaceDefaults {
        currency: "USD".to_owned(),
        timezone: "New York".to_owned(),
    };
    let err = bootstrap_user_with(db, user(), "us-team-2", Role::Owner, bad)
        .await
        .expect_err("bad zone");
    assert_eq!(err.code(), "BAD_USER_INPUT");
    assert!(err.to_string().contains("timezone") || format!("{err:?}").contains("timezone"));
}
