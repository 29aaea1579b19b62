//! Helpers of the `leadsource import` tests: CSV files, arguments, and the messages an import
//! writes when it runs outside a terminal.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use leadsource::config::{ImportArgs, ImportKind};
use leadsource::import::{ImportError, ImportReport, run_with_output};

use crate::TestApp;

/// Writes `text` to a fresh temporary CSV file.
pub fn csv_file(text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "leadsource-import-{}-{}.csv",
        std::process::id(),
        rand::random::<u64>()
    ));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

/// The arguments of `leadsource import KIND FILE --url … --token … --batch-size BATCH`, with
/// every other flag at its default.
pub fn import_args(
    app: &TestApp,
    token: &str,
    kind: ImportKind,
    file: PathBuf,
    batch: u32,
) -> ImportArgs {
    ImportArgs {
        kind,
        file,
        url: app.url(""),
        token: token.to_owned(),
        batch_size: batch,
        continue_on_error: false,
        dry_run: false,
        from_line: None,
        max_retries: 8,
        retry_wait_ms: 1000,
    }
}

/// What an import wrote to its message stream.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    pub fn text(&self) -> String {
        let bytes = self
            .0
            .lock()
            .unwrap_or_else(|e| panic!("captured output: {e}"))
            .clone();
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("captured output: {e}"))
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs an import as cron or CI would (no terminal, so no progress bar) and answers its report
/// and what it wrote.
pub async fn run_captured(args: &ImportArgs) -> (Result<ImportReport, ImportError>, String) {
    let out = Captured::default();
    let report = run_with_output(args, Box::new(out.clone())).await;
    (report, out.text())
}
