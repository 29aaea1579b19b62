//! "Dashboard under ingestion" (issue 13): the repeated 1-year CHANNEL `performance`
//! question from 8 clients while one client captures a lead every second and another pushes a
//! 100-row spend batch every 10 s, for 60 s (10 s with `--quick`), over HTTP on PostgreSQL +
//! Redis, in a fresh process per run.
//!
//! Every write bumps the workspace's generation, so the readers keep missing the cache and
//! recomputing the report; with rollups a miss reads O(days × groups) rows. Every answer is
//! checked for freshness: its total of leads must count every lead whose capture was
//! acknowledged before the read was sent, or the run fails.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use serde_json::{Value, json};

use leadsource::auth::Scope;
use leadsource::services::api_token::create_api_token;

use super::options::Options;
use super::stats::Summary;
use super::table::{Row, Table, Unit};
use super::{Fallible, child, data, load, server};

const READERS: usize = 8;

const PERFORMANCE: &str = "query Dashboard($range: DateRange!) { \
    performance(range: $range, dimension: CHANNEL, attribution: FIRST_TOUCH) { \
    totals { leads conversions revenue spend roi roas cpl } \
    rows { key label metrics { leads conversions revenue spend roi roas cpl cac conversionRate } } } }";

/// Runs the scenario `options.runs` times; one table row per figure.
pub async fn run(options: &Options, url: &str, table: &mut Table) -> Fallible<()> {
    let seconds = if options.quick { "10" } else { "60" };
    table.section(format!(
        "Dashboard under ingestion, PostgreSQL + Redis: the repeated 1-year CHANNEL `performance` from {READERS} clients, \
         a `captureLead` every second and a 100-row `recordSpend` every 10 s, {seconds} s"
    ));
    let mut runs = Vec::new();
    for _ in 0..options.runs {
        runs.push(child::spawn(&["dashboard", url, &options.redis, seconds])?);
    }
    let series = |figure: &str| -> Fallible<Vec<f64>> {
        runs.iter()
            .map(|r| child::figure(r, &format!("/{figure}")))
            .collect()
    };
    let (p50, p99) = (series("p50_ms")?, series("p99_ms")?);
    let p50_row = Row::new("reads: p50", Unit::Ms, &p50);
    let p99_row = Row::new("reads: p99", Unit::Ms, &p99);
    if options.quick {
        table.push(p50_row);
        table.push(p99_row);
    } else {
        table.push(p50_row.target("≤ 25 ms", Summary::of(&p50).median <= 25.0));
        table.push(p99_row.target("≤ 150 ms", Summary::of(&p99).median <= 150.0));
    }
    table.push(Row::new("reads answered", Unit::Count, &series("reads")?));
    table.push(Row::new("leads captured", Unit::Count, &series("leads")?));
    table.push(Row::new(
        "spend batches pushed",
        Unit::Count,
        &series("spend_batches")?,
    ));
    table.note(
        "dashboard under ingestion: every read checked fresh (its lead total counts every capture \
         acknowledged before it was sent)",
    );
    Ok(())
}

/// The child: a server on its own runtime, the clients on another.
pub fn child(args: &[String]) -> Fallible<Value> {
    let [database_url, redis_url, seconds] = args else {
        return Err("dashboard: DATABASE_URL REDIS_URL SECONDS".into());
    };
    let seconds: u64 = seconds.parse()?;
    let (server_rt, client_rt) = server::runtimes()?;
    let (running, token, utms, tz) = server_rt.block_on(async {
        let running = server::start(server::settings(database_url, Some(redis_url))?).await?;
        let db = &running.state.db;
        let span = data::span(db)
            .await?
            .ok_or("the demo workspace has no leads")?;
        let token = create_api_token(
            &db.conn,
            span.workspace_id,
            "bench dashboard",
            &[Scope::ReportsRead, Scope::LeadsWrite, Scope::SpendWrite],
            None,
            None,
        )
        .await?
        .secret;
        let ws =
            leadsource::services::workspace::find_workspace(&db.conn, span.workspace_id).await?;
        let utms = data::campaign_utms(db, span.workspace_id).await?;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>((
            running,
            token,
            utms,
            leadsource::services::workspace::timezone_of(&ws),
        ))
    })?;
    let url = running.url.clone();
    let today = Utc::now().with_timezone(&tz).date_naive();
    let range = json!({ "from": today - Days::days(364), "to": today });
    let outcome = client_rt.block_on(scenario(
        url,
        token,
        range,
        utms,
        Duration::from_secs(seconds),
    ));
    server_rt.block_on(running.stop());
    outcome
}

fn body(query: &str, variables: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({ "query": query, "variables": variables })).unwrap_or_default()
}

async fn scenario(
    url: String,
    token: String,
    range: Value,
    utms: Vec<String>,
    length: Duration,
) -> Fallible<Value> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(READERS + 2)
        .build()?;
    let target = Arc::new((client, url, token));
    let read = body(PERFORMANCE, json!({ "range": range }));
    let (client, url, token) = &*target;
    let first = load::post_checked(client, url, token, read.clone(), None).await?;
    let base = first["performance"]["totals"]["leads"]
        .as_i64()
        .ok_or("no lead total")?;
    // Leads whose capture was acknowledged: every read sent after must count them.
    let acked = Arc::new(AtomicI64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let leads = tokio::spawn(capture_leads(
        Arc::clone(&target),
        Arc::clone(&acked),
        Arc::clone(&done),
    ));
    let spend = tokio::spawn(push_spend(Arc::clone(&target), utms, Arc::clone(&done)));
    let mut readers = Vec::new();
    for _ in 0..READERS {
        let (target, acked, done, read) = (
            Arc::clone(&target),
            Arc::clone(&acked),
            Arc::clone(&done),
            read.clone(),
        );
        readers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while !done.load(Ordering::Relaxed) {
                let expected = base + acked.load(Ordering::SeqCst);
                let t = Instant::now();
                let (client, url, token) = &*target;
                let data = load::post_checked(client, url, token, read.clone(), None).await?;
                latencies.push(t.elapsed());
                let got = data["performance"]["totals"]["leads"]
                    .as_i64()
                    .unwrap_or(-1);
                if got < expected {
                    done.store(true, Ordering::Relaxed);
                    return Err(format!(
                        "stale answer: {got} leads, {expected} acknowledged before the read"
                    ));
                }
            }
            Ok::<_, String>(latencies)
        }));
    }
    tokio::time::sleep(length).await;
    done.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    for reader in readers {
        latencies.extend(reader.await.map_err(|e| e.to_string())??);
    }
    let leads = leads.await.map_err(|e| e.to_string())??;
    let spend_batches = spend.await.map_err(|e| e.to_string())??;
    latencies.sort_unstable();
    let ms = |pct: f64| {
        if latencies.is_empty() {
            return f64::NAN;
        }
        load::percentile(&latencies, pct).as_secs_f64() * 1e3
    };
    Ok(json!({
        "p50_ms": ms(50.0),
        "p99_ms": ms(99.0),
        "reads": latencies.len(),
        "leads": leads,
        "spend_batches": spend_batches,
        "seconds": started.elapsed().as_secs_f64(),
    }))
}

/// One `captureLead` per second until `done`; answers how many were acknowledged.
async fn capture_leads(
    target: Arc<(reqwest::Client, String, String)>,
    acked: Arc<AtomicI64>,
    done: Arc<AtomicBool>,
) -> Result<i64, String> {
    let run = format!("{:x}", rand::random::<u64>());
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut n = 0;
    while !done.load(Ordering::Relaxed) {
        tick.tick().await;
        n += 1;
        let input = json!({
            "externalId": format!("bench-dashboard-{run}-{n}"),
            "email": format!("lead-{run}-{n}@example.com"),
            "utmSource": "google",
            "utmMedium": "cpc",
        });
        let (client, url, token) = &*target;
        load::post_checked(
            client,
            url,
            token,
            body(
                "mutation($i: LeadInput!) { captureLead(input: $i) { id } }",
                json!({ "i": input }),
            ),
            None,
        )
        .await?;
        acked.fetch_add(1, Ordering::SeqCst);
    }
    Ok(acked.load(Ordering::SeqCst))
}

/// A 100-row `recordSpend` every 10 s (days of the last weeks sent again: replaced).
async fn push_spend(
    target: Arc<(reqwest::Client, String, String)>,
    utms: Vec<String>,
    done: Arc<AtomicBool>,
) -> Result<u64, String> {
    if utms.is_empty() {
        return Err("the demo workspace has no campaign with a utmCampaign".into());
    }
    let today = Utc::now().date_naive();
    let mut tick = tokio::time::interval(Duration::from_secs(10));
    let mut batches = 0;
    while !done.load(Ordering::Relaxed) {
        tick.tick().await;
        let entries: Vec<Value> = (0..100)
            .map(|i| {
                json!({
                    "utmCampaign": utms[i % utms.len()],
                    "date": today - Days::days(1 + (i / utms.len()) as i64),
                    "amount": format!("{}.{:02}", 100 + i + batches as usize, i % 100),
                    "impressions": 1000 + i,
                    "clicks": 10 + i,
                })
            })
            .collect();
        let (client, url, token) = &*target;
        load::post_checked(
            client,
            url,
            token,
            body(
                "mutation($e: [SpendInput!]!) { recordSpend(entries: $e) { inserted updated } }",
                json!({ "e": entries }),
            ),
            None,
        )
        .await?;
        batches += 1;
    }
    Ok(batches)
}
