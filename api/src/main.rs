//! The `leadsource` binary: settings → telemetry → command.

use std::process::ExitCode;

use clap::Parser;

use leadsource::cli;
use leadsource::config::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    if let Err(err) = leadsource::telemetry::init(&args.settings) {
        eprintln!("error: {err}");
        return ExitCode::FAILURE;
    }
    match cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
