//! The documented CSV columns of each import kind, and one CSV record → one GraphQL input object.
//! Formats are checked here, so a malformed cell is reported with its line number instead of
//! failing the whole request at the server's type check.

use chrono::{DateTime, NaiveDate};
use csv::StringRecord;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::config::ImportKind;

/// How a cell is checked and sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Text,
    /// YYYY-MM-DD.
    Date,
    /// A decimal amount such as 1234.50, sent as a string (exact).
    Decimal,
    /// A whole number.
    Int,
    /// RFC 3339 with an offset, e.g. 2026-03-01T09:30:00Z.
    Timestamp,
}

/// One documented column: its CSV header, the GraphQL input field, its format, whether required.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub field: &'static str,
    pub cell: Cell,
    pub required: bool,
}

const fn col(header: &'static str, field: &'static str, cell: Cell, required: bool) -> Column {
    Column {
        header,
        field,
        cell,
        required,
    }
}

use Cell::{Date as D, Decimal as M, Int as I, Text as T, Timestamp as S};

const SPEND: &[Column] = &[
    col("date", "date", D, true),
    col("amount", "amount", M, true),
    col("campaign_id", "campaignId", T, false),
    col("utm_campaign", "utmCampaign", T, false),
    col("impressions", "impressions", I, false),
    col("clicks", "clicks", I, false),
    col("currency", "currency", T, false),
];

const LEADS: &[Column] = &[
    col("external_id", "externalId", T, true),
    col("email", "email", T, false),
    col("name", "name", T, false),
    col("company", "company", T, false),
    col("created_at", "createdAt", S, false),
    col("channel", "channel", T, false),
    col("campaign_id", "campaignId", T, false),
    col("utm_source", "utmSource", T, false),
    col("utm_medium", "utmMedium", T, false),
    col("utm_campaign", "utmCampaign", T, false),
    col("utm_term", "utmTerm", T, false),
    col("utm_content", "utmContent", T, false),
    col("referrer", "referrer", T, false),
    col("landing_page", "landingPage", T, false),
];

const CONVERSIONS: &[Column] = &[
    col("external_id", "externalId", T, true),
    col("lead_external_id", "leadExternalId", T, true),
    col("kind", "kind", T, true),
    col("occurred_at", "occurredAt", S, false),
    col("revenue", "revenue", M, false),
    col("currency", "currency", T, false),
];

/// The documented columns of `kind`.
pub fn columns(kind: ImportKind) -> &'static [Column] {
    match kind {
        ImportKind::Spend => SPEND,
        ImportKind::Leads => LEADS,
        ImportKind::Conversions => CONVERSIONS,
    }
}

/// `utm_campaign`, `utmCampaign` and `UTM Campaign` are one header.
fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Which documented column each position of a file's header holds.
#[derive(Debug)]
pub struct Layout {
    kind: ImportKind,
    positions: Vec<Option<Column>>,
    /// Headers that are not documented columns; their cells are not sent.
    pub ignored: Vec<String>,
}

impl Layout {
    /// Maps `headers`; refuses duplicates and missing required columns.
    pub fn new(kind: ImportKind, headers: &StringRecord) -> Result<Self, String> {
        let known = columns(kind);
        let mut positions = Vec::with_capacity(headers.len());
        let mut ignored = Vec::new();
        let mut seen = Vec::new();
        for header in headers {
            let found = known
                .iter()
                .find(|c| normalize(c.header) == normalize(header));
            match found {
                Some(c) if seen.contains(&c.header) => {
                    return Err(format!("column {} appears twice in the header", c.header));
                }
                Some(c) => seen.push(c.header),
                None => ignored.push(header.to_owned()),
            }
            positions.push(found.copied());
        }
        let missing: Vec<&str> = known
            .iter()
            .filter(|c| c.required && !seen.contains(&c.header))
            .map(|c| c.header)
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "the header lacks {}; the columns of a {} file are: {}",
                missing.join(", "),
                kind_name(kind),
                known
                    .iter()
                    .map(|c| c.header)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if kind == ImportKind::Spend
            && !seen.contains(&"campaign_id")
            && !seen.contains(&"utm_campaign")
        {
            return Err(
                "a spend file names campaigns by a campaign_id or a utm_campaign column".to_owned(),
            );
        }
        Ok(Self {
            kind,
            positions,
            ignored,
        })
    }

    /// The CSV header of a GraphQL input field, for messages about the server's bad rows.
    pub fn header_of(&self, field: &str) -> String {
        columns(self.kind)
            .iter()
            .find(|c| c.field == field)
            .map_or_else(|| field.to_owned(), |c| c.header.to_owned())
    }

    /// The record as an input object, or every bad cell as (column, reason).
    pub fn row(&self, record: &StringRecord) -> Result<Value, Vec<(String, String)>> {
        let mut object = Map::new();
        let mut bad = Vec::new();
        for (column, raw) in self.positions.iter().zip(record.iter()) {
            let Some(column) = column else { continue };
            let value = raw.trim();
            if value.is_empty() {
                if column.required {
                    bad.push((column.header.to_owned(), "is required".to_owned()));
                }
                continue;
            }
            match parse(column.cell, value) {
                Ok(v) => {
                    object.insert(column.field.to_owned(), v);
                }
                Err(reason) => bad.push((column.header.to_owned(), reason)),
            }
        }
        if bad.is_empty() {
            Ok(Value::Object(object))
        } else {
            Err(bad)
        }
    }
}

pub fn kind_name(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Spend => "spend",
        ImportKind::Leads => "leads",
        ImportKind::Conversions => "conversions",
    }
}

fn parse(cell: Cell, value: &str) -> Result<Value, String> {
    match cell {
        Cell::Text => Ok(Value::from(value)),
        Cell::Date => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(|d| Value::from(d.to_string()))
            .map_err(|_| format!("{value:?} is not a YYYY-MM-DD date")),
        Cell::Decimal => value
            .parse::<Decimal>()
            .map(|d| Value::from(d.to_string()))
            .map_err(|_| format!("{value:?} is not a decimal number such as 1234.50")),
        Cell::Int => value
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("{value:?} is not a whole number")),
        Cell::Timestamp => DateTime::parse_from_rfc3339(value)
            .map(|t| Value::from(t.to_rfc3339()))
            .map_err(|_| format!("{value:?} is not an RFC 3339 time such as 2026-03-01T09:30:00Z")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    #[test]
    fn headers_match_in_any_spelling_and_unknown_ones_are_ignored() {
        let layout = Layout::new(
            ImportKind::Spend,
            &record(&["Date", "AMOUNT", "utmCampaign", "notes"]),
        );
        let layout = layout.expect("a valid header");
        assert_eq!(layout.ignored, ["notes"]);
        let row = layout.row(&record(&["2026-03-01", " 12.50 ", "Brand", "x"]));
        assert_eq!(
            row,
            Ok(
                serde_json::json!({ "date": "2026-03-01", "amount": "12.50", "utmCampaign": "Brand" })
            )
        );
        assert_eq!(layout.header_of("utmCampaign"), "utm_campaign");
    }

    #[test]
    fn missing_required_or_duplicate_columns_are_refused_up_front() {
        let no_amount = Layout::new(ImportKind::Spend, &record(&["date", "utm_campaign"]));
        assert!(no_amount.is_err_and(|e| e.contains("lacks amount")));
        let no_campaign = Layout::new(ImportKind::Spend, &record(&["date", "amount"]));
        assert!(no_campaign.is_err_and(|e| e.contains("campaign_id or a utm_campaign")));
        let twice = Layout::new(
            ImportKind::Leads,
            &record(&["external_id", "email", "Email"]),
        );
        assert!(twice.is_err_and(|e| e.contains("twice")));
    }

    #[test]
    fn every_malformed_cell_of_a_record_is_reported() {
        let layout = Layout::new(
            ImportKind::Conversions,
            &record(&[
                "external_id",
                "lead_external_id",
                "kind",
                "occurred_at",
                "revenue",
            ]),
        )
        .expect("a valid header");
        let bad = layout.row(&record(&["c1", "", "purchase", "yesterday", "12,50"]));
        let columns: Vec<String> = bad
            .expect_err("a row with an empty occurred_at and amount 12,50 is refused")
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(columns, ["lead_external_id", "occurred_at", "revenue"]);
        let good = layout.row(&record(&[
            "c1",
            "l1",
            "purchase",
            "2026-03-01T10:00:00+01:00",
            "12",
        ]));
        assert!(good.is_ok());
    }
}
