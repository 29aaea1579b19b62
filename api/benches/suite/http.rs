//! Reports over HTTP under concurrency (issue 6), in one fresh process per run: the server on
//! a Tokio runtime of its own (2 workers), the load generator on another (1 worker), both
//! sending the same API token, so the report scenarios differ from `{ __typename }` by the
//! report alone.
//!
//! * `{ __typename }`: the floor: HTTP, auth, rate limit, GraphQL;
//! * `performance` warm: the repeated question (a kept answer, `http/rendered.rs`), and the
//!   same report with `__typename` beside it, so that GraphQL resolves it from the report
//!   cache; and cold (each request a different range, so each computes);
//! * `budgetSuggestions` warm, and with another `maxChangePct` each time (the plan is
//!   computed, the two performance reports it builds on come from the report cache).
//!
//! Each run first bumps the demo workspace's data generation, so no cache entry of an earlier
//! run answers. Every answer is checked: no error, the expected `extensions.cache`, and the
//! same number of rows as the first answer.

use std::sync::Arc;

use chrono::{Duration as Days, NaiveDate};
use serde_json::{Value, json};

use leadsource::auth::Scope;
use leadsource::services::api_token::create_api_token;
use leadsource::services::workspace::bump_generation;

use super::data::{self, Span};
use super::load::{self, Stats};
use super::options::Options;
use super::stats::Summary;
use super::table::{Row, Table, Unit};
use super::{Fallible, child, server};

const PERFORMANCE: &str = "query Performance($range: DateRange!) { \
    performance(range: $range, dimension: CHANNEL, attribution: FIRST_TOUCH) { \
    totals { leads conversions revenue spend roi roas cpl } \
    rows { key label metrics { leads conversions revenue spend roi roas cpl cac conversionRate } } } }";

/// The same report with another field beside it: not a kept answer, resolved each time.
const PERFORMANCE_RESOLVED: &str = "query Performance($range: DateRange!) { __typename \
    performance(range: $range, dimension: CHANNEL, attribution: FIRST_TOUCH) { \
    totals { leads conversions revenue spend roi roas cpl } \
    rows { key label metrics { leads conversions revenue spend roi roas cpl cac conversionRate } } } }";

const BUDGET: &str = "query Budget($range: DateRange!, $cap: Float!) { \
    budgetSuggestions(range: $range, maxChangePct: $cap) { \
    totalBudget totalSuggested lift suggestions { currentSpend suggestedSpend } } }";

/// Requests per scenario: (warm requests, concurrency, cold performance, cold budget).
struct Load {
    warm: usize,
    concurrency: usize,
    cold: usize,
    cold_concurrency: usize,
    cold_budget: usize,
}

impl Load {
    fn of(quick: bool) -> Load {
        if quick {
            Load {
                warm: 300,
                concurrency: 8,
                cold: 4,
                cold_concurrency: 2,
                cold_budget: 2,
            }
        } else {
            Load {
                warm: 3_000,
                concurrency: 8,
                cold: 8,
                cold_concurrency: 2,
                cold_budget: 3,
            }
        }
    }
}

/// The scenarios, as the child reports them, in table order.
const SCENARIOS: [(&str, &str); 6] = [
    ("trivial", "`{ __typename }`"),
    ("performance_warm", "`performance` warm (kept answer)"),
    (
        "performance_resolved",
        "`performance` warm, `__typename` beside it (report-cache hit, resolved by GraphQL)",
    ),
    ("performance_cold", "`performance` cold (computed)"),
    ("budget_warm", "`budgetSuggestions` warm (cache hit)"),
    (
        "budget_cold",
        "`budgetSuggestions`, another change cap (plan computed, its reports from the cache)",
    ),
];

/// Runs the scenarios `options.runs` times against `database_url` (and Redis when given).
pub async fn run(
    options: &Options,
    title: String,
    database_url: &str,
    redis_url: Option<&str>,
    table: &mut Table,
) -> Fallible<()> {
    table.section(title);
    let mut runs: Vec<Value> = Vec::new();
    for _ in 0..options.runs {
        let quick = if options.quick { "quick" } else { "full" };
        runs.push(child::spawn(&[
            "http",
            database_url,
            redis_url.unwrap_or("-"),
            quick,
        ])?);
    }
    let series = |scenario: &str, figure: &str| -> Fallible<Vec<f64>> {
        runs.iter()
            .map(|r| child::figure(r, &format!("/{scenario}/{figure}")))
            .collect()
    };
    let trivial_rate = series("trivial", "per_sec")?;
    for (key, name) in SCENARIOS {
        let load = &runs[0][key];
        let label = format!(
            "{name}, {} requests × {} at once",
            load["requests"], load["concurrency"]
        );
        let p50 = Row::new(format!("{label}: p50"), Unit::Ms, &series(key, "p50_ms")?);
        let p99 = Row::new(format!("{label}: p99"), Unit::Ms, &series(key, "p99_ms")?);
        let rate = series(key, "per_sec")?;
        let per_sec = Row::new(format!("{label}: throughput"), Unit::ReqPerSec, &rate);
        if key == "performance_warm" || key == "performance_resolved" {
            let p50_ms = Summary::of(&series(key, "p50_ms")?).median;
            table.push(p50.target("≤ 2 ms", p50_ms <= 2.0));
            table.push(p99);
            let row = per_sec.beside("`{ __typename }`", &rate, &trivial_rate);
            let met = row.ratio.is_some_and(|r| r.median <= 2.0);
            table.push(row.target("≥ 50% of `{ __typename }`", met));
        } else {
            table.push(p50);
            table.push(p99);
            table.push(per_sec);
        }
    }
    Ok(())
}

/// The year of reports, ending `shift` days before the span's last day.
fn year(last: NaiveDate, shift: i64) -> Value {
    let to = last - Days::days(shift);
    json!({ "from": to - Days::days(364), "to": to })
}

fn body(query: &str, variables: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({ "query": query, "variables": variables })).unwrap_or_default()
}

fn stats_json(s: &Stats) -> Value {
    json!({
        "requests": s.requests, "concurrency": s.concurrency,
        "p50_ms": s.p50.as_secs_f64() * 1e3, "p99_ms": s.p99.as_secs_f64() * 1e3,
        "per_sec": s.per_sec,
    })
}

/// The number of rows of a performance or budget answer (the check of every answer).
fn rows(data: &Value) -> usize {
    let list = data["performance"]["rows"]
        .as_array()
        .or_else(|| data["budgetSuggestions"]["suggestions"].as_array());
    list.map_or(0, Vec::len)
}

/// The child: starts the server, prepares the workspace, runs the scenarios.
pub fn child(args: &[String]) -> Fallible<Value> {
    let [database_url, redis_url, quick] = args else {
        return Err("http: DATABASE_URL REDIS_URL|- quick|full".into());
    };
    let redis = (redis_url != "-").then_some(redis_url.as_str());
    let (server_rt, client_rt) = server::runtimes()?;
    let (running, token, span) = server_rt.block_on(async {
        let running = server::start(server::settings(database_url, redis)?).await?;
        let db = &running.state.db;
        let span = data::span(db)
            .await?
            .ok_or("the demo workspace has no leads")?;
        bump_generation(&db.conn, span.workspace_id).await?;
        let token = create_api_token(
            &db.conn,
            span.workspace_id,
            "bench",
            &[Scope::ReportsRead],
            None,
            None,
        )
        .await?
        .secret;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>((running, token, span))
    })?;
    let url = running.url.clone();
    let outcome = client_rt.block_on(scenarios(url, token, span, Load::of(quick == "quick")));
    server_rt.block_on(running.stop());
    outcome
}

/// Sends `requests` bodies made by `make(i)`, `concurrency` at a time, each checked for
/// `cache` and for `expected_rows` rows.
async fn measure(
    target: &Arc<(reqwest::Client, String, String)>,
    requests: usize,
    concurrency: usize,
    cache: &'static str,
    expected_rows: usize,
    make: impl Fn(usize) -> Vec<u8> + Send + Sync + 'static,
) -> Fallible<Stats> {
    let target = Arc::clone(target);
    let make = Arc::new(make);
    let stats = load::run(requests, concurrency, move |i| {
        let (target, body) = (Arc::clone(&target), make(i));
        async move {
            let (client, url, token) = &*target;
            let data = load::post_checked(client, url, token, body, Some(cache)).await?;
            let got = rows(&data);
            if got != expected_rows {
                return Err(format!("expected {expected_rows} rows, got {got}"));
            }
            Ok(())
        }
    })
    .await?;
    Ok(stats)
}

async fn scenarios(url: String, token: String, span: Span, load: Load) -> Fallible<Value> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(load.concurrency)
        .build()?;
    let target = Arc::new((client, url, token));
    let last = span.last;
    let perf = move |shift: i64| body(PERFORMANCE, json!({ "range": year(last, shift) }));
    let resolved = body(PERFORMANCE_RESOLVED, json!({ "range": year(last, 0) }));
    let budget = move |cap: f64| body(BUDGET, json!({ "range": year(last, 0), "cap": cap }));

    // Warm-up: connections, and the warm reports' single computations.
    let (client, url, token) = &*target;
    let perf_rows = rows(&load::post_checked(client, url, token, perf(0), Some("MISS")).await?);
    let budget_rows =
        rows(&load::post_checked(client, url, token, budget(30.0), Some("MISS")).await?);
    if perf_rows == 0 || budget_rows == 0 {
        return Err(format!(
            "empty reports on the demo data: {perf_rows} performance rows, {budget_rows} suggestions"
        )
        .into());
    }
    let trivial_body = serde_json::to_vec(&json!({ "query": "{ __typename }" }))?;
    let trivial = load::run(load.warm, load.concurrency, {
        let target = Arc::clone(&target);
        move |_| {
            let (target, body) = (Arc::clone(&target), trivial_body.clone());
            async move {
                let (client, url, token) = &*target;
                let data = load::post_checked(client, url, token, body, None).await?;
                match data["__typename"].as_str() {
                    Some("Query") => Ok(()),
                    _ => Err(format!("unexpected answer {data}")),
                }
            }
        }
    })
    .await?;
    let perf_warm = measure(
        &target,
        load.warm,
        load.concurrency,
        "HIT",
        perf_rows,
        move |_| perf(0),
    )
    .await?;
    let perf_resolved = measure(
        &target,
        load.warm,
        load.concurrency,
        "HIT",
        perf_rows,
        move |_| resolved.clone(),
    )
    .await?;
    // Cold ranges end 1, 2, … days earlier: each is a question of its own, and each has
    // the same channels as the warm one on the demo data.
    let perf_cold = measure(
        &target,
        load.cold,
        load.cold_concurrency,
        "MISS",
        perf_rows,
        move |i| perf(i as i64 + 1),
    )
    .await?;
    let budget_warm = measure(
        &target,
        load.warm,
        load.concurrency,
        "HIT",
        budget_rows,
        move |_| budget(30.0),
    )
    .await?;
    let budget_cold = measure(
        &target,
        load.cold_budget,
        1,
        "MISS",
        budget_rows,
        move |i| budget(31.0 + i as f64),
    )
    .await?;
    Ok(json!({
        "trivial": stats_json(&trivial),
        "performance_warm": stats_json(&perf_warm),
        "performance_resolved": stats_json(&perf_resolved),
        "performance_cold": stats_json(&perf_cold),
        "budget_warm": stats_json(&budget_warm),
        "budget_cold": stats_json(&budget_cold),
    }))
}
