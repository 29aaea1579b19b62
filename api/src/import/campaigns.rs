//! `leadsource import campaigns`: creates each campaign of the file, or updates the one with the
//! same utm_campaign, so a new workspace gets its campaigns before its spend file.
//!
//! The workspace's channels and campaigns are read once at the start (`channels`, `campaigns`:
//! the token needs the admin scope, as `createCampaign` does). A row's `channel` is a channel's
//! name or a channel group (`PAID_SEARCH`, `Paid Search`: the group's default channel). Rows go
//! as aliased `createCampaign` / `updateCampaign` fields, [`FIELDS_PER_REQUEST`] to a request;
//! each field stands alone, so one refused row does not keep the others from being stored.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::cell::CellError;
use super::client::{Client, Outcome, ServerRow, describe};
use super::columns::{BadCell, Layout};

/// Aliased mutation fields per request, under the server's default MAX_QUERY_ALIASES (50).
pub const FIELDS_PER_REQUEST: usize = 20;

/// Campaigns listed per page when the catalog is read.
const PAGE: u32 = 100;

/// Error codes that refuse one row; any other stops the import.
const ROW_CODES: [&str; 3] = ["BAD_USER_INPUT", "CONFLICT", "NOT_FOUND"];

#[derive(Debug, Clone)]
struct ChannelRef {
    id: String,
    name: String,
    kind: String,
    is_default: bool,
}

/// The workspace's campaigns by utm_campaign and its channels.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Campaign ids by lower-case utm_campaign.
    by_utm: HashMap<String, String>,
    channels: Vec<ChannelRef>,
    /// utm_campaign values of earlier rows of the file: later rows with them update.
    planned: HashSet<String>,
}

fn utm_of(row: &Value) -> String {
    row["utmCampaign"]
        .as_str()
        .unwrap_or_default()
        .trim()
        .to_lowercase()
}

/// `Paid Search`, `paid-search` and `PAID_SEARCH` are one group.
fn group_of(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

impl Catalog {
    /// Reads the workspace's live channels and every campaign with a utm_campaign.
    pub async fn load(client: &Client) -> Result<Self, String> {
        let body = client
            .request(
                "{ channels { id name kind isDefault archived } }",
                json!({}),
            )
            .await?;
        let channels = data(&body, "channels")?
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["archived"] != Value::Bool(true))
            .map(|c| ChannelRef {
                id: c["id"].as_str().unwrap_or_default().to_owned(),
                name: c["name"].as_str().unwrap_or_default().to_owned(),
                kind: c["kind"].as_str().unwrap_or_default().to_owned(),
                is_default: c["isDefault"] == Value::Bool(true),
            })
            .collect();
        let mut by_utm = HashMap::new();
        let mut after = Value::Null;
        loop {
            let query = format!(
                "query($after: String) {{ campaigns(first: {PAGE}, after: $after) {{ nodes {{ id utmCampaign }} pageInfo {{ hasNextPage endCursor }} }} }}"
            );
            let body = client.request(&query, json!({ "after": after })).await?;
            let page = data(&body, "campaigns")?;
            for node in page["nodes"].as_array().into_iter().flatten() {
                if let (Some(id), Some(utm)) = (node["id"].as_str(), node["utmCampaign"].as_str()) {
                    by_utm.insert(utm.to_lowercase(), id.to_owned());
                }
            }
            if page["pageInfo"]["hasNextPage"] != Value::Bool(true) {
                break;
            }
            after = page["pageInfo"]["endCursor"].clone();
        }
        Ok(Self {
            by_utm,
            channels,
            planned: HashSet::new(),
        })
    }

    /// The channel a row names, by name first, then as a group (its default channel).
    fn channel_id(&self, given: &str) -> Option<&str> {
        let by_name = self
            .channels
            .iter()
            .find(|c| c.name.trim().eq_ignore_ascii_case(given.trim()));
        let group = group_of(given);
        by_name
            .or_else(|| {
                self.channels
                    .iter()
                    .filter(|c| c.kind == group)
                    .max_by_key(|c| c.is_default)
            })
            .map(|c| c.id.as_str())
    }

    /// Turns the row's `channel` into a `channelId`; a new campaign must name one.
    pub fn check(&mut self, row: &mut Value, layout: &Layout) -> Result<(), Vec<BadCell>> {
        let utm = utm_of(row);
        let bad = |reason: &str, value: Option<&str>| {
            vec![BadCell {
                column: layout.header_of("channel"),
                error: CellError {
                    reason: reason.to_owned(),
                    value: value.map(str::to_owned),
                },
            }]
        };
        let Some(object) = row.as_object_mut() else {
            return Ok(());
        };
        if let Some(given) = object.remove("channel") {
            let given = given.as_str().unwrap_or_default();
            let Some(id) = self.channel_id(given) else {
                return Err(bad(
                    "names no channel of the workspace, by name or group",
                    Some(given),
                ));
            };
            object.insert("channelId".to_owned(), Value::from(id));
        } else if !self.by_utm.contains_key(&utm) && !self.planned.contains(&utm) {
            return Err(bad("is required for a new campaign", None));
        }
        self.planned.insert(utm);
        Ok(())
    }
}

/// `data.<field>` of an answer, or its first error.
fn data<'a>(body: &'a Value, field: &str) -> Result<&'a Value, String> {
    if let Some(error) = body["errors"].as_array().and_then(|e| e.first()) {
        return Err(describe(error));
    }
    Ok(&body["data"][field])
}

/// Creates or updates the campaigns of `rows`, in order.
pub async fn send(client: &Client, catalog: &mut Catalog, rows: &[Value]) -> Outcome {
    let mut counts: Vec<(String, u64)> = vec![("created".to_owned(), 0), ("updated".to_owned(), 0)];
    let mut stored = 0;
    let mut refused = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        // A chunk ends before a utm_campaign repeats, so the repeat updates what the first made.
        let mut utms = HashSet::new();
        let mut end = start;
        while end < rows.len()
            && end - start < FIELDS_PER_REQUEST
            && utms.insert(utm_of(&rows[end]))
        {
            end += 1;
        }
        let (query, variables, creates) = document(catalog, &rows[start..end]);
        let body = match client.request(&query, Value::Object(variables)).await {
            Ok(body) => body,
            Err(reason) => {
                return Outcome::Fatal {
                    reason,
                    from: start,
                    counts,
                    stored,
                    refused,
                };
            }
        };
        for error in body["errors"].as_array().into_iter().flatten() {
            let code = error["extensions"]["code"].as_str().unwrap_or_default();
            let index = error["path"][0]
                .as_str()
                .and_then(|alias| alias.strip_prefix('r'))
                .and_then(|k| k.parse::<usize>().ok());
            match index {
                Some(k) if ROW_CODES.contains(&code) => refused.push(ServerRow {
                    index: start + k,
                    field: error["extensions"]["field"]
                        .as_str()
                        .unwrap_or("utmCampaign")
                        .to_owned(),
                    reason: error["message"].as_str().unwrap_or_default().to_owned(),
                }),
                _ => {
                    return Outcome::Fatal {
                        reason: describe(error),
                        from: start,
                        counts,
                        stored,
                        refused,
                    };
                }
            }
        }
        for k in 0..end - start {
            let Some(id) = body["data"][format!("r{k}")]["id"].as_str() else {
                continue;
            };
            stored += 1;
            let created = creates.contains(&k);
            counts[usize::from(!created)].1 += 1;
            if created {
                catalog
                    .by_utm
                    .insert(utm_of(&rows[start + k]), id.to_owned());
            }
        }
        start = end;
    }
    Outcome::Stored {
        counts,
        stored,
        refused,
    }
}

/// One request of aliased fields `r0`, `r1`…, its variables, and which fields create.
fn document(catalog: &Catalog, rows: &[Value]) -> (String, Map<String, Value>, Vec<usize>) {
    let mut params = Vec::new();
    let mut fields = String::new();
    let mut variables = Map::new();
    let mut creates = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let utm = utm_of(row);
        let mut input = row.as_object().cloned().unwrap_or_default();
        match catalog.by_utm.get(&utm) {
            Some(id) => {
                params.push(format!("$id{k}: ID!, $in{k}: UpdateCampaignInput!"));
                let _ = write!(
                    fields,
                    " r{k}: updateCampaign(id: $id{k}, input: $in{k}) {{ id }}"
                );
                variables.insert(format!("id{k}"), Value::from(id.as_str()));
            }
            None => {
                params.push(format!("$in{k}: CreateCampaignInput!"));
                let _ = write!(fields, " r{k}: createCampaign(input: $in{k}) {{ id }}");
                input
                    .entry("name")
                    .or_insert_with(|| row["utmCampaign"].clone());
                creates.push(k);
            }
        }
        variables.insert(format!("in{k}"), Value::Object(input));
    }
    let query = format!("mutation({}) {{{fields} }}", params.join(", "));
    (query, variables, creates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let channel = |id: &str, name: &str, kind: &str, is_default| ChannelRef {
            id: id.to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
            is_default,
        };
        Catalog {
            by_utm: HashMap::from([("brand".to_owned(), "c1".to_owned())]),
            channels: vec![
                channel("h1", "Google Ads", "PAID_SEARCH", false),
                channel("h2", "Paid Search", "PAID_SEARCH", true),
                channel("h3", "Trade fairs", "EVENTS", false),
            ],
            planned: HashSet::new(),
        }
    }

    #[test]
    fn channels_are_found_by_name_then_by_group() {
        let c = catalog();
        assert_eq!(c.channel_id("google ads"), Some("h1"));
        assert_eq!(c.channel_id("paid-search"), Some("h2"));
        assert_eq!(c.channel_id("EVENTS"), Some("h3"));
        assert_eq!(c.channel_id("Radio"), None);
    }

    #[test]
    fn a_new_campaign_needs_a_channel_and_a_later_line_updates_it() {
        let layout = Layout::new(
            crate::config::ImportKind::Campaigns,
            &csv::StringRecord::from(vec!["UTM Campaign", "Channel"]),
        )
        .expect("a valid header");
        let mut c = catalog();
        let mut orphan = json!({ "utmCampaign": "orphan" });
        let refused = c.check(&mut orphan, &layout).expect_err("no channel");
        assert_eq!(refused[0].column, "Channel");
        let mut known = json!({ "utmCampaign": "Brand" });
        assert_eq!(c.check(&mut known, &layout), Ok(()));
        let mut spring = json!({ "utmCampaign": "spring", "channel": "Paid Search" });
        assert_eq!(c.check(&mut spring, &layout), Ok(()));
        assert_eq!(
            spring,
            json!({ "utmCampaign": "spring", "channelId": "h2" })
        );
        let mut again = json!({ "utmCampaign": "SPRING", "status": "PAUSED" });
        assert_eq!(c.check(&mut again, &layout), Ok(()));
        let mut radio = json!({ "utmCampaign": "radio", "channel": "Radio" });
        let refused = c.check(&mut radio, &layout).expect_err("no such channel");
        assert_eq!(refused[0].error.value.as_deref(), Some("Radio"));
    }

    #[test]
    fn known_campaigns_are_updated_and_new_ones_created_with_a_default_name() {
        let rows = [
            json!({ "utmCampaign": "Brand", "status": "PAUSED" }),
            json!({ "utmCampaign": "spring", "channelId": "h2" }),
        ];
        let (query, variables, creates) = document(&catalog(), &rows);
        assert_eq!(
            query,
            "mutation($id0: ID!, $in0: UpdateCampaignInput!, $in1: CreateCampaignInput!) { r0: updateCampaign(id: $id0, input: $in0) { id } r1: createCampaign(input: $in1) { id } }"
        );
        assert_eq!(variables["id0"], "c1");
        assert_eq!(variables["in1"]["name"], "spring");
        assert_eq!(creates, [1]);
    }
}
