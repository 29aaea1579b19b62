//! Corrections end to end (issue 15): `deleteSpend`, `deleteConversions` and `deleteBudget`
//! change the raw rows, the reports and the read-back lists in one transaction, bump the data
//! generation, answer 0 when repeated, refuse bad input by field, and leave an audit entry.
//! Every date is pinned (March 2026); nothing depends on the clock.

use leadsource_tests::{GqlResponse, TestApp, TestWorkspace};
use serde_json::{Value, json};

const MARCH: &str = "{ from: \"2026-03-01\", to: \"2026-03-31\" }";

async fn call(app: &TestApp, ws: &TestWorkspace, q: &str, vars: Value) -> GqlResponse {
    app.gql(Some(&ws.token), q, vars).await
}

async fn totals(app: &TestApp, ws: &TestWorkspace) -> Value {
    let q = format!(
        "{{ performance(range: {MARCH}) {{ totals {{ leads convertedLeads newCustomers conversions revenue spend }} }} }}"
    );
    call(app, ws, &q, json!({}))
        .await
        .ok()
        .data("performance/totals")
        .clone()
}

async fn audit(app: &TestApp, ws: &TestWorkspace, action: &str) -> Vec<Value> {
    let q = "query($a: String!) { auditLog(filter: { action: $a }) { totalCount edges { node { action actorKind userId tokenPrefix arguments at } } } }";
    let resp = call(app, ws, q, json!({ "a": action })).await.ok();
    resp.data("auditLog/edges")
        .as_array()
        .unwrap_or_else(|| panic!("no audit edges: {}", resp.body))
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

fn arguments(entry: &Value) -> Value {
    let text = entry["arguments"]
        .as_str()
        .unwrap_or_else(|| panic!("arguments are text: {entry}"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("arguments are JSON ({e}): {text}"))
}

async fn spend_days(app: &TestApp, ws: &TestWorkspace) {
    let q = "mutation($e: [SpendInput!]!) { recordSpend(entries: $e) { inserted } }";
    let entries = json!([
        { "utmCampaign": "brand", "date": "2026-03-01", "amount": "10.00", "clicks": 3 },
        { "utmCampaign": "brand", "date": "2026-03-02", "amount": "20.00" },
        { "utmCampaign": "brand", "date": "2026-03-03", "amount": "30.50" },
        { "utmCampaign": "other", "date": "2026-03-03", "amount": "1.25" },
    ]);
    let resp = call(app, ws, q, json!({ "e": entries })).await.ok();
    assert_eq!(resp.data("recordSpend/inserted"), 4);
}

const DELETE_SPEND: &str =
    "mutation($f: DeleteSpendFilterInput!) { deleteSpend(filter: $f) { deleted } }";

#[tokio::test]
async fn deleting_spend_takes_the_days_out_of_the_reports_and_the_read_back_list() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let brand = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    app.campaign(&ws.token, "Other", Some("other"), "DISPLAY")
        .await;
    spend_days(&app, &ws).await;

    let list = "query($c: ID, $after: String) { spend(first: 2, after: $after, filter: { campaignId: $c, from: \"2026-03-01\", to: \"2026-03-31\" }) {
        totalCount totalAmount pageInfo { hasNextPage endCursor } edges { node { date amount clicks campaign { name } } } } }";
    let page = call(&app, &ws, list, json!({ "c": brand })).await.ok();
    assert_eq!(page.data("spend/totalCount"), 3);
    assert_eq!(page.data("spend/totalAmount"), "60.50");
    assert_eq!(page.data("spend/edges/0/node/date"), "2026-03-03");
    assert_eq!(page.data("spend/edges/1/node/campaign/name"), "Brand");
    assert_eq!(page.data("spend/pageInfo/hasNextPage"), true);
    let cursor = page.data("spend/pageInfo/endCursor").clone();
    let next = call(&app, &ws, list, json!({ "c": brand, "after": cursor }))
        .await
        .ok();
    assert_eq!(next.data("spend/edges/0/node/date"), "2026-03-01");
    assert_eq!(next.data("spend/edges/0/node/clicks"), 3);
    assert_eq!(next.data("spend/pageInfo/hasNextPage"), false);
    assert_eq!(totals(&app, &ws).await["spend"], "61.75");

    let before = app.generation(ws.id).await;
    let f = json!({ "f": { "utmCampaign": "BRAND", "from": "2026-03-02", "to": "2026-03-03" } });
    let resp = call(&app, &ws, DELETE_SPEND, f.clone()).await.ok();
    assert_eq!(resp.data("deleteSpend/deleted"), 2);
    assert!(app.generation(ws.id).await > before, "cached reports die");
    assert_eq!(totals(&app, &ws).await["spend"], "11.25");
    let all = call(&app, &ws, "{ spend { totalCount totalAmount } }", json!({}))
        .await
        .ok();
    assert_eq!(all.data("spend/totalCount"), 2);
    assert_eq!(all.data("spend/totalAmount"), "11.25");
    let generation = app.generation(ws.id).await;
    let again = call(&app, &ws, DELETE_SPEND, f).await.ok();
    assert_eq!(
        again.data("deleteSpend/deleted"),
        0,
        "a repeat deletes nothing"
    );
    assert_eq!(app.generation(ws.id).await, generation, "and bumps nothing");

    let entries = audit(&app, &ws, "deleteSpend").await;
    assert_eq!(entries.len(), 1, "a no-op leaves no entry");
    let first = &entries[0];
    assert_eq!(first["actorKind"], "TOKEN");
    assert!(
        first["tokenPrefix"]
            .as_str()
            .is_some_and(|p| p.starts_with("lsk_"))
    );
    let args = arguments(first);
    assert_eq!(args["deleted"], 2);
    assert_eq!(args["from"], "2026-03-02");
    assert_eq!(args["utmCampaign"], "BRAND");
}

#[tokio::test]
async fn deleting_spend_refuses_bad_filters_by_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let brand = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    app.campaign(&ws.token, "Other", Some("other"), "DISPLAY")
        .await;
    spend_days(&app, &ws).await;
    let before = app.generation(ws.id).await;
    let missing =
        leadsource::graphql::ids::encode_id(leadsource::graphql::ids::IdKind::Campaign, 999_999).0;
    for (filter, field) in [
        (
            json!({ "from": "2026-03-01", "to": "2026-03-31" }),
            "filter.campaignId",
        ),
        (
            json!({ "campaignId": brand, "utmCampaign": "brand", "from": "2026-03-01", "to": "2026-03-31" }),
            "filter.campaignId",
        ),
        (
            json!({ "campaignId": missing, "from": "2026-03-01", "to": "2026-03-31" }),
            "filter.campaignId",
        ),
        (
            json!({ "campaignId": "not-an-id", "from": "2026-03-01", "to": "2026-03-31" }),
            "filter.campaignId",
        ),
        (
            json!({ "utmCampaign": "nope", "from": "2026-03-01", "to": "2026-03-31" }),
            "filter.utmCampaign",
        ),
        (
            json!({ "utmCampaign": "brand", "from": "2026-03-05", "to": "2026-03-01" }),
            "filter.to",
        ),
        (
            json!({ "utmCampaign": "brand", "from": "2026-02-30", "to": "2026-03-01" }),
            "filter.from",
        ),
    ] {
        let resp = call(&app, &ws, DELETE_SPEND, json!({ "f": filter })).await;
        assert_eq!(
            resp.error_code(),
            Some("BAD_USER_INPUT"),
            "{filter}: {}",
            resp.body
        );
        assert_eq!(resp.error_field(), Some(field), "{filter}: {}", resp.body);
    }
    assert_eq!(app.count("spend", ws.id).await, 4);
    assert_eq!(
        app.generation(ws.id).await,
        before,
        "a refused call bumps nothing"
    );
    assert!(audit(&app, &ws, "deleteSpend").await.is_empty());
}

async fn leads_with_purchases(app: &TestApp, ws: &TestWorkspace) {
    let q = "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }";
    let inputs = json!([
        { "externalId": "L1", "createdAt": "2026-03-02T10:00:00Z", "utmSource": "google", "utmMedium": "cpc" },
        { "externalId": "L2", "createdAt": "2026-03-03T10:00:00Z", "utmSource": "newsletter", "utmMedium": "email" },
    ]);
    call(app, ws, q, json!({ "i": inputs })).await.ok();
    let q = "mutation($i: [ConversionInput!]!) { recordConversions(inputs: $i) { recorded newCustomers } }";
    let inputs = json!([
        { "externalId": "c1", "leadExternalId": "L1", "kind": "signup", "occurredAt": "2026-03-04T10:00:00Z" },
        { "externalId": "c2", "leadExternalId": "L1", "kind": "purchase", "occurredAt": "2026-03-05T10:00:00Z", "revenue": "100.00" },
        { "externalId": "c3", "leadExternalId": "L2", "kind": "purchase", "occurredAt": "2026-03-06T10:00:00Z", "revenue": "50.00" },
    ]);
    let resp = call(app, ws, q, json!({ "i": inputs })).await.ok();
    assert_eq!(resp.data("recordConversions/newCustomers"), 2);
}

async fn statuses(app: &TestApp, ws: &TestWorkspace) -> Vec<(String, String)> {
    let resp = call(
        app,
        ws,
        "{ leads { edges { node { externalId status } } } }",
        json!({}),
    )
    .await
    .ok();
    let mut out: Vec<(String, String)> = resp
        .data("leads/edges")
        .as_array()
        .unwrap_or_else(|| panic!("{}", resp.body))
        .iter()
        .map(|e| {
            (
                e["node"]["externalId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                e["node"]["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

const DELETE_CONVERSIONS: &str =
    "mutation($x: [String!]!) { deleteConversions(externalIds: $x) { deleted revertedCustomers } }";

#[tokio::test]
async fn deleting_the_only_purchase_takes_a_customer_back_and_its_revenue_out_of_the_reports() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    leads_with_purchases(&app, &ws).await;
    let t = totals(&app, &ws).await;
    assert_eq!(
        (t["newCustomers"].clone(), t["revenue"].clone()),
        (json!(2), json!("150.00"))
    );

    let before = app.generation(ws.id).await;
    let resp = call(
        &app,
        &ws,
        DELETE_CONVERSIONS,
        json!({ "x": ["c2", "c3", "never-sent"] }),
    )
    .await
    .ok();
    assert_eq!(resp.data("deleteConversions/deleted"), 2);
    assert_eq!(resp.data("deleteConversions/revertedCustomers"), 2);
    assert!(app.generation(ws.id).await > before);
    assert_eq!(
        statuses(&app, &ws).await,
        vec![
            ("L1".into(), "QUALIFIED".into()),
            ("L2".into(), "NEW".into())
        ],
        "QUALIFIED when another conversion remains, NEW otherwise"
    );
    let t = totals(&app, &ws).await;
    assert_eq!(t["conversions"], "1");
    assert_eq!(t["revenue"], "0.00");
    assert_eq!(t["newCustomers"], 0);
    assert_eq!(t["convertedLeads"], 1);
    let list = call(
        &app,
        &ws,
        "{ conversions { totalCount edges { node { externalId } } } }",
        json!({}),
    )
    .await
    .ok();
    assert_eq!(list.data("conversions/totalCount"), 1);
    assert_eq!(list.data("conversions/edges/0/node/externalId"), "c1");

    let generation = app.generation(ws.id).await;
    let again = call(&app, &ws, DELETE_CONVERSIONS, json!({ "x": ["c2"] }))
        .await
        .ok();
    assert_eq!(again.data("deleteConversions/deleted"), 0);
    assert_eq!(
        app.generation(ws.id).await,
        generation,
        "a no-op bumps nothing"
    );
    let entries = audit(&app, &ws, "deleteConversions").await;
    assert_eq!(entries.len(), 1, "a no-op leaves no entry");
    let args = arguments(&entries[0]);
    assert_eq!(args["requested"], 3);
    assert_eq!(args["deleted"], 2);
    assert_eq!(
        args.get("externalIds"),
        None,
        "counts only: an external id may hold an email that a later erasure removes"
    );

    // A deleted signup leaves a CUSTOMER with a purchase alone.
    let q = "mutation($i: [ConversionInput!]!) { recordConversions(inputs: $i) { recorded } }";
    let inputs = json!([
        { "externalId": "c4", "leadExternalId": "L1", "kind": "purchase", "occurredAt": "2026-03-07T10:00:00Z", "revenue": "9.99" },
    ]);
    call(&app, &ws, q, json!({ "i": inputs })).await.ok();
    let resp = call(&app, &ws, DELETE_CONVERSIONS, json!({ "x": ["c1"] }))
        .await
        .ok();
    assert_eq!(resp.data("deleteConversions/revertedCustomers"), 0);
    assert_eq!(
        statuses(&app, &ws).await[0],
        ("L1".into(), "CUSTOMER".into())
    );
}

#[tokio::test]
async fn deleting_conversions_refuses_an_empty_id_by_its_index_and_deletes_nothing() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    leads_with_purchases(&app, &ws).await;
    let resp = call(&app, &ws, DELETE_CONVERSIONS, json!({ "x": ["c1", "  "] })).await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(resp.error_field(), Some("externalIds[1]"));
    assert_eq!(app.count("conversion", ws.id).await, 3);
}

#[tokio::test]
async fn deleting_a_budget_answers_it_once_and_then_not_found_as_for_another_workspace() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let other = app.workspace("other").await;
    let brand = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let q = "mutation($c: ID!) { setBudget(input: { campaignId: $c, periodStart: \"2026-03-01\", periodEnd: \"2026-03-31\", amount: \"500.00\" }) { id } }";
    let set = call(&app, &ws, q, json!({ "c": brand })).await.ok();
    let id = set.data("setBudget/id").clone();
    let delete = "mutation($id: ID!) { deleteBudget(id: $id) { id amount } }";
    let foreign = app
        .gql(Some(&other.token), delete, json!({ "id": id }))
        .await;
    let deleted = call(&app, &ws, delete, json!({ "id": id })).await.ok();
    assert_eq!(deleted.data("deleteBudget/amount"), "500.00");
    let gone = call(&app, &ws, delete, json!({ "id": id })).await;
    assert_eq!(foreign.error_code(), Some("NOT_FOUND"));
    assert_eq!(gone.error_code(), Some("NOT_FOUND"));
    assert_eq!(
        foreign.body["errors"][0]["message"],
        gone.body["errors"][0]["message"]
    );
    let budgets = call(&app, &ws, "{ budgets { id } }", json!({})).await.ok();
    assert_eq!(budgets.data("budgets"), &json!([]));
    let entries = audit(&app, &ws, "deleteBudget").await;
    assert_eq!(arguments(&entries[0])["amount"], "500.00");
}
