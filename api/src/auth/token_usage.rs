//! When each API token was last used, kept in memory and written out in batches, so a
//! request does not cost a database write (`services::api_token::flush_token_usage`).

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Utc};

/// Latest use per token id since the last flush.
#[derive(Debug, Default)]
pub struct TokenUsage {
    pending: Mutex<HashMap<i64, DateTime<Utc>>>,
}

impl TokenUsage {
    /// Notes that token `id` was used at `at`.
    pub fn record(&self, id: i64, at: DateTime<Utc>) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        let slot = pending.entry(id).or_insert(at);
        if *slot < at {
            *slot = at;
        }
    }

    /// The last use of token `id` not yet written to the database.
    pub fn pending(&self, id: i64) -> Option<DateTime<Utc>> {
        let pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        pending.get(&id).copied()
    }

    /// Takes every pending use, leaving none.
    pub fn take(&self) -> HashMap<i64, DateTime<Utc>> {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::take(&mut *pending)
    }

    /// Puts back uses that could not be written, keeping any later ones recorded since.
    pub fn restore(&self, uses: HashMap<i64, DateTime<Utc>>) {
        for (id, at) in uses {
            self.record(id, at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn keeps_the_latest_use_per_token_until_taken() {
        let usage = TokenUsage::default();
        let t0 = Utc::now();
        usage.record(1, t0);
        usage.record(1, t0 - Duration::seconds(5));
        usage.record(2, t0);
        assert_eq!(usage.pending(1), Some(t0));
        let taken = usage.take();
        assert_eq!(taken.len(), 2);
        assert_eq!(usage.pending(1), None);
        usage.record(1, t0 + Duration::seconds(1));
        usage.restore(taken);
        assert_eq!(usage.pending(1), Some(t0 + Duration::seconds(1)));
        assert_eq!(usage.pending(2), Some(t0));
    }
}
