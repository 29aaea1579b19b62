//! Live reports end to end: GraphQL subscriptions over a WebSocket (`graphql-transport-ws`)
//! against a real server. Credentials on `connection_init` (4401 without or with bad ones),
//! the first answer at once, a push after a write, the debounce, revocation, the
//! per-principal limit, and a write on one instance pushed to a subscriber of another
//! through Redis.

#[path = "live/client.rs"]
mod client;

use std::time::{Duration, Instant};

use client::{Event, LiveClient, PATIENCE, bearer};
use leadsource::auth::{Role, Scope};
use leadsource_tests::facts::Facts;
use leadsource_tests::{
    RedisServer, TestApp, TestRedis, free_port, fresh_settings, scenario, skip, test_settings,
};
use serde_json::{Value, json};

const PERFORMANCE: &str = "subscription($range: DateRange!) {
    performanceUpdates(range: $range) { totals { leads } } }";

/// January 2026, where the captured leads are dated.
fn range() -> Value {
    json!({ "range": { "from": "2026-01-01", "to": "2026-01-31" } })
}

/// Captures lead `n` (dated in [`range`]) through the HTTP API.
async fn capture(app: &TestApp, token: &str, n: usize) {
    let lead = json!({
        "externalId": format!("lead-{n}"),
        "createdAt": "2026-01-15T10:00:00Z",
        "utmSource": "google",
        "utmMedium": "cpc",
    });
    app.gql(
        Some(token),
        "mutation($i: LeadInput!) { captureLead(input: $i) { id } }",
        json!({ "i": lead }),
    )
    .await
    .ok();
}

/// The lead total of a `performanceUpdates` answer.
fn leads(payload: &Value) -> i64 {
    payload["data"]["performanceUpdates"]["totals"]["leads"]
        .as_i64()
        .unwrap_or_else(|| panic!("no lead total in {payload}"))
}

/// An API token of the workspace made through the API: its secret and id.
async fn api_token(app: &TestApp, admin: &str, scopes: Value) -> (String, String) {
    let q = "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) {
        secret token { id } } }";
    let input = json!({ "name": "dashboard", "scopes": scopes });
    let resp = app.gql(Some(admin), q, json!({ "i": input })).await.ok();
    let text = |path: &str| {
        resp.data(path)
            .as_str()
            .unwrap_or_else(|| panic!("no {path} in {}", resp.body))
            .to_owned()
    };
    (
        text("createApiToken/secret"),
        text("createApiToken/token/id"),
    )
}

async fn revoke(app: &TestApp, admin: &str, id: &str) {
    let q = "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }";
    app.gql(Some(admin), q, json!({ "id": id })).await.ok();
}

#[tokio::test]
async fn a_connection_without_valid_credentials_is_closed_with_4401() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let refused = |result: Result<LiveClient, (u16, String)>| match result {
        Ok(_) => panic!("the connection was acknowledged"),
        Err((code, _)) => code,
    };
    assert_eq!(refused(LiveClient::connect(&app, None).await), 4401);
    assert_eq!(
        refused(LiveClient::connect(&app, Some(json!({}))).await),
        4401
    );
    let bad = LiveClient::connect(&app, Some(bearer("lsk_not_a_real_token"))).await;
    assert_eq!(refused(bad), 4401);
    let (secret, id) = api_token(&app, &ws.token, json!(["REPORTS_READ"])).await;
    revoke(&app, &ws.token, &id).await;
    let revoked = LiveClient::connect(&app, Some(bearer(&secret))).await;
    assert_eq!(refused(revoked), 4401, "a revoked token");
    let writer = app.token(ws.id, &[Scope::LeadsWrite]).await;
    let forbidden = LiveClient::connect(&app, Some(bearer(&writer))).await;
    assert_eq!(refused(forbidden), 4403, "a token without reports:read");
}

#[tokio::test]
async fn every_spelling_of_the_credential_and_a_user_session_are_accepted() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    for payload in [
        json!({ "Authorization": format!("Bearer {}", ws.token) }),
        json!({ "authorization": format!("Bearer {}", ws.token) }),
        json!({ "token": ws.token }),
    ] {
        let connected = LiveClient::connect(&app, Some(payload.clone())).await;
        assert!(connected.is_ok(), "{payload} was refused");
    }
    let session = app.session("acme", Role::Viewer).await;
    let mut viewer = LiveClient::with(&app, &session).await;
    viewer.subscribe("1", PERFORMANCE, range()).await;
    let first = viewer.next_of("1", PATIENCE).await.expect("an answer");
    assert_eq!(leads(&first), 0);
}

#[tokio::test]
async fn a_client_without_the_subprotocol_or_an_init_is_closed() {
    let app = TestApp::spawn_adjusted(|s| s.read_timeout_secs = 1).await;
    let mut plain = LiveClient::open(&app, None).await;
    assert_eq!(plain.closed().await.0, 4406);
    let mut silent = LiveClient::open(&app, Some("graphql-transport-ws")).await;
    assert_eq!(silent.closed().await.0, 4408, "no connection_init in time");
}

#[tokio::test]
async fn a_captured_lead_is_pushed_to_an_open_subscription_within_two_seconds() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut live = LiveClient::with(&app, &ws.token).await;
    live.subscribe("perf", PERFORMANCE, range()).await;
    let first = live
        .next_of("perf", PATIENCE)
        .await
        .expect("the first answer");
    assert_eq!(leads(&first), 0);
    capture(&app, &ws.token, 1).await;
    let written = Instant::now();
    let pushed = live
        .next_of("perf", Duration::from_secs(2))
        .await
        .unwrap_or_else(|| panic!("no push within 2 s of the write"));
    assert_eq!(leads(&pushed), 1);
    assert!(written.elapsed() <= Duration::from_secs(2));
    // Nothing changed since: nothing more is pushed.
    assert!(live.next_of("perf", Duration::from_secs(2)).await.is_none());
    assert_eq!(app.metric("leadsource_live_pushes_total").await, 2.0);
    assert_eq!(app.metric("leadsource_live_subscriptions").await, 1.0);
    live.send(json!({ "type": "complete", "id": "perf" })).await;
    let until = Instant::now() + PATIENCE;
    while app.metric("leadsource_live_subscriptions").await != 0.0 {
        assert!(
            Instant::now() < until,
            "the completed subscription is still counted"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn the_first_answer_does_not_wait_for_the_interval_but_the_next_one_does() {
    let app = TestApp::spawn_adjusted(|s| s.live.live_min_interval_ms = 4_000).await;
    let ws = app.workspace("acme").await;
    let mut live = LiveClient::with(&app, &ws.token).await;
    let subscribed = Instant::now();
    live.subscribe("perf", PERFORMANCE, range()).await;
    let first = live.next_of("perf", PATIENCE).await;
    assert_eq!(
        first.map(|f| leads(&f)),
        Some(0),
        "answered before the interval is up"
    );
    capture(&app, &ws.token, 1).await;
    // Nothing before the interval since the first answer ends (with a second of slack)...
    let quiet = Duration::from_secs(3).saturating_sub(subscribed.elapsed());
    assert!(
        live.next_of("perf", quiet).await.is_none(),
        "a change within the interval after an answer waits for its end"
    );
    // ... and then the change arrives, so the wait was the debounce, not a lost notice.
    let pushed = live
        .next_of("perf", Duration::from_secs(5))
        .await
        .unwrap_or_else(|| panic!("no push after the interval"));
    assert_eq!(leads(&pushed), 1);
    assert!(subscribed.elapsed() >= Duration::from_millis(3_900));
}

#[tokio::test]
async fn a_burst_of_writes_is_pushed_at_most_twice_and_the_last_push_counts_them_all() {
    let app = TestApp::spawn_adjusted(|s| s.live.live_min_interval_ms = 1_500).await;
    let ws = app.workspace("acme").await;
    let mut live = LiveClient::with(&app, &ws.token).await;
    live.subscribe("perf", PERFORMANCE, range()).await;
    assert_eq!(
        leads(&live.next_of("perf", PATIENCE).await.expect("first")),
        0
    );
    let started = Instant::now();
    for n in 1..=5 {
        capture(&app, &ws.token, n).await;
    }
    let writes_took = started.elapsed();
    // The window: the writes, then two intervals (a push may wait for one, and a trailing
    // push for a second), then one more in which nothing may come.
    let window = writes_took + Duration::from_millis(3 * 1_500);
    let mut pushes = Vec::new();
    while let Some(left) = window.checked_sub(started.elapsed()) {
        match live.next_of("perf", left).await {
            Some(payload) => pushes.push(leads(&payload)),
            None => break,
        }
    }
    assert!(
        !pushes.is_empty() && pushes.len() <= 2,
        "one or two pushes for five quick writes, got {pushes:?}"
    );
    assert_eq!(
        pushes.last(),
        Some(&5),
        "the last push counts all five leads"
    );
}

#[tokio::test]
async fn revoking_the_token_ends_its_subscriptions_with_4401() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let (secret, id) = api_token(&app, &ws.token, json!(["REPORTS_READ"])).await;
    let mut live = LiveClient::with(&app, &secret).await;
    live.subscribe("perf", PERFORMANCE, range()).await;
    live.next_of("perf", PATIENCE)
        .await
        .expect("the first answer");
    revoke(&app, &ws.token, &id).await;
    assert_eq!(live.closed().await.0, 4401);
}

#[tokio::test]
async fn a_principal_holds_at_most_the_configured_number_of_subscriptions() {
    let app = TestApp::spawn_adjusted(|s| s.live.live_max_subscriptions = 2).await;
    let ws = app.workspace("acme").await;
    let mut first = LiveClient::with(&app, &ws.token).await;
    for id in ["1", "2"] {
        first.subscribe(id, PERFORMANCE, range()).await;
        first.next_of(id, PATIENCE).await.expect("an answer");
    }
    // The limit is per principal, whichever connection asks.
    let mut second = LiveClient::with(&app, &ws.token).await;
    second.subscribe("3", PERFORMANCE, range()).await;
    let refused = second.message().await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["id"], "3");
    let extensions = &refused["payload"][0]["extensions"];
    assert_eq!(extensions["code"], "RATE_LIMITED", "{refused}");
    assert_eq!(extensions["limit"], "LIVE_MAX_SUBSCRIPTIONS");
    assert_eq!(extensions["limitValue"], 2);
    // Another principal of the workspace has its own.
    let other = app.token(ws.id, &[Scope::ReportsRead]).await;
    let mut third = LiveClient::with(&app, &other).await;
    third.subscribe("4", PERFORMANCE, range()).await;
    third.next_of("4", PATIENCE).await.expect("an answer");
    // Completing one frees its slot.
    first.send(json!({ "type": "complete", "id": "1" })).await;
    let until = Instant::now() + PATIENCE;
    loop {
        second.subscribe("5", PERFORMANCE, range()).await;
        let answer = second.message().await;
        if answer["type"] == "next" {
            break;
        }
        assert!(Instant::now() < until, "the slot was never freed: {answer}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn only_subscriptions_run_over_the_websocket_and_never_over_http() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut live = LiveClient::with(&app, &ws.token).await;
    live.subscribe("q", "{ channels { id } }", json!({})).await;
    let refused = live.message().await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(
        refused["payload"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
    let over_http = app.gql(Some(&ws.token), PERFORMANCE, range()).await;
    assert_eq!(
        over_http.error_code(),
        Some("BAD_USER_INPUT"),
        "{:?}",
        over_http.body
    );
    assert_eq!(over_http.error_field(), Some("query"));
    let message = over_http.body["errors"][0]["message"]
        .as_str()
        .unwrap_or("");
    assert!(message.contains("WebSocket"), "{message}");
}

#[tokio::test]
async fn subscriptions_answer_within_the_instance_while_redis_is_down() {
    let nobody = format!("redis://127.0.0.1:{}", free_port());
    let app = TestApp::spawn_with(fresh_settings(Some(&nobody)).await).await;
    let ws = app.workspace("acme").await;
    let mut live = LiveClient::with(&app, &ws.token).await;
    live.subscribe("perf", PERFORMANCE, range()).await;
    assert_eq!(
        leads(&live.next_of("perf", PATIENCE).await.expect("first")),
        0
    );
    capture(&app, &ws.token, 1).await;
    let pushed = live.next_of("perf", PATIENCE).await.expect("a push");
    assert_eq!(leads(&pushed), 1);
}

#[tokio::test]
async fn a_write_on_one_instance_is_pushed_to_a_subscriber_of_another_through_redis() {
    let Some(redis) = TestRedis::get().await else {
        return;
    };
    let writer = TestApp::spawn_with(fresh_settings(Some(&redis.url)).await).await;
    let mut settings = test_settings(&writer.database_url);
    settings.redis_url = Some(redis.url.clone());
    let reader = TestApp::spawn_with(settings).await;
    let until = Instant::now() + PATIENCE;
    while !reader.state.live.redis_listening() {
        assert!(Instant::now() < until, "the reader never listened on Redis");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let ws = writer.workspace("acme").await;
    let mut live = LiveClient::with(&reader, &ws.token).await;
    live.subscribe("perf", PERFORMANCE, range()).await;
    assert_eq!(
        leads(&live.next_of("perf", PATIENCE).await.expect("first")),
        0
    );
    capture(&writer, &ws.token, 1).await;
    let pushed = live
        .next_of("perf", Duration::from_secs(2))
        .await
        .unwrap_or_else(|| panic!("no push on the other instance within 2 s"));
    assert_eq!(leads(&pushed), 1);
    match live.event(Duration::from_millis(1_500)).await {
        Event::Quiet => {}
        other => panic!("one write, one push: then {other:?}"),
    }
}

#[tokio::test]
async fn attribution_and_budget_pacing_subscriptions_first_answer_what_their_queries_answer() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut facts = Facts::new(&app.state.db.conn, ws.id).await;
    scenario::load(&mut facts).await;
    let march = r#"range: { from: "2026-03-01", to: "2026-03-31" }"#;
    let reports = [
        (
            "attribution",
            format!("{march}, model: LINEAR"),
            "conversions revenue channels { label conversions revenue } campaigns { conversions }",
        ),
        (
            "budgetPacing",
            format!(r#"{march}, asOf: "2026-03-20""#),
            "campaignName planned spentToDate projected status",
        ),
    ];
    let mut live = LiveClient::with(&app, &ws.token).await;
    for (field, args, selection) in reports {
        let query = format!("{{ {field}({args}) {{ {selection} }} }}");
        let answered = app.gql(Some(&ws.token), &query, json!({})).await.ok();
        let expected = &answered.body["data"][field];
        assert!(
            expected
                .as_object()
                .is_some_and(|o| !o["channels"].as_array().is_none_or(Vec::is_empty))
                || expected.as_array().is_some_and(|a| !a.is_empty()),
            "the scenario gives {field} something to answer: {expected}"
        );
        let subscription = format!("subscription {{ {field}Updates({args}) {{ {selection} }} }}");
        live.subscribe(field, &subscription, json!({})).await;
        let pushed = live
            .next_of(field, PATIENCE)
            .await
            .expect("the first answer");
        assert_eq!(
            &pushed["data"][format!("{field}Updates")],
            expected,
            "{field}"
        );
    }
}

/// Waits until `app` listens for change notices on Redis (`true`) or has noticed it is gone.
async fn until_listening(app: &TestApp, listening: bool) {
    let until = Instant::now() + PATIENCE;
    while app.state.live.redis_listening() != listening {
        assert!(
            Instant::now() < until,
            "Redis listening never became {listening}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn when_redis_restarts_other_instances_catch_up_and_notices_flow_again() {
    if !RedisServer::available() {
        skip("redis-server is not available to stop and restart");
        return;
    }
    let mut redis = RedisServer::start().await;
    let writer = TestApp::spawn_with(fresh_settings(Some(&redis.url())).await).await;
    let mut settings = test_settings(&writer.database_url);
    settings.redis_url = Some(redis.url());
    let reader = TestApp::spawn_with(settings).await;
    until_listening(&reader, true).await;
    let ws = writer.workspace("acme").await;
    let mut here = LiveClient::with(&writer, &ws.token).await;
    let mut there = LiveClient::with(&reader, &ws.token).await;
    for live in [&mut here, &mut there] {
        live.subscribe("perf", PERFORMANCE, range()).await;
        assert_eq!(
            leads(&live.next_of("perf", PATIENCE).await.expect("first")),
            0
        );
    }
    redis.kill();
    until_listening(&reader, false).await;
    capture(&writer, &ws.token, 1).await;
    let local = here
        .next_of("perf", PATIENCE)
        .await
        .expect("a push on the writer's instance");
    assert_eq!(
        leads(&local),
        1,
        "Redis down: the writer's own subscribers are answered"
    );
    let _redis = RedisServer::start_on(redis.port).await;
    until_listening(&reader, true).await;
    let caught_up = there
        .next_of("perf", PATIENCE)
        .await
        .expect("a push after Redis is back");
    assert_eq!(leads(&caught_up), 1, "the write made during the outage");
    capture(&writer, &ws.token, 2).await;
    let pushed = there
        .next_of("perf", PATIENCE)
        .await
        .expect("a push through Redis again");
    assert_eq!(leads(&pushed), 2);
}

/// `performanceUpdates` takes `orderBy` and `first` as `performance` does: the pushed answer
/// keeps the top rows, and `rowCount` and the totals still cover every row.
#[tokio::test]
async fn a_live_report_keeps_its_order_and_limit_across_pushes() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut live = LiveClient::with(&app, &ws.token).await;
    let top = "subscription($range: DateRange!) { performanceUpdates(range: $range,
        dimension: UTM_SOURCE, orderBy: { field: LABEL, direction: ASC }, first: 1) {
        rowCount totals { leads } rows { label } } }";
    live.subscribe("top", top, range()).await;
    live.next_of("top", PATIENCE)
        .await
        .expect("the first answer");
    for (n, source) in ["zeta", "alpha"].into_iter().enumerate() {
        let lead = json!({
            "externalId": format!("src-{n}"),
            "createdAt": "2026-01-15T10:00:00Z",
            "utmSource": source,
        });
        app.gql(
            Some(&ws.token),
            "mutation($i: LeadInput!) { captureLead(input: $i) { id } }",
            json!({ "i": lead }),
        )
        .await
        .ok();
    }
    // The pushes after the writes; the last one counts both leads.
    let mut last = Value::Null;
    while let Some(p) = live.next_of("top", Duration::from_secs(3)).await {
        let done = p["data"]["performanceUpdates"]["totals"]["leads"] == 2;
        last = p;
        if done {
            break;
        }
    }
    let report = &last["data"]["performanceUpdates"];
    assert_eq!(report["totals"]["leads"], 2, "{last}");
    assert_eq!(report["rowCount"], 2);
    assert_eq!(report["rows"], json!([{ "label": "alpha" }]));
}

/// Whether an answer is pushed again is decided on what the client receives: a change that
/// only a nested field shows (a channel renamed, its metrics unchanged) is pushed, and a write
/// that changes nothing the client asked for is not.
#[tokio::test]
async fn a_change_only_a_nested_field_shows_is_pushed_and_an_invisible_one_is_not() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    capture(&app, &ws.token, 1).await;
    let mut live = LiveClient::with(&app, &ws.token).await;
    let q = "subscription($range: DateRange!) { performanceUpdates(range: $range) {
        rows { channel { id name } metrics { leads } } } }";
    live.subscribe("named", q, range()).await;
    let first = live
        .next_of("named", PATIENCE)
        .await
        .expect("the first answer");
    let row = &first["data"]["performanceUpdates"]["rows"][0];
    let channel = row["channel"]["id"].clone();
    assert_eq!(row["metrics"]["leads"], 1, "{first}");

    // A lead outside the range: the generation moves, the answer the client sees does not.
    let outside = json!({ "externalId": "later", "createdAt": "2026-02-15T10:00:00Z",
        "utmSource": "google", "utmMedium": "cpc" });
    app.gql(
        Some(&ws.token),
        "mutation($i: LeadInput!) { captureLead(input: $i) { id } }",
        json!({ "i": outside }),
    )
    .await
    .ok();
    assert!(
        live.next_of("named", Duration::from_secs(2))
            .await
            .is_none(),
        "an unchanged answer is not pushed again"
    );

    app.gql(
        Some(&ws.token),
        "mutation($id: ID!) { updateChannel(id: $id, input: { name: \"Search Ads\" }) { id } }",
        json!({ "id": channel }),
    )
    .await
    .ok();
    let pushed = live
        .next_of("named", Duration::from_secs(2))
        .await
        .unwrap_or_else(|| panic!("the rename was not pushed"));
    assert_eq!(
        pushed["data"]["performanceUpdates"]["rows"][0]["channel"]["name"],
        "Search Ads"
    );
}

/// The server pings every `LIVE_PING_SECS`: a client that reads its socket (and so answers
/// the pings, as every WebSocket client does by itself) stays connected; one that stays silent
/// for two intervals, as a sleeping laptop's half-open socket does, is closed with 1001 and its
/// subscriptions give their slots back.
#[tokio::test]
async fn a_client_silent_for_two_ping_intervals_is_closed_and_one_that_answers_stays() {
    let app = TestApp::spawn_adjusted(|s| s.live.live_ping_secs = 1).await;
    let ws = app.workspace("acme").await;

    let mut awake = LiveClient::with(&app, &ws.token).await;
    awake.subscribe("perf", PERFORMANCE, range()).await;
    awake
        .next_of("perf", PATIENCE)
        .await
        .expect("the first answer");
    // Reading for three intervals answers the pings; nothing else arrives.
    assert!(matches!(
        awake.event(Duration::from_millis(3_500)).await,
        Event::Quiet
    ));
    capture(&app, &ws.token, 1).await;
    let pushed = awake
        .next_of("perf", PATIENCE)
        .await
        .expect("still connected: a push after the write");
    assert_eq!(leads(&pushed), 1);
    drop(awake);
    let counted = |n: f64| {
        let app = &app;
        async move {
            let until = Instant::now() + PATIENCE;
            while app.metric("leadsource_live_subscriptions").await != n {
                assert!(
                    Instant::now() < until,
                    "live subscriptions never became {n}"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    counted(0.0).await;

    let mut asleep = LiveClient::with(&app, &ws.token).await;
    asleep.subscribe("perf", PERFORMANCE, range()).await;
    asleep
        .next_of("perf", PATIENCE)
        .await
        .expect("the first answer");
    assert_eq!(app.metric("leadsource_live_subscriptions").await, 1.0);
    // Not reading: the pings go unanswered.
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    // The server closed it: with 1001, or, when the client's late pongs meet the closed
    // socket first, as a broken connection (1006). Either way its subscription is gone.
    let (code, reason) = asleep.closed().await;
    assert!(
        code == 1001 || code == 1006,
        "closed as gone: {code} {reason}"
    );
    counted(0.0).await;
}
