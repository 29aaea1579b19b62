//! A cached report is never stale after a write, with the in-process cache and with Redis.

use std::time::Duration;

use leadsource_tests::{TestApp, TestRedis, fresh_settings};

/// Reads, writes through the API, reads again: each read after a write sees it,
/// and reads between writes are served from the cache.
async fn reads_follow_writes(app: &TestApp) {
    let ws = app.workspace("acme").await;
    assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 0);
    assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, 0);
    for n in 1..=3 {
        app.create_campaign(&ws.token, &format!("Campaign {n}"))
            .await;
        assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, n);
        assert_eq!(app.cached_campaign_count(ws.id, Duration::ZERO).await, n);
    }
    // One computation per generation (0, 1, 2, 3); every second read was a hit.
    assert_eq!(app.computations("test_campaign_count").await, 4.0);
    let hits = app
        .metric(r#"leadsource_cache_lookups_total{kind="test_campaign_count",result="hit"}"#)
        .await;
    assert_eq!(hits, 4.0);
}

#[tokio::test]
async fn a_report_read_after_a_write_shows_it_with_the_in_process_cache() {
    let app = TestApp::spawn_with(fresh_settings(None).await).await;
    assert_eq!(app.state.cache.backend_name(), "memory");
    reads_follow_writes(&app).await;
}

#[tokio::test]
async fn a_report_read_after_a_write_shows_it_with_redis() {
    let Some(redis) = TestRedis::get().await else {
        return;
    };
    let app = TestApp::spawn_with(fresh_settings(Some(&redis.url)).await).await;
    assert_eq!(app.state.cache.backend_name(), "redis");
    reads_follow_writes(&app).await;
}

#[tokio::test]
async fn workspaces_never_see_each_others_cached_reports() {
    let app = TestApp::spawn().await;
    let a = app.workspace("alpha").await;
    let b = app.workspace("beta").await;
    app.create_campaign(&a.token, "Only in alpha").await;
    assert_eq!(app.cached_campaign_count(a.id, Duration::ZERO).await, 1);
    assert_eq!(app.cached_campaign_count(b.id, Duration::ZERO).await, 0);
}
