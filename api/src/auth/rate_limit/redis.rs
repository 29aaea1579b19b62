//! GCRA in Redis: one Lua script reads and moves the TAT atomically, on Redis's clock, so
//! every instance shares one limit. When Redis fails, the process limits on its own (and
//! says so in the log at most once a minute) until Redis answers again.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::{Decision, Gcra, MemoryLimiter, RateLimiter};

/// KEYS[1]: the key; ARGV: interval and tolerance in milliseconds (fractions allowed),
/// cost. Returns {1, 0} when allowed, {0, milliseconds to wait} when refused. The TAT is
/// stored in milliseconds with three decimals, which a double holds exactly enough.
const SCRIPT: &str = r"
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local tat = tonumber(redis.call('GET', KEYS[1]) or now) or now
if tat < now then tat = now end
local new_tat = tat + cost * interval
local allow_at = new_tat - tolerance
if allow_at > now then
  return {0, math.ceil(allow_at - now)}
end
redis.call('SET', KEYS[1], string.format('%.3f', new_tat), 'PX', math.ceil(new_tat - now) + 1000)
return {1, 0}
";

/// After a Redis error, how long to limit in process before trying Redis again.
const BACKOFF: Duration = Duration::from_secs(5);
const LOG_EVERY: Duration = Duration::from_secs(60);

pub struct RedisLimiter {
    manager: ConnectionManager,
    /// `<CACHE_KEY_PREFIX>:rate:<namespace>:`, the start of every key.
    prefix: String,
    script: redis::Script,
    gcra: Gcra,
    fallback: MemoryLimiter,
    start: Instant,
    /// Milliseconds since `start` before which Redis is not tried again (0: try it).
    skip_until_ms: AtomicI64,
    /// Milliseconds since `start` of the last warning (-1: never).
    logged_at_ms: AtomicI64,
}

impl std::fmt::Debug for RedisLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisLimiter")
            .field("gcra", &self.gcra)
            .finish_non_exhaustive()
    }
}

impl RedisLimiter {
    /// A limiter over `url` whose keys start with `prefix`; connects lazily, so an
    /// unreachable Redis does not stop start-up.
    pub fn new(url: &str, gcra: Gcra, prefix: &str) -> Result<Self, String> {
        let client =
            redis::Client::open(url).map_err(|e| format!("REDIS_URL: not a Redis URL: {e}"))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_millis(250)))
            .set_response_timeout(Some(Duration::from_millis(250)))
            .set_number_of_retries(1);
        let manager = ConnectionManager::new_lazy_with_config(client, config)
            .map_err(|e| format!("REDIS_URL: {e}"))?;
        Ok(Self {
            manager,
            prefix: prefix.to_owned(),
            script: redis::Script::new(SCRIPT),
            gcra,
            fallback: MemoryLimiter::new(gcra),
            start: Instant::now(),
            skip_until_ms: AtomicI64::new(0),
            logged_at_ms: AtomicI64::new(-1),
        })
    }

    fn now_ms(&self) -> i64 {
        i64::try_from(self.start.elapsed().as_millis()).unwrap_or(i64::MAX)
    }

    async fn decide_in_redis(&self, key: &str, cost: u32) -> redis::RedisResult<Decision> {
        let cost = cost.clamp(1, self.gcra.burst);
        let mut conn = self.manager.clone();
        let (allowed, wait_ms): (i64, i64) = self
            .script
            .key(format!("{}{key}", self.prefix))
            .arg(self.gcra.interval_us as f64 / 1000.0)
            .arg(self.gcra.tolerance_us as f64 / 1000.0)
            .arg(cost)
            .invoke_async(&mut conn)
            .await?;
        Ok(if allowed == 1 {
            Decision::Allowed
        } else {
            Decision::Limited {
                retry_after: Duration::from_millis(u64::try_from(wait_ms).unwrap_or(0)),
            }
        })
    }

    fn note_failure(&self, error: &redis::RedisError) {
        let now = self.now_ms();
        self.skip_until_ms
            .store(now + BACKOFF.as_millis() as i64, Ordering::Relaxed);
        let last = self.logged_at_ms.load(Ordering::Relaxed);
        if (last < 0 || now - last >= LOG_EVERY.as_millis() as i64)
            && self
                .logged_at_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            tracing::warn!(%error, "rate limiter: Redis unavailable; limiting per process");
        }
    }
}

impl RateLimiter for RedisLimiter {
    fn check<'a>(&'a self, key: &'a str, cost: u32) -> BoxFuture<'a, Decision> {
        Box::pin(async move {
            if self.now_ms() < self.skip_until_ms.load(Ordering::Relaxed) {
                return self.fallback.decide(key, cost);
            }
            match self.decide_in_redis(key, cost).await {
                Ok(decision) => decision,
                Err(error) => {
                    self.note_failure(&error);
                    self.fallback.decide(key, cost)
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::rate_limit::Quota;

    #[tokio::test]
    async fn an_unreachable_redis_falls_back_to_limiting_in_process() {
        let gcra = Gcra::new(Quota {
            per_minute: 1,
            burst: 2,
        })
        .expect("limited");
        let limiter = RedisLimiter::new("redis://127.0.0.1:1", gcra, "test").expect("url");
        assert_eq!(limiter.check("k", 1).await, Decision::Allowed);
        assert_eq!(limiter.check("k", 1).await, Decision::Allowed);
        assert!(matches!(
            limiter.check("k", 1).await,
            Decision::Limited { .. }
        ));
    }

    #[test]
    fn a_malformed_url_is_refused_naming_the_setting() {
        let gcra = Gcra::new(Quota {
            per_minute: 1,
            burst: 2,
        })
        .expect("limited");
        let err = RedisLimiter::new("not a url", gcra, "test").expect_err("refused");
        assert!(err.starts_with("REDIS_URL:"), "{err}");
    }
}
