//! Reports on the PostgreSQL demo data (issue 5):
//!
//! * the 1-year CHANNEL `performance` report for FIRST_TOUCH and LAST_TOUCH, cold (a fresh
//!   process and connection pool, no report cache), from the rollups and from the raw tables
//!   (the streaming oracle), beside the equivalent hand-written SQL
//!   (`single_touch_channel.sql`) run by `psql` right after them, all three answers compared
//!   line by line;
//! * every attribution model over the whole data set, cold, each run in a fresh process:
//!   time and peak RSS, from the rollups beside the streaming
//!   engine on the raw tables, their credits compared.

use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use leadsource::db::connect;
use leadsource::services::attribution::Model;
use leadsource::services::report::{
    self, AttributionArgs, AttributionSettings, DateRange, Dimension, PerformanceArgs,
    PerformanceReport, ReportFilter, Via, model_serde,
};
use serde_json::json;

use super::data::Span;
use super::options::Options;
use super::table::{Row, Table, Unit};
use super::{Fallible, child};

const SQL: &str = include_str!("single_touch_channel.sql");

fn range(from: NaiveDate, to: NaiveDate) -> Fallible<DateRange> {
    Ok(DateRange::new("range", from, to)?)
}

/// The year ending on the last day with leads.
fn year(span: &Span) -> Fallible<DateRange> {
    range(span.last - chrono::Days::new(364), span.last)
}

fn performance_args(year: DateRange, model: Model) -> Fallible<PerformanceArgs> {
    Ok(PerformanceArgs::new(
        year,
        Dimension::Channel,
        model,
        AttributionSettings::default(),
        None,
        None,
        ReportFilter::default(),
    )?)
}

/// The report's rows as the SQL file prints them, sorted by channel id.
fn report_lines(r: &PerformanceReport) -> Vec<String> {
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

/// Runs the SQL file once with psql: (milliseconds from `\timing`, output lines).
fn psql(url: &str, ws: i64, year: DateRange, model: Model) -> Fallible<(f64, Vec<String>)> {
    let path = std::env::temp_dir().join(format!(
        "leadsource_bench_{}_single_touch_channel.sql",
        std::process::id()
    ));
    std::fs::write(&path, SQL)?;
    let dir = if model == Model::FirstTouch {
        "ASC"
    } else {
        "DESC"
    };
    let out = Command::new("psql")
        .arg(url)
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
        .args(["-v", &format!("ws={ws}")])
        .args(["-v", &format!("from='{}'", year.from)])
        .args(["-v", &format!("to='{}'", year.to)])
        .args(["-v", &format!("dir={dir}")])
        .args(["-c", "\\timing on", "-f"])
        .arg(&path)
        .output()?;
    let _ = std::fs::remove_file(&path);
    if !out.status.success() {
        return Err(format!("psql: {}", String::from_utf8_lossy(&out.stderr)).into());
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

/// Cold `performance` reports beside psql, for FIRST_TOUCH and LAST_TOUCH.
pub async fn performance(
    options: &Options,
    url: &str,
    span: &Span,
    table: &mut Table,
) -> Fallible<()> {
    let year = year(span)?;
    table.section(format!(
        "`performance(range: {} … {}, dimension: CHANNEL)`, cold: a fresh process and connection pool, no report cache",
        year.from, year.to
    ));
    for model in [Model::FirstTouch, Model::LastTouch] {
        let (mut rolled, mut streamed, mut theirs) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..options.runs {
            let cold = |via: &str| {
                child::spawn(&[
                    "performance",
                    url,
                    model.name(),
                    &year.from.to_string(),
                    &year.to.to_string(),
                    via,
                ])
            };
            let (from_rollups, from_raw) = (cold("auto")?, cold("raw")?);
            let (ms, expected) = psql(url, span.workspace_id, year, model)?;
            for (answer, what) in [(&from_rollups, "rollups"), (&from_raw, "raw tables")] {
                let lines: Vec<String> = serde_json::from_value(answer["lines"].clone())?;
                if lines != expected {
                    return Err(format!(
                        "performance {} from the {what} differs from the hand-written SQL:\n ours: {lines:?}\n psql: {expected:?}",
                        model.name()
                    )
                    .into());
                }
                if lines.is_empty() {
                    return Err("performance returned no rows on the demo data".into());
                }
            }
            rolled.push(child::figure(&from_rollups, "/ms")?);
            streamed.push(child::figure(&from_raw, "/ms")?);
            theirs.push(ms);
        }
        let row = Row::new(
            format!("attribution: {}, from the rollups", model.name()),
            Unit::Ms,
            &rolled,
        )
        .beside("the streaming engine on the raw tables", &rolled, &streamed);
        let median = super::stats::Summary::of(&rolled).median;
        table.push(if options.quick {
            row
        } else {
            row.target("≤ 50 ms", median <= 50.0)
        });
        let row = Row::new(
            format!("attribution: {}, raw tables (the oracle)", model.name()),
            Unit::Ms,
            &streamed,
        )
        .beside("hand-written SQL by `psql`", &streamed, &theirs);
        let met = row.ratio.is_some_and(|r| r.median <= 1.5);
        table.push(row.target("≤ 1.5× psql", met));
    }
    Ok(())
}

/// Every attribution model over all the data, each run in a fresh process.
pub async fn attribution(
    options: &Options,
    url: &str,
    span: &Span,
    table: &mut Table,
) -> Fallible<()> {
    table.section(format!(
        "`attribution` over all data ({} … {}), cold, each run in a fresh process: time and peak RSS",
        span.first, span.last
    ));
    let mut journeys = None;
    for model in Model::ALL {
        let data_driven = matches!(model, Model::Markov | Model::Shapley);
        let (mut secs, mut rss, mut raw_secs) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..options.runs {
            let cold = |via: &str| {
                child::spawn(&[
                    "attribution",
                    url,
                    model.name(),
                    &span.first.to_string(),
                    &span.last.to_string(),
                    via,
                ])
            };
            let r = cold("auto")?;
            if r["conversions"].as_str().is_none_or(|c| c == "0") {
                return Err(format!("attribution {} credited nothing", model.name()).into());
            }
            // The same question from the raw tables: the streaming engine, the oracle.
            let raw = cold("raw")?;
            if raw["credits"] != r["credits"] || raw["journeys"] != r["journeys"] {
                return Err(format!(
                    "attribution {} from the rollups differs from the raw tables:\n rollups: {}\n raw: {}",
                    model.name(),
                    r["credits"],
                    raw["credits"]
                )
                .into());
            }
            raw_secs.push(child::figure(&raw, "/ms")? / 1000.0);
            journeys = r["journeys"].as_u64().or(journeys);
            secs.push(child::figure(&r, "/ms")? / 1000.0);
            rss.push(child::figure(&r, "/peak_rss_mb")?);
        }
        let source = if data_driven {
            "the path rollups"
        } else {
            "the rollups"
        };
        let time = Row::new(
            format!("{} time, from {source}", model.name()),
            Unit::Seconds,
            &secs,
        )
        .beside("the streaming engine on the raw tables", &secs, &raw_secs);
        let memory = Row::new(format!("{} peak RSS", model.name()), Unit::Mb, &rss);
        if options.quick || !data_driven {
            table.push(time);
            table.push(memory);
        } else {
            let t = super::stats::Summary::of(&secs).median;
            let m = super::stats::Summary::of(&rss).median;
            table.push(time.target("≤ 250 ms", t <= 0.25));
            table.push(memory.target("≤ 100 MB", m <= 100.0));
        }
    }
    if let Some(n) = journeys {
        table.note(format!("attribution read {n} journeys"));
    }
    Ok(())
}

/// In a child process: one cold `performance` report.
pub async fn child_performance(args: &[String]) -> Fallible<serde_json::Value> {
    let [url, model, from, to, via] = args else {
        return Err("performance: URL MODEL FROM TO auto|raw".into());
    };
    let model = model_serde::parse(model).ok_or("unknown model")?;
    let via = match via.as_str() {
        "auto" => Via::Auto,
        "raw" => Via::Raw,
        other => return Err(format!("performance: via {other:?}").into()),
    };
    let db = connect(url, 4).await?;
    let span = super::data::span(&db)
        .await?
        .ok_or("the demo workspace is missing")?;
    let a = performance_args(range(from.parse()?, to.parse()?)?, model)?;
    let started = Instant::now();
    let r = report::performance_via(&db.conn, span.workspace_id, &a, via).await?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok(json!({ "ms": ms, "lines": report_lines(&r) }))
}

/// In a child process: one cold attribution report.
pub async fn child_attribution(args: &[String]) -> Fallible<serde_json::Value> {
    let [url, model, from, to, via] = args else {
        return Err("attribution: URL MODEL FROM TO auto|raw".into());
    };
    let model = model_serde::parse(model).ok_or("unknown model")?;
    let via = match via.as_str() {
        "auto" => Via::Auto,
        "raw" => Via::Raw,
        other => return Err(format!("attribution: via {other:?}").into()),
    };
    let db = connect(url, 4).await?;
    let span = super::data::span(&db)
        .await?
        .ok_or("the demo workspace is missing")?;
    let a = AttributionArgs::new(
        range(from.parse()?, to.parse()?)?,
        model,
        AttributionSettings::default(),
    );
    let started = Instant::now();
    let r = report::attribution_via(&db.conn, span.workspace_id, &a, via).await?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let credits: Vec<(Option<i64>, String, String)> = r
        .channels
        .iter()
        .map(|c| {
            (
                c.id,
                c.conversions.normalize().to_string(),
                c.revenue.normalize().to_string(),
            )
        })
        .collect();
    Ok(json!({
        "ms": ms,
        "peak_rss_mb": super::machine::peak_rss_mb(),
        "journeys": r.journeys,
        "conversions": r.conversions.to_string(),
        "credits": credits,
    }))
}
