//! Talking to the GraphQL API for an import: the workspace's facts, one batch of input objects,
//! and the retries that carry an import through a rate limit or a dropped connection.
//!
//! A refusal for the rate (429) or an outage (503) is retried after the server's `Retry-After`;
//! a connection that could not be made, after a backoff that doubles from `--retry-wait-ms`.
//! Neither wrote anything, so retrying cannot store a row twice. A request whose answer was
//! lost after it was sent is not retried: whether it was stored is not known.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::config::{ImportArgs, ImportKind};

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
    /// Nothing more can be sent: bad token, missing scope, network, rate limit, server error.
    Fatal(String),
}

/// What sending rows came to.
#[derive(Debug)]
pub enum Outcome {
    /// Stored: every row, or every row but the `refused` ones (campaigns go one by one).
    Stored {
        counts: Vec<(String, u64)>,
        stored: u64,
        refused: Vec<ServerRow>,
    },
    /// Nothing stored: the server refused these rows, and so the whole call.
    Refused(Vec<ServerRow>),
    /// Nothing more can be sent. Rows from index `from` on are not known to be stored; the
    /// counts, stored rows and refusals before them are.
    Fatal {
        reason: String,
        from: usize,
        counts: Vec<(String, u64)>,
        stored: u64,
        refused: Vec<ServerRow>,
    },
}

/// The longest wait between two attempts, whatever `Retry-After` or the backoff says.
const LONGEST_WAIT: Duration = Duration::from_secs(300);

/// How failed requests are tried again.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// Attempts after the first.
    pub max_retries: u32,
    /// The first wait after a connection error; each next one is twice as long.
    pub first_wait: Duration,
}

/// A GraphQL client for one import.
pub struct Client {
    http: reqwest::Client,
    url: String,
    token: String,
    retry: Retry,
}

/// The mutation of each batch kind and the name of its answer; campaigns are created and
/// updated one by one ([`super::campaigns`]).
fn mutation(kind: ImportKind) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        ImportKind::Spend => (
            "mutation($rows: [SpendInput!]!) { recordSpend(entries: $rows) { inserted updated } }",
            "recordSpend",
        ),
        ImportKind::Leads => (
            "mutation($rows: [LeadInput!]!) { captureLeads(inputs: $rows) { created updated } }",
            "captureLeads",
        ),
        ImportKind::Touchpoints => (
            "mutation($rows: [TouchpointInput!]!) { recordTouchpoints(inputs: $rows) { recorded duplicates } }",
            "recordTouchpoints",
        ),
        ImportKind::Conversions => (
            "mutation($rows: [ConversionInput!]!) { recordConversions(inputs: $rows) { recorded duplicates newCustomers } }",
            "recordConversions",
        ),
        ImportKind::Fx => (
            "mutation($rows: [FxRateInput!]!) { recordFxRates(entries: $rows) { inserted updated } }",
            "recordFxRates",
        ),
        ImportKind::Campaigns => return None,
    })
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

/// A `Retry-After` in seconds (the form the server sends); dates are not read.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

impl Client {
    pub fn new(args: &ImportArgs) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(300))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Self {
            http,
            url: endpoint(&args.url),
            token: args.token.trim().to_owned(),
            retry: Retry {
                max_retries: args.max_retries,
                first_wait: Duration::from_millis(args.retry_wait_ms),
            },
        })
    }

    /// Posts one GraphQL request and answers its JSON body, retrying what can be retried.
    pub async fn request(&self, query: &str, variables: Value) -> Result<Value, String> {
        let body = json!({ "query": query, "variables": variables });
        let mut backoff = self.retry.first_wait;
        let mut retries = 0;
        loop {
            let (reason, wait) = match self.attempt(&body).await? {
                Attempt::Answered(body) => return Ok(body),
                Attempt::Refused { reason, after } => (reason, after.unwrap_or(backoff)),
                Attempt::Unreachable(reason) => (reason, backoff),
            };
            if retries >= self.retry.max_retries {
                return Err(if retries == 0 {
                    reason
                } else {
                    format!("{reason} (gave up after {retries} retries)")
                });
            }
            retries += 1;
            tokio::time::sleep(wait.min(LONGEST_WAIT)).await;
            backoff = (backoff * 2).min(LONGEST_WAIT);
        }
    }

    async fn attempt(&self, body: &Value) -> Result<Attempt, String> {
        let sent = self
            .http
            .post(&self.url)
            .bearer_auth(&self.token)
            .header("accept", "application/json")
            .json(body)
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(e) if e.is_connect() => {
                return Ok(Attempt::Unreachable(format!(
                    "cannot connect to {}: {e}",
                    self.url
                )));
            }
            Err(e) => return Err(format!("no answer from {}: {e}", self.url)),
        };
        let status = response.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            return Err(
                "the batch is larger than the server accepts (its MAX_BODY_BYTES): lower --batch-size"
                    .to_owned(),
            );
        }
        let after = retry_after(response.headers());
        let body: Result<Value, _> = response.json().await;
        if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
            let error = body.as_ref().ok().map(|b| &b["errors"][0]);
            let code = error.and_then(|e| e["extensions"]["code"].as_str());
            let message = error.and_then(|e| e["message"].as_str());
            let reason = format!(
                "{}: {}",
                code.unwrap_or(status.as_str()),
                message.unwrap_or("the server asked to try again later")
            );
            // The header is what the server promises; its body says the same for clients
            // that lose headers on the way.
            let after = after.or_else(|| {
                error
                    .and_then(|e| e["extensions"]["retryAfter"].as_u64())
                    .map(Duration::from_secs)
            });
            return Ok(Attempt::Refused { reason, after });
        }
        body.map(Attempt::Answered).map_err(|e| {
            format!(
                "{} answered HTTP {status} without a GraphQL body: {e}",
                self.url
            )
        })
    }

    /// The workspace's time zone and currency, which any token may read.
    pub async fn workspace(&self) -> Result<(String, String), String> {
        let body = self
            .request("{ viewer { workspace { timezone currency } } }", json!({}))
            .await?;
        if let Some(error) = body["errors"].as_array().and_then(|e| e.first()) {
            return Err(describe(error));
        }
        let ws = &body["data"]["viewer"]["workspace"];
        match (ws["timezone"].as_str(), ws["currency"].as_str()) {
            (Some(tz), Some(currency)) => Ok((tz.to_owned(), currency.to_owned())),
            _ => Err(format!("unexpected answer: {body}")),
        }
    }

    /// Sends `rows` in one all-or-nothing call.
    pub async fn send(&self, kind: ImportKind, rows: &[Value]) -> Outcome {
        match self.send_batch(kind, rows).await {
            Ok(counts) => Outcome::Stored {
                counts,
                stored: rows.len() as u64,
                refused: Vec::new(),
            },
            Err(BatchError::Rows(refused)) => Outcome::Refused(refused),
            Err(BatchError::Fatal(reason)) => Outcome::Fatal {
                reason,
                from: 0,
                counts: Vec::new(),
                stored: 0,
                refused: Vec::new(),
            },
        }
    }

    /// Sends `rows` in one call; on success, the counts the server answered (e.g. inserted, updated).
    async fn send_batch(
        &self,
        kind: ImportKind,
        rows: &[Value],
    ) -> Result<Vec<(String, u64)>, BatchError> {
        let Some((query, answer)) = mutation(kind) else {
            return Err(BatchError::Fatal(
                "campaigns are not recorded in batches".to_owned(),
            ));
        };
        let body = self
            .request(query, json!({ "rows": rows }))
            .await
            .map_err(BatchError::Fatal)?;
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

/// What one attempt came to.
enum Attempt {
    Answered(Value),
    /// Refused for the rate or an outage: nothing was done; try again after `after`.
    Refused {
        reason: String,
        after: Option<Duration>,
    },
    /// No connection could be made: nothing was sent.
    Unreachable(String),
}

/// `CODE: message` of a GraphQL error.
pub fn describe(error: &Value) -> String {
    let code = error["extensions"]["code"].as_str().unwrap_or("ERROR");
    let message = error["message"].as_str().unwrap_or_default();
    format!("{code}: {message}")
}

/// Bad rows stay with their batch; any other error stops the import.
fn classify(error: &Value) -> BatchError {
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
    BatchError::Fatal(describe(error))
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
    fn retry_after_is_read_in_seconds() {
        let mut headers = reqwest::header::HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(
            reqwest::header::RETRY_AFTER,
            reqwest::header::HeaderValue::from_static(" 7"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            reqwest::header::RETRY_AFTER,
            reqwest::header::HeaderValue::from_static("Wed, 21 Oct 2026 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), None);
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
