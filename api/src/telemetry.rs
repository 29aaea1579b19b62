//! Structured logs to stderr, filtered by `LOG` / `RUST_LOG`.

use tracing_subscriber::EnvFilter;

use crate::config::Settings;

/// Installs the global subscriber; a bad filter falls back to `info` with a warning.
pub fn init(settings: &Settings) {
    let filter_text = settings.log_filter();
    let (filter, bad) = match EnvFilter::try_new(&filter_text) {
        Ok(f) => (f, false),
        Err(_) => (EnvFilter::new("info"), true),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if settings.log_format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    if bad {
        tracing::warn!("LOG: invalid filter {filter_text:?}; using info");
    }
}
