//! Behind a load balancer: forwarded-for headers count only from `TRUSTED_PROXIES`, and
//! `/metrics` (which names every tenant's operations) is for loopback clients, a bearer of
//! `METRICS_TOKEN`, or `METRICS_ADDR`.

use leadsource::config::Secret;
use leadsource_tests::{TestApp, free_port};
use serde_json::json;

const LOGIN: &str = r#"mutation { login(email: "nobody@example.com", password: "wrong-password") { accessToken } }"#;

/// The code of a login attempt sent with `X-Forwarded-For: forwarded`.
async fn login_from(app: &TestApp, forwarded: &str) -> Option<String> {
    app.gql_with_headers(None, LOGIN, json!({}), &[("x-forwarded-for", forwarded)])
        .await
        .error_code()
        .map(str::to_owned)
}

fn one_sign_in_per_address(settings: &mut leadsource::config::Settings) {
    settings.limits.sign_in_rate_per_minute = 1;
    settings.limits.sign_in_burst = 1;
}

#[tokio::test]
async fn a_trusted_proxy_s_forwarded_address_is_the_client() {
    let app = TestApp::spawn_adjusted(|s| {
        one_sign_in_per_address(s);
        s.limits.trusted_proxies = vec!["127.0.0.0/8".to_owned()];
    })
    .await;
    assert_ne!(
        login_from(&app, "203.0.113.1").await.as_deref(),
        Some("RATE_LIMITED")
    );
    assert_eq!(
        login_from(&app, "203.0.113.1").await.as_deref(),
        Some("RATE_LIMITED")
    );
    // Another client behind the same proxy has its own quota; a hop the client wrote
    // itself (left of the real one) changes nothing.
    assert_ne!(
        login_from(&app, "203.0.113.1, 203.0.113.2")
            .await
            .as_deref(),
        Some("RATE_LIMITED")
    );
}

#[tokio::test]
async fn an_untrusted_peer_cannot_choose_its_address() {
    let app = TestApp::spawn_adjusted(one_sign_in_per_address).await;
    assert_ne!(
        login_from(&app, "203.0.113.1").await.as_deref(),
        Some("RATE_LIMITED")
    );
    assert_eq!(
        login_from(&app, "203.0.113.2").await.as_deref(),
        Some("RATE_LIMITED"),
        "the header is ignored: both attempts are the peer's"
    );
}

#[tokio::test]
async fn metrics_are_refused_to_forwarded_clients_without_the_token() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.trusted_proxies = vec!["127.0.0.1".to_owned()];
        s.limits.metrics_token = Some(Secret::new("metrics-secret-1234"));
    })
    .await;
    let get = |bearer: Option<&'static str>| {
        let mut request = app
            .http()
            .get(app.url("/metrics"))
            .header("x-forwarded-for", "203.0.113.9");
        if let Some(bearer) = bearer {
            request = request.bearer_auth(bearer);
        }
        async move {
            request
                .send()
                .await
                .expect("GET /metrics")
                .status()
                .as_u16()
        }
    };
    assert_eq!(get(None).await, 403, "a client behind the proxy");
    assert_eq!(get(Some("wrong")).await, 403, "a wrong token");
    assert_eq!(get(Some("metrics-secret-1234")).await, 200, "the token");
    let local = app
        .http()
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("GET");
    assert_eq!(
        local.status().as_u16(),
        200,
        "the proxy's own host (loopback)"
    );
}

#[tokio::test]
async fn metrics_addr_serves_metrics_and_nothing_else() {
    let port = free_port();
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.metrics_addr = Some(([127, 0, 0, 1], port).into());
    })
    .await;
    let ws = app.workspace("metrics").await;
    app.gql(Some(&ws.token), "query Pulse { __typename }", json!({}))
        .await
        .ok();
    let base = format!("http://127.0.0.1:{port}");
    let metrics = app
        .http()
        .get(format!("{base}/metrics"))
        .send()
        .await
        .expect("GET METRICS_ADDR/metrics");
    assert_eq!(metrics.status().as_u16(), 200);
    let text = metrics.text().await.expect("text");
    assert!(text.contains("Pulse"), "the operation is counted: {text}");
    let graphql = app
        .http()
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("POST METRICS_ADDR/graphql");
    assert_eq!(graphql.status().as_u16(), 404);
}

#[tokio::test]
async fn metrics_relayed_by_a_proxy_on_this_host_are_refused() {
    // No TRUSTED_PROXIES: a proxy on the same host makes every client a loopback peer.
    let app = TestApp::spawn().await;
    let relayed = app
        .http()
        .get(app.url("/metrics"))
        .header("x-real-ip", "203.0.113.9")
        .send()
        .await
        .expect("GET /metrics");
    assert_eq!(relayed.status().as_u16(), 403);
}
