//! Two server processes sharing one database and one Redis: a write through one is
//! seen by the other at once, and concurrent cold requests compute once in all.

use std::time::Duration;

use leadsource_tests::{TestApp, TestRedis, fresh_settings, test_settings};

/// Two servers over one fresh database and `redis_url`, each with its own cache
/// layer, single-flight table and metrics (as two processes would have).
async fn two_servers(redis_url: &str) -> (TestApp, TestApp) {
    let first = TestApp::spawn_with(fresh_settings(Some(redis_url)).await).await;
    let mut settings = test_settings(&first.database_url);
    settings.redis_url = Some(redis_url.to_owned());
    let second = TestApp::spawn_with(settings).await;
    (first, second)
}

#[tokio::test]
async fn a_write_through_one_server_is_seen_by_the_other_at_once() {
    let Some(redis) = TestRedis::get().await else {
        return;
    };
    let (writer, reader) = two_servers(&redis.url).await;
    let ws = writer.workspace("acme").await;
    assert_eq!(reader.cached_campaign_count(ws.id, Duration::ZERO).await, 0);
    assert_eq!(writer.cached_campaign_count(ws.id, Duration::ZERO).await, 0);
    assert_eq!(
        writer.computations("test_campaign_count").await,
        0.0,
        "the writer was served the reader's entry from Redis"
    );
    for n in 1..=3 {
        writer
            .create_campaign(&ws.token, &format!("Campaign {n}"))
            .await;
        assert_eq!(reader.cached_campaign_count(ws.id, Duration::ZERO).await, n);
    }
}

#[tokio::test]
async fn concurrent_cold_requests_on_two_servers_compute_once() {
    let Some(redis) = TestRedis::get().await else {
        return;
    };
    let (first, second) = two_servers(&redis.url).await;
    let ws = first.workspace("acme").await;
    first.create_campaign(&ws.token, "Brand").await;
    let slow = Duration::from_millis(300);
    let calls = (0..12).map(|i| {
        let app = if i % 2 == 0 { &first } else { &second };
        app.cached_campaign_count(ws.id, slow)
    });
    let answers = futures::future::join_all(calls).await;
    assert!(answers.iter().all(|&n| n == 1), "{answers:?}");
    let total = first.computations("test_campaign_count").await
        + second.computations("test_campaign_count").await;
    assert_eq!(total, 1.0);
}
