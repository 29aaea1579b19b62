//! Process metrics in the Prometheus text format, served at `/metrics`.
//!
//! Each `AppState` owns its own registry instead of installing the global
//! `metrics` recorder: tests run several servers in one process, and each must
//! count only its own requests, cache lookups and computations.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use metrics::{Key, Label, Recorder};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};

/// Latency buckets in seconds: sub-millisecond cache hits up to multi-second cold reports.
const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Operation names are client-chosen: past this many distinct ones, new names count as `other`.
const MAX_OPERATION_NAMES: usize = 200;
/// Every `op` label of `leadsource_cache_errors_total`.
const CACHE_ERROR_OPS: [&str; 5] = ["get", "decode", "lock", "unlock", "set"];
/// How often histogram samples are folded into their buckets when nobody scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// Outcome of one cached-report lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Served from the cache.
    Hit,
    /// Not in the cache: computed here.
    Miss,
    /// Not in the cache, but another request computed it while this one waited.
    Shared,
}

impl Lookup {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hit => "hit",
            Self::Miss => "miss",
            Self::Shared => "shared",
        }
    }
}

/// A handle on this process's metrics registry; cheap to clone.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    operations: Mutex<HashSet<String>>,
    /// Report kinds whose series are written out at zero (see [`Metrics::cache_lookup`]).
    kinds: Mutex<HashSet<&'static str>>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let builder = PrometheusBuilder::new();
        // Only fails on an empty bucket list; BUCKETS is not empty.
        let builder = match builder.set_buckets(&BUCKETS) {
            Ok(b) => b,
            Err(_) => PrometheusBuilder::new(),
        };
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        let metrics = Self(Arc::new(Inner {
            recorder,
            handle,
            operations: Mutex::new(HashSet::new()),
            kinds: Mutex::new(HashSet::new()),
        }));
        metrics.describe();
        metrics
    }

    fn describe(&self) {
        let r = &self.0.recorder;
        let describe = |name: &'static str, text: &'static str| {
            r.describe_counter(name.into(), None, text.into());
        };
        describe(
            "leadsource_graphql_requests_total",
            "GraphQL operations by operation name, type and outcome.",
        );
        describe(
            "leadsource_graphql_request_duration_seconds",
            "Time to answer one GraphQL operation (parse, validate, execute).",
        );
        describe(
            "leadsource_live_subscriptions",
            "Live-report subscriptions open on this process.",
        );
        describe(
            "leadsource_live_pushes_total",
            "Answers pushed to live-report subscriptions, first answers included.",
        );
        describe(
            "leadsource_cache_lookups_total",
            "Cached-report lookups by report kind and result (hit, miss, shared).",
        );
        describe(
            "leadsource_cache_errors_total",
            "Cache backend failures by report kind and operation; each one was served as a miss.",
        );
        describe(
            "leadsource_report_computations_total",
            "Reports computed from the database, by kind.",
        );
        describe(
            "leadsource_report_compute_duration_seconds",
            "Time to compute one report from the database, by kind.",
        );
        describe(
            "leadsource_cache_redis_up",
            "1 while Redis answers, 0 while it is bypassed after a failure.",
        );
        describe(
            "leadsource_db_pool_connections",
            "Database pool connections by state (idle, in_use) and the pool's maximum.",
        );
    }

    fn counter(&self, name: &'static str, labels: Vec<Label>) -> metrics::Counter {
        let key = Key::from_parts(name, labels);
        self.0.recorder.register_counter(
            &key,
            &metrics::Metadata::new(module_path!(), metrics::Level::INFO, None),
        )
    }

    fn histogram(&self, name: &'static str, labels: Vec<Label>) -> metrics::Histogram {
        let key = Key::from_parts(name, labels);
        self.0.recorder.register_histogram(
            &key,
            &metrics::Metadata::new(module_path!(), metrics::Level::INFO, None),
        )
    }

    fn gauge(&self, name: &'static str, labels: Vec<Label>) -> metrics::Gauge {
        let key = Key::from_parts(name, labels);
        self.0.recorder.register_gauge(
            &key,
            &metrics::Metadata::new(module_path!(), metrics::Level::INFO, None),
        )
    }

    /// The label for a client-chosen operation name: itself while few names are known.
    fn operation_label(&self, name: Option<&str>) -> String {
        let Some(name) = name else {
            return "anonymous".to_owned();
        };
        let mut known = self
            .0
            .operations
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if known.contains(name) {
            return name.to_owned();
        }
        if known.len() < MAX_OPERATION_NAMES {
            known.insert(name.to_owned());
            return name.to_owned();
        }
        "other".to_owned()
    }

    /// One GraphQL operation answered: `operation` is its name (None when anonymous),
    /// `kind` query, mutation or invalid (refused before execution).
    pub fn graphql_request(
        &self,
        operation: Option<&str>,
        kind: &'static str,
        ok: bool,
        elapsed: Duration,
    ) {
        let operation = self.operation_label(operation);
        let outcome = if ok { "ok" } else { "error" };
        self.counter(
            "leadsource_graphql_requests_total",
            vec![
                Label::new("operation", operation.clone()),
                Label::new("type", kind),
                Label::new("outcome", outcome),
            ],
        )
        .increment(1);
        self.histogram(
            "leadsource_graphql_request_duration_seconds",
            vec![Label::new("operation", operation), Label::new("type", kind)],
        )
        .record(elapsed.as_secs_f64());
    }

    /// One cached-report lookup. The first one of a kind also writes out that kind's
    /// lookup, computation and error counters at zero: a series that appears only on its
    /// first increment makes `rate()` miss that increment, and reads as "absent" rather
    /// than "none" to whoever checks it.
    pub fn cache_lookup(&self, kind: &'static str, lookup: Lookup) {
        self.zero_series_of(kind);
        self.counter(
            "leadsource_cache_lookups_total",
            vec![
                Label::new("kind", kind),
                Label::new("result", lookup.as_str()),
            ],
        )
        .increment(1);
    }

    fn zero_series_of(&self, kind: &'static str) {
        let first = self
            .0
            .kinds
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(kind);
        if !first {
            return;
        }
        // Registering a counter is enough for it to be rendered (at 0); incrementing it by 0
        // would change nothing either.
        for lookup in [Lookup::Hit, Lookup::Miss, Lookup::Shared] {
            let _ = self.counter(
                "leadsource_cache_lookups_total",
                vec![
                    Label::new("kind", kind),
                    Label::new("result", lookup.as_str()),
                ],
            );
        }
        let _ = self.counter(
            "leadsource_report_computations_total",
            vec![Label::new("kind", kind)],
        );
        for op in CACHE_ERROR_OPS {
            let _ = self.counter(
                "leadsource_cache_errors_total",
                vec![Label::new("kind", kind), Label::new("op", op)],
            );
        }
    }

    /// A cache backend operation (`get`, `set`, `lock`) failed or was skipped while
    /// the backend is marked down.
    pub fn cache_error(&self, kind: &'static str, op: &'static str) {
        self.counter(
            "leadsource_cache_errors_total",
            vec![Label::new("kind", kind), Label::new("op", op)],
        )
        .increment(1);
    }

    pub fn report_computed(&self, kind: &'static str, elapsed: Duration) {
        self.counter(
            "leadsource_report_computations_total",
            vec![Label::new("kind", kind)],
        )
        .increment(1);
        self.histogram(
            "leadsource_report_compute_duration_seconds",
            vec![Label::new("kind", kind)],
        )
        .record(elapsed.as_secs_f64());
    }

    /// A live subscription started (+1) or ended (-1).
    pub fn live_subscriptions(&self, delta: f64) {
        self.gauge("leadsource_live_subscriptions", Vec::new())
            .increment(delta);
    }

    /// One answer pushed to a live subscription (its first included).
    pub fn live_push(&self) {
        self.counter("leadsource_live_pushes_total", Vec::new())
            .increment(1);
    }

    pub fn redis_up(&self, up: bool) {
        self.gauge("leadsource_cache_redis_up", Vec::new())
            .set(if up { 1.0 } else { 0.0 });
    }

    /// Database pool occupancy, set just before rendering.
    pub fn db_pool(&self, idle: u32, in_use: u32, max: u32) {
        for (state, value) in [("idle", idle), ("in_use", in_use), ("max", max)] {
            self.gauge(
                "leadsource_db_pool_connections",
                vec![Label::new("state", state)],
            )
            .set(f64::from(value));
        }
    }

    /// Everything, in the Prometheus text exposition format.
    pub fn render(&self) -> String {
        self.0.handle.render()
    }

    /// Folds histogram samples into buckets every few seconds, so memory stays
    /// bounded when nobody scrapes. Stops when the last handle is dropped.
    pub fn spawn_upkeep(&self) {
        let weak: Weak<Inner> = Arc::downgrade(&self.0);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(UPKEEP_EVERY);
            loop {
                tick.tick().await;
                match weak.upgrade() {
                    Some(inner) => inner.handle.run_upkeep(),
                    None => break,
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_render_with_their_labels() {
        let metrics = Metrics::new();
        metrics.cache_lookup("performance", Lookup::Hit);
        metrics.cache_lookup("performance", Lookup::Hit);
        metrics.cache_lookup("attribution", Lookup::Miss);
        let text = metrics.render();
        assert!(
            text.contains(r#"leadsource_cache_lookups_total{kind="performance",result="hit"} 2"#),
            "{text}"
        );
        assert!(
            text.contains(r#"leadsource_cache_lookups_total{kind="attribution",result="miss"} 1"#)
        );
    }

    #[test]
    fn the_first_lookup_of_a_kind_writes_its_other_counters_at_zero() {
        let metrics = Metrics::new();
        metrics.cache_lookup("performance", Lookup::Hit);
        let text = metrics.render();
        for sample in [
            r#"leadsource_cache_lookups_total{kind="performance",result="hit"} 1"#,
            r#"leadsource_cache_lookups_total{kind="performance",result="miss"} 0"#,
            r#"leadsource_cache_lookups_total{kind="performance",result="shared"} 0"#,
            r#"leadsource_report_computations_total{kind="performance"} 0"#,
            r#"leadsource_cache_errors_total{kind="performance",op="get"} 0"#,
            r#"leadsource_cache_errors_total{kind="performance",op="set"} 0"#,
        ] {
            assert!(
                text.lines().any(|line| line == sample),
                "{sample} in {text}"
            );
        }
    }

    #[test]
    fn two_registries_count_separately() {
        let a = Metrics::new();
        let b = Metrics::new();
        a.report_computed("performance", Duration::from_millis(3));
        assert!(
            a.render()
                .contains(r#"leadsource_report_computations_total{kind="performance"} 1"#)
        );
        assert!(!b.render().contains("leadsource_report_computations_total"));
    }

    #[test]
    fn operation_names_past_the_cap_count_as_other() {
        let metrics = Metrics::new();
        for i in 0..MAX_OPERATION_NAMES {
            assert_eq!(
                metrics.operation_label(Some(&format!("Op{i}"))),
                format!("Op{i}")
            );
        }
        assert_eq!(metrics.operation_label(Some("OneTooMany")), "other");
        assert_eq!(metrics.operation_label(Some("Op0")), "Op0");
        assert_eq!(metrics.operation_label(None), "anonymous");
    }

    #[test]
    fn latency_is_a_histogram_with_buckets() {
        let metrics = Metrics::new();
        metrics.graphql_request(
            Some("Dashboard"),
            "query",
            true,
            Duration::from_micros(1500),
        );
        let text = metrics.render();
        assert!(
            text.contains(
                r#"leadsource_graphql_request_duration_seconds_bucket{operation="Dashboard",type="query",le="0.002"} 1"#
            ),
            "{text}"
        );
        assert!(text.contains(
            r#"leadsource_graphql_requests_total{operation="Dashboard",type="query",outcome="ok"} 1"#
        ));
    }
}
