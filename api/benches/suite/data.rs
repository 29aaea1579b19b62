//! The databases the scenarios read: fresh PostgreSQL databases beside the admin
//! connection, and the demo data written by the release `leadsource` binary.

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use leadsource::db::{Database, connect};
use leadsource::services::workspace::find_workspace_by_slug;
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

use super::Fallible;

/// The workspace `leadsource demo-data` writes.
pub const SLUG: &str = "demo";

/// Drops database `name` if it exists and creates it empty.
pub async fn recreate(admin_url: &str, name: &str) -> Fallible<()> {
    drop(admin_url, name).await?;
    let admin = connect(admin_url, 1).await?;
    admin
        .conn
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await?;
    Ok(())
}

/// Drops database `name` (the ingestion scenario's scratch databases).
pub async fn drop(admin_url: &str, name: &str) -> Fallible<()> {
    let admin = connect(admin_url, 1).await?;
    admin
        .conn
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await?;
    Ok(())
}

/// Runs `leadsource demo-data --scale {scale}` into `url`; returns how long it took.
pub fn demo_data(url: &str, scale: &str) -> Fallible<Duration> {
    run_leadsource(url, &["demo-data", "--scale", scale, "--workspace", SLUG])
}

/// Runs `leadsource rebuild-rollups --workspace demo` on `url`; returns how long it took.
pub fn rebuild_rollups(url: &str) -> Fallible<Duration> {
    run_leadsource(url, &["rebuild-rollups", "--workspace", SLUG])
}

/// Runs the `leadsource` binary with `args` on the database at `url` (no Redis, quiet logs);
/// returns how long it took, or its stderr when it failed.
fn run_leadsource(url: &str, args: &[&str]) -> Fallible<Duration> {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_leadsource"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("LOG", "warn")
        .env_remove("REDIS_URL")
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "leadsource {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(started.elapsed())
}

/// The utmCampaign of every campaign of the workspace that has one, sorted.
pub async fn campaign_utms(
    db: &leadsource::db::Database,
    workspace_id: i64,
) -> Fallible<Vec<String>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut utms: Vec<String> = entity::campaign::Entity::find()
        .filter(entity::campaign::Column::WorkspaceId.eq(workspace_id))
        .filter(entity::campaign::Column::Status.eq("ACTIVE"))
        .all(&db.conn)
        .await?
        .into_iter()
        .filter_map(|c| c.utm_campaign)
        .collect();
    utms.sort();
    Ok(utms)
}

/// Vacuums, analyzes and checkpoints the database at `url`; returns how long it took.
pub async fn settle(url: &str) -> Fallible<Duration> {
    let started = Instant::now();
    let db = connect(url, 1).await?;
    db.conn.execute_unprepared("VACUUM (ANALYZE)").await?;
    db.conn.execute_unprepared("CHECKPOINT").await?;
    Ok(started.elapsed())
}

/// The demo workspace's id and lead span, or None when it holds no leads.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub workspace_id: i64,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub leads: i64,
}

pub async fn span(db: &Database) -> Fallible<Option<Span>> {
    #[derive(FromQueryResult)]
    struct Row {
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
        leads: i64,
    }
    let Some(ws) = find_workspace_by_slug(&db.conn, SLUG).await? else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT MIN(created_on) AS first, MAX(created_on) AS last, COUNT(*) AS leads \
         FROM lead WHERE workspace_id = {}",
        ws.id
    );
    let row = Row::find_by_statement(Statement::from_string(db.backend(), sql))
        .one(&db.conn)
        .await?;
    Ok(row.and_then(|r| {
        Some(Span {
            workspace_id: ws.id,
            first: r.first?,
            last: r.last?,
            leads: r.leads,
        })
    }))
}

/// Rows of `table` in the workspace.
pub async fn count(db: &Database, table: &str, workspace_id: i64) -> Fallible<i64> {
    #[derive(FromQueryResult)]
    struct N {
        n: i64,
    }
    let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE workspace_id = {workspace_id}");
    let n = N::find_by_statement(Statement::from_string(db.backend(), sql))
        .one(&db.conn)
        .await?;
    Ok(n.map_or(0, |n| n.n))
}

/// A one-line description of the data set, for the report.
pub async fn describe(db: &Database, span: &Span) -> Fallible<String> {
    let ws = span.workspace_id;
    Ok(format!(
        "{} leads, {} touchpoints, {} conversions, {} spend rows; leads from {} to {}",
        span.leads,
        count(db, "touchpoint", ws).await?,
        count(db, "conversion", ws).await?,
        count(db, "spend", ws).await?,
        span.first,
        span.last
    ))
}
