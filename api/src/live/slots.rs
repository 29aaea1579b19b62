//! `LIVE_MAX_SUBSCRIPTIONS`: how many subscriptions one principal (an API token or a user)
//! holds open at once in this process. A [`Slot`] is taken when a subscription starts and
//! given back when it is dropped, however the subscription ends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Debug)]
pub struct Slots {
    max: usize,
    held: Arc<Mutex<HashMap<String, usize>>>,
}

/// One open subscription of `key`; dropping it frees the slot.
#[derive(Debug)]
pub struct Slot {
    key: String,
    held: Arc<Mutex<HashMap<String, usize>>>,
}

impl Slots {
    pub fn new(max: usize) -> Self {
        Self {
            max,
            held: Arc::default(),
        }
    }

    /// The bound per principal.
    pub fn max(&self) -> usize {
        self.max
    }

    /// A slot for `key` (e.g. `token:7`), or `None` when it already holds `max`.
    pub fn take(&self, key: &str) -> Option<Slot> {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        let count = held.entry(key.to_owned()).or_default();
        if *count >= self.max {
            return None;
        }
        *count += 1;
        Some(Slot {
            key: key.to_owned(),
            held: Arc::clone(&self.held),
        })
    }

    /// Slots `key` holds now.
    pub fn held_by(&self, key: &str) -> usize {
        let held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        held.get(key).copied().unwrap_or(0)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = held.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                held.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_principal_holds_at_most_max_slots_and_dropping_one_frees_it() {
        let slots = Slots::new(2);
        let a = slots.take("token:1");
        let b = slots.take("token:1");
        assert!(a.is_some() && b.is_some());
        assert!(slots.take("token:1").is_none(), "the third is refused");
        assert!(
            slots.take("user:1").is_some(),
            "another principal has its own"
        );
        drop(a);
        assert_eq!(slots.held_by("token:1"), 1);
        assert!(slots.take("token:1").is_some());
    }

    #[test]
    fn keys_without_slots_are_forgotten() {
        let slots = Slots::new(1);
        drop(slots.take("token:9"));
        assert_eq!(slots.held_by("token:9"), 0);
        assert!(slots.held.lock().expect("lock").is_empty());
    }
}
