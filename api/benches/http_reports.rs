//! Cached reports over HTTP under concurrency, beside the trivial query, in one run:
//! `{ __typename }`, a warm `performance` report (a cache hit) and cold ones (each
//! request a different range, so each computes). Prints p50, p99 and requests/s.
//!
//! The server runs in this process on its own Tokio runtime (2 workers), the load
//! generator on another (1 worker); both send the same API token, so the two cached
//! scenarios differ from the trivial one only by the report itself.
//!
//! ```sh
//! leadsource demo-data --scale large          # with DATABASE_URL set, once
//! DATABASE_URL=postgres://postgres@127.0.0.1:5432/leadsource_bench \
//! REDIS_URL=redis://127.0.0.1:6379 cargo bench -p leadsource --bench http_reports
//! ```
//! Knobs: BENCH_WORKSPACE (demo), BENCH_REQUESTS (3000), BENCH_CONCURRENCY (8),
//! BENCH_COLD_REQUESTS (24), BENCH_COLD_CONCURRENCY (4). A failed or wrong answer
//! (an error, or a HIT where a MISS is expected and vice versa) fails the run.

#[path = "load/mod.rs"]
mod load;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{Duration as Days, NaiveDate};
use sea_orm::QuerySelect;
use sea_orm::sea_query::{Expr, Func};
use serde_json::json;

use leadsource::app::{Server, build_state};
use leadsource::auth::Scope;
use leadsource::config::Settings;
use leadsource::db::scope::InWorkspace;
use leadsource::services::api_token::create_api_token;
use leadsource::services::workspace::find_workspace_by_slug;

const PERFORMANCE: &str = "query Performance($range: DateRangeInput!) { \
    performance(range: $range, dimension: CHANNEL, attribution: FIRST_TOUCH) { \
    totals { leads conversions revenue spend roi roas cpl } \
    rows { key label metrics { leads conversions revenue spend roi roas cpl cac conversionRate } } } }";

fn knob(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Target {
    url: String,
    token: String,
    /// Last day with spend: the 1-year range ends there.
    last_day: NaiveDate,
}

/// Starts the server over `DATABASE_URL` / `REDIS_URL` and mints a reports token.
async fn start_server() -> Result<(Target, tokio::sync::oneshot::Sender<()>), String> {
    let mut settings = Settings::defaults();
    settings.listen_addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let slug = std::env::var("BENCH_WORKSPACE").unwrap_or_else(|_| "demo".to_owned());
    let state = build_state(settings).await.map_err(|e| e.to_string())?;
    let db = &state.db.conn;
    let ws = find_workspace_by_slug(db, &slug)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!("no workspace {slug}: run `leadsource demo-data --scale large` first")
        })?;
    let last_day: Option<NaiveDate> = entity::spend::Entity::find_in_workspace(ws.id)
        .select_only()
        .column_as(
            Expr::from(Func::max(Expr::col(entity::spend::Column::Date))),
            "d",
        )
        .into_tuple()
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .flatten();
    let last_day = last_day.ok_or("the workspace has no spend")?;
    let token = create_api_token(db, ws.id, "bench", &[Scope::ReportsRead], None, None)
        .await
        .map_err(|e| e.to_string())?
        .secret;
    println!(
        "database {:?}, cache {}, workspace {slug}, year ending {last_day}",
        state.db.backend(),
        state.cache.backend_name()
    );
    let server = Server::bind(state).await.map_err(|e| e.to_string())?;
    let url = format!("http://{}/graphql", server.addr);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async move {
        let _ = stopped.await;
    }));
    Ok((
        Target {
            url,
            token,
            last_day,
        },
        stop,
    ))
}

/// The 1-year range ending `shift` days before the last day.
fn year_body(last_day: NaiveDate, shift: i64) -> Vec<u8> {
    let to = last_day - Days::days(shift);
    let from = to - Days::days(364);
    let body =
        json!({ "query": PERFORMANCE, "variables": { "range": { "from": from, "to": to } } });
    serde_json::to_vec(&body).unwrap_or_default()
}

async fn scenarios(target: Target) -> Result<(), String> {
    let requests = knob("BENCH_REQUESTS", 3_000);
    let concurrency = knob("BENCH_CONCURRENCY", 8);
    let cold_requests = knob("BENCH_COLD_REQUESTS", 24);
    let cold_concurrency = knob("BENCH_COLD_CONCURRENCY", 4);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency.max(cold_concurrency))
        .build()
        .map_err(|e| e.to_string())?;
    let target = Arc::new(target);
    let trivial = serde_json::to_vec(&json!({ "query": "{ __typename }" })).unwrap_or_default();
    let warm = year_body(target.last_day, 0);

    // Warm-up: connections, and the warm report's single computation.
    load::post_checked(&client, &target.url, &target.token, warm.clone(), None).await?;
    load::post_checked(
        &client,
        &target.url,
        &target.token,
        warm.clone(),
        Some("HIT"),
    )
    .await?;

    let mut table = Vec::new();
    let (c, t) = (client.clone(), Arc::clone(&target));
    let stats = load::run(requests, concurrency, move |_| {
        let (c, t, body) = (c.clone(), Arc::clone(&t), trivial.clone());
        async move { load::post_checked(&c, &t.url, &t.token, body, None).await }
    })
    .await?;
    table.push(("{ __typename }", stats));

    let (c, t) = (client.clone(), Arc::clone(&target));
    let stats = load::run(requests, concurrency, move |_| {
        let (c, t, body) = (c.clone(), Arc::clone(&t), warm.clone());
        async move { load::post_checked(&c, &t.url, &t.token, body, Some("HIT")).await }
    })
    .await?;
    table.push(("performance, warm (1 year, CHANNEL)", stats));

    let (c, t) = (client.clone(), Arc::clone(&target));
    let stats = load::run(cold_requests, cold_concurrency, move |i| {
        // Ranges shifted by 1..=n days: each request misses and computes.
        let body = year_body(t.last_day, i as i64 + 1);
        let (c, t) = (c.clone(), Arc::clone(&t));
        async move { load::post_checked(&c, &t.url, &t.token, body, Some("MISS")).await }
    })
    .await?;
    table.push(("performance, cold (1 year, CHANNEL)", stats));

    println!(
        "\n| scenario | requests | concurrency | p50 ms | p99 ms | req/s |\n|---|---:|---:|---:|---:|---:|"
    );
    for (name, s) in &table {
        println!(
            "| {name} | {} | {} | {:.2} | {:.2} | {:.0} |",
            s.requests,
            s.concurrency,
            s.p50.as_secs_f64() * 1e3,
            s.p99.as_secs_f64() * 1e3,
            s.per_sec
        );
    }
    let ratio = table[1].1.per_sec / table[0].1.per_sec;
    println!(
        "\nwarm throughput / trivial throughput = {:.0}%",
        ratio * 100.0
    );
    Ok(())
}

fn main() -> ExitCode {
    let runtime = |workers| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .enable_all()
            .build()
    };
    let (Ok(server_rt), Ok(client_rt)) = (runtime(2), runtime(1)) else {
        eprintln!("cannot start the Tokio runtimes");
        return ExitCode::FAILURE;
    };
    let started = server_rt.block_on(start_server());
    let (target, stop) = match started {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = client_rt.block_on(scenarios(target));
    let _ = stop.send(());
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
