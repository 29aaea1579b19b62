//! `demo-data` and `serve --demo`: the demo workspace, its data and ready credentials.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::app::StartupError;
use crate::auth::Scope;
use crate::demo::{Scale, write_demo};
use crate::services::access::ensure_demo_login;
use crate::services::api_token::{create_api_token, revoke_tokens_named};
use crate::services::channel::default_channels;
use crate::services::workspace::{
    NewWorkspace, create_workspace, find_workspace_by_slug, timezone_of,
};
use crate::state::AppState;

/// The name of the token `serve --demo` prints; one live at a time.
const DEMO_TOKEN_NAME: &str = "demo (serve --demo)";

fn failed(what: &str, err: impl std::fmt::Display) -> StartupError {
    StartupError::Other(format!("demo data: {what}: {err}"))
}

/// Writes the demo data set at `scale` into the workspace `slug` (created if missing).
///
/// The data ends at the start of `as_of` (a local day of the workspace; default today): its
/// last day is the day before, so one `as_of` always gives the same rows, whatever the hour,
/// and no event lies in the future. An `as_of` after today is refused for that reason.
pub async fn load(
    db: &DatabaseConnection,
    slug: &str,
    scale: &str,
    as_of: Option<NaiveDate>,
    show_progress: bool,
) -> Result<(), StartupError> {
    let scale: Scale = scale.parse().map_err(|_| {
        StartupError::Other(format!(
            "--scale: expected small, medium or large, got {scale:?}"
        ))
    })?;
    let ws = match find_workspace_by_slug(db, slug)
        .await
        .map_err(|e| failed("lookup", e))?
    {
        Some(ws) => ws,
        None => create_workspace(
            db,
            NewWorkspace {
                name: "Demo Company".to_owned(),
                slug: slug.to_owned(),
                currency: "EUR".to_owned(),
                timezone: "Europe/Paris".to_owned(),
            },
        )
        .await
        .map_err(|e| failed("workspace", e))?,
    };
    refuse_filled(db, &ws).await?;
    let channels = default_channels(db, ws.id)
        .await
        .map_err(|e| failed("channels", e))?
        .into_iter()
        .map(|(group, id)| (group.as_str().to_owned(), id))
        .collect();
    let today = chrono::Utc::now()
        .with_timezone(&timezone_of(&ws))
        .date_naive();
    let as_of = as_of.unwrap_or(today);
    if as_of > today {
        return Err(StartupError::Other(format!(
            "--as-of: {as_of} is after today ({today} in {}): the demo would write events in the future",
            ws.timezone
        )));
    }
    let last_day = as_of
        .pred_opt()
        .ok_or_else(|| StartupError::Other(format!("--as-of: {as_of} has no day before it")))?;
    let summary = write_demo(
        db,
        ws.id,
        timezone_of(&ws),
        &channels,
        scale,
        last_day,
        show_progress,
    )
    .await
    .map_err(|e| failed("write", e))?;
    crate::services::workspace::bump_generation(db, ws.id)
        .await
        .map_err(|e| failed("generation", e))?;
    // Fresh planner statistics: a bulk load leaves them describing empty tables.
    db.execute_unprepared("ANALYZE")
        .await
        .map_err(|e| failed("analyze", e))?;
    eprintln!("{summary}");
    Ok(())
}

/// The demo writes a whole data set with its own ids; into a workspace that already holds
/// leads or spend it would collide with them (and mix with real data), so that is refused.
async fn refuse_filled(
    db: &DatabaseConnection,
    ws: &entity::workspace::Model,
) -> Result<(), StartupError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let leads = entity::lead::Entity::find()
        .filter(entity::lead::Column::WorkspaceId.eq(ws.id))
        .count(db)
        .await
        .map_err(|e| failed("lookup", e))?;
    let spend = entity::spend::Entity::find()
        .filter(entity::spend::Column::WorkspaceId.eq(ws.id))
        .count(db)
        .await
        .map_err(|e| failed("lookup", e))?;
    if leads + spend == 0 {
        return Ok(());
    }
    Err(StartupError::Other(format!(
        "--workspace: workspace {:?} already holds data ({leads} leads, {spend} spend rows); \
         demo-data writes into a new or empty workspace: pass another --workspace, or use a new database",
        ws.slug
    )))
}

/// `serve --demo`: loads the small data set into an empty database and prints credentials.
pub async fn load_if_empty(state: &AppState, as_of: Option<NaiveDate>) -> Result<(), StartupError> {
    let db = &state.db.conn;
    let workspaces = entity::workspace::Entity::find()
        .count(db)
        .await
        .map_err(|e| failed("count", e))?;
    if workspaces == 0 {
        eprintln!("empty database: loading the small demo data set…");
        load(db, "demo", "small", as_of, false).await?;
    }
    let Some(ws) = find_workspace_by_slug(db, "demo")
        .await
        .map_err(|e| failed("lookup", e))?
    else {
        eprintln!(
            "--demo: the database already holds workspaces, none named demo; no demo data loaded"
        );
        return Ok(());
    };
    // The secret of an earlier start cannot be shown again, so its token is revoked rather
    // than left working and forgotten.
    let revoked = revoke_tokens_named(db, ws.id, DEMO_TOKEN_NAME)
        .await
        .map_err(|e| failed("token", e))?;
    let token = create_api_token(db, ws.id, DEMO_TOKEN_NAME, &Scope::ALL, None, None)
        .await
        .map_err(|e| failed("token", e))?;
    let login = ensure_demo_login(db, ws.id)
        .await
        .map_err(|e| failed("login", e))?;
    eprintln!();
    eprintln!("Demo workspace ready. Try it:");
    eprintln!(
        "  dashboard login (OWNER): {} / {}   (mutation login → accessToken)",
        login.email, login.password
    );
    eprintln!("  API token (all scopes): {}", token.secret);
    if revoked > 0 {
        eprintln!("  (the demo token printed by the previous start is revoked)");
    }
    eprintln!(
        "  curl -s http://{}/graphql -H 'content-type: application/json' \\",
        state.settings.listen_addr
    );
    eprintln!("    -H 'authorization: Bearer {}' \\", token.secret);
    eprintln!(
        "    -d '{{\"query\":\"{{ campaigns(first: 3) {{ totalCount edges {{ node {{ name }} }} }} }}\"}}'"
    );
    eprintln!();
    Ok(())
}
