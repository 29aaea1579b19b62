//! Leads and conversions over HTTP: filters, search, pagination, and a lead's journey
//! loaded without N+1 queries.

use chrono::{Duration, TimeZone, Utc};
use entity::{conversion, lead, touchpoint};
use leadsource::services::channel::default_channels;
use leadsource::services::classify::ChannelGroup;
use leadsource_tests::TestApp;
use leadsource_tests::json::text;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

/// Inserts `n` leads, each with three touchpoints and two conversions.
async fn seed_leads(app: &TestApp, workspace_id: i64, n: i64) {
    let db = &app.state.db.conn;
    let channels = default_channels(db, workspace_id)
        .await
        .unwrap_or_else(|e| panic!("default channels of workspace {workspace_id}: {e}"));
    let search = channels[&ChannelGroup::PaidSearch];
    let email = channels[&ChannelGroup::Email];
    let direct = channels[&ChannelGroup::Direct];
    for i in 0..n {
        let created = Utc
            .with_ymd_and_hms(2026, 3, 1 + i as u32 % 28, 10, 0, 0)
            .single()
            .expect("a day of March 2026 at 10:00 UTC is a time");
        let status = if i % 2 == 0 { "CUSTOMER" } else { "NEW" };
        let row = lead::ActiveModel {
            workspace_id: Set(workspace_id),
            external_id: Set(format!("ext-{i}")),
            email: Set(Some(format!("person{i}@example.com"))),
            name: Set(Some(format!("Person {i}"))),
            company: Set(Some(if i == 3 {
                "Initech".to_owned()
            } else {
                format!("Company {i}")
            })),
            status: Set(status.to_owned()),
            created_at: Set(created),
            created_on: Set(created.date_naive()),
            channel_id: Set(search),
            campaign_id: Set(None),
            utm_source: Set(Some("google".to_owned())),
            utm_medium: Set(Some("cpc".to_owned())),
            updated_at: Set(created),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap_or_else(|e| panic!("lead: {e}"));
        for (k, channel) in [search, email, direct].into_iter().enumerate() {
            touchpoint::ActiveModel {
                workspace_id: Set(workspace_id),
                lead_id: Set(row.id),
                occurred_at: Set(created + Duration::days(k as i64)),
                channel_id: Set(channel),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap_or_else(|e| panic!("touchpoint: {e}"));
        }
        for (k, kind) in ["signup", "purchase"].into_iter().enumerate() {
            let at = created + Duration::days(3 + k as i64);
            conversion::ActiveModel {
                workspace_id: Set(workspace_id),
                lead_id: Set(row.id),
                occurred_at: Set(at),
                occurred_on: Set(at.date_naive()),
                kind: Set(kind.to_owned()),
                revenue_cents: Set(if kind == "purchase" { 12_345 } else { 0 }),
                external_id: Set(format!("conv-{i}-{k}")),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap_or_else(|e| panic!("conversion: {e}"));
        }
    }
}

const JOURNEYS: &str = r#"query($n: Int) { leads(first: $n) { edges { node {
  email channel { name } campaign { name }
  touchpoints { occurredAt channel { kind } campaign { name } }
  conversions { kind revenue } } } } }"#;

/// Statements the server ran for one request.
async fn statements_for(app: &TestApp, token: &str, n: i64) -> u64 {
    let before = app.state.db.statement_count();
    let resp = app.gql(Some(token), JOURNEYS, json!({ "n": n })).await.ok();
    let edges = resp.data("leads/edges").as_array().map(Vec::len);
    assert_eq!(edges, Some(n as usize));
    assert_eq!(
        resp.data("leads/edges/0/node/touchpoints")
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    assert_eq!(
        resp.data("leads/edges/0/node/conversions")
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    app.state.db.statement_count() - before
}

#[tokio::test]
async fn lead_journeys_load_in_a_constant_number_of_queries() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    seed_leads(&app, ws.id, 20).await;
    let few = statements_for(&app, &ws.token, 2).await;
    let many = statements_for(&app, &ws.token, 20).await;
    assert_eq!(few, many, "statements grow with the number of leads (N+1)");
    assert!(many <= 8, "{many} statements for one page of journeys");
}

#[tokio::test]
async fn leads_filter_by_status_created_range_and_text() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    seed_leads(&app, ws.id, 10).await;
    let q = r#"query($f: LeadFilterInput) { leads(filter: $f) { totalCount edges { node { company status } } } }"#;
    let customers = app
        .gql(Some(&ws.token), q, json!({ "f": { "status": "CUSTOMER" } }))
        .await
        .ok();
    assert_eq!(customers.data("leads/totalCount"), 5);
    let search = app
        .gql(Some(&ws.token), q, json!({ "f": { "search": "iniTECH" } }))
        .await
        .ok();
    assert_eq!(search.data("leads/totalCount"), 1);
    assert_eq!(search.data("leads/edges/0/node/company"), "Initech");
    let by_email = app
        .gql(Some(&ws.token), q, json!({ "f": { "search": "person7@" } }))
        .await
        .ok();
    assert_eq!(by_email.data("leads/totalCount"), 1);
    let range = json!({ "f": { "createdFrom": "2026-03-02", "createdTo": "2026-03-04" } });
    let ranged = app.gql(Some(&ws.token), q, range).await.ok();
    assert_eq!(ranged.data("leads/totalCount"), 3);
    let inverted = json!({ "f": { "createdFrom": "2026-03-04", "createdTo": "2026-03-02" } });
    let bad = app.gql(Some(&ws.token), q, inverted).await;
    assert_eq!(bad.error_code(), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn leads_paginate_newest_first_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    seed_leads(&app, ws.id, 7).await;
    let q = r#"query($after: String) { leads(first: 3, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { externalId createdAt } } } }"#;
    let mut seen = Vec::new();
    let mut after = serde_json::Value::Null;
    for _ in 0..5 {
        let resp = app
            .gql(Some(&ws.token), q, json!({ "after": after }))
            .await
            .ok();
        for edge in resp.list("leads/edges") {
            seen.push(text(&edge["node"]["externalId"], "a lead's externalId").to_owned());
        }
        if resp.data("leads/pageInfo/hasNextPage") != true {
            break;
        }
        after = resp.data("leads/pageInfo/endCursor").clone();
    }
    let expected: Vec<String> = (0..7).rev().map(|i| format!("ext-{i}")).collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn a_lead_shows_its_touchpoints_and_conversions_in_time_order() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    seed_leads(&app, ws.id, 1).await;
    let list = app
        .gql(
            Some(&ws.token),
            "{ leads { edges { node { id } } } }",
            json!({}),
        )
        .await
        .ok();
    let id = list.data("leads/edges/0/node/id").clone();
    let q = r#"query($id: ID!) { lead(id: $id) { externalId
        touchpoints { channel { kind } } conversions { kind revenue } } }"#;
    let resp = app.gql(Some(&ws.token), q, json!({ "id": id })).await.ok();
    let kinds: Vec<&str> = resp
        .list("lead/touchpoints")
        .iter()
        .map(|t| text(&t["channel"]["kind"], "a touchpoint's channel kind"))
        .collect();
    assert_eq!(kinds, ["PAID_SEARCH", "EMAIL", "DIRECT"]);
    assert_eq!(resp.data("lead/conversions/1/revenue"), "123.45");
    let conversions = app
        .gql(
            Some(&ws.token),
            r#"{ conversions(filter: { kind: "purchase" }) { totalCount } }"#,
            json!({}),
        )
        .await
        .ok();
    assert_eq!(conversions.data("conversions/totalCount"), 1);
}
