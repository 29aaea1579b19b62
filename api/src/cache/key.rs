//! Cache keys: `{prefix}:v1:{workspace}:{generation}:{kind}:{hash}`.
//!
//! - `generation` is `workspace.data_generation`, read from the database for every
//!   report request and bumped by every write inside the write's transaction: a
//!   write makes every older key unreachable at once, in every process, even when
//!   Redis was down while it happened. TTLs only reclaim memory.
//! - `hash` is SHA-256 (first 128 bits, hex) of the report's canonical arguments
//!   plus the workspace's creation instant; the latter keeps a recreated database,
//!   whose ids and generations restart from zero, away from its predecessor's
//!   entries in a long-lived Redis.
//! - Canonical arguments: the caller passes the arguments its service takes, with
//!   defaults already filled in and set-like lists sorted (a resolver resolves
//!   `dimension = CHANNEL` before calling the service anyway); here object members
//!   are sorted and null members dropped, so `{b:1,a:null}` and `{b:1}` share a key.
//! - `v1` is the value format; bump it when a cached type changes meaning without
//!   changing shape (a shape change only costs one miss: undecodable values are misses).

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult};

/// The kind of a cached report: a metrics label and a key segment, so a fixed set of
/// names written in code (`[a-z_]+`), never client input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReportKind(&'static str);

impl ReportKind {
    pub const PERFORMANCE: Self = Self("performance");
    pub const ATTRIBUTION: Self = Self("attribution");
    pub const ATTRIBUTION_COMPARISON: Self = Self("attribution_comparison");
    pub const BUDGET_PACING: Self = Self("budget_pacing");
    pub const BUDGET_SUGGESTIONS: Self = Self("budget_suggestions");

    /// Another kind (tests, future reports); `name` must be `[a-z_]+`.
    pub const fn new(name: &'static str) -> Self {
        Self(name)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

/// Where a workspace's cached reports currently live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Generation {
    pub workspace_id: i64,
    pub generation: i64,
    /// The workspace's creation instant (µs since the epoch).
    pub epoch_micros: i64,
}

/// The key of one report for `args` at `generation`.
pub fn report_key<A: Serialize + ?Sized>(
    prefix: &str,
    kind: ReportKind,
    generation: Generation,
    args: &A,
) -> AppResult<String> {
    let hash = args_hash(generation.epoch_micros, args)?;
    Ok(format!(
        "{prefix}:v1:{}:{}:{}:{hash}",
        generation.workspace_id,
        generation.generation,
        kind.as_str()
    ))
}

/// The key of the cross-process compute lock of `key`.
pub fn lock_key(key: &str) -> String {
    format!("{key}:lock")
}

fn args_hash<A: Serialize + ?Sized>(epoch_micros: i64, args: &A) -> AppResult<String> {
    let value = serde_json::to_value(args).map_err(AppError::internal)?;
    let canonical = canonical_json(value);
    let text = serde_json::to_string(&canonical).map_err(AppError::internal)?;
    let mut hasher = Sha256::new();
    hasher.update(epoch_micros.to_be_bytes());
    hasher.update(text.as_bytes());
    Ok(hex::encode(&hasher.finalize()[..16]))
}

/// Object keys sorted, null members dropped, recursively; arrays keep their order.
pub fn canonical_json(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, canonical_json(v)))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            // Rebuilt in sorted order, whether or not serde_json preserves insertion order.
            let mut sorted = Map::new();
            for (k, v) in entries {
                sorted.insert(k, v);
            }
            Value::Object(sorted)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical_json).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const GEN: Generation = Generation {
        workspace_id: 7,
        generation: 3,
        epoch_micros: 1_700_000_000_000_000,
    };

    fn key(args: Value) -> String {
        report_key("ls", ReportKind::PERFORMANCE, GEN, &args).expect("JSON arguments hash")
    }

    #[test]
    fn key_names_prefix_version_workspace_generation_and_kind() {
        let k = key(json!({"range": {"from": "2026-01-01", "to": "2026-01-31"}}));
        let (head, hash) = k.rsplit_once(':').expect("a hash segment");
        assert_eq!(head, "ls:v1:7:3:performance");
        assert_eq!(hash.len(), 32);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn member_order_and_nulls_do_not_change_the_key() {
        let a =
            key(json!({"dimension": "CHANNEL", "range": {"from": "a", "to": "b"}, "filter": null}));
        let b = key(json!({"range": {"to": "b", "from": "a"}, "dimension": "CHANNEL"}));
        assert_eq!(a, b);
    }

    #[test]
    fn different_questions_have_different_keys() {
        let a = key(json!({"dimension": "CHANNEL"}));
        let b = key(json!({"dimension": "CAMPAIGN"}));
        let c = key(json!({"models": ["A", "B"]}));
        let d = key(json!({"models": ["B", "A"]}));
        assert_ne!(a, b);
        assert_ne!(c, d, "arrays keep their order; callers sort set-like lists");
    }

    #[test]
    fn a_new_generation_or_a_recreated_workspace_changes_the_key() {
        let args = json!({"dimension": "CHANNEL"});
        let base = key(args.clone());
        let bumped = report_key(
            "ls",
            ReportKind::PERFORMANCE,
            Generation {
                generation: 4,
                ..GEN
            },
            &args,
        )
        .expect("JSON arguments hash");
        let recreated = report_key(
            "ls",
            ReportKind::PERFORMANCE,
            Generation {
                epoch_micros: GEN.epoch_micros + 1,
                ..GEN
            },
            &args,
        )
        .expect("JSON arguments hash");
        assert_ne!(base, bumped);
        assert_ne!(base, recreated);
    }

    #[test]
    fn kinds_and_prefixes_separate_keys() {
        let args = json!({});
        let perf =
            report_key("ls", ReportKind::PERFORMANCE, GEN, &args).expect("JSON arguments hash");
        let pacing =
            report_key("ls", ReportKind::BUDGET_PACING, GEN, &args).expect("JSON arguments hash");
        let other = report_key("staging", ReportKind::PERFORMANCE, GEN, &args)
            .expect("JSON arguments hash");
        assert_ne!(perf, pacing);
        assert!(other.starts_with("staging:v1:7:3:performance:"));
        assert_eq!(lock_key(&perf), format!("{perf}:lock"));
    }
}
