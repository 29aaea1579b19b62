//! Change notices across instances over Redis pub/sub, on the channel
//! `{CACHE_KEY_PREFIX}:changes` (the prefix that already separates deployments and test
//! databases sharing a Redis).
//!
//! - Publishing never delays a write's answer: it is a task, bounded by the Redis connect
//!   plus command timeouts; a failure is logged once per outage.
//! - A listener task forwards the other instances' notices into this process's broadcast
//!   (each notice carries its instance, so a process skips its own echo). When its
//!   connection fails it logs once, retries with a doubling backoff, and on coming back
//!   sends every subscription a notice for any workspace, since notices of the gap are lost.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::StreamExt;
use redis::Client;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::sync::broadcast;

use super::ChangeNotice;
use crate::config::Settings;
use crate::db::redact_url;

const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// A notice as it travels: the notice and the instance that published it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Wire {
    #[serde(flatten)]
    notice: ChangeNotice,
    #[serde(rename = "i")]
    instance: u64,
}

pub(super) struct RedisBridge {
    channel: String,
    instance: u64,
    client: Client,
    config: ConnectionManagerConfig,
    publisher: Arc<Mutex<ConnectionManager>>,
    op_timeout: Duration,
    /// Set while publishing fails, so an outage is logged once.
    publish_failing: Arc<AtomicBool>,
    listening: Arc<AtomicBool>,
    listener: tokio::task::JoinHandle<()>,
    url: String,
}

impl std::fmt::Debug for RedisBridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisBridge")
            .field("url", &self.url)
            .field("channel", &self.channel)
            .field("listening", &self.listening())
            .finish()
    }
}

impl Drop for RedisBridge {
    fn drop(&mut self) {
        self.listener.abort();
    }
}

impl RedisBridge {
    /// Starts the listener; `None` (logged) when the URL does not open, which start-up has
    /// already refused (`validate_redis_url`).
    pub(super) fn start(
        url: &str,
        settings: &Settings,
        local: broadcast::Sender<ChangeNotice>,
    ) -> Option<Self> {
        let opened = Client::open(url).and_then(|client| {
            let cache = &settings.cache;
            let config = ConnectionManagerConfig::new()
                .set_connection_timeout(Some(Duration::from_millis(cache.redis_connect_timeout_ms)))
                .set_response_timeout(Some(Duration::from_millis(cache.redis_command_timeout_ms)))
                .set_number_of_retries(0);
            let publisher =
                ConnectionManager::new_lazy_with_config(client.clone(), config.clone())?;
            Ok((client, config, publisher))
        });
        let (client, config, publisher) = match opened {
            Ok(opened) => opened,
            Err(error) => {
                tracing::error!(redis.url = %redact_url(url), %error, "live change notices stay in process");
                return None;
            }
        };
        let cache = &settings.cache;
        let connect = Duration::from_millis(cache.redis_connect_timeout_ms);
        let channel = format!("{}:changes", cache.cache_key_prefix);
        let instance = rand::random::<u64>();
        let listening = Arc::new(AtomicBool::new(false));
        let listener = tokio::spawn(listen(Listener {
            client: client.clone(),
            channel: channel.clone(),
            instance,
            local,
            listening: Arc::clone(&listening),
            connect_timeout: connect,
            url: redact_url(url),
        }));
        Some(Self {
            channel,
            instance,
            client,
            config,
            publisher: Arc::new(Mutex::new(publisher)),
            op_timeout: connect + Duration::from_millis(cache.redis_command_timeout_ms),
            publish_failing: Arc::new(AtomicBool::new(false)),
            listening,
            listener,
            url: redact_url(url),
        })
    }

    pub(super) fn listening(&self) -> bool {
        self.listening.load(Ordering::Relaxed)
    }

    /// Publishes `notice` in a task.
    pub(super) fn publish(&self, notice: ChangeNotice) {
        let wire = Wire {
            notice,
            instance: self.instance,
        };
        let Ok(payload) = serde_json::to_string(&wire) else {
            return;
        };
        let publisher = Arc::clone(&self.publisher);
        let mut connection = publisher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let (client, config) = (self.client.clone(), self.config.clone());
        let (channel, bound) = (self.channel.clone(), self.op_timeout);
        let failing = Arc::clone(&self.publish_failing);
        let url = self.url.clone();
        tokio::spawn(async move {
            // A manager can stay wedged on a connection Redis dropped (a restart): after a
            // failure the notice goes once more through a fresh one, which is kept.
            let error = match send(&mut connection, &channel, &payload, bound).await {
                Ok(()) => None,
                Err(first) => match ConnectionManager::new_lazy_with_config(client, config) {
                    Ok(mut fresh) => {
                        let again = send(&mut fresh, &channel, &payload, bound).await;
                        *publisher.lock().unwrap_or_else(PoisonError::into_inner) = fresh;
                        again.err()
                    }
                    Err(_) => Some(first),
                },
            };
            match error {
                None => {
                    if failing.swap(false, Ordering::Relaxed) {
                        tracing::info!(redis.url = %url, "live change notices reach Redis again");
                    }
                }
                Some(error) => {
                    if !failing.swap(true, Ordering::Relaxed) {
                        tracing::warn!(
                            redis.url = %url,
                            %error,
                            "cannot publish live change notices to Redis; subscribers on other \
                             instances miss them until it is back"
                        );
                    }
                }
            }
        });
    }
}

/// One PUBLISH, bounded in time.
async fn send(
    connection: &mut ConnectionManager,
    channel: &str,
    payload: &str,
    bound: Duration,
) -> Result<(), String> {
    let mut command = redis::cmd("PUBLISH");
    command.arg(channel).arg(payload);
    match tokio::time::timeout(bound, command.query_async::<i64>(connection)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("timed out".to_owned()),
    }
}

/// What the listener task needs.
struct Listener {
    client: Client,
    channel: String,
    instance: u64,
    local: broadcast::Sender<ChangeNotice>,
    listening: Arc<AtomicBool>,
    connect_timeout: Duration,
    url: String,
}

/// Subscribes, forwards, and after any failure tries again with a doubling backoff.
async fn listen(l: Listener) {
    let mut backoff = FIRST_BACKOFF;
    let mut down_logged = false;
    let mut ever_listened = false;
    loop {
        let subscribed = tokio::time::timeout(l.connect_timeout, async {
            let mut pubsub = l.client.get_async_pubsub().await?;
            pubsub.subscribe(&l.channel).await?;
            Ok::<_, redis::RedisError>(pubsub)
        })
        .await;
        let error = match subscribed {
            Ok(Ok(pubsub)) => {
                l.listening.store(true, Ordering::Relaxed);
                backoff = FIRST_BACKOFF;
                if down_logged {
                    tracing::info!(redis.url = %l.url, "live change notices arrive from Redis again");
                    down_logged = false;
                }
                if ever_listened {
                    // Notices published while we were away are lost: every subscription
                    // checks its workspace's generation instead.
                    let _ = l.local.send(ChangeNotice::any_workspace());
                }
                ever_listened = true;
                let mut messages = pubsub.into_on_message();
                while let Some(message) = messages.next().await {
                    let Ok(payload) = message.get_payload::<String>() else {
                        continue;
                    };
                    match serde_json::from_str::<Wire>(&payload) {
                        Ok(wire) if wire.instance != l.instance => {
                            let _ = l.local.send(wire.notice);
                        }
                        Ok(_) => {}
                        Err(error) => {
                            tracing::debug!(%error, "ignored a malformed live change notice");
                        }
                    }
                }
                l.listening.store(false, Ordering::Relaxed);
                "connection closed".to_owned()
            }
            Ok(Err(e)) => e.to_string(),
            Err(_) => "timed out".to_owned(),
        };
        if !down_logged {
            tracing::warn!(
                redis.url = %l.url,
                %error,
                "cannot listen for live change notices on Redis; subscribers here miss other \
                 instances' writes until it is back (retrying)"
            );
            down_logged = true;
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}
