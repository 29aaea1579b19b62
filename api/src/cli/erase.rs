//! `leadsource erase --email E [--workspace SLUG]`: what `eraseContact` does, for support
//! staff on the command line, in one workspace or in every one. Each workspace is erased in
//! its own transaction with its audit entry (actor `CLI`); the output says what went.

use sea_orm::EntityTrait;

use crate::app::{StartupError, migrate};
use crate::config::{EraseArgs, Settings};
use crate::db::connect;
use crate::error::AppError;
use crate::services::audit::Who;
use crate::services::correction::erasure::{ErasureTarget, erase};
use crate::services::workspace::find_workspace_by_slug;

pub async fn run(settings: Settings, args: EraseArgs) -> Result<(), StartupError> {
    let db = connect(&settings.database_url, 2).await?;
    migrate(&db).await?;
    let failed = |e: AppError| match e {
        AppError::BadInput { field, message } => {
            StartupError::Other(format!("--{field}: {message}"))
        }
        other => StartupError::Other(format!("erase: {other}")),
    };
    let workspaces = match &args.workspace {
        Some(slug) => vec![
            find_workspace_by_slug(&db.conn, slug)
                .await
                .map_err(failed)?
                .ok_or_else(|| {
                    StartupError::Other(format!("--workspace: no workspace {slug:?}"))
                })?,
        ],
        None => entity::workspace::Entity::find()
            .all(&db.conn)
            .await
            .map_err(|e| failed(e.into()))?,
    };
    let mut total = 0;
    for ws in workspaces {
        let who = Who::Cli {
            workspace_id: ws.id,
        };
        let target = ErasureTarget::Email(args.email.clone());
        let erased = erase(&db.conn, who, ws.id, target, settings.max_batch_rows)
            .await
            .map_err(failed)?;
        total += erased.leads;
        println!(
            "{}: erased {} lead(s), {} touchpoint(s), {} conversion(s)",
            ws.slug, erased.leads, erased.touchpoints, erased.conversions
        );
    }
    println!("{total} lead(s) erased in all");
    Ok(())
}
