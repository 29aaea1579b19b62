//! Memory stays within the configured cache bounds: many distinct report questions, each
//! answered and kept, grow the process by no more than `CACHE_NEAR_MAX_BYTES` (kept answers)
//! plus `CACHE_MEMORY_MAX_BYTES` (cached reports) plus a stated overhead. Kept answers were
//! once weighed as JSON text but held as `serde_json::Value`, several times larger, and a
//! soak grew the server far past its bounds.
//!
//! The test server runs in this test's own process (one test per file, so one process), and
//! its resident set is read from `/proc/self/status`.

use leadsource_tests::TestApp;
use leadsource_tests::demo::{last_day, load_demo};
use serde_json::json;

const MIB: u64 = 1024 * 1024;
/// Kept answers' bound.
const NEAR_BYTES: u64 = 12 * MIB;
/// Cached reports' bound.
const REPORT_BYTES: u64 = 4 * MIB;
/// What else may grow: allocator slack, parsed documents, metrics, connection buffers.
const OVERHEAD_BYTES: u64 = 40 * MIB;

/// This process's resident set, in bytes.
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .expect("VmRSS in /proc/self/status");
    kib * 1024
}

const QUERY: &str = "query($range: DateRange!) { performance(range: $range, granularity: DAY) {
    totals { leads conversions revenue spend roi }
    series { from to totals { leads conversions revenue spend } rows { key metrics { leads conversions revenue spend } } } } }";

#[tokio::test]
async fn kept_answers_hold_memory_within_their_bound() {
    let app = TestApp::spawn_adjusted(|settings| {
        settings.cache.cache_near_max_bytes = NEAR_BYTES;
        settings.cache.cache_memory_max_bytes = REPORT_BYTES;
        settings.redis_url = None;
    })
    .await;
    let token = load_demo(&app).await;
    let to = last_day();
    let ask = |days: i64| {
        let range = json!({ "from": to - chrono::TimeDelta::days(days), "to": to });
        app.gql(Some(&token), QUERY, json!({ "range": range }))
    };
    // Warm up: code paths, pools and the allocator's arenas.
    let mut answer_bytes = 0;
    for days in 200..220 {
        answer_bytes = ask(days).await.ok().body.to_string().len();
    }
    let before = rss_bytes();
    // Distinct questions whose answers add up to several times the bound.
    let questions = (5 * NEAR_BYTES / 2 / answer_bytes.max(1) as u64).clamp(40, 400);
    let mut sent = 0u64;
    for days in 220..220 + questions as i64 {
        let resp = ask(days).await.ok();
        sent += resp.body.to_string().len() as u64;
    }
    let grown = rss_bytes().saturating_sub(before);
    eprintln!(
        "{questions} answers of {answer_bytes} bytes, {} MiB in all: RSS grew {} MiB",
        sent / MIB,
        grown / MIB
    );
    assert!(
        sent > 2 * NEAR_BYTES,
        "the questions must overflow the bound: {sent} bytes of answers"
    );
    let allowed = NEAR_BYTES + REPORT_BYTES + OVERHEAD_BYTES;
    assert!(
        grown <= allowed,
        "{questions} distinct answers ({} MiB) grew the process by {} MiB; bound {} MiB \
         (kept answers {} + reports {} + overhead {})",
        sent / MIB,
        grown / MIB,
        allowed / MIB,
        NEAR_BYTES / MIB,
        REPORT_BYTES / MIB,
        OVERHEAD_BYTES / MIB
    );
}
