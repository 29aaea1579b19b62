//! Structured logs to stderr, filtered by `LOG` / `RUST_LOG`.

use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, Settings};

/// Installs the global subscriber. A filter that does not parse is refused with a message
/// naming the setting, as every other bad setting is, rather than silently logging at `info`.
pub fn init(settings: &Settings) -> Result<(), String> {
    let filter_text = settings.log_filter();
    let filter = EnvFilter::try_new(&filter_text).map_err(|e| {
        let name = if settings.log.is_some() {
            "LOG"
        } else {
            "RUST_LOG"
        };
        format!(
            "{name}: invalid log filter {filter_text:?}: {e} (e.g. info or info,leadsource=debug)"
        )
    })?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second initialisation (tests) keeps the first subscriber.
    let _ = match settings.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
    Ok(())
}
