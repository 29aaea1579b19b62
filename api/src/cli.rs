//! The subcommands of the `leadsource` binary.

use crate::app::{Server, StartupError, build_state, shutdown_signal};
use crate::config::{Cli, Command, ServeArgs};
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
        Command::Import(args) => import(args).await,
        Command::DemoData(_) | Command::CreateUser(_) => {
            Err(StartupError::Other("not available yet".to_owned()))
        }
    }
}

async fn serve(settings: crate::config::Settings, _args: ServeArgs) -> Result<(), StartupError> {
    let state = build_state(settings).await?;
    let server = Server::bind(state).await?;
    tracing::info!(addr = %server.addr, "listening; GraphiQL at http://{}/graphql", server.addr);
    server
        .run(shutdown_signal())
        .await
        .map_err(|e| StartupError::Other(format!("server error: {e}")))
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
