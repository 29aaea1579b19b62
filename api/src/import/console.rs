//! What an import tells its user while it runs: warnings and bad lines on stderr, always.
//!
//! The progress bar draws only on a terminal; messages written through it vanish under cron, CI
//! or a pipe. So messages go to the output stream directly, with the bar suspended while they
//! are written. The first [`SHOWN_PER_ERROR`] lines of each identical error (same column, same
//! reason) are printed; the rest are counted and summarised at the end.

use std::collections::HashMap;
use std::io::Write;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::report::BadLine;

/// Lines printed for each identical error before the rest are only counted.
pub const SHOWN_PER_ERROR: u64 = 20;

/// The lines of one identical error that were not printed.
struct Hidden {
    count: u64,
    first: u64,
    last: u64,
}

/// The progress bar and the stream messages go to.
pub struct Console {
    bar: ProgressBar,
    out: Box<dyn Write + Send>,
    /// Lines seen per (column, reason), and the ones not printed.
    seen: HashMap<(String, String), u64>,
    hidden: Vec<((String, String), Hidden)>,
}

impl Console {
    /// A bar on stderr (drawn only on a terminal) and messages on stderr.
    pub fn stderr(bytes: u64) -> Self {
        Self::new(progress_bar(bytes), Box::new(std::io::stderr()))
    }

    /// No bar, as outside a terminal, and messages on `out`.
    pub fn hidden(out: Box<dyn Write + Send>) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        Self::new(bar, out)
    }

    fn new(bar: ProgressBar, out: Box<dyn Write + Send>) -> Self {
        Self {
            bar,
            out,
            seen: HashMap::new(),
            hidden: Vec::new(),
        }
    }

    pub fn set_position(&self, bytes: u64) {
        self.bar.set_position(bytes);
    }

    /// Writes one message line. A failed write to stderr cannot be reported anywhere.
    pub fn say(&mut self, text: &str) {
        let out = &mut self.out;
        self.bar.suspend(|| {
            let _ = writeln!(out, "{text}");
            let _ = out.flush();
        });
    }

    /// Writes a heading and the bad lines under it, summarising repeats.
    pub fn bad_lines(&mut self, heading: &str, lines: &[BadLine]) {
        let shown: Vec<String> = lines
            .iter()
            .filter(|bad| self.show(bad))
            .map(|bad| format!("  {bad}"))
            .collect();
        // A batch whose every line repeats an error already printed 20 times says nothing.
        if shown.is_empty() {
            return;
        }
        let mut text = heading.to_owned();
        for line in shown {
            text.push('\n');
            text.push_str(&line);
        }
        self.say(&text);
    }

    /// True for the first lines of an error; counts the others.
    fn show(&mut self, bad: &BadLine) -> bool {
        let key = (bad.column.clone(), bad.reason.clone());
        let seen = self.seen.entry(key.clone()).or_default();
        *seen += 1;
        if *seen <= SHOWN_PER_ERROR {
            return true;
        }
        match self.hidden.iter_mut().find(|(k, _)| *k == key) {
            Some((_, hidden)) => {
                hidden.count += 1;
                hidden.last = bad.line;
            }
            None => self.hidden.push((
                key,
                Hidden {
                    count: 1,
                    first: bad.line,
                    last: bad.line,
                },
            )),
        }
        false
    }

    /// Clears the bar and prints how many lines of each repeated error were not printed.
    pub fn finish(mut self) {
        self.bar.finish_and_clear();
        let hidden = std::mem::take(&mut self.hidden);
        for ((column, reason), h) in hidden {
            let text = format!(
                "… and {} more lines with {column}: {reason} (lines {} to {})",
                h.count, h.first, h.last
            );
            self.say(&text);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
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

    fn bad(line: u64, column: &str, reason: &str) -> BadLine {
        BadLine {
            line,
            column: column.to_owned(),
            reason: reason.to_owned(),
            value: Some(format!("v{line}")),
        }
    }

    #[test]
    fn identical_errors_are_printed_twenty_times_then_counted() {
        let out = Shared::default();
        let mut console = Console::hidden(Box::new(out.clone()));
        let lines: Vec<BadLine> = (2..=31)
            .map(|l| bad(l, "amount", "is not a decimal number"))
            .chain([bad(32, "date", "is required")])
            .collect();
        console.bad_lines("batch from line 2 not stored:", &lines);
        console.finish();
        let text = String::from_utf8(out.0.lock().map(|b| b.clone()).unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(
            text.matches("amount: is not a decimal number (got").count(),
            20
        );
        assert!(text.contains("line 21: amount"), "{text}");
        assert!(!text.contains("line 22: amount"), "{text}");
        assert!(text.contains("line 32: date: is required"), "{text}");
        assert!(
            text.contains(
                "… and 10 more lines with amount: is not a decimal number (lines 22 to 31)"
            ),
            "{text}"
        );
    }
}
