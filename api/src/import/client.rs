//! Sending one batch of input objects to the GraphQL API and reading what it answers.

use std::time::Duration;

use serde_json::{Value, json};

use crate::config::ImportKind;

/// One bad row of a refused batch, as the server listed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerRow {
    pub index: usize,
    pub field: String,
    pub reason: String,
}

/// Why a batch was not stored.
#[derive(Debug)]
pub enum BatchError {
    /// The server refused these rows; nothing of the batch was written.
    Rows(Vec<ServerRow>),
    /// Nothing more can be sent: bad token, missing scope, network, server error.
    Fatal(String),
}

/// A GraphQL client for one import.
pub struct Client {
    http: reqwest::Client,
    url: String,
    token: String,
}

/// The mutation of each kind and the name of its answer.
fn mutation(kind: ImportKind) -> (&'static str, &'static str) {
    match kind {
        ImportKind::Spend => (
            "mutation($rows: [SpendInput!]!) { recordSpend(entries: $rows) { inserted updated } }",
            "recordSpend",
        ),
        ImportKind::Leads => (
            "mutation($rows: [LeadInput!]!) { captureLeads(inputs: $rows) { created updated } }",
            "captureLeads",
        ),
        ImportKind::Conversions => (
            "mutation($rows: [ConversionInput!]!) { recordConversions(inputs: $rows) { recorded duplicates newCustomers } }",
            "recordConversions",
        ),
    }
}

/// `http://host:8000` and `http://host:8000/` become `http://host:8000/graphql`.
pub fn endpoint(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    if url.ends_with("/graphql") {
        url.to_owned()
    } else {
        format!("{url}/graphql")
    }
}

impl Client {
    pub fn new(url: &str, token: &str) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(300))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self {
            http,
            url: endpoint(url),
            token: token.trim().to_owned(),
        })
    }

    /// Sends `rows` in one call; on success, the counts the server answered (e.g. inserted, updated).
    pub async fn send(
        &self,
        kind: ImportKind,
        rows: Vec<Value>,
    ) -> Result<Vec<(String, u64)>, BatchError> {
        let (query, answer) = mutation(kind);
        let response = self
            .http
            .post(&self.url)
            .bearer_auth(&self.token)
            .header("accept", "application/json")
            .json(&json!({ "query": query, "variables": { "rows": rows } }))
            .send()
            .await
            .map_err(|e| BatchError::Fatal(format!("cannot reach {}: {e}", self.url)))?;
        let status = response.status();
        if status == reqwest::StatusCode::PAYLOAD_TOO_LARGE {
            return Err(BatchError::Fatal(
                "the batch is larger than the server accepts (its MAX_BODY_BYTES): lower --batch-size".to_owned(),
            ));
        }
        let body: Value = response.json().await.map_err(|e| {
            BatchError::Fatal(format!(
                "{} answered HTTP {status} without a GraphQL body: {e}",
                self.url
            ))
        })?;
        if let Some(error) = body["errors"].as_array().and_then(|e| e.first()) {
            return Err(classify(error));
        }
        let counts = body["data"][answer]
            .as_object()
            .ok_or_else(|| BatchError::Fatal(format!("unexpected answer: {body}")))?;
        Ok(counts
            .iter()
            .filter_map(|(name, n)| n.as_u64().map(|n| (name.clone(), n)))
            .collect())
    }
}

/// Bad rows stay with their batch; any other error stops the import.
fn classify(error: &Value) -> BatchError {
    let code = error["extensions"]["code"].as_str().unwrap_or("ERROR");
    let message = error["message"].as_str().unwrap_or_default();
    if let Some(rows) = error["extensions"]["rows"].as_array() {
        return BatchError::Rows(
            rows.iter()
                .map(|r| ServerRow {
                    index: r["index"].as_u64().unwrap_or_default() as usize,
                    field: r["field"].as_str().unwrap_or_default().to_owned(),
                    reason: r["reason"].as_str().unwrap_or_default().to_owned(),
                })
                .collect(),
        );
    }
    BatchError::Fatal(format!("{code}: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoint_is_the_servers_graphql_path() {
        assert_eq!(
            endpoint("http://127.0.0.1:8000"),
            "http://127.0.0.1:8000/graphql"
        );
        assert_eq!(endpoint("http://h/graphql/"), "http://h/graphql");
    }

    #[test]
    fn bad_rows_are_kept_and_other_errors_stop_the_import() {
        let rows = json!({ "message": "2 bad rows", "extensions": { "code": "BAD_USER_INPUT",
            "rows": [{ "index": 3, "field": "amount", "reason": "must not be negative" }] } });
        assert!(
            matches!(classify(&rows), BatchError::Rows(r) if r[0].index == 3 && r[0].field == "amount")
        );
        let forbidden = json!({ "message": "this needs scope spend:write", "extensions": { "code": "FORBIDDEN" } });
        assert!(
            matches!(classify(&forbidden), BatchError::Fatal(m) if m.contains("FORBIDDEN") && m.contains("spend:write"))
        );
    }
}
