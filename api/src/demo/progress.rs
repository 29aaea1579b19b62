//! The progress bar of a demo run: one step per week of leads, drawn on stderr, or
//! nothing at all when hidden (tests, `serve --demo`).

use indicatif::{ProgressBar, ProgressStyle};

pub(super) struct Progress(ProgressBar);

impl Progress {
    pub fn new(show: bool, weeks: u64) -> Progress {
        if !show {
            return Progress(ProgressBar::hidden());
        }
        // `ProgressBar::new` draws on stderr, so stdout stays clean for the summary.
        let bar = ProgressBar::new(weeks);
        let style = ProgressStyle::with_template(
            "{spinner} demo data [{bar:30}] {pos}/{len} weeks · {msg} · {elapsed}",
        )
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress(bar)
    }

    pub fn message(&self, msg: String) {
        self.0.set_message(msg);
    }

    /// A week is written; `leads` so far.
    pub fn week_done(&self, leads: u64) {
        self.0.set_message(format!("{leads} leads"));
        self.0.inc(1);
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
