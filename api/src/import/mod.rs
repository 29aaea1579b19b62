//! `leadsource import spend|leads|conversions FILE.csv`: streams a CSV file to the API in
//! batches, with a progress bar and a closing summary.
//!
//! Each batch is one all-or-nothing API call. A bad line (malformed here, or refused by the
//! server) is reported with its line number; its batch is not stored, and the batches after it
//! are not sent unless `--continue-on-error`. A refused token or scope stops the import at once.

mod client;
mod columns;
mod report;

pub use columns::{Column, columns};
pub use report::{BadLine, ImportReport};

use std::fs::File;
use std::io::BufReader;

use csv::StringRecord;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

use crate::config::ImportArgs;
use client::{BatchError, Client};
use columns::Layout;

/// An import that could not start: the file, its header or the arguments.
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

    fn bad_line(&mut self, line: u64, column: String, reason: String) {
        self.bad.push(BadLine {
            line,
            column,
            reason,
        });
    }
}

/// Runs the import; the report says what was stored and what was not.
pub async fn run(args: &ImportArgs) -> Result<ImportReport, ImportError> {
    let file = File::open(&args.file)
        .map_err(|e| ImportError(format!("cannot open {}: {e}", args.file.display())))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new().from_reader(BufReader::new(file));
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
    let client = Client::new(&args.url, &args.token).map_err(ImportError)?;
    let bar = progress_bar(size);
    if !layout.ignored.is_empty() {
        bar.println(format!(
            "ignoring unknown columns: {}",
            layout.ignored.join(", ")
        ));
    }

    let mut report = ImportReport::new(args.kind);
    let batch_size = args.batch_size.max(1) as usize;
    let mut batch = Batch::default();
    let mut record = StringRecord::new();
    let mut last_line = 1;
    let mut stopped = false;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                last_line = record.position().map_or(last_line + 1, |p| p.line());
                report.rows_read += 1;
                batch.count(last_line);
                match layout.row(&record) {
                    Ok(row) => {
                        batch.rows.push(row);
                        batch.lines.push(last_line);
                    }
                    Err(cells) => {
                        for (column, reason) in cells {
                            batch.bad_line(last_line, column, reason);
                        }
                    }
                }
            }
            Err(e) => {
                if let csv::ErrorKind::Io(io) = e.kind() {
                    report.fatal = Some(format!("cannot read {}: {io}", args.file.display()));
                    break;
                }
                last_line = e.position().map_or(last_line + 1, |p| p.line());
                report.rows_read += 1;
                batch.count(last_line);
                batch.bad_line(last_line, "csv".to_owned(), e.to_string());
            }
        }
        bar.set_position(reader.position().byte());
        if batch.size >= batch_size
            && !flush(&client, &layout, &mut batch, &mut report, &bar, args).await
        {
            stopped = true;
            break;
        }
    }
    if !stopped && report.fatal.is_none() && batch.size > 0 {
        flush(&client, &layout, &mut batch, &mut report, &bar, args).await;
    }
    // A stop for bad lines leaves the rest of the file unsent, if there is a rest.
    if stopped && report.fatal.is_none() && reader.read_record(&mut record).unwrap_or(true) {
        report.stopped_after_line = Some(last_line);
    }
    bar.finish_and_clear();
    Ok(report)
}

/// Sends the batch (unless it holds bad lines) and records the outcome; false to stop reading.
async fn flush(
    client: &Client,
    layout: &Layout,
    batch: &mut Batch,
    report: &mut ImportReport,
    bar: &ProgressBar,
    args: &ImportArgs,
) -> bool {
    let batch = std::mem::take(batch);
    let refused = if batch.bad.is_empty() {
        match client.send(args.kind, batch.rows).await {
            Ok(counts) => {
                report.rows_stored += batch.lines.len() as u64;
                report.batches_stored += 1;
                for (name, n) in counts {
                    *report.totals.entry(name).or_default() += n;
                }
                return true;
            }
            Err(BatchError::Fatal(reason)) => {
                report.fatal = Some(reason);
                return false;
            }
            Err(BatchError::Rows(rows)) => rows
                .into_iter()
                .map(|r| BadLine {
                    line: batch.lines.get(r.index).copied().unwrap_or_default(),
                    column: layout.header_of(&r.field),
                    reason: r.reason,
                })
                .collect(),
        }
    } else {
        batch.bad
    };
    bar.println(format!(
        "batch of {} rows from line {} not stored:",
        batch.size, batch.first_line
    ));
    for bad in &refused {
        bar.println(format!("  {bad}"));
    }
    report.bad_lines.extend(refused);
    report.batches_failed += 1;
    args.continue_on_error
}

fn progress_bar(bytes: u64) -> ProgressBar {
    let bar = ProgressBar::new(bytes);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] [{wide_bar}] {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}
