//! Ingestion throughput on PostgreSQL: 200k spend rows and 100k leads pushed through the HTTP
//! API in 10k-row calls, then the same rows loaded with COPY, with rows/s for both and the ratio.
//!
//! `BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test cargo bench -p leadsource --bench ingest`
//!
//! The URL is an admin connection: the benchmark creates a fresh database next to it, starts the
//! server in-process on a loopback port, and drops the database at the end. Request bodies and
//! COPY data are built before the clock starts; responses are checked for errors.

use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use entity::{lead, touchpoint};
use leadsource::app::{Server, build_state};
use leadsource::auth::Scope;
use leadsource::config::Settings;
use leadsource::db::connect;
use leadsource::services::api_token::create_api_token;
use leadsource::services::campaign::{CampaignChanges, create_campaign};
use leadsource::services::channel::default_channels;
use leadsource::services::classify::ChannelGroup;
use leadsource::services::workspace::{NewWorkspace, create_workspace};
use leadsource::state::AppState;

const CAMPAIGNS: usize = 100;
const SPEND_ROWS: usize = 200_000;
const LEADS: usize = 100_000;
const BATCH: usize = 10_000;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

#[tokio::main]
async fn main() {
    let Ok(admin) = std::env::var("BENCH_DATABASE_URL") else {
        println!(
            "ingest bench skipped: set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test"
        );
        return;
    };
    let name = format!("ls_bench_{}", std::process::id());
    if let Err(e) = run(&admin, &name).await {
        eprintln!("ingest bench failed: {e}");
        drop_database(&admin, &name).await;
        std::process::exit(1);
    }
    drop_database(&admin, &name).await;
}

async fn drop_database(admin: &str, name: &str) {
    if let Ok(db) = connect(admin, 1).await {
        let _ = db
            .conn
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
    }
}

async fn run(admin: &str, name: &str) -> BenchResult<()> {
    let db = connect(admin, 1).await?;
    db.conn
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await?;
    let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
    let mut settings = Settings::defaults();
    settings.database_url = format!("{base}/{name}");
    settings.listen_addr = "127.0.0.1:0".parse()?;
    settings.max_body_bytes = 64 * 1024 * 1024;
    settings.database_pool_size = 4;
    let state = build_state(settings).await?;
    let server = Server::bind(state.clone()).await?;
    let url = format!("http://{}/graphql", server.addr);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.run(async move {
        let _ = stopped.await;
    }));

    let api = Tenant::create(&state, "api").await?;
    let copy = Tenant::create(&state, "copy").await?;
    println!(
        "ingest bench on PostgreSQL: {SPEND_ROWS} spend rows, {LEADS} leads, {BATCH}-row calls"
    );

    let spend_api = push(&url, &api.token, spend_bodies()?).await?;
    let spend_copy = copy_spend(&state, &copy).await?;
    report("spend", SPEND_ROWS, spend_api, spend_copy);

    let leads_api = push(&url, &api.token, lead_bodies()?).await?;
    let leads_copy = copy_leads(&state, &api, &copy).await?;
    report("leads (+ first touchpoints)", LEADS, leads_api, leads_copy);

    let _ = stop.send(());
    let _ = serving.await;
    Ok(())
}

fn report(what: &str, rows: usize, api: Duration, copy: Duration) {
    let rate = |d: Duration| rows as f64 / d.as_secs_f64();
    println!(
        "{what}: API {:.2} s = {:>7.0} rows/s | COPY {:.2} s = {:>7.0} rows/s | API/COPY time {:.2}x",
        api.as_secs_f64(),
        rate(api),
        copy.as_secs_f64(),
        rate(copy),
        api.as_secs_f64() / copy.as_secs_f64()
    );
}

/// A workspace with its campaigns `c0`…`c99` on the default Paid Search channel and a token.
struct Tenant {
    id: i64,
    token: String,
    campaign_ids: Vec<i64>,
}

impl Tenant {
    async fn create(state: &AppState, slug: &str) -> BenchResult<Self> {
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
        let token = create_api_token(db, ws.id, "bench", &Scope::ALL, None, None)
            .await?
            .secret;
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
            campaign_ids.push(create_campaign(db, ws.id, changes).await?.id);
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

fn spend_bodies() -> BenchResult<Vec<Vec<u8>>> {
    let query = "mutation($e: [SpendInput!]!) { recordSpend(entries: $e) { inserted updated } }";
    let mut bodies = Vec::new();
    for start in (0..SPEND_ROWS).step_by(BATCH) {
        let entries: Vec<Value> = (start..start + BATCH)
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

fn lead_bodies() -> BenchResult<Vec<Vec<u8>>> {
    let query = "mutation($l: [LeadInput!]!) { captureLeads(inputs: $l) { created updated } }";
    let mut bodies = Vec::new();
    for start in (0..LEADS).step_by(BATCH) {
        let inputs: Vec<Value> = (start..start + BATCH).map(lead_input).collect();
        bodies.push(serde_json::to_vec(
            &json!({ "query": query, "variables": { "l": inputs } }),
        )?);
    }
    Ok(bodies)
}

/// POSTs each body in turn, failing on any GraphQL error; returns the wall time.
async fn push(url: &str, token: &str, bodies: Vec<Vec<u8>>) -> BenchResult<Duration> {
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
async fn copy_csv(state: &AppState, statement: &str, data: Vec<u8>) -> BenchResult<Duration> {
    let pool = state.db.conn.get_postgres_connection_pool();
    let mut conn = pool.acquire().await?;
    let started = Instant::now();
    let mut copy = conn.copy_in_raw(statement).await?;
    copy.send(data).await?;
    copy.finish().await?;
    Ok(started.elapsed())
}

async fn copy_spend(state: &AppState, tenant: &Tenant) -> BenchResult<Duration> {
    let now = Utc::now().to_rfc3339();
    let mut csv = csv::Writer::from_writer(Vec::new());
    for i in 0..SPEND_ROWS {
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
async fn copy_leads(state: &AppState, from: &Tenant, to: &Tenant) -> BenchResult<Duration> {
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
async fn channel_map(state: &AppState, from: i64, to: i64) -> BenchResult<impl Fn(i64) -> i64> {
    let db = &state.db.conn;
    let theirs = default_channels(db, to).await?;
    let map: std::collections::HashMap<i64, i64> = default_channels(db, from)
        .await?
        .into_iter()
        .filter_map(|(group, id)| theirs.get(&group).map(|t| (id, *t)))
        .collect();
    Ok(move |id: i64| map.get(&id).copied().unwrap_or_default())
}
