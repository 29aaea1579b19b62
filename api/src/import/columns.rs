//! The documented CSV columns of each import kind, and one CSV record → one GraphQL input object.
//! Cells are checked here ([`cell`](super::cell)), so a bad cell is reported with its line
//! number and the file's own column header instead of failing the whole request at the server.

use csv::StringRecord;
use serde_json::{Map, Value};

use super::cell::{self, Cell, CellError, Facts};
use crate::config::ImportKind;
use crate::services::ingest::validate::{
    MAX_ID_CHARS, MAX_NAME_CHARS, MAX_URL_CHARS, MAX_UTM_CHARS,
};

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

const ID: Cell = Cell::Text(MAX_ID_CHARS);
const NAME: Cell = Cell::Text(MAX_NAME_CHARS);
const UTM: Cell = Cell::Text(MAX_UTM_CHARS);
const URL: Cell = Cell::Text(MAX_URL_CHARS);
/// A campaign's own utm_campaign is shorter than a touch's (the campaign service's limit).
const CAMPAIGN_UTM: Cell = Cell::Text(200);

const SPEND: &[Column] = &[
    col("date", "date", Cell::Day, true),
    col("amount", "amount", Cell::Money, true),
    col("campaign_id", "campaignId", ID, false),
    col("utm_campaign", "utmCampaign", UTM, false),
    col("impressions", "impressions", Cell::Count, false),
    col("clicks", "clicks", Cell::Count, false),
    col("currency", "currency", Cell::Currency, false),
];

const LEADS: &[Column] = &[
    col("external_id", "externalId", ID, true),
    col("email", "email", Cell::Email, false),
    col("name", "name", NAME, false),
    col("company", "company", NAME, false),
    col("created_at", "createdAt", Cell::Timestamp, false),
    col("channel", "channel", NAME, false),
    col("campaign_id", "campaignId", ID, false),
    col("utm_source", "utmSource", UTM, false),
    col("utm_medium", "utmMedium", UTM, false),
    col("utm_campaign", "utmCampaign", UTM, false),
    col("utm_term", "utmTerm", UTM, false),
    col("utm_content", "utmContent", UTM, false),
    col("referrer", "referrer", URL, false),
    col("landing_page", "landingPage", URL, false),
];

const TOUCHPOINTS: &[Column] = &[
    col("lead_external_id", "leadExternalId", ID, true),
    col("event_id", "eventId", ID, false),
    col("occurred_at", "occurredAt", Cell::Timestamp, false),
    col("channel", "channel", NAME, false),
    col("campaign_id", "campaignId", ID, false),
    col("utm_source", "utmSource", UTM, false),
    col("utm_medium", "utmMedium", UTM, false),
    col("utm_campaign", "utmCampaign", UTM, false),
    col("utm_term", "utmTerm", UTM, false),
    col("utm_content", "utmContent", UTM, false),
    col("referrer", "referrer", URL, false),
    col("landing_page", "landingPage", URL, false),
];

const CONVERSIONS: &[Column] = &[
    col("external_id", "externalId", ID, true),
    col("lead_external_id", "leadExternalId", ID, true),
    col("kind", "kind", Cell::ConversionKind, true),
    col("occurred_at", "occurredAt", Cell::Timestamp, false),
    col("revenue", "revenue", Cell::Money, false),
    col("currency", "currency", Cell::Currency, false),
];

/// One day's rate of a foreign currency: units of the reporting currency per unit of it.
const FX: &[Column] = &[
    col("date", "date", Cell::Day, true),
    col("currency", "currency", Cell::ForeignCurrency, true),
    col("rate", "rate", Cell::Rate, true),
];

/// `channel` is a channel's name or group, turned into its `channelId` by the campaigns import.
const CAMPAIGNS: &[Column] = &[
    col("utm_campaign", "utmCampaign", CAMPAIGN_UTM, true),
    col("name", "name", NAME, false),
    col("channel", "channel", NAME, false),
    col("status", "status", Cell::Status, false),
    col("starts_on", "startsOn", Cell::Date, false),
    col("ends_on", "endsOn", Cell::Date, false),
];

/// The documented columns of `kind`.
pub fn columns(kind: ImportKind) -> &'static [Column] {
    match kind {
        ImportKind::Spend => SPEND,
        ImportKind::Leads => LEADS,
        ImportKind::Touchpoints => TOUCHPOINTS,
        ImportKind::Conversions => CONVERSIONS,
        ImportKind::Campaigns => CAMPAIGNS,
        ImportKind::Fx => FX,
    }
}

/// Server fields that stand for another column: the server names `campaignId` when the
/// `utmCampaign` a row gave matches no campaign.
const STANDS_FOR: &[(&str, &str)] = &[("campaignId", "utmCampaign"), ("channelId", "channel")];

/// One bad cell of a record: the file's header of its column, why, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCell {
    pub column: String,
    pub error: CellError,
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
    /// The file's own header of each documented column it has, by GraphQL field.
    headers: Vec<(&'static str, String)>,
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
        let mut own = Vec::new();
        for header in headers {
            let found = known
                .iter()
                .find(|c| normalize(c.header) == normalize(header));
            match found {
                Some(c) if seen.contains(&c.header) => {
                    return Err(format!("column {} appears twice in the header", c.header));
                }
                Some(c) => {
                    seen.push(c.header);
                    own.push((c.field, header.trim().to_owned()));
                }
                None => ignored.push(header.trim().to_owned()),
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
            headers: own,
            ignored,
        })
    }

    /// The file's own header for a GraphQL input field (`UTM Campaign`, not `utm_campaign`),
    /// for messages about bad cells; the documented header when the file has no such column.
    pub fn header_of(&self, field: &str) -> String {
        let own = |field: &str| {
            self.headers
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, h)| h.clone())
        };
        own(field)
            .or_else(|| {
                STANDS_FOR
                    .iter()
                    .filter(|(server, _)| *server == field)
                    .find_map(|(_, column)| own(column))
            })
            .or_else(|| {
                columns(self.kind)
                    .iter()
                    .find(|c| c.field == field)
                    .map(|c| c.header.to_owned())
            })
            .unwrap_or_else(|| field.to_owned())
    }

    /// The record as an input object, or every bad cell.
    pub fn row(&self, record: &StringRecord, facts: &Facts) -> Result<Value, Vec<BadCell>> {
        let mut object = Map::new();
        let mut bad = Vec::new();
        for (column, raw) in self.positions.iter().zip(record.iter()) {
            let Some(column) = column else { continue };
            let value = raw.trim();
            if value.is_empty() {
                if column.required {
                    bad.push(self.bad(column.field, "is required", None));
                }
                continue;
            }
            match cell::read(column.cell, value, facts) {
                Ok(v) => {
                    object.insert(column.field.to_owned(), v);
                }
                Err(error) => bad.push(BadCell {
                    column: self.header_of(column.field),
                    error,
                }),
            }
        }
        if bad.is_empty() {
            self.check_row(&object, &mut bad);
        }
        if bad.is_empty() {
            Ok(Value::Object(object))
        } else {
            Err(bad)
        }
    }

    /// Rules across the cells of a row, as the server applies them.
    fn check_row(&self, row: &Map<String, Value>, bad: &mut Vec<BadCell>) {
        match self.kind {
            ImportKind::Spend
                if !row.contains_key("campaignId") && !row.contains_key("utmCampaign") =>
            {
                bad.push(self.bad(
                    "utmCampaign",
                    "names no campaign: fill campaign_id or utm_campaign",
                    None,
                ));
            }
            ImportKind::Campaigns => {
                if let (Some(start), Some(end)) = (row.get("startsOn"), row.get("endsOn"))
                    && end.as_str() < start.as_str()
                {
                    bad.push(self.bad("endsOn", "is before the start (starts_on)", end.as_str()));
                }
            }
            _ => {}
        }
    }

    fn bad(&self, field: &str, reason: &str, value: Option<&str>) -> BadCell {
        BadCell {
            column: self.header_of(field),
            error: CellError {
                reason: reason.to_owned(),
                value: value.map(str::to_owned),
            },
        }
    }
}

pub fn kind_name(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Spend => "spend",
        ImportKind::Leads => "leads",
        ImportKind::Touchpoints => "touchpoints",
        ImportKind::Conversions => "conversions",
        ImportKind::Campaigns => "campaigns",
        ImportKind::Fx => "fx",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    fn facts() -> Facts {
        let now = chrono::DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z")
            .map(|t| t.with_timezone(&chrono::Utc))
            .expect("a fixed instant");
        Facts::new("EUR".to_owned(), chrono_tz::UTC, now)
    }

    fn columns_of(bad: Result<Value, Vec<BadCell>>) -> Vec<String> {
        bad.expect_err("a bad record")
            .into_iter()
            .map(|b| b.column)
            .collect()
    }

    #[test]
    fn headers_match_in_any_spelling_and_unknown_ones_are_ignored() {
        let layout = Layout::new(
            ImportKind::Spend,
            &record(&["Date", "AMOUNT", "UTM Campaign", "notes"]),
        );
        let layout = layout.expect("a valid header");
        assert_eq!(layout.ignored, ["notes"]);
        let row = layout.row(&record(&["2026-03-01", " 12.50 ", "Brand", "x"]), &facts());
        assert_eq!(
            row,
            Ok(
                serde_json::json!({ "date": "2026-03-01", "amount": "12.50", "utmCampaign": "Brand" })
            )
        );
    }

    #[test]
    fn messages_name_the_files_own_headers() {
        let layout = Layout::new(
            ImportKind::Spend,
            &record(&["Day", "Date", "Amount", "UTM Campaign"]),
        )
        .expect("a valid header");
        assert_eq!(layout.header_of("utmCampaign"), "UTM Campaign");
        // The server names campaignId when a utmCampaign matches no campaign.
        assert_eq!(layout.header_of("campaignId"), "UTM Campaign");
        assert_eq!(layout.header_of("clicks"), "clicks");
        let bad = layout.row(&record(&["x", "2026-03-01", "-1", ""]), &facts());
        assert_eq!(columns_of(bad), ["Amount"]);
        let bad = layout.row(&record(&["x", "2026-03-01", "1", ""]), &facts());
        assert_eq!(columns_of(bad), ["UTM Campaign"]);
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
        let no_utm = Layout::new(ImportKind::Campaigns, &record(&["name", "channel"]));
        assert!(no_utm.is_err_and(|e| e.contains("lacks utm_campaign")));
    }

    #[test]
    fn every_bad_cell_of_a_record_is_reported() {
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
        let bad = layout.row(
            &record(&["c1", "", "purchase", "yesterday", "12,50"]),
            &facts(),
        );
        assert_eq!(
            columns_of(bad),
            ["lead_external_id", "occurred_at", "revenue"]
        );
        let good = layout.row(
            &record(&["c1", "l1", "purchase", "2026-03-01 10:00", "12"]),
            &facts(),
        );
        assert_eq!(
            good.map(|v| v["occurredAt"].clone()),
            Ok(Value::from("2026-03-01T10:00:00+00:00"))
        );
    }

    #[test]
    fn a_campaign_that_ends_before_it_starts_is_refused() {
        let layout = Layout::new(
            ImportKind::Campaigns,
            &record(&["utm_campaign", "starts_on", "ends_on"]),
        )
        .expect("a valid header");
        let bad = layout.row(&record(&["x", "2026-03-02", "2026-03-01"]), &facts());
        assert_eq!(columns_of(bad), ["ends_on"]);
    }
}
