//! `leadsource import spend|leads|touchpoints|conversions|campaigns FILE.csv`: streams a CSV file
//! to the API in batches, with a progress bar (on a terminal), messages on stderr and a closing
//! summary.
//!
//! Every line of a batch is checked here first ([`cell`]), with the checks the server makes
//! without its database, so a batch's bad lines are reported together. A batch with a bad line
//! is not stored, and the batches after it are not sent, unless `--continue-on-error`: then the
//! batch's good rows are sent, and sent again without the rows the server refused. A refused
//! token or scope, or a rate limit or outage that outlasts the retries, stops the import and
//! names the first line not known to be stored, where `--from-line` resumes. `--dry-run` checks
//! every line and sends nothing.

mod campaigns;
mod cell;
mod client;
mod columns;
mod console;
mod crlf;
mod report;

pub use columns::{Column, columns};
pub use console::SHOWN_PER_ERROR;
pub use report::{BadLine, ImportReport};

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;

use chrono::Utc;
use csv::StringRecord;
use serde_json::Value;

use crate::config::{ImportArgs, ImportKind};
use campaigns::Catalog;
use cell::Facts;
use client::{Client, Outcome, ServerRow};
use columns::Layout;
use console::Console;
use crlf::CrlfToLf;

/// An import that could not start: the file, its header, the arguments or the workspace.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(String);

/// The rows of the batch being filled, their line numbers, and the bad lines among them.
#[derive(Default)]
struct Batch {
    rows: Vec<Value>,
    lines: Vec<u64>,
    bad: Vec<BadLine>,
    size: usize,
    first_line: u64,
}

impl Batch {
    fn count(&mut self, line: u64) {
        if self.size == 0 {
            self.first_line = line;
        }
        self.size += 1;
    }
}

/// Runs the import with a progress bar and messages on stderr.
pub async fn run(args: &ImportArgs) -> Result<ImportReport, ImportError> {
    let size = std::fs::metadata(&args.file).map_or(0, |m| m.len());
    run_on(args, Console::stderr(size)).await
}

/// Runs the import as outside a terminal (no progress bar), with its messages on `out`.
pub async fn run_with_output(
    args: &ImportArgs,
    out: Box<dyn Write + Send>,
) -> Result<ImportReport, ImportError> {
    run_on(args, Console::hidden(out)).await
}

async fn run_on(args: &ImportArgs, mut console: Console) -> Result<ImportReport, ImportError> {
    let file = File::open(&args.file)
        .map_err(|e| ImportError(format!("cannot open {}: {e}", args.file.display())))?;
    let mut reader = csv::ReaderBuilder::new().from_reader(CrlfToLf::new(file));
    let headers = reader
        .headers()
        .map_err(|e| {
            ImportError(format!(
                "{}: cannot read the header: {e}",
                args.file.display()
            ))
        })?
        .clone();
    let layout = Layout::new(args.kind, &headers).map_err(ImportError)?;
    let client = Client::new(args).map_err(ImportError)?;
    if !layout.ignored.is_empty() {
        console.say(&format!(
            "ignoring unknown columns: {}",
            layout.ignored.join(", ")
        ));
    }
    let (tz, currency) = client
        .workspace()
        .await
        .map_err(|e| ImportError(format!("cannot read the workspace's time zone: {e}")))?;
    let tz: chrono_tz::Tz = tz
        .parse()
        .map_err(|_| ImportError(format!("the workspace's time zone {tz:?} is unknown here")))?;
    let catalog = match args.kind {
        ImportKind::Campaigns => Some(
            Catalog::load(&client)
                .await
                .map_err(|e| ImportError(format!("cannot read the workspace's campaigns: {e}")))?,
        ),
        _ => None,
    };
    let mut import = Import {
        args,
        client,
        layout,
        facts: Facts::new(currency, tz, Utc::now()),
        catalog,
        report: ImportReport::new(args.kind),
        batch: Batch::default(),
        console,
    };
    import.report.dry_run = args.dry_run;
    import.read(&mut reader).await;
    import.console.finish();
    Ok(import.report)
}

/// One running import.
struct Import<'a> {
    args: &'a ImportArgs,
    client: Client,
    layout: Layout,
    facts: Facts,
    catalog: Option<Catalog>,
    report: ImportReport,
    batch: Batch,
    console: Console,
}

impl Import<'_> {
    async fn read<R: std::io::Read>(&mut self, reader: &mut csv::Reader<R>) {
        let batch_size = self.args.batch_size.max(1) as usize;
        let from_line = self.args.from_line.unwrap_or(0);
        let mut record = StringRecord::new();
        let mut last_line = 1;
        let mut stopped = false;
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    last_line = record.position().map_or(last_line + 1, |p| p.line());
                    if last_line < from_line {
                        self.report.rows_skipped += 1;
                        continue;
                    }
                    self.report.rows_read += 1;
                    self.batch.count(last_line);
                    self.take(&record, last_line);
                }
                Err(e) => {
                    if let csv::ErrorKind::Io(io) = e.kind() {
                        self.report.fatal =
                            Some(format!("cannot read {}: {io}", self.args.file.display()));
                        let unsent = if self.batch.size > 0 {
                            self.batch.first_line
                        } else {
                            last_line + 1
                        };
                        self.report.resume_line = Some(unsent);
                        break;
                    }
                    last_line = e.position().map_or(last_line + 1, |p| p.line());
                    if last_line < from_line {
                        self.report.rows_skipped += 1;
                        continue;
                    }
                    self.report.rows_read += 1;
                    self.batch.count(last_line);
                    self.batch.bad.push(BadLine {
                        line: last_line,
                        column: "csv".to_owned(),
                        reason: e.to_string(),
                        value: None,
                    });
                }
            }
            self.console.set_position(reader.position().byte());
            if self.batch.size >= batch_size && !self.flush().await {
                stopped = true;
                break;
            }
        }
        if !stopped && self.report.fatal.is_none() && self.batch.size > 0 {
            self.flush().await;
        }
        // A stop for bad lines leaves the rest of the file unsent, if there is a rest.
        if stopped && self.report.fatal.is_none() && reader.read_record(&mut record).unwrap_or(true)
        {
            self.report.stopped_after_line = Some(last_line);
        }
    }

    /// Checks one record into the batch: a row to send, or its bad cells.
    fn take(&mut self, record: &StringRecord, line: u64) {
        let checked = self.layout.row(record, &self.facts).and_then(|mut row| {
            if let Some(catalog) = &mut self.catalog {
                catalog.check(&mut row, &self.layout)?;
            }
            Ok(row)
        });
        match checked {
            Ok(row) => {
                self.batch.rows.push(row);
                self.batch.lines.push(line);
            }
            Err(cells) => self.batch.bad.extend(cells.into_iter().map(|c| BadLine {
                line,
                column: c.column,
                reason: c.error.reason,
                value: c.error.value,
            })),
        }
    }

    /// Sends the batch and records the outcome; false to stop reading.
    async fn flush(&mut self) -> bool {
        let batch = std::mem::take(&mut self.batch);
        let mut bad = batch.bad;
        if self.args.dry_run {
            self.report.rows_stored += batch.rows.len() as u64;
            return self.bad_batch(batch.size, batch.first_line, 0, bad, true);
        }
        if !bad.is_empty() && !self.args.continue_on_error {
            return self.bad_batch(batch.size, batch.first_line, 0, bad, false);
        }
        let (mut rows, mut lines) = (batch.rows, batch.lines);
        let mut stored_here = 0;
        // With --continue-on-error, the rows the server refused are left out and the rest sent
        // again; each round leaves out at least one row, so this ends.
        while !rows.is_empty() {
            let outcome = match &mut self.catalog {
                Some(catalog) => campaigns::send(&self.client, catalog, &rows).await,
                None => self.client.send(self.args.kind, &rows).await,
            };
            match outcome {
                Outcome::Stored {
                    counts,
                    stored,
                    refused,
                } => {
                    self.stored(counts, stored);
                    stored_here += stored;
                    bad.extend(self.bad_rows(&refused, &rows, &lines));
                    break;
                }
                Outcome::Refused(refused) => {
                    bad.extend(self.bad_rows(&refused, &rows, &lines));
                    if !self.args.continue_on_error {
                        break;
                    }
                    let out: HashSet<usize> = refused.iter().map(|r| r.index).collect();
                    (rows, lines) = rows
                        .into_iter()
                        .zip(lines)
                        .enumerate()
                        .filter(|(i, _)| !out.contains(i))
                        .map(|(_, pair)| pair)
                        .unzip();
                }
                Outcome::Fatal {
                    reason,
                    from,
                    counts,
                    stored,
                    refused,
                } => {
                    self.stored(counts, stored);
                    stored_here += stored;
                    bad.extend(self.bad_rows(&refused, &rows, &lines));
                    self.bad_batch(batch.size, batch.first_line, stored_here, bad, true);
                    self.report.fatal = Some(reason);
                    // Earlier lines of this batch may be bad lines not stored, and are reported.
                    let from = lines.get(from).copied().unwrap_or(batch.first_line);
                    self.report.resume_line = Some(from);
                    return false;
                }
            }
        }
        self.bad_batch(
            batch.size,
            batch.first_line,
            stored_here,
            bad,
            self.args.continue_on_error,
        )
    }

    fn stored(&mut self, counts: Vec<(String, u64)>, stored: u64) {
        self.report.rows_stored += stored;
        if stored > 0 {
            self.report.batches_stored += 1;
        }
        for (name, n) in counts {
            *self.report.totals.entry(name).or_default() += n;
        }
    }

    /// The server's refusals as bad lines, under the file's own column headers.
    fn bad_rows(&self, refused: &[ServerRow], rows: &[Value], lines: &[u64]) -> Vec<BadLine> {
        refused
            .iter()
            .map(|r| BadLine {
                line: lines.get(r.index).copied().unwrap_or_default(),
                column: self.layout.header_of(&r.field),
                reason: r.reason.clone(),
                value: rows
                    .get(r.index)
                    .and_then(|row| row[r.field.as_str()].as_str())
                    .filter(|v| !r.reason.contains(*v))
                    .map(str::to_owned),
            })
            .collect()
    }

    /// Reports a batch's bad lines, if any; answers whether to go on.
    fn bad_batch(
        &mut self,
        size: usize,
        first_line: u64,
        stored: u64,
        mut bad: Vec<BadLine>,
        go_on: bool,
    ) -> bool {
        if bad.is_empty() {
            return true;
        }
        bad.sort_by_key(|b| b.line);
        let heading = if self.args.dry_run {
            format!("batch of {size} rows from line {first_line}: bad lines:")
        } else if stored == 0 {
            format!("batch of {size} rows from line {first_line} not stored:")
        } else {
            format!("batch of {size} rows from line {first_line}: {stored} stored, not these:")
        };
        self.console.bad_lines(&heading, &bad);
        self.report.bad_lines.extend(bad);
        self.report.batches_failed += 1;
        if !go_on {
            self.report.resume_line = Some(first_line);
        }
        go_on
    }
}
