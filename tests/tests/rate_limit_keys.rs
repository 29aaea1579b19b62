//! Rate-limit counters in Redis live under `CACHE_KEY_PREFIX`, like cached reports, so
//! deployments sharing one Redis never share counters.

use leadsource_tests::{TestApp, shared_redis_url, skip};
use serde_json::json;

#[tokio::test]
async fn rate_limit_keys_start_with_the_cache_key_prefix() {
    let Some(url) = shared_redis_url() else {
        return skip("needs TEST_REDIS_URL");
    };
    let prefix = format!("lsprefix{}", std::process::id());
    let app = TestApp::spawn_adjusted(|settings| {
        settings.redis_url = Some(url.clone());
        settings.cache.cache_key_prefix = prefix.clone();
    })
    .await;
    let ws = app.workspace("keys").await;
    app.gql(Some(&ws.token), "{ __typename }", json!({}))
        .await
        .ok();
    let client = redis::Client::open(url.as_str()).expect("TEST_REDIS_URL");
    let mut conn = client
        .get_multiplexed_async_connection()
        .await
        .expect("Redis connection");
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{prefix}:rate:*"))
        .query_async(&mut conn)
        .await
        .expect("KEYS");
    let counter = format!("token:{}", token_id(&app).await);
    assert!(
        keys.iter().any(|k| k.ends_with(&counter)),
        "the token's counter is under {prefix}:rate: (found {keys:?})"
    );
}

/// The id of the only API token of the test database.
async fn token_id(app: &TestApp) -> i64 {
    app.scalar("SELECT max(id) AS n FROM api_token").await
}
