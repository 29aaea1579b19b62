//! Whether to try Redis now, and whether to log its failure now.
//!
//! After a failure Redis is bypassed for `retry_after`: during an outage requests
//! pay nothing for the cache instead of a timeout each. When the window ends, one
//! request (the probe) tries Redis again while the others keep bypassing it; its
//! success reopens Redis to everyone, its failure starts a new window.
//! Failures are logged at most once per `log_every`, with the number of failures
//! since the last line; every one is counted in `/metrics` by the caller.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What a caller may do with Redis right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Redis is believed up.
    Use,
    /// Redis failed; this caller probes it (and may rebuild the connection first).
    Probe,
    /// Redis failed recently: skip it.
    Bypass,
}

/// What a failure or a success should log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogLine {
    /// Log this failure, with how many were not logged since the last line.
    Failure { unlogged: u64 },
    /// Redis answers again after being marked down.
    Recovered,
}

#[derive(Debug)]
pub struct Health {
    retry_after: Duration,
    log_every: Duration,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Set while Redis is considered down: when the next probe may run.
    down_until: Option<Instant>,
    last_logged: Option<Instant>,
    unlogged: u64,
}

impl Health {
    pub fn new(retry_after: Duration, log_every: Duration) -> Self {
        Self {
            retry_after,
            log_every,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn access(&self, now: Instant) -> Access {
        let mut state = self.state();
        match state.down_until {
            None => Access::Use,
            Some(until) if now < until => Access::Bypass,
            Some(_) => {
                // Only this caller probes; the others bypass until it reports back.
                state.down_until = Some(now + self.retry_after);
                Access::Probe
            }
        }
    }

    /// Records a failure: Redis is bypassed for `retry_after`.
    pub fn failed(&self, now: Instant) -> Option<LogLine> {
        let mut state = self.state();
        state.down_until = Some(now + self.retry_after);
        let due = state
            .last_logged
            .is_none_or(|at| now.duration_since(at) >= self.log_every);
        if due {
            let unlogged = state.unlogged;
            state.unlogged = 0;
            state.last_logged = Some(now);
            Some(LogLine::Failure { unlogged })
        } else {
            state.unlogged += 1;
            None
        }
    }

    /// Records a success; says so once when Redis was marked down.
    pub fn succeeded(&self, _now: Instant) -> Option<LogLine> {
        let mut state = self.state();
        state.down_until.take().map(|_| LogLine::Recovered)
    }

    pub fn is_up(&self) -> bool {
        self.state().down_until.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RETRY: Duration = Duration::from_secs(1);
    const LOG: Duration = Duration::from_secs(60);

    #[test]
    fn redis_is_used_until_it_fails() {
        let health = Health::new(RETRY, LOG);
        let t0 = Instant::now();
        assert_eq!(health.access(t0), Access::Use);
        assert!(health.is_up());
        health.failed(t0);
        assert!(!health.is_up());
        assert_eq!(
            health.access(t0 + Duration::from_millis(500)),
            Access::Bypass
        );
    }

    #[test]
    fn one_caller_probes_after_the_window_and_the_others_keep_bypassing() {
        let health = Health::new(RETRY, LOG);
        let t0 = Instant::now();
        health.failed(t0);
        let later = t0 + RETRY;
        assert_eq!(health.access(later), Access::Probe);
        assert_eq!(health.access(later), Access::Bypass);
        assert_eq!(health.succeeded(later), Some(LogLine::Recovered));
        assert_eq!(health.access(later), Access::Use);
        assert_eq!(health.succeeded(later), None, "recovery is announced once");
    }

    #[test]
    fn a_failed_probe_starts_a_new_window() {
        let health = Health::new(RETRY, LOG);
        let t0 = Instant::now();
        health.failed(t0);
        let probe_at = t0 + RETRY;
        assert_eq!(health.access(probe_at), Access::Probe);
        health.failed(probe_at);
        assert_eq!(health.access(probe_at + RETRY / 2), Access::Bypass);
        assert_eq!(health.access(probe_at + RETRY), Access::Probe);
    }

    #[test]
    fn failures_are_logged_at_most_once_per_interval_with_the_count_in_between() {
        let health = Health::new(RETRY, LOG);
        let t0 = Instant::now();
        assert_eq!(health.failed(t0), Some(LogLine::Failure { unlogged: 0 }));
        for i in 1..=5 {
            assert_eq!(health.failed(t0 + Duration::from_secs(i)), None);
        }
        assert_eq!(
            health.failed(t0 + LOG),
            Some(LogLine::Failure { unlogged: 5 })
        );
        assert_eq!(health.failed(t0 + LOG + Duration::from_secs(1)), None);
    }
}
