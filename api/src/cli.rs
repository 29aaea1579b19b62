//! The subcommands of the `leadsource` binary.

pub mod demo;
pub mod erase;

use crate::app::{Server, StartupError, build_state, migrate, shutdown_signal};
use crate::auth::Role;
use crate::config::{Cli, Command, CreateUserArgs, RebuildRollupsArgs, ServeArgs, Settings};
use crate::db::connect;
use crate::error::AppError;
use crate::graphql::export_sdl;
use crate::services::access::{NewUser, WorkspaceDefaults, bootstrap_user_with};
use sea_orm::EntityTrait;

pub async fn run(cli: Cli) -> Result<(), StartupError> {
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(cli.settings, args).await,
        Command::Migrate => {
            let db = connect(&cli.settings.database_url, 2).await?;
            migrate(&db).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::RebuildRollups(args) => rebuild_rollups(cli.settings, args).await,
        Command::ExportSchema => {
            print!("{}", export_sdl());
            Ok(())
        }
        // Writes data only: unlike `serve`, it needs no JWT key on PostgreSQL.
        Command::DemoData(args) => {
            let settings = cli.settings;
            let db = connect(&settings.database_url, settings.database_pool_size).await?;
            migrate(&db).await?;
            demo::load(&db.conn, &args.workspace, &args.scale, args.as_of, true).await?;
            Ok(())
        }
        Command::Import(args) => import(args).await,
        Command::CreateUser(args) => create_user(cli.settings, args).await,
        Command::Erase(args) => erase::run(cli.settings, args).await,
    }
}

async fn serve(settings: Settings, args: ServeArgs) -> Result<(), StartupError> {
    let state = build_state(settings).await?;
    if args.demo {
        demo::load_if_empty(&state, args.as_of).await?;
    }
    let server = Server::bind(state).await?;
    tracing::info!(addr = %server.addr, "listening; GraphiQL at http://{}/graphql", server.addr);
    server
        .run(shutdown_signal())
        .await
        .map_err(|e| StartupError::Other(format!("server error: {e}")))
}

/// `create-user`: bootstraps a user (and the workspace) without going through the API.
async fn create_user(
    settings: crate::config::Settings,
    args: CreateUserArgs,
) -> Result<(), StartupError> {
    let role = Role::parse(&args.role).ok_or_else(|| {
        StartupError::Other(format!(
            "--role: {:?} is not OWNER, ADMIN, ANALYST or VIEWER",
            args.role
        ))
    })?;
    let db = connect(&settings.database_url, 2).await?;
    migrate(&db).await?;
    let input = NewUser {
        email: args.email.clone(),
        password: args.password,
        display_name: String::new(),
    };
    let defaults = WorkspaceDefaults {
        currency: args.currency.clone().unwrap_or_else(|| "EUR".to_owned()),
        timezone: args.timezone.clone().unwrap_or_else(|| "UTC".to_owned()),
    };
    let shown = format!(
        "{}, {}",
        defaults.currency.to_uppercase(),
        defaults.timezone
    );
    let outcome = bootstrap_user_with(&db.conn, input, &args.workspace, role, defaults)
        .await
        .map_err(|e| match e {
            AppError::BadInput { field, message } => {
                let flag = if field == "slug" {
                    "workspace"
                } else {
                    field.as_str()
                };
                StartupError::Other(format!("--{flag}: {message}"))
            }
            other if other.is_internal() => StartupError::Other(format!("database: {other:?}")),
            other => StartupError::Other(other.to_string()),
        })?;
    if outcome.created_workspace {
        println!("created workspace {} ({shown})", args.workspace);
    } else if args.currency.is_some() || args.timezone.is_some() {
        println!(
            "workspace {} exists: --currency and --timezone apply to new workspaces only \
             (its OWNER changes them with updateWorkspace)",
            args.workspace
        );
    }
    if outcome.created_user {
        println!("created user {}", args.email.trim().to_lowercase());
    } else {
        println!(
            "user {} exists; password unchanged",
            args.email.trim().to_lowercase()
        );
    }
    println!(
        "{} is {} of workspace {}",
        args.email.trim().to_lowercase(),
        role.as_str(),
        args.workspace
    );
    Ok(())
}

/// Streams the file to the server; any line not stored makes the command fail.
async fn import(args: crate::config::ImportArgs) -> Result<(), StartupError> {
    let report = crate::import::run(&args)
        .await
        .map_err(|e| StartupError::Other(format!("import: {e}")))?;
    println!("{}", report.summary());
    if report.succeeded() {
        Ok(())
    } else {
        Err(StartupError::Other(format!(
            "import of {} did not store every line",
            args.file.display()
        )))
    }
}

/// `rebuild-rollups`: recomputes the rollups of one workspace (or all) from the raw tables.
async fn rebuild_rollups(settings: Settings, args: RebuildRollupsArgs) -> Result<(), StartupError> {
    use crate::services::rollup::rebuild;
    use crate::services::workspace::find_workspace_by_slug;
    let db = connect(&settings.database_url, 2).await?;
    migrate(&db).await?;
    let failed = |e: AppError| StartupError::Other(format!("rebuild-rollups: {e}"));
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
    for ws in workspaces {
        let took = rebuild(&db.conn, ws.id).await.map_err(failed)?;
        println!(
            "rebuilt the rollups of {} in {:.2} s",
            ws.slug,
            took.as_secs_f64()
        );
    }
    Ok(())
}
