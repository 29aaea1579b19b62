//! The Redis backend: shared by every process of a deployment.
//!
//! - The connection is lazy: the server starts (and answers from the database)
//!   while Redis is down, and caching begins once it answers.
//! - `ConnectionManager` reconnects by itself after I/O errors. When Redis is probed
//!   after a failure (`health.rs`) the manager is also rebuilt, so that an error it
//!   does not retry (a refused handshake, a timeout mid-connect) cannot wedge it.
//! - Every operation is bounded by the connect plus command timeouts; any error or
//!   timeout marks Redis down for `REDIS_RETRY_MS`, during which it is bypassed.

use std::sync::{PoisonError, RwLock};
use std::time::{Duration, Instant};

use futures::FutureExt;
use futures::future::BoxFuture;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{Client, RedisResult};

use super::health::{Access, Health, LogLine};
use super::{Bytes, Cache, CacheError};
use crate::config::CacheSettings;
use crate::db::redact_url;
use crate::metrics::Metrics;

/// Deletes the lock only if it still holds our token (it may have expired and been
/// taken by another process meanwhile).
const UNLOCK: &str = r#"if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end"#;
const RENEW: &str = r#"if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end"#;

pub struct RedisCache {
    client: Client,
    config: ConnectionManagerConfig,
    manager: RwLock<ConnectionManager>,
    /// Bound of one operation, connection included.
    op_timeout: Duration,
    health: Health,
    metrics: Metrics,
    unlock: redis::Script,
    renew: redis::Script,
    url: String,
}

impl std::fmt::Debug for RedisCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisCache")
            .field("url", &self.url)
            .field("up", &self.health.is_up())
            .finish()
    }
}

/// Checks `REDIS_URL` without connecting: a malformed one stops start-up.
pub fn validate_url(url: &str) -> Result<(), String> {
    Client::open(url)
        .map(|_| ())
        .map_err(|e| format!("REDIS_URL: invalid URL {}: {e}", redact_url(url)))
}

impl RedisCache {
    /// A backend over `url` that connects on first use.
    pub fn new(url: &str, settings: &CacheSettings, metrics: Metrics) -> RedisResult<Self> {
        let client = Client::open(url)?;
        let connect = Duration::from_millis(settings.redis_connect_timeout_ms);
        let command = Duration::from_millis(settings.redis_command_timeout_ms);
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(connect))
            .set_response_timeout(Some(command))
            // One attempt per connection: retrying is `health.rs`'s job, so a
            // request never waits through a backoff sequence.
            .set_number_of_retries(0);
        let manager = ConnectionManager::new_lazy_with_config(client.clone(), config.clone())?;
        metrics.redis_up(true);
        Ok(Self {
            client,
            config,
            manager: RwLock::new(manager),
            op_timeout: connect + command,
            health: Health::new(
                Duration::from_millis(settings.redis_retry_ms),
                Duration::from_secs(settings.redis_error_log_secs),
            ),
            metrics,
            unlock: redis::Script::new(UNLOCK),
            renew: redis::Script::new(RENEW),
            url: redact_url(url),
        })
    }

    fn manager(&self) -> ConnectionManager {
        self.manager
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn rebuild(&self) {
        if let Ok(fresh) =
            ConnectionManager::new_lazy_with_config(self.client.clone(), self.config.clone())
        {
            *self.manager.write().unwrap_or_else(PoisonError::into_inner) = fresh;
        }
    }

    /// Runs one command under the health policy and the time bound.
    async fn run<T, F, Fut>(&self, op: F) -> Result<T, CacheError>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        match self.health.access(Instant::now()) {
            Access::Bypass => return Err(CacheError::Bypassed),
            Access::Probe => self.rebuild(),
            Access::Use => {}
        }
        let result = match tokio::time::timeout(self.op_timeout, op(self.manager())).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(CacheError::Redis(e)),
            Err(_) => Err(CacheError::Timeout),
        };
        match &result {
            Ok(_) => {
                if let Some(LogLine::Recovered) = self.health.succeeded(Instant::now()) {
                    self.metrics.redis_up(true);
                    tracing::info!(redis.url = %self.url, "Redis answers again; caching resumes");
                }
            }
            Err(e) => {
                self.metrics.redis_up(false);
                if let Some(LogLine::Failure { unlogged }) = self.health.failed(Instant::now()) {
                    tracing::warn!(
                        redis.url = %self.url,
                        error = %e,
                        failures.unlogged = unlogged,
                        "Redis unavailable; reports are computed from the database"
                    );
                }
            }
        }
        result
    }
}

impl Cache for RedisCache {
    fn name(&self) -> &'static str {
        "redis"
    }

    fn is_shared(&self) -> bool {
        true
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Bytes>, CacheError>> {
        async move {
            let value: Option<Vec<u8>> = self
                .run(|mut c| async move { redis::cmd("GET").arg(key).query_async(&mut c).await })
                .await?;
            Ok(value.map(Bytes::from))
        }
        .boxed()
    }

    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), CacheError>> {
        async move {
            let millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
            self.run(|mut c| async move {
                redis::cmd("SET")
                    .arg(key)
                    .arg(&value[..])
                    .arg("PX")
                    .arg(millis)
                    .query_async::<()>(&mut c)
                    .await
            })
            .await
        }
        .boxed()
    }

    fn try_lock<'a>(
        &'a self,
        key: &'a str,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, CacheError>> {
        async move {
            let millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
            let reply: Option<String> = self
                .run(|mut c| async move {
                    redis::cmd("SET")
                        .arg(key)
                        .arg(token)
                        .arg("NX")
                        .arg("PX")
                        .arg(millis)
                        .query_async(&mut c)
                        .await
                })
                .await?;
            Ok(reply.is_some())
        }
        .boxed()
    }

    fn unlock<'a>(&'a self, key: &'a str, token: &'a str) -> BoxFuture<'a, Result<(), CacheError>> {
        async move {
            self.run(|mut c| async move {
                self.unlock
                    .key(key)
                    .arg(token)
                    .invoke_async::<i64>(&mut c)
                    .await
                    .map(|_| ())
            })
            .await
        }
        .boxed()
    }

    fn renew_lock<'a>(
        &'a self,
        key: &'a str,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<bool, CacheError>> {
        async move {
            let millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
            let renewed = self
                .run(|mut c| async move {
                    self.renew
                        .key(key)
                        .arg(token)
                        .arg(millis)
                        .invoke_async::<i64>(&mut c)
                        .await
                })
                .await?;
            Ok(renewed == 1)
        }
        .boxed()
    }
}
