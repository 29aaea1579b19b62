//! Per-process single-flight: N concurrent misses on one key compute once.
//!
//! The first caller of a key becomes its leader and gets a [`Leader`] guard; the
//! others follow and wait for the leader's bytes. The guard leaves the table when
//! dropped, so a leader that fails, is cancelled or panics releases its followers,
//! who then compute themselves: a failure is never shared, only a success.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::watch;

use super::Bytes;

type Slot = watch::Receiver<Option<Bytes>>;

#[derive(Debug, Default)]
pub struct Flights {
    inflight: Arc<Mutex<HashMap<String, Slot>>>,
}

/// The caller's part in a flight.
pub enum Role {
    Leader(Leader),
    Follower(Follower),
}

/// Computes for everyone; publishes with [`Leader::publish`].
pub struct Leader {
    key: String,
    sender: watch::Sender<Option<Bytes>>,
    inflight: Arc<Mutex<HashMap<String, Slot>>>,
}

/// Waits for the leader's result.
pub struct Follower {
    receiver: Slot,
}

impl Flights {
    /// Joins the flight of `key`, leading it when there is none.
    pub fn join(&self, key: &str) -> Role {
        let mut inflight = self.inflight.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(receiver) = inflight.get(key) {
            return Role::Follower(Follower {
                receiver: receiver.clone(),
            });
        }
        let (sender, receiver) = watch::channel(None);
        inflight.insert(key.to_owned(), receiver);
        Role::Leader(Leader {
            key: key.to_owned(),
            sender,
            inflight: Arc::clone(&self.inflight),
        })
    }

    /// Flights in progress (tests).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.inflight
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

impl Leader {
    /// Hands the value to every follower, present and until the guard drops.
    pub fn publish(&self, value: Bytes) {
        self.sender.send_replace(Some(value));
    }
}

impl Drop for Leader {
    fn drop(&mut self) {
        let mut inflight = self.inflight.lock().unwrap_or_else(PoisonError::into_inner);
        // The entry is ours: a new leader can only be inserted after this removal.
        inflight.remove(&self.key);
    }
}

impl Follower {
    /// The leader's value, or `None` when it ended without one.
    pub async fn wait(mut self) -> Option<Bytes> {
        match self.receiver.wait_for(Option::is_some).await {
            Ok(value) => value.clone(),
            Err(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> Bytes {
        Bytes::from(text.as_bytes())
    }

    #[tokio::test]
    async fn the_first_caller_leads_and_the_others_receive_its_value() {
        let flights = Flights::default();
        let Role::Leader(leader) = flights.join("k") else {
            panic!("first caller must lead")
        };
        let Role::Follower(a) = flights.join("k") else {
            panic!("second caller must follow")
        };
        let Role::Follower(b) = flights.join("k") else {
            panic!("third caller must follow")
        };
        let waiting = tokio::spawn(async move { (a.wait().await, b.wait().await) });
        leader.publish(bytes("report"));
        drop(leader);
        let (a, b) = waiting.await.expect("followers finish");
        assert_eq!(a.as_deref(), Some(&b"report"[..]));
        assert_eq!(b.as_deref(), Some(&b"report"[..]));
        assert_eq!(flights.len(), 0);
    }

    #[tokio::test]
    async fn a_leader_that_ends_without_a_value_releases_its_followers_empty_handed() {
        let flights = Flights::default();
        let Role::Leader(leader) = flights.join("k") else {
            panic!("first caller must lead")
        };
        let Role::Follower(follower) = flights.join("k") else {
            panic!("second caller must follow")
        };
        drop(leader);
        assert!(follower.wait().await.is_none());
        assert!(
            matches!(flights.join("k"), Role::Leader(_)),
            "the next caller leads anew"
        );
    }

    #[tokio::test]
    async fn different_keys_fly_separately() {
        let flights = Flights::default();
        let a = flights.join("a");
        let b = flights.join("b");
        assert!(matches!(a, Role::Leader(_)));
        assert!(matches!(b, Role::Leader(_)));
    }
}
