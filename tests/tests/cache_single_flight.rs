//! N concurrent identical cold requests to one server compute once.

use std::time::Duration;

use leadsource_tests::{TestApp, TestRedis, fresh_settings};

async fn sixteen_cold_requests_compute_once(app: &TestApp) {
    let ws = app.workspace("acme").await;
    app.create_campaign(&ws.token, "Brand").await;
    let calls = (0..16).map(|_| app.cached_campaign_count(ws.id, Duration::from_millis(300)));
    let answers = futures::future::join_all(calls).await;
    assert!(answers.iter().all(|&n| n == 1), "{answers:?}");
    assert_eq!(app.computations("test_campaign_count").await, 1.0);
    let lookups = |result: &'static str| {
        format!(r#"leadsource_cache_lookups_total{{kind="test_campaign_count",result="{result}"}}"#)
    };
    let served = app.metric(&lookups("shared")).await + app.metric(&lookups("hit")).await;
    assert_eq!(served, 15.0);
    assert_eq!(app.metric(&lookups("miss")).await, 1.0);
}

#[tokio::test]
async fn concurrent_cold_requests_compute_once_with_the_in_process_cache() {
    let app = TestApp::spawn_with(fresh_settings(None).await).await;
    sixteen_cold_requests_compute_once(&app).await;
}

#[tokio::test]
async fn concurrent_cold_requests_compute_once_with_redis() {
    let Some(redis) = TestRedis::get().await else {
        return;
    };
    let app = TestApp::spawn_with(fresh_settings(Some(&redis.url)).await).await;
    sixteen_cold_requests_compute_once(&app).await;
}
