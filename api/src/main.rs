//! The `leadsource` binary: settings → telemetry → command.

use std::process::ExitCode;

use clap::Parser;

use leadsource::cli;
use leadsource::config::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    leadsource::telemetry::init(&args.settings);
    match cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
