//! Corrections and erasure (issue 15): deleting spend, conversions and budgets that were
//! wrong, and erasing a person's leads with everything recorded about them.
//!
//! Every call runs in one workspace write transaction (`begin_workspace_write`: the data
//! generation is bumped first, so cached reports die with the commit) and keeps the rollups
//! right with the pattern of every write (`db::rollup`): the contributions of the leads or
//! spend rows it touches are taken away before the raw rows change and added back after
//! (for an erased lead or a deleted spend row there is nothing to add back). Each call writes
//! one audit row (`services::audit`) in the same transaction.
//!
//! Deletions by key are idempotent: keys that match nothing are skipped, and the answer
//! counts what was deleted (0 for a repeat).

pub mod budget;
pub mod conversion;
pub mod erasure;
pub mod spend;

use std::collections::BTreeSet;

use crate::error::{AppError, AppResult};
use crate::services::ingest::validate::{MAX_ID_CHARS, check_batch};

/// Rows per `IN (…)` list.
const CHUNK: usize = 500;

/// How many keys an audit row lists (the count is always there).
const AUDITED_KEYS: usize = 100;

/// The external ids of a call, trimmed and deduplicated in order; BAD_USER_INPUT naming
/// `field[i]` for an empty or overlong one, or the whole field past the batch limit.
fn external_ids(field: &str, ids: &[String], max_rows: usize) -> AppResult<Vec<String>> {
    check_batch(field, ids.len(), max_rows)?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let id = id.trim();
        if id.is_empty() || id.chars().any(char::is_control) {
            return Err(AppError::bad_input(
                format!("{field}[{i}]"),
                "must be a non-empty id without control characters",
            ));
        }
        if id.chars().count() > MAX_ID_CHARS {
            return Err(AppError::bad_input(
                format!("{field}[{i}]"),
                format!("longer than {MAX_ID_CHARS} characters"),
            ));
        }
        if seen.insert(id.to_owned()) {
            out.push(id.to_owned());
        }
    }
    Ok(out)
}

/// The first [`AUDITED_KEYS`] keys, for an audit row.
fn audited<T: Clone>(keys: &[T]) -> Vec<T> {
    keys.iter().take(AUDITED_KEYS).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::external_ids;

    #[test]
    fn external_ids_are_trimmed_deduplicated_and_checked() {
        let ids = vec![" a ".to_owned(), "b".to_owned(), "a".to_owned()];
        assert_eq!(
            external_ids("externalIds", &ids, 10).ok(),
            Some(vec!["a".to_owned(), "b".to_owned()])
        );
        let err = external_ids("externalIds", &["x".into(), " ".into()], 10).expect_err("empty id");
        assert_eq!(err.code(), "BAD_USER_INPUT");
        assert!(
            matches!(err, crate::error::AppError::BadInput { ref field, .. } if field == "externalIds[1]")
        );
        let err = external_ids("externalIds", &["x".into(), "y".into()], 1).expect_err("limit");
        assert!(err.to_string().contains("MAX_BATCH_ROWS"), "{err}");
    }
}
