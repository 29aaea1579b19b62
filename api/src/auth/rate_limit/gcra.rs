//! The GCRA decision as plain arithmetic on microseconds, shared by both backends' tests.

use std::time::Duration;

use super::{Decision, Quota};

/// Interval between operations at the sustained rate, and the burst tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gcra {
    /// Microseconds one operation pushes the TAT forward.
    pub interval_us: i64,
    /// How far ahead of now the TAT may run: `burst × interval`.
    pub tolerance_us: i64,
    pub burst: u32,
}

impl Gcra {
    /// `None` when the quota allows everything (a rate of 0 means "off").
    pub fn new(quota: Quota) -> Option<Self> {
        if quota.per_minute == 0 {
            return None;
        }
        let interval_us = (60_000_000 / i64::from(quota.per_minute)).max(1);
        let burst = quota.burst.max(1);
        Some(Self {
            interval_us,
            tolerance_us: interval_us * i64::from(burst),
            burst,
        })
    }

    /// Given the stored TAT (if any) at `now_us`, the new TAT to store, or the decision
    /// to refuse. A cost above the burst is charged as the burst, so it can pass once.
    pub fn decide(&self, now_us: i64, tat_us: Option<i64>, cost: u32) -> Result<i64, Decision> {
        let cost = i64::from(cost.clamp(1, self.burst));
        let tat = tat_us.unwrap_or(now_us).max(now_us);
        let new_tat = tat + cost * self.interval_us;
        let allow_at = new_tat - self.tolerance_us;
        if allow_at > now_us {
            let wait = u64::try_from(allow_at - now_us).unwrap_or(0);
            return Err(Decision::Limited {
                retry_after: Duration::from_micros(wait),
            });
        }
        Ok(new_tat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gcra(per_minute: u32, burst: u32) -> Gcra {
        Gcra::new(Quota { per_minute, burst }).expect("limited")
    }

    /// Runs `count` single operations at `now`, storing the TAT as a backend would.
    fn run(g: &Gcra, tat: &mut Option<i64>, now: i64, count: usize) -> Vec<bool> {
        (0..count)
            .map(|_| match g.decide(now, *tat, 1) {
                Ok(new_tat) => {
                    *tat = Some(new_tat);
                    true
                }
                Err(_) => false,
            })
            .collect()
    }

    #[test]
    fn a_burst_passes_at_once_and_the_next_operation_waits_one_interval() {
        let g = gcra(60, 5); // one per second, five at once
        let mut tat = None;
        let answers = run(&g, &mut tat, 0, 6);
        assert_eq!(answers, [true, true, true, true, true, false]);
        assert_eq!(
            g.decide(0, tat, 1),
            Err(Decision::Limited {
                retry_after: Duration::from_secs(1)
            })
        );
        assert_eq!(run(&g, &mut tat, 999_999, 1), [false]);
        assert_eq!(run(&g, &mut tat, 1_000_000, 2), [true, false]);
    }

    #[test]
    fn the_sustained_rate_passes_forever() {
        let g = gcra(600, 1); // one per 100 ms, no burst
        let mut tat = None;
        for i in 0..1_000 {
            assert_eq!(run(&g, &mut tat, i * 100_000, 1), [true], "operation {i}");
        }
    }

    #[test]
    fn an_idle_key_regains_its_whole_burst_and_no_more() {
        let g = gcra(60, 3);
        let mut tat = None;
        assert_eq!(run(&g, &mut tat, 0, 3), [true, true, true]);
        assert_eq!(
            run(&g, &mut tat, 3_600_000_000, 4),
            [true, true, true, false]
        );
    }

    #[test]
    fn a_batch_costs_its_size_and_is_refused_whole() {
        let g = gcra(60, 10);
        assert!(g.decide(0, None, 10).is_ok());
        let tat = g.decide(0, None, 6).ok();
        assert!(matches!(g.decide(0, tat, 5), Err(Decision::Limited { .. })));
        assert!(g.decide(0, tat, 4).is_ok());
        assert!(
            g.decide(0, None, 50).is_ok(),
            "larger than the burst: charged as the burst"
        );
    }

    #[test]
    fn a_rate_of_zero_turns_limiting_off() {
        assert_eq!(
            Gcra::new(Quota {
                per_minute: 0,
                burst: 10
            }),
            None
        );
    }
}
