//! Reports on `demo-data --scale large` in PostgreSQL (issue 5, item 7):
//!
//! * a cold 1-year CHANNEL `performance` report (FIRST_TOUCH), beside the equivalent
//!   hand-written SQL (`reports_first_touch_channel.sql`) run by `psql` in the same run, with
//!   both results checked equal;
//! * every attribution model over the full data, each in a fresh process: time and peak RSS.
//!
//! ```sh
//! BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/leadsource_bench \
//!   cargo bench -p leadsource --bench reports
//! ```
//!
//! The database is created if missing, migrated, and filled with the large demo data set
//! (about 1M leads and 4M touchpoints; the `leadsource demo-data` command) unless it holds
//! the demo workspace already. "Cold" means a fresh process and connection pool and no report
//! cache; the database's own buffers are whatever the machine has.

use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use leadsource::db::{Database, connect};
use leadsource::services::attribution::Model;
use leadsource::services::report::{
    self, AttributionArgs, AttributionSettings, DateRange, Dimension, PerformanceArgs,
    ReportFilter, model_serde,
};
use leadsource::services::workspace::find_workspace_by_slug;
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

const SQL: &str = include_str!("reports_first_touch_channel.sql");
const SLUG: &str = "demo";
const RUNS: usize = 5;

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Fallible<()> {
    let args: Vec<String> = std::env::args().collect();
    let Ok(url) = std::env::var("BENCH_DATABASE_URL") else {
        eprintln!("reports bench skipped: set BENCH_DATABASE_URL=postgres://…/leadsource_bench");
        return Ok(());
    };
    let runtime = tokio::runtime::Runtime::new()?;
    match args.iter().position(|a| a == "--child") {
        Some(i) => runtime.block_on(child(&url, &args[i + 1..])),
        None => runtime.block_on(parent(&url)),
    }
}

#[derive(Debug, FromQueryResult)]
struct Span {
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    leads: i64,
}

async fn workspace_span(db: &Database, ws: i64) -> Fallible<Span> {
    let sql = format!(
        "SELECT MIN(created_on) AS first, MAX(created_on) AS last, COUNT(*) AS leads \
         FROM lead WHERE workspace_id = {ws}"
    );
    let stmt = Statement::from_string(db.backend(), sql);
    Span::find_by_statement(stmt)
        .one(&db.conn)
        .await?
        .ok_or_else(|| "no lead statistics".into())
}

async fn count(db: &Database, table: &str, ws: i64) -> Fallible<i64> {
    #[derive(FromQueryResult)]
    struct N {
        n: i64,
    }
    let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE workspace_id = {ws}");
    let n = N::find_by_statement(Statement::from_string(db.backend(), sql))
        .one(&db.conn)
        .await?;
    Ok(n.map_or(0, |n| n.n))
}

/// Creates the database named by `url` when missing (through the server's `postgres` db).
async fn ensure_database(url: &str) -> Fallible<()> {
    let (server, name) = url
        .rsplit_once('/')
        .ok_or("BENCH_DATABASE_URL has no database")?;
    let name = name.split('?').next().unwrap_or(name);
    let admin = connect(&format!("{server}/postgres"), 1).await?;
    let sql = format!("SELECT COUNT(*) AS n FROM pg_database WHERE datname = '{name}'");
    #[derive(FromQueryResult)]
    struct N {
        n: i64,
    }
    let found = N::find_by_statement(Statement::from_string(admin.backend(), sql))
        .one(&admin.conn)
        .await?;
    if found.is_none_or(|n| n.n == 0) {
        admin
            .conn
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
    }
    Ok(())
}

/// Opens the bench database, writing the large demo data set first when it is not there.
async fn prepare(url: &str) -> Fallible<(Database, i64)> {
    ensure_database(url).await?;
    let db = connect(url, 4).await?;
    db.migrate().await?;
    let existing = find_workspace_by_slug(&db.conn, SLUG).await?;
    let filled = match &existing {
        Some(ws) => workspace_span(&db, ws.id).await?.leads > 0,
        None => false,
    };
    if !filled {
        eprintln!("writing demo-data --scale large (once; several minutes)…");
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_leadsource"))
            .args(["demo-data", "--scale", "large", "--workspace", SLUG])
            .env("DATABASE_URL", url)
            .env("LOG", "warn")
            .status()?;
        if !status.success() {
            return Err(format!("demo-data failed: {status}").into());
        }
        db.conn.execute_unprepared("ANALYZE").await?;
        eprintln!(
            "demo data written in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    let ws = find_workspace_by_slug(&db.conn, SLUG)
        .await?
        .ok_or("the demo workspace is missing")?;
    Ok((db, ws.id))
}

fn range(first: NaiveDate, last: NaiveDate) -> Fallible<DateRange> {
    Ok(DateRange::new("range", first, last)?)
}

fn channel_report_args(year: DateRange) -> Fallible<PerformanceArgs> {
    Ok(PerformanceArgs::new(
        year,
        Dimension::Channel,
        Model::FirstTouch,
        AttributionSettings::default(),
        None,
        None,
        ReportFilter::default(),
    )?)
}

/// One line of the performance report as the SQL file prints it.
fn report_lines(r: &report::PerformanceReport) -> Vec<String> {
    let cents = |d: rust_decimal::Decimal| (d * rust_decimal::Decimal::ONE_HUNDRED).normalize();
    let mut lines: Vec<(i64, String)> = r
        .rows
        .iter()
        .map(|row| {
            let m = &row.metrics;
            let id = row.key.channel_id().unwrap_or_default();
            let spend = m.spend.map(cents).unwrap_or_default();
            let line = format!(
                "{id}|{}|{}|{}|{}|{}|{spend}",
                m.leads,
                m.converted_leads,
                m.new_customers,
                m.conversions.normalize(),
                cents(m.revenue)
            );
            (id, line)
        })
        .collect();
    lines.sort();
    lines.into_iter().map(|(_, l)| l).collect()
}

/// Runs the SQL file once with psql: (milliseconds from `\timing`, output rows).
fn psql(url: &str, ws: i64, year: DateRange) -> Fallible<(f64, Vec<String>)> {
    let path = std::env::temp_dir().join("leadsource_bench_first_touch_channel.sql");
    std::fs::write(&path, SQL)?;
    let out = Command::new("psql")
        .arg(url)
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
        .args(["-v", &format!("ws={ws}")])
        .args(["-v", &format!("from='{}'", year.from)])
        .args(["-v", &format!("to='{}'", year.to)])
        .args(["-c", "\\timing on", "-f"])
        .arg(&path)
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut ms = None;
    let mut rows = Vec::new();
    for line in text.lines() {
        if let Some(t) = line.strip_prefix("Time: ") {
            ms = t
                .split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok());
        } else if !line.is_empty() && !line.starts_with("Timing") {
            rows.push(line.to_owned());
        }
    }
    Ok((ms.ok_or("psql printed no timing")?, rows))
}

fn min(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(f64::INFINITY, f64::min)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs this benchmark binary as a child doing one measurement; returns its JSON answer.
fn spawn_child(args: &[&str]) -> Fallible<serde_json::Value> {
    let out = Command::new(std::env::current_exe()?)
        .arg("--child")
        .args(args)
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

async fn parent(url: &str) -> Fallible<()> {
    let (db, ws) = prepare(url).await?;
    let span = workspace_span(&db, ws).await?;
    let (first, last) = (span.first.ok_or("no leads")?, span.last.ok_or("no leads")?);
    let year = range(last - chrono::Days::new(364), last)?;
    let all = range(first, last)?;
    println!(
        "leadsource reports benchmark: demo-data --scale large on PostgreSQL, {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "data: {} leads, {} touchpoints, {} conversions, {} spend rows; leads from {first} to {last}",
        span.leads,
        count(&db, "touchpoint", ws).await?,
        count(&db, "conversion", ws).await?,
        count(&db, "spend", ws).await?,
    );

    println!(
        "\nperformance(range: {} … {}, dimension: CHANNEL, attribution: FIRST_TOUCH), {RUNS} runs each",
        year.from, year.to
    );
    // The first run of each side: ours in a fresh process (new pool, nothing prepared).
    let cold = spawn_child(&["performance", &year.from.to_string(), &year.to.to_string()])?;
    let (sql_first, rows) = psql(url, ws, year)?;
    let args = channel_report_args(year)?;
    let cold_ms = cold["ms"].as_f64().unwrap_or(f64::NAN);
    let (mut ours, mut theirs) = (vec![cold_ms], vec![sql_first]);
    let mut report = None;
    for _ in 1..RUNS {
        let started = Instant::now();
        report = Some(report::performance(&db.conn, ws, &args).await?);
        ours.push(started.elapsed().as_secs_f64() * 1000.0);
        theirs.push(psql(url, ws, year)?.0);
    }
    let same = report.as_ref().map(report_lines) == Some(rows);
    let (ours_min, theirs_min) = (min(&ours), min(&theirs));
    let (ours_med, theirs_med) = (median(ours), median(theirs));
    println!("  {:<30} {:>9} {:>9} {:>9}", "", "first", "min", "median");
    for (who, first, low, mid) in [
        ("leadsource", cold_ms, ours_min, ours_med),
        (
            "hand-written SQL run by psql",
            sql_first,
            theirs_min,
            theirs_med,
        ),
    ] {
        println!("  {who:<30} {first:>6.0} ms {low:>6.0} ms {mid:>6.0} ms");
    }
    println!(
        "  leadsource / psql: first {:.2}×, min {:.2}×, median {:.2}×; identical numbers: {same}",
        cold_ms / sql_first,
        ours_min / theirs_min,
        ours_med / theirs_med,
    );

    println!(
        "\nattribution over all data ({} … {}), each model in a fresh process",
        all.from, all.to
    );
    println!(
        "  {:<16} {:>9} {:>14} {:>10} {:>12}",
        "model", "time", "peak RSS", "journeys", "conversions"
    );
    for model in Model::ALL {
        let r = spawn_child(&[
            "attribution",
            model.name(),
            &all.from.to_string(),
            &all.to.to_string(),
        ])?;
        println!(
            "  {:<16} {:>7.2} s {:>11.0} MB {:>10} {:>12}",
            model.name(),
            r["ms"].as_f64().unwrap_or(f64::NAN) / 1000.0,
            r["peak_rss_kb"].as_f64().unwrap_or(f64::NAN) / 1024.0,
            r["journeys"],
            r["conversions"].as_str().unwrap_or_default(),
        );
    }
    Ok(())
}

/// Peak resident set size of this process in KiB (`VmHWM`), 0 where unknown.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

async fn child(url: &str, args: &[String]) -> Fallible<()> {
    let date =
        |i: usize| -> Fallible<NaiveDate> { Ok(args.get(i).ok_or("missing date")?.parse()?) };
    let db = connect(url, 4).await?;
    let ws = find_workspace_by_slug(&db.conn, SLUG)
        .await?
        .ok_or("the demo workspace is missing")?
        .id;
    let answer = match args.first().map(String::as_str) {
        Some("performance") => {
            let a = channel_report_args(range(date(1)?, date(2)?)?)?;
            let started = Instant::now();
            let r = report::performance(&db.conn, ws, &a).await?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            serde_json::json!({ "ms": ms, "rows": r.rows.len(), "peak_rss_kb": peak_rss_kb() })
        }
        Some("attribution") => {
            let name = args.get(1).ok_or("missing model")?;
            let model = model_serde::parse(name).ok_or("unknown model")?;
            let a = AttributionArgs::new(
                range(date(2)?, date(3)?)?,
                model,
                AttributionSettings::default(),
            );
            let started = Instant::now();
            let r = report::attribution(&db.conn, ws, &a).await?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            serde_json::json!({
                "ms": ms, "peak_rss_kb": peak_rss_kb(), "journeys": r.journeys,
                "conversions": r.conversions.to_string(),
            })
        }
        other => return Err(format!("unknown child task {other:?}").into()),
    };
    println!("{answer}");
    Ok(())
}
