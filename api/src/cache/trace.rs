//! Which cached reports of one request were hits, for `extensions.cache` when the
//! client sends the debug header.
//!
//! A task-local rather than a GraphQL context value, so that the cache stays a
//! leaf: the HTTP handler opens a scope around execution, `get_or_compute`
//! records into it, and nothing in between passes anything along.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use crate::metrics::Lookup;

tokio::task_local! {
    static TRACE: Arc<Mutex<Trace>>;
}

/// The lookups of one request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    pub hits: u32,
    pub misses: u32,
}

impl Trace {
    /// `HIT` when every cached report was served without computing, `MISS` when
    /// one was computed, `None` when the request asked for no cached report.
    pub fn label(self) -> Option<&'static str> {
        match (self.hits, self.misses) {
            (0, 0) => None,
            (_, 0) => Some("HIT"),
            _ => Some("MISS"),
        }
    }
}

/// Runs `fut` while recording its cache lookups; returns them with its output.
pub async fn traced<F: Future>(fut: F) -> (F::Output, Trace) {
    let cell = Arc::new(Mutex::new(Trace::default()));
    let output = TRACE.scope(Arc::clone(&cell), fut).await;
    let trace = *cell.lock().unwrap_or_else(PoisonError::into_inner);
    (output, trace)
}

/// Notes one lookup, when a scope is open.
pub fn record(lookup: Lookup) {
    let _ = TRACE.try_with(|cell| {
        let mut trace = cell.lock().unwrap_or_else(PoisonError::into_inner);
        match lookup {
            Lookup::Hit | Lookup::Shared => trace.hits += 1,
            Lookup::Miss => trace.misses += 1,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn lookups_inside_the_scope_are_recorded() {
        let ((), trace) = traced(async {
            record(Lookup::Hit);
            tokio::task::yield_now().await;
            record(Lookup::Hit);
        })
        .await;
        assert_eq!(trace, Trace { hits: 2, misses: 0 });
        assert_eq!(trace.label(), Some("HIT"));
    }

    #[tokio::test]
    async fn one_miss_makes_the_request_a_miss() {
        let ((), trace) = traced(async {
            record(Lookup::Hit);
            record(Lookup::Miss);
        })
        .await;
        assert_eq!(trace.label(), Some("MISS"));
    }

    #[tokio::test]
    async fn outside_a_scope_recording_does_nothing_and_no_lookup_has_no_label() {
        record(Lookup::Miss);
        let ((), trace) = traced(async {}).await;
        assert_eq!(trace.label(), None);
    }
}
