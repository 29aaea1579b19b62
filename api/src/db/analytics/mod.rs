//! Analytics SQL: the aggregates behind the reports, as raw SQL that runs unchanged on
//! SQLite and PostgreSQL (`$n` placeholders work on both), read with `FromQueryResult`.
//!
//! Identical numbers on both backends follow from three rules kept by every query here:
//! money is summed as integer cents (`CAST(SUM(..) AS BIGINT)`), groups are plain columns
//! (no text folding such as `LOWER`, whose Unicode rules differ), and rows are sorted in
//! Rust, never by the database's collation. Dates are the stored local dates
//! (`lead.created_on`, `conversion.occurred_on`, `spend.date`), so no query needs the
//! workspace time zone.
//!
//! Timestamps: PostgreSQL compares `timestamptz`; SQLite stores sqlx's RFC 3339 text
//! (`2026-03-01T09:30:00.250+00:00`, always UTC, 0/3/6/9 fraction digits), whose byte order
//! is time order. [`Sql::shifted_back`] is the one place the two differ.

pub mod credited;
pub mod facts;
pub mod journeys;
pub mod pacing;

use sea_orm::{DatabaseBackend, Statement, Value};
use serde::{Deserialize, Serialize};

/// What the rows of a performance report are (DESIGN §3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Dimension {
    #[default]
    Channel,
    Campaign,
    UtmSource,
    UtmMedium,
    UtmCampaign,
}

impl Dimension {
    /// True for the UTM values (text keys), false for channel and campaign ids.
    pub fn is_text(self) -> bool {
        matches!(self, Self::UtmSource | Self::UtmMedium | Self::UtmCampaign)
    }

    /// Spend is recorded per campaign, so only CHANNEL and CAMPAIGN rows carry it.
    pub fn carries_spend(self) -> bool {
        !self.is_text()
    }
}

/// A SQL text and its bound values; `bind` hands out `$1`, `$2`, … in order.
#[derive(Debug)]
pub(crate) struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DatabaseBackend) -> Self {
        Self {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.backend
    }

    /// Binds `value` and returns its placeholder.
    pub fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    /// Appends raw SQL text (never user input: values go through [`Sql::bind`]).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// `AND {column} IN ($a, $b, …)` for a non-empty list; nothing for an empty one.
    pub fn and_in<V: Into<Value> + Clone>(&mut self, column: &str, list: &[V]) -> &mut Self {
        if list.is_empty() {
            return self;
        }
        let marks: Vec<String> = list.iter().map(|v| self.bind(v.clone())).collect();
        self.text
            .push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
        self
    }

    /// The timestamp expression `at` moved back by `days` whole days (86 400 s each, no
    /// daylight-saving shifts), exact to the microsecond on both backends.
    pub fn shifted_back(&mut self, at: &str, days: u32) -> String {
        match self.backend {
            DatabaseBackend::Postgres => {
                let hours = self.bind(i64::from(days) * 24);
                format!("({at} - CAST({hours} AS INTEGER) * INTERVAL '1 hour')")
            }
            _ => {
                // Shift the whole seconds, then put back the stored fraction and offset
                // (`.250+00:00`) unchanged: the result is in the stored text format.
                let modifier = self.bind(format!("-{days} days"));
                format!(
                    "(strftime('%Y-%m-%dT%H:%M:%S', substr({at}, 1, 19), {modifier}) \
                     || substr({at}, 20))"
                )
            }
        }
    }

    pub fn statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

/// The column of a lead or touchpoint (same names on both tables) that holds `dimension`.
pub(crate) fn key_column(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Channel => "channel_id",
        Dimension::Campaign => "campaign_id",
        Dimension::UtmSource => "utm_source",
        Dimension::UtmMedium => "utm_medium",
        Dimension::UtmCampaign => "utm_campaign",
    }
}

/// `key_id, key_text` select items for `expr`, the dimension value of a row: integer keys
/// go to `key_id`, text keys to `key_text`, the other one is a typed NULL.
pub(crate) fn key_select(dimension: Dimension, expr: &str) -> String {
    if dimension.is_text() {
        format!("CAST(NULL AS BIGINT) AS key_id, {expr} AS key_text")
    } else {
        format!("{expr} AS key_id, CAST(NULL AS TEXT) AS key_text")
    }
}
