//! What an import did: rows read and stored, the server's counts, every bad line, why it stopped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::ImportKind;

use super::columns::kind_name;

/// One bad line of the file: its line number (the header is line 1), the column, the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: u64,
    pub column: String,
    pub reason: String,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.column, self.reason)
    }
}

/// The outcome of `leadsource import`.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub kind: ImportKind,
    /// Data lines read (the header excluded).
    pub rows_read: u64,
    /// Rows of the batches the server stored.
    pub rows_stored: u64,
    pub batches_stored: u64,
    /// Batches refused by the server or held back for bad lines; none of their rows is stored.
    pub batches_failed: u64,
    pub bad_lines: Vec<BadLine>,
    /// The server's counts summed over the stored batches (inserted, updated, created…).
    pub totals: BTreeMap<String, u64>,
    /// The last line read when the import stopped before the end of the file.
    pub stopped_after_line: Option<u64>,
    /// Why the import could not go on (token, scope, network), if it could not.
    pub fatal: Option<String>,
}

impl ImportReport {
    pub fn new(kind: ImportKind) -> Self {
        Self {
            kind,
            rows_read: 0,
            rows_stored: 0,
            batches_stored: 0,
            batches_failed: 0,
            bad_lines: Vec::new(),
            totals: BTreeMap::new(),
            stopped_after_line: None,
            fatal: None,
        }
    }

    /// True when every line of the file was stored.
    pub fn succeeded(&self) -> bool {
        self.fatal.is_none() && self.batches_failed == 0 && self.stopped_after_line.is_none()
    }

    /// The closing summary printed after the progress bar.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "{}: {} rows read, {} stored in {} batches",
            kind_name(self.kind),
            self.rows_read,
            self.rows_stored,
            self.batches_stored
        );
        if !self.totals.is_empty() {
            let counts: Vec<String> = self
                .totals
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let _ = write!(out, " ({})", counts.join(", "));
        }
        if self.batches_failed > 0 {
            let _ = write!(
                out,
                "; {} batches not stored, {} bad lines",
                self.batches_failed,
                self.bad_lines.len()
            );
        }
        if let Some(line) = self.stopped_after_line {
            let _ = write!(
                out,
                "; stopped after line {line}: the rest of the file was not sent (--continue-on-error sends it)"
            );
        }
        if let Some(fatal) = &self.fatal {
            let _ = write!(out, "; stopped: {fatal}");
        }
        out
    }
}
