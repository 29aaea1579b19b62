//! The subcommands of the `leadsource` binary.

pub mod demo;

use crate::app::{Server, StartupError, build_state, shutdown_signal};
use crate::config::{Cli, Command, ServeArgs, Settings};
use crate::db::connect;
use crate::graphql::export_sdl;

pub async fn run(cli: Cli) -> Result<(), StartupError> {
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(cli.settings, args).await,
        Command::Migrate => {
            let db = connect(&cli.settings.database_url, 2).await?;
            db.migrate()
                .await
                .map_err(|e| StartupError::Migrate(e.to_string()))?;
            println!("migrations applied");
            Ok(())
        }
        Command::ExportSchema => {
            print!("{}", export_sdl());
            Ok(())
        }
        Command::DemoData(args) => {
            let state = build_state(cli.settings).await?;
            demo::load(&state, &args.workspace, &args.scale, true).await?;
            Ok(())
        }
        Command::CreateUser(_) => Err(StartupError::Other("not available yet".to_owned())),
    }
}

async fn serve(settings: Settings, args: ServeArgs) -> Result<(), StartupError> {
    let state = build_state(settings).await?;
    if args.demo {
        demo::load_if_empty(&state).await?;
    }
    let server = Server::bind(state).await?;
    tracing::info!(addr = %server.addr, "listening; GraphiQL at http://{}/graphql", server.addr);
    server
        .run(shutdown_signal())
        .await
        .map_err(|e| StartupError::Other(format!("server error: {e}")))
}
