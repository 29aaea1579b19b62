//! Redis failure is not an outage: with Redis unreachable at start or killed mid-run,
//! every query answers from the database, failures are counted in /metrics, and
//! caching resumes by itself when Redis is back. Uses a private redis-server, never
//! the suite's shared one.
//!
//! The near cache (decoded values kept in the process) would answer repeated questions
//! during an outage, so the tests of the database fallback turn it off; the last test
//! shows what it does during an outage.

use std::time::Duration;

use leadsource_tests::{RedisServer, TestApp, free_port, fresh_settings};

const ERRORS_GET: &str = r#"leadsource_cache_errors_total{kind="test_campaign_count",op="get"}"#;
const HITS: &str = r#"leadsource_cache_lookups_total{kind="test_campaign_count",result="hit"}"#;

/// A server whose Redis is expected at `port`; it retries a failed Redis after 100 ms.
async fn app_with_redis_at(port: u16) -> TestApp {
    let mut settings = fresh_settings(Some(&format!("redis://127.0.0.1:{port}"))).await;
    settings.cache.redis_retry_ms = 100;
    settings.cache.cache_near_max_bytes = 0;
    TestApp::spawn_with(settings).await
}

/// Reads until one is served from the cache again (Redis is retried every 100 ms).
async fn until_a_hit(app: &TestApp, workspace_id: i64, expected: u64) {
    let before = app.metric(HITS).await;
    for _ in 0..200 {
        assert_eq!(
            app.cached_campaign_count(workspace_id, Duration::ZERO)
                .await,
            expected
        );
        if app.metric(HITS).await > before {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("caching did not resume after Redis came back");
}

#[tokio::test]
async fn the_server_starts_and_answers_with_redis_down_then_caches_once_it_is_up() {
    if !RedisServer::available() {
        leadsource_tests::skip("redis-server is not available");
        return;
    }
    let port = free_port();
    let app = app_with_redis_at(port).await;
    let ws = app.workspace("acme").await;
    let channels = app
        .gql(
            Some(&ws.token),
            "{ channels { id } }",
            serde_json::json!({}),
        )
        .await
        .ok();
    assert_eq!(channels.data("channels").as_array().map(Vec::len), Some(21));
    app.create_campaign(&ws.token, "Brand").await;
    for _ in 0..3 {
        assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 1);
    }
    assert_eq!(
        app.computations("test_campaign_count").await,
        3.0,
        "no cache: each read computes"
    );
    assert!(app.metric(ERRORS_GET).await >= 1.0);
    assert_eq!(app.metric("leadsource_cache_redis_up").await, 0.0);

    let _redis = RedisServer::start_on(port).await;
    until_a_hit(&app, ws.id, 1).await;
    assert_eq!(app.metric("leadsource_cache_redis_up").await, 1.0);
}

#[tokio::test]
async fn queries_answer_while_redis_is_killed_and_caching_resumes_when_it_is_back() {
    if !RedisServer::available() {
        leadsource_tests::skip("redis-server is not available");
        return;
    }
    let mut redis = RedisServer::start().await;
    let app = app_with_redis_at(redis.port).await;
    let ws = app.workspace("acme").await;
    app.create_campaign(&ws.token, "Brand").await;
    assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 1);
    assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 1);
    assert_eq!(app.metric(HITS).await, 1.0);
    assert_eq!(app.metric(ERRORS_GET).await, 0.0);

    redis.kill();
    let computed_before = app.computations("test_campaign_count").await;
    for _ in 0..3 {
        assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 1);
    }
    app.create_campaign(&ws.token, "Written while Redis is down")
        .await;
    assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 2);
    assert_eq!(
        app.computations("test_campaign_count").await,
        computed_before + 4.0
    );
    assert!(app.metric(ERRORS_GET).await >= 1.0);
    assert_eq!(app.metric("leadsource_cache_redis_up").await, 0.0);

    let _back = RedisServer::start_on(redis.port).await;
    until_a_hit(&app, ws.id, 2).await;
    app.create_campaign(&ws.token, "After the outage").await;
    assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 3);
}

#[tokio::test]
async fn queries_answer_when_redis_accepts_connections_but_never_replies() {
    // A "Redis" that accepts connections and never answers: every command times out.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let port = silent
        .local_addr()
        .unwrap_or_else(|e| panic!("address of the silent listener: {e}"))
        .port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let mut settings = fresh_settings(Some(&format!("redis://127.0.0.1:{port}"))).await;
    settings.cache.redis_connect_timeout_ms = 100;
    settings.cache.redis_command_timeout_ms = 100;
    settings.cache.cache_near_max_bytes = 0;
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace("acme").await;
    app.create_campaign(&ws.token, "Brand").await;
    for _ in 0..3 {
        assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 1);
    }
    assert_eq!(app.computations("test_campaign_count").await, 3.0);
    assert!(app.metric(ERRORS_GET).await >= 1.0);
}

#[tokio::test]
async fn during_an_outage_the_near_cache_answers_and_a_write_still_shows() {
    if !RedisServer::available() {
        leadsource_tests::skip("redis-server is not available");
        return;
    }
    let mut redis = RedisServer::start().await;
    let settings = fresh_settings(Some(&format!("redis://127.0.0.1:{}", redis.port))).await;
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace("acme").await;
    app.create_campaign(&ws.token, "Brand").await;
    assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 1);

    redis.kill();
    let before = app.computations("test_campaign_count").await;
    assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 1);
    assert_eq!(
        app.computations("test_campaign_count").await,
        before,
        "asked before the outage: answered from the process"
    );
    app.create_campaign(&ws.token, "Written while Redis is down")
        .await;
    assert_eq!(
        app.cached_campaign_count(ws.id, Duration::ZERO).await,
        2,
        "a write changes the generation, near or not"
    );
    assert_eq!(app.computations("test_campaign_count").await, before + 1.0);
}
