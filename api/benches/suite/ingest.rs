//! Ingestion through the HTTP API beside `COPY` of the same rows (issue 4): spend rows in
//! 10k-row `recordSpend` calls, and leads (each with its first touchpoint) in 10k-row
//! `captureLeads` calls, into a fresh PostgreSQL database per run. Request bodies and COPY data
//! are built before the clock starts; every response is checked, and the rows are counted.

use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use sea_orm::{EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use entity::{lead, touchpoint};
use leadsource::auth::Scope;
use leadsource::services::api_token::create_api_token;
use leadsource::services::campaign::{CampaignChanges, create_campaign};
use leadsource::services::channel::default_channels;
use leadsource::services::classify::ChannelGroup;
use leadsource::services::workspace::{NewWorkspace, create_workspace};
use leadsource::state::AppState;

use super::options::Options;
use super::table::{Row, Table, Unit};
use super::{Fallible, data, server};

const CAMPAIGNS: usize = 100;
const BATCH: usize = 10_000;
const DATABASE: &str = "leadsource_bench_ingest";

/// How many rows each run loads.
struct Sizes {
    spend: usize,
    leads: usize,
}

/// One run's four timings.
struct Timings {
    spend_api: Duration,
    spend_copy: Duration,
    leads_api: Duration,
    leads_copy: Duration,
}

pub async fn run(options: &Options, table: &mut Table) -> Fallible<()> {
    let sizes = if options.quick {
        Sizes {
            spend: 20_000,
            leads: 10_000,
        }
    } else {
        Sizes {
            spend: 200_000,
            leads: 100_000,
        }
    };
    table.section(format!(
        "Ingestion into PostgreSQL: {} spend rows and {} leads through the API in {BATCH}-row calls, beside COPY of the same rows",
        sizes.spend, sizes.leads
    ));
    let mut runs = Vec::new();
    for _ in 0..options.runs {
        runs.push(one_run(options, &sizes).await?);
    }
    data::drop(&options.postgres, DATABASE).await?;
    let rate = |rows: usize, d: &Duration| rows as f64 / d.as_secs_f64();
    let series = |f: &dyn Fn(&Timings) -> f64| runs.iter().map(f).collect::<Vec<f64>>();
    let spend_api = series(&|t| rate(sizes.spend, &t.spend_api));
    let spend_copy = series(&|t| rate(sizes.spend, &t.spend_copy));
    let leads_api = series(&|t| rate(sizes.leads, &t.leads_api));
    let leads_copy = series(&|t| rate(sizes.leads, &t.leads_copy));
    let mid = |xs: &[f64]| super::stats::Summary::of(xs).median;
    let ratio = |api: &[f64], copy: &[f64]| {
        let r: Vec<f64> = api.iter().zip(copy).map(|(a, c)| c / a).collect();
        mid(&r)
    };
    table.push(
        Row::new("spend rows via `recordSpend`", Unit::RowsPerSec, &spend_api)
            .beside("COPY", &spend_api, &spend_copy)
            .target(
                "≥ 50,000 rows/s and ≤ 3× COPY time",
                mid(&spend_api) >= 50_000.0 && ratio(&spend_api, &spend_copy) <= 3.0,
            ),
    );
    table.push(
        Row::new(
            "leads (+ first touchpoint) via `captureLeads`",
            Unit::RowsPerSec,
            &leads_api,
        )
        .beside("COPY (lead + touchpoint)", &leads_api, &leads_copy)
        .target(
            "≥ 20,000 leads/s and ≤ 3× COPY time",
            mid(&leads_api) >= 20_000.0 && ratio(&leads_api, &leads_copy) <= 3.0,
        ),
    );
    Ok(())
}

async fn one_run(options: &Options, sizes: &Sizes) -> Fallible<Timings> {
    data::recreate(&options.postgres, DATABASE).await?;
    let url = options.database_url(DATABASE);
    let running = server::start(server::settings(&url, None)?).await?;
    let state = running.state.clone();
    let api = Tenant::create(&state, "api").await?;
    let copy = Tenant::create(&state, "copy").await?;

    let spend_api = push(&running.url, &api.token, spend_bodies(sizes.spend)?).await?;
    expect_rows(&state, "spend", api.id, sizes.spend).await?;
    let spend_copy = copy_spend(&state, &copy, sizes.spend).await?;
    expect_rows(&state, "spend", copy.id, sizes.spend).await?;

    let leads_api = push(&running.url, &api.token, lead_bodies(sizes.leads)?).await?;
    expect_rows(&state, "lead", api.id, sizes.leads).await?;
    expect_rows(&state, "touchpoint", api.id, sizes.leads).await?;
    let leads_copy = copy_leads(&state, &api, &copy).await?;
    expect_rows(&state, "lead", copy.id, sizes.leads).await?;
    running.stop().await;
    Ok(Timings {
        spend_api,
        spend_copy,
        leads_api,
        leads_copy,
    })
}

/// Fails unless `table` holds exactly `expected` rows of the workspace.
async fn expect_rows(state: &AppState, table: &str, ws: i64, expected: usize) -> Fallible<()> {
    let got = data::count(&state.db, table, ws).await?;
    if usize::try_from(got).ok() != Some(expected) {
        return Err(format!("{table}: expected {expected} rows, found {got}").into());
    }
    Ok(())
}

/// A workspace with its campaigns `c0`…`c99` on the default Paid Search channel and a token.
struct Tenant {
    id: i64,
    token: String,
    campaign_ids: Vec<i64>,
}

impl Tenant {
    async fn create(state: &AppState, slug: &str) -> Fallible<Self> {
        let db = &state.db.conn;
        let ws = create_workspace(
            db,
            NewWorkspace {
                name: slug.to_owned(),
                slug: slug.to_owned(),
                currency: "EUR".to_owned(),
                timezone: "UTC".to_owned(),
            },
        )
        .await?;
        let minted = create_api_token(db, ws.id, "bench", &Scope::ALL, None, None).await?;
        // The campaigns are made as the bench's token (their audit entries say so).
        let principal = leadsource::auth::Principal {
            workspace_id: ws.id,
            actor: leadsource::auth::Actor::Token {
                token_id: minted.token.id,
                scopes: Scope::ALL.to_vec(),
            },
        };
        let token = minted.secret;
        let channel = default_channels(db, ws.id)
            .await?
            .get(&ChannelGroup::PaidSearch)
            .copied()
            .ok_or("no Paid Search channel")?;
        let mut campaign_ids = Vec::with_capacity(CAMPAIGNS);
        for c in 0..CAMPAIGNS {
            let changes = CampaignChanges {
                channel_id: Some(channel),
                name: Some(format!("Campaign {c}")),
                utm_campaign: Some(Some(format!("c{c}"))),
                ..Default::default()
            };
            campaign_ids.push(create_campaign(db, &principal, changes).await?.id);
        }
        Ok(Self {
            id: ws.id,
            token,
            campaign_ids,
        })
    }
}

/// Spend row `i`: campaign `i % 100`, `1 + i / 100` days ago, deterministic values.
fn spend_row(i: usize) -> (usize, chrono::NaiveDate, i64, i64, i64) {
    let day = Utc::now().date_naive() - Days::new(1 + (i / CAMPAIGNS) as u64);
    let cents = (i as i64 * 7919) % 500_000;
    (i % CAMPAIGNS, day, cents, cents * 3, cents / 40)
}

fn spend_bodies(rows: usize) -> Fallible<Vec<Vec<u8>>> {
    let query = "mutation($e: [SpendInput!]!) { recordSpend(entries: $e) { inserted updated } }";
    let mut bodies = Vec::new();
    for start in (0..rows).step_by(BATCH) {
        let entries: Vec<Value> = (start..(start + BATCH).min(rows))
            .map(|i| {
                let (c, day, cents, impressions, clicks) = spend_row(i);
                json!({
                    "utmCampaign": format!("c{c}"),
                    "date": day.to_string(),
                    "amount": format!("{}.{:02}", cents / 100, cents % 100),
                    "impressions": impressions,
                    "clicks": clicks,
                })
            })
            .collect();
        bodies.push(serde_json::to_vec(
            &json!({ "query": query, "variables": { "e": entries } }),
        )?);
    }
    Ok(bodies)
}

/// Lead `i`: a mix of paid, organic, referral and direct sources, created over the last year.
fn lead_input(i: usize) -> Value {
    let created = Utc::now() - chrono::Duration::minutes(1 + (i as i64 * 5) % 525_600);
    let mut lead = json!({
        "externalId": format!("lead-{i}"),
        "email": format!("person{i}@example{}.com", i % 50),
        "name": format!("Person {i}"),
        "company": format!("Company {}", i % 997),
        "createdAt": created.to_rfc3339(),
    });
    let source = match i % 5 {
        0 => {
            json!({ "landingPage": format!("https://acme.com/pricing?utm_source=google&utm_medium=cpc&utm_campaign=c{}", i % CAMPAIGNS) })
        }
        1 => {
            json!({ "utmSource": "facebook", "utmMedium": "paid_social", "utmCampaign": format!("c{}", i % CAMPAIGNS) })
        }
        2 => {
            json!({ "referrer": "https://www.google.com/", "landingPage": "https://acme.com/blog/attribution" })
        }
        3 => json!({ "utmSource": "newsletter", "utmMedium": "email", "utmCampaign": "monthly" }),
        _ => json!({ "landingPage": "https://acme.com/" }),
    };
    if let (Some(l), Some(s)) = (lead.as_object_mut(), source.as_object()) {
        l.extend(s.clone());
    }
    lead
}

fn lead_bodies(leads: usize) -> Fallible<Vec<Vec<u8>>> {
    let query = "mutation($l: [LeadInput!]!) { captureLeads(inputs: $l) { created updated } }";
    let mut bodies = Vec::new();
    for start in (0..leads).step_by(BATCH) {
        let inputs: Vec<Value> = (start..(start + BATCH).min(leads))
            .map(lead_input)
            .collect();
        bodies.push(serde_json::to_vec(
            &json!({ "query": query, "variables": { "l": inputs } }),
        )?);
    }
    Ok(bodies)
}

/// POSTs each body in turn, failing on any GraphQL error; returns the wall time.
async fn push(url: &str, token: &str, bodies: Vec<Vec<u8>>) -> Fallible<Duration> {
    let client = reqwest::Client::new();
    let started = Instant::now();
    for body in bodies {
        let resp = client
            .post(url)
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        let status = resp.status();
        let text = resp.text().await?;
        let answer: Value = serde_json::from_str(&text).map_err(|_| {
            format!(
                "HTTP {status}: {}",
                text.chars().take(200).collect::<String>()
            )
        })?;
        if answer.get("errors").is_some_and(|e| !e.is_null()) {
            return Err(format!("API error: {answer}").into());
        }
    }
    Ok(started.elapsed())
}

/// COPYs `data` (CSV) with `statement`; returns the time of the COPY alone.
async fn copy_csv(state: &AppState, statement: &str, data: Vec<u8>) -> Fallible<Duration> {
    let pool = state.db.conn.get_postgres_connection_pool();
    let mut conn = pool.acquire().await?;
    let started = Instant::now();
    let mut copy = conn.copy_in_raw(statement).await?;
    copy.send(data).await?;
    copy.finish().await?;
    Ok(started.elapsed())
}

async fn copy_spend(state: &AppState, tenant: &Tenant, rows: usize) -> Fallible<Duration> {
    let now = Utc::now().to_rfc3339();
    let mut csv = csv::Writer::from_writer(Vec::new());
    for i in 0..rows {
        let (c, day, cents, impressions, clicks) = spend_row(i);
        csv.write_record([
            tenant.id.to_string(),
            tenant.campaign_ids[c].to_string(),
            day.to_string(),
            cents.to_string(),
            impressions.to_string(),
            clicks.to_string(),
            now.clone(),
        ])?;
    }
    let statement = "COPY spend (workspace_id, campaign_id, date, amount_cents, impressions, clicks, updated_at) FROM STDIN WITH (FORMAT csv)";
    copy_csv(state, statement, csv.into_inner()?).await
}

/// COPYs the lead and first-touch rows the API stored for `from` into `to`'s workspace: the same
/// rows, so both paths write the same data. Reading them back and mapping ids is not timed.
async fn copy_leads(state: &AppState, from: &Tenant, to: &Tenant) -> Fallible<Duration> {
    let db = &state.db.conn;
    let leads = lead::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(
            &lead::Column::WorkspaceId,
            from.id,
        ))
        .order_by_asc(lead::Column::Id)
        .all(db)
        .await?;
    let campaign = |id: Option<i64>| {
        id.and_then(|id| from.campaign_ids.iter().position(|c| *c == id))
            .map(|i| to.campaign_ids[i])
    };
    let channel_of = channel_map(state, from.id, to.id).await?;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut csv = csv::Writer::from_writer(Vec::new());
    for l in &leads {
        csv.write_record([
            to.id.to_string(),
            l.external_id.clone(),
            text(&l.email),
            text(&l.name),
            text(&l.company),
            l.status.clone(),
            l.created_at.to_rfc3339(),
            l.created_on.to_string(),
            channel_of(l.channel_id).to_string(),
            campaign(l.campaign_id)
                .map(|c| c.to_string())
                .unwrap_or_default(),
            text(&l.utm_source),
            text(&l.utm_medium),
            text(&l.utm_campaign),
            text(&l.utm_term),
            text(&l.utm_content),
            text(&l.referrer),
            text(&l.landing_page),
            l.updated_at.to_rfc3339(),
        ])?;
    }
    let statement = "COPY lead (workspace_id, external_id, email, name, company, status, created_at, created_on, channel_id, campaign_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content, referrer, landing_page, updated_at) FROM STDIN WITH (FORMAT csv)";
    let lead_time = copy_csv(state, statement, csv.into_inner()?).await?;

    let new_ids: Vec<i64> = lead::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(&lead::Column::WorkspaceId, to.id))
        .order_by_asc(lead::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let id_of: std::collections::HashMap<i64, i64> =
        leads.iter().map(|l| l.id).zip(new_ids).collect();
    let touches = touchpoint::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(
            &touchpoint::Column::WorkspaceId,
            from.id,
        ))
        .all(db)
        .await?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    for t in &touches {
        csv.write_record([
            to.id.to_string(),
            id_of
                .get(&t.lead_id)
                .copied()
                .unwrap_or_default()
                .to_string(),
            t.occurred_at.to_rfc3339(),
            channel_of(t.channel_id).to_string(),
            campaign(t.campaign_id)
                .map(|c| c.to_string())
                .unwrap_or_default(),
            text(&t.utm_source),
            text(&t.utm_medium),
            text(&t.utm_campaign),
            text(&t.utm_term),
            text(&t.utm_content),
            text(&t.referrer),
            text(&t.landing_page),
        ])?;
    }
    let statement = "COPY touchpoint (workspace_id, lead_id, occurred_at, channel_id, campaign_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content, referrer, landing_page) FROM STDIN WITH (FORMAT csv)";
    let touch_time = copy_csv(state, statement, csv.into_inner()?).await?;
    Ok(lead_time + touch_time)
}

/// Maps `from`'s default channel ids to `to`'s, by channel group.
async fn channel_map(state: &AppState, from: i64, to: i64) -> Fallible<impl Fn(i64) -> i64> {
    let db = &state.db.conn;
    let theirs = default_channels(db, to).await?;
    let map: std::collections::HashMap<i64, i64> = default_channels(db, from)
        .await?
        .into_iter()
        .filter_map(|(group, id)| theirs.get(&group).map(|t| (id, *t)))
        .collect();
    Ok(move |id: i64| map.get(&id).copied().unwrap_or_default())
}
