//! `get_or_compute` against a real (SQLite) generation and in-memory backends:
//! hits, staleness, canonical keys, single-flight, the cross-process lock and failures.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures::FutureExt;
use futures::future::BoxFuture;
use serde_json::json;

use super::layer::jittered;
use super::{Bytes, Cache, CacheError, MemoryCache, ReportCache, ReportKind};
use crate::config::Settings;
use crate::db::{Database, connect};
use crate::error::{AppError, AppResult};
use crate::metrics::Metrics;
use crate::services::workspace::{NewWorkspace, bump_generation, create_workspace};

const KIND: ReportKind = ReportKind::new("test_report");

/// A shared backend in one process: the semantics of Redis without the network.
#[derive(Debug, Default)]
struct SharedMap {
    values: Mutex<HashMap<String, Bytes>>,
    /// Lock key → holder's token and when the lock lapses.
    locks: Mutex<HashMap<String, (String, Instant)>>,
    gets: AtomicUsize,
}

impl Cache for SharedMap {
    fn name(&self) -> &'static str {
        "shared-map"
    }
    fn is_shared(&self) -> bool {
        true
    }
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Bytes>, CacheError>> {
        self.gets.fetch_add(1, Ordering::SeqCst);
        async move {
            Ok(self
                .values
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(key)
                .cloned())
        }
        .boxed()
    }
    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        _: Duration,
    ) -> BoxFuture<'a, Result<(), CacheError>> {
        async move {
            self.values
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(key.to_owned(), value);
            Ok(())
        }
        .boxed()
    }
    fn try_lock<'a>(
        &'a self,
        key: &'a str,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, CacheError>> {
        async move {
            let mut locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
            if locks
                .get(key)
                .is_some_and(|(_, lapses)| *lapses > Instant::now())
            {
                return Ok(false);
            }
            locks.insert(key.to_owned(), (token.to_owned(), Instant::now() + ttl));
            Ok(true)
        }
        .boxed()
    }
    fn unlock<'a>(&'a self, key: &'a str, token: &'a str) -> BoxFuture<'a, Result<(), CacheError>> {
        async move {
            let mut locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
            if locks.get(key).is_some_and(|(holder, _)| holder == token) {
                locks.remove(key);
            }
            Ok(())
        }
        .boxed()
    }
    fn renew_lock<'a>(
        &'a self,
        key: &'a str,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, CacheError>> {
        async move {
            let mut locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
            match locks.get_mut(key) {
                Some((holder, lapses)) if holder == token && *lapses > Instant::now() => {
                    *lapses = Instant::now() + ttl;
                    Ok(true)
                }
                _ => Ok(false),
            }
        }
        .boxed()
    }
}

/// A backend that never answers, like Redis during an outage.
#[derive(Debug)]
struct Broken;

impl Cache for Broken {
    fn name(&self) -> &'static str {
        "broken"
    }
    fn is_shared(&self) -> bool {
        true
    }
    fn get<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Option<Bytes>, CacheError>> {
        async { Err(CacheError::Timeout) }.boxed()
    }
    fn set<'a>(
        &'a self,
        _: &'a str,
        _: Bytes,
        _: Duration,
    ) -> BoxFuture<'a, Result<(), CacheError>> {
        async { Err(CacheError::Timeout) }.boxed()
    }
    fn try_lock<'a>(
        &'a self,
        _: &'a str,
        _: &'a str,
        _: Duration,
    ) -> BoxFuture<'a, Result<bool, CacheError>> {
        async { Err(CacheError::Timeout) }.boxed()
    }
    fn unlock<'a>(&'a self, _: &'a str, _: &'a str) -> BoxFuture<'a, Result<(), CacheError>> {
        async { Err(CacheError::Timeout) }.boxed()
    }
}

struct Fixture {
    db: Database,
    workspace_id: i64,
    settings: Settings,
}

async fn fixture() -> Fixture {
    let path = std::env::temp_dir().join(format!("leadsource-cache-{}.db", uuid::Uuid::new_v4()));
    let db = connect(&format!("sqlite://{}", path.display()), 2)
        .await
        .expect("a SQLite file");
    db.migrate().await.expect("migrations");
    let ws = create_workspace(
        &db.conn,
        NewWorkspace {
            name: "Acme".into(),
            slug: "acme".into(),
            currency: "EUR".into(),
            timezone: "UTC".into(),
        },
    )
    .await
    .expect("a workspace");
    let mut settings = Settings::defaults();
    settings.cache.cache_lock_ms = 2_000;
    Fixture {
        db,
        workspace_id: ws.id,
        settings,
    }
}

impl Fixture {
    fn cache(&self, backend: Arc<dyn Cache>) -> (ReportCache, Metrics) {
        let metrics = Metrics::new();
        let cache = ReportCache::new(
            backend,
            self.db.conn.clone(),
            metrics.clone(),
            &self.settings,
        );
        (cache, metrics)
    }
}

/// A "report" that counts its computations and can be slow.
async fn report(counter: &AtomicUsize, answer: u64, delay: Duration) -> AppResult<u64> {
    counter.fetch_add(1, Ordering::SeqCst);
    tokio::time::sleep(delay).await;
    Ok(answer)
}

/// One `get_or_compute` of the counting report.
async fn ask(
    cache: &ReportCache,
    workspace_id: i64,
    args: serde_json::Value,
    counter: &AtomicUsize,
    answer: u64,
    delay: Duration,
) -> AppResult<u64> {
    cache
        .get_or_compute(KIND, workspace_id, &args, || report(counter, answer, delay))
        .await
}

fn metric(metrics: &Metrics, line_start: &str) -> u64 {
    let text = metrics.render();
    text.lines()
        .find_map(|l| {
            l.strip_prefix(line_start)
                .and_then(|rest| rest.trim().parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn a_repeated_question_is_served_from_the_cache() {
    let f = fixture().await;
    let (cache, metrics) = f.cache(Arc::new(MemoryCache::new(1 << 20)));
    let computed = AtomicUsize::new(0);
    let args = json!({"range": ["2026-01-01", "2026-01-31"]});
    for _ in 0..3 {
        let value = cache
            .get_or_compute(KIND, f.workspace_id, &args, || {
                report(&computed, 42, Duration::ZERO)
            })
            .await
            .expect("answered");
        assert_eq!(value, 42);
    }
    assert_eq!(computed.load(Ordering::SeqCst), 1);
    assert_eq!(
        metric(
            &metrics,
            r#"leadsource_cache_lookups_total{kind="test_report",result="hit"}"#
        ),
        2
    );
    assert_eq!(
        metric(
            &metrics,
            r#"leadsource_cache_lookups_total{kind="test_report",result="miss"}"#
        ),
        1
    );
    assert_eq!(
        metric(
            &metrics,
            r#"leadsource_report_computations_total{kind="test_report"}"#
        ),
        1
    );
}

#[tokio::test]
async fn a_write_makes_the_next_read_compute_again() {
    let f = fixture().await;
    for backend in [
        Arc::new(MemoryCache::new(1 << 20)) as Arc<dyn Cache>,
        Arc::new(SharedMap::default()),
    ] {
        let (cache, _) = f.cache(backend);
        let computed = AtomicUsize::new(0);
        let ws = f.workspace_id;
        assert_eq!(
            ask(&cache, ws, json!({}), &computed, 1, Duration::ZERO)
                .await
                .expect("answered"),
            1
        );
        let again = ask(&cache, ws, json!({}), &computed, 2, Duration::ZERO).await;
        assert_eq!(again.expect("answered"), 1, "same generation: cached");
        bump_generation(&f.db.conn, ws).await.expect("bump");
        let after = ask(&cache, ws, json!({}), &computed, 3, Duration::ZERO).await;
        assert_eq!(after.expect("answered"), 3, "after a write: recomputed");
    }
}

#[tokio::test]
async fn two_spellings_of_one_question_share_an_entry() {
    let f = fixture().await;
    let (cache, _) = f.cache(Arc::new(MemoryCache::new(1 << 20)));
    let computed = AtomicUsize::new(0);
    let a = json!({"dimension": "CHANNEL", "range": {"from": "2026-01-01", "to": "2026-01-31"}, "filter": null});
    let b = json!({"range": {"to": "2026-01-31", "from": "2026-01-01"}, "dimension": "CHANNEL"});
    let c = json!({"range": {"to": "2026-01-31", "from": "2026-01-01"}, "dimension": "CAMPAIGN"});
    for args in [&a, &b, &c] {
        cache
            .get_or_compute(KIND, f.workspace_id, args, || {
                report(&computed, 1, Duration::ZERO)
            })
            .await
            .expect("answered");
    }
    assert_eq!(
        computed.load(Ordering::SeqCst),
        2,
        "a and b share, c differs"
    );
}

#[tokio::test]
async fn concurrent_cold_requests_in_one_process_compute_once() {
    let f = fixture().await;
    for backend in [
        Arc::new(MemoryCache::new(1 << 20)) as Arc<dyn Cache>,
        Arc::new(SharedMap::default()),
    ] {
        let (cache, metrics) = f.cache(backend);
        let computed = AtomicUsize::new(0);
        let calls = (0..16).map(|_| {
            ask(
                &cache,
                f.workspace_id,
                json!({"q": 1}),
                &computed,
                7,
                Duration::from_millis(100),
            )
        });
        let answers = futures::future::join_all(calls).await;
        assert!(answers.iter().all(|a| matches!(a, Ok(7))));
        assert_eq!(computed.load(Ordering::SeqCst), 1);
        let served = |result: &str| {
            metric(
                &metrics,
                &format!(
                    r#"leadsource_cache_lookups_total{{kind="test_report",result="{result}"}}"#
                ),
            )
        };
        // Waiters are served the leader's value (or, if it landed first, the cache's).
        assert_eq!(served("shared") + served("hit"), 15);
        assert_eq!(served("miss"), 1);
    }
}

#[tokio::test]
async fn two_processes_sharing_a_backend_compute_once() {
    let f = fixture().await;
    let shared: Arc<dyn Cache> = Arc::new(SharedMap::default());
    let (first, _) = f.cache(Arc::clone(&shared));
    let (second, _) = f.cache(shared);
    let computed = AtomicUsize::new(0);
    let ws = f.workspace_id;
    let slow = Duration::from_millis(100);
    let (a, b, c, d) = tokio::join!(
        ask(&first, ws, json!({"q": "cross"}), &computed, 9, slow),
        ask(&second, ws, json!({"q": "cross"}), &computed, 9, slow),
        ask(&first, ws, json!({"q": "cross"}), &computed, 9, slow),
        ask(&second, ws, json!({"q": "cross"}), &computed, 9, slow),
    );
    assert_eq!(
        [
            a.expect("answered"),
            b.expect("answered"),
            c.expect("answered"),
            d.expect("answered")
        ],
        [9, 9, 9, 9]
    );
    assert_eq!(computed.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_report_computed_from_other_reports_runs_them_under_its_own_permit() {
    let mut f = fixture().await;
    // One computation at a time per workspace: an inner report waiting for a second
    // permit would wait forever (as budgetSuggestions reading two performance reports did).
    f.settings.limits.report_concurrency_per_workspace = 1;
    let (cache, _) = f.cache(Arc::new(MemoryCache::new(1 << 20)));
    let ws = f.workspace_id;
    let computed = AtomicUsize::new(0);
    let args = json!({"q": "outer"});
    let outer = cache.get_or_compute(KIND, ws, &args, || async {
        let (a, b) = tokio::try_join!(
            ask(
                &cache,
                ws,
                json!({"q": "inner-a"}),
                &computed,
                2,
                Duration::ZERO
            ),
            ask(
                &cache,
                ws,
                json!({"q": "inner-b"}),
                &computed,
                3,
                Duration::ZERO
            ),
        )?;
        Ok(a + b)
    });
    let value = tokio::time::timeout(Duration::from_secs(10), outer)
        .await
        .expect("the nested computation finished instead of waiting for a permit")
        .expect("answered");
    assert_eq!(value, 5);
}

#[tokio::test]
async fn a_computation_longer_than_the_lock_keeps_it_and_others_wait() {
    let mut f = fixture().await;
    // Lifetimes long enough that a loaded machine's scheduling delays (tens of ms) cannot
    // make a renewal late.
    f.settings.cache.cache_lock_ms = 1_000;
    let shared: Arc<dyn Cache> = Arc::new(SharedMap::default());
    let (first, _) = f.cache(Arc::clone(&shared));
    let (second, _) = f.cache(shared);
    let computed = AtomicUsize::new(0);
    let ws = f.workspace_id;
    // Three lock lifetimes: without renewal the lock lapses and the second computes too.
    let slow = Duration::from_millis(3_000);
    let late = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        ask(&second, ws, json!({"q": "long"}), &computed, 3, slow).await
    };
    let (a, b) = tokio::join!(
        ask(&first, ws, json!({"q": "long"}), &computed, 3, slow),
        late
    );
    assert_eq!((a.expect("answered"), b.expect("answered")), (3, 3));
    assert_eq!(computed.load(Ordering::SeqCst), 1, "computed once");
}

#[tokio::test]
async fn waiters_compute_themselves_when_the_lock_holder_never_delivers() {
    let mut f = fixture().await;
    f.settings.cache.cache_lock_ms = 100;
    // The backend's own behaviour: no near copy of the warm entry.
    f.settings.cache.cache_near_max_bytes = 0;
    let shared = Arc::new(SharedMap::default());
    let (cache, _) = f.cache(shared.clone());
    // Learn the report's key, then make it look as if another process took its
    // lock and died before writing the value.
    let key_probe = AtomicUsize::new(0);
    cache
        .get_or_compute(KIND, f.workspace_id, &json!({"warm": true}), || {
            report(&key_probe, 0, Duration::ZERO)
        })
        .await
        .expect("answered");
    let lock_of_next = {
        let values = shared.values.lock().unwrap_or_else(PoisonError::into_inner);
        let warm = values.keys().next().expect("the warm entry").clone();
        drop(values);
        shared
            .values
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        format!("{warm}:lock")
    };
    shared
        .locks
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(
            lock_of_next,
            (
                "dead-process".into(),
                Instant::now() + Duration::from_millis(100),
            ),
        );
    let computed = AtomicUsize::new(0);
    let value = cache
        .get_or_compute(KIND, f.workspace_id, &json!({"warm": true}), || {
            report(&computed, 5, Duration::ZERO)
        })
        .await
        .expect("answered");
    assert_eq!(value, 5);
    assert_eq!(computed.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_broken_backend_is_a_miss_counted_in_metrics_not_an_error() {
    let mut f = fixture().await;
    f.settings.cache.cache_near_max_bytes = 0;
    let (cache, metrics) = f.cache(Arc::new(Broken));
    let computed = AtomicUsize::new(0);
    for _ in 0..3 {
        let value = cache
            .get_or_compute(KIND, f.workspace_id, &json!({}), || {
                report(&computed, 3, Duration::ZERO)
            })
            .await
            .expect("answered");
        assert_eq!(value, 3);
    }
    assert_eq!(computed.load(Ordering::SeqCst), 3);
    assert!(
        metric(
            &metrics,
            r#"leadsource_cache_errors_total{kind="test_report",op="get"}"#
        ) >= 3
    );
    assert_eq!(
        metric(
            &metrics,
            r#"leadsource_cache_errors_total{kind="test_report",op="set"}"#
        ),
        3
    );
}

#[tokio::test]
async fn a_failed_computation_is_not_cached_and_its_followers_try_themselves() {
    let f = fixture().await;
    let (cache, _) = f.cache(Arc::new(MemoryCache::new(1 << 20)));
    let attempts = AtomicUsize::new(0);
    let args = json!({"bad": 1});
    let failing = || async {
        attempts.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err::<u64, _>(AppError::bad_input("range", "from after to"))
    };
    let calls = (0..3).map(|_| cache.get_or_compute(KIND, f.workspace_id, &args, failing));
    let answers = futures::future::join_all(calls).await;
    assert!(
        answers
            .iter()
            .all(|a| matches!(a, Err(AppError::BadInput { .. })))
    );
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        3,
        "errors are never shared or cached"
    );
    let ok = AtomicUsize::new(0);
    let value = cache
        .get_or_compute(KIND, f.workspace_id, &json!({"bad": 1}), || {
            report(&ok, 8, Duration::ZERO)
        })
        .await
        .expect("answered");
    assert_eq!(value, 8);
}

#[tokio::test]
async fn an_unknown_workspace_is_not_found() {
    let f = fixture().await;
    let (cache, _) = f.cache(Arc::new(MemoryCache::new(1 << 20)));
    let computed = AtomicUsize::new(0);
    let result = cache
        .get_or_compute(KIND, f.workspace_id + 1000, &json!({}), || {
            report(&computed, 1, Duration::ZERO)
        })
        .await;
    assert!(matches!(result, Err(AppError::NotFound { .. })));
    assert_eq!(computed.load(Ordering::SeqCst), 0);
}

#[test]
fn ttl_jitter_stays_within_its_percentage() {
    let mut rng = rand::rng();
    let base = Duration::from_secs(600);
    for _ in 0..1_000 {
        let ttl = jittered(base, 10, &mut rng);
        assert!(ttl >= base && ttl <= Duration::from_secs(660), "{ttl:?}");
    }
    assert_eq!(jittered(base, 0, &mut rng), base);
}

#[tokio::test]
async fn a_shared_backend_hit_is_kept_near_until_the_next_write() {
    let f = fixture().await;
    let shared = Arc::new(SharedMap::default());
    let (cache, _) = f.cache(shared.clone());
    let computed = AtomicUsize::new(0);
    let ws = f.workspace_id;
    for _ in 0..3 {
        let value = ask(&cache, ws, json!({}), &computed, 1, Duration::ZERO).await;
        assert_eq!(value.expect("answered"), 1);
    }
    assert_eq!(computed.load(Ordering::SeqCst), 1);
    assert_eq!(
        shared.gets.load(Ordering::SeqCst),
        2,
        "the first ask looks up twice (before and inside its flight); repeats stay in the process"
    );
    bump_generation(&f.db.conn, ws).await.expect("bump");
    let after = ask(&cache, ws, json!({}), &computed, 2, Duration::ZERO).await;
    assert_eq!(
        after.expect("answered"),
        2,
        "a write changes the key: near or not"
    );
    // Another process (its own near cache) reads the value this one stored.
    let (other, _) = f.cache(shared.clone());
    let theirs = ask(&other, ws, json!({}), &computed, 3, Duration::ZERO).await;
    assert_eq!(theirs.expect("answered"), 2);
    assert_eq!(computed.load(Ordering::SeqCst), 2);
}
