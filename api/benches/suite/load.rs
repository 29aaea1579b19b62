//! A small HTTP load generator: N requests over C concurrent keep-alive
//! connections, each request checked, latencies kept for percentiles.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Latency percentiles and throughput of one scenario.
pub struct Stats {
    pub requests: usize,
    pub concurrency: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub per_sec: f64,
}

/// Sends `requests` requests, `concurrency` at a time; `send(i)` sends the i-th and
/// checks its answer. The first failure stops the run.
pub async fn run<F, Fut>(requests: usize, concurrency: usize, send: F) -> Result<Stats, String>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let send = Arc::new(send);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let send = Arc::clone(&send);
        let next = Arc::clone(&next);
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests {
                    return Ok::<_, String>(latencies);
                }
                let t = Instant::now();
                send(i).await?;
                latencies.push(t.elapsed());
            }
        }));
    }
    let mut latencies = Vec::with_capacity(requests);
    for worker in workers {
        latencies.extend(worker.await.map_err(|e| e.to_string())??);
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    Ok(Stats {
        requests,
        concurrency,
        p50: percentile(&latencies, 50.0),
        p99: percentile(&latencies, 99.0),
        per_sec: requests as f64 / elapsed.as_secs_f64(),
    })
}

/// Nearest-rank percentile of sorted samples.
pub fn percentile(sorted: &[Duration], pct: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((pct / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// POSTs one GraphQL body and checks it: HTTP 200, no `errors`, and
/// `extensions.cache` equal to `cache` when given. Returns the answer's `data`.
pub async fn post_checked(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    body: Vec<u8>,
    cache: Option<&str>,
) -> Result<serde_json::Value, String> {
    let resp = client
        .post(url)
        .bearer_auth(token)
        .header("content-type", "application/json")
        .header("x-leadsource-debug-cache", "1")
        .body(body)
        .send()
        .await
        .map_err(|e| format!("request failed: {e}"))?;
    let status = resp.status();
    let mut json: serde_json::Value = resp.json().await.map_err(|e| format!("bad body: {e}"))?;
    if status != 200 || json.get("errors").is_some_and(|e| !e.is_null()) {
        return Err(format!("HTTP {status}: {json}"));
    }
    if let Some(expected) = cache {
        let got = json["extensions"]["cache"].as_str().unwrap_or("none");
        if got != expected {
            return Err(format!("expected cache {expected}, got {got}"));
        }
    }
    Ok(json["data"].take())
}
