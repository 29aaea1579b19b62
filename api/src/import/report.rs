//! What an import did: rows read and stored, the server's counts, every bad line, why it
//! stopped and where to resume.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::ImportKind;

use super::columns::kind_name;

/// One bad line of the file: its line number (the header is line 1), the column as the file's
/// header names it, the reason, and the value when the reason does not quote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: u64,
    pub column: String,
    pub reason: String,
    pub value: Option<String>,
}

/// Longest value quoted in a message, in characters.
const QUOTED_CHARS: usize = 60;

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.column, self.reason)?;
        if let Some(value) = &self.value {
            let mut shown: String = value.chars().take(QUOTED_CHARS).collect();
            if shown.len() < value.len() {
                shown.push('…');
            }
            write!(f, " (got {shown:?})")?;
        }
        Ok(())
    }
}

/// The outcome of `leadsource import`.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub kind: ImportKind,
    /// `--dry-run`: every line checked, nothing sent.
    pub dry_run: bool,
    /// Data lines read (the header and the lines skipped by `--from-line` excluded).
    pub rows_read: u64,
    /// Data lines before `--from-line`, read for their line numbers only.
    pub rows_skipped: u64,
    /// Rows the server stored (in a dry run: rows that passed every check).
    pub rows_stored: u64,
    /// API calls that stored rows.
    pub batches_stored: u64,
    /// Batches with a line that was not stored. Without `--continue-on-error` none of such a
    /// batch's rows is stored; with it, the batch's good rows are.
    pub batches_failed: u64,
    pub bad_lines: Vec<BadLine>,
    /// The server's counts summed over the stored batches (inserted, updated, created…).
    pub totals: BTreeMap<String, u64>,
    /// The last line read when the import stopped before the end of the file.
    pub stopped_after_line: Option<u64>,
    /// Why the import could not go on (token, scope, network, rate limit), if it could not.
    pub fatal: Option<String>,
    /// After a stop, the first line not known to be stored: `--from-line` resumes there.
    pub resume_line: Option<u64>,
}

impl ImportReport {
    pub fn new(kind: ImportKind) -> Self {
        Self {
            kind,
            dry_run: false,
            rows_read: 0,
            rows_skipped: 0,
            rows_stored: 0,
            batches_stored: 0,
            batches_failed: 0,
            bad_lines: Vec::new(),
            totals: BTreeMap::new(),
            stopped_after_line: None,
            fatal: None,
            resume_line: None,
        }
    }

    /// True when every line of the file was stored.
    pub fn succeeded(&self) -> bool {
        self.fatal.is_none()
            && self.batches_failed == 0
            && self.bad_lines.is_empty()
            && self.stopped_after_line.is_none()
    }

    /// The closing summary printed after the progress bar.
    pub fn summary(&self) -> String {
        let mut out = if self.dry_run {
            format!(
                "{} (dry run, nothing sent): {} rows read, {} without a fault",
                kind_name(self.kind),
                self.rows_read,
                self.rows_stored
            )
        } else {
            format!(
                "{}: {} rows read, {} stored in {} batches",
                kind_name(self.kind),
                self.rows_read,
                self.rows_stored,
                self.batches_stored
            )
        };
        if self.rows_skipped > 0 {
            let _ = write!(
                out,
                " ({} lines before --from-line skipped)",
                self.rows_skipped
            );
        }
        if !self.totals.is_empty() {
            let counts: Vec<String> = self
                .totals
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let _ = write!(out, " ({})", counts.join(", "));
        }
        if self.dry_run && !self.bad_lines.is_empty() {
            let _ = write!(out, "; {} bad lines", self.bad_lines.len());
        } else if self.batches_failed > 0 {
            let _ = write!(
                out,
                "; {} batches not fully stored, {} bad lines",
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
        if let Some(line) = self.resume_line {
            let _ = write!(
                out,
                "; line {line} is the first not known to be stored: resume with --from-line {line}"
            );
        }
        out
    }
}
