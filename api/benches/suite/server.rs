//! The Leadsource server, in this process on a loopback port, as production would run it
//! except for the request-rate limit, which is raised (not turned off: its check still runs
//! on every request) so that the load generator is not throttled.

use std::net::SocketAddr;

use leadsource::app::{Server, build_state};
use leadsource::config::{Secret, Settings};
use leadsource::state::AppState;

use super::Fallible;

/// Production settings over `database_url` and, when given, Redis.
pub fn settings(database_url: &str, redis_url: Option<&str>) -> Fallible<Settings> {
    let mut settings = Settings::defaults();
    settings.database_url = database_url.to_owned();
    settings.redis_url = redis_url.map(str::to_owned);
    settings.listen_addr = SocketAddr::from(([127, 0, 0, 1], 0));
    settings.max_body_bytes = 64 * 1024 * 1024;
    settings.database_pool_size = 8;
    settings.auth.jwt_secret = Some(
        format!("bench-{:032x}", rand::random::<u128>())
            .parse::<Secret>()
            .map_err(|e| format!("{e:?}"))?,
    );
    settings.limits.rate_limit_per_minute = 60_000_000;
    settings.limits.rate_limit_burst = 1_000_000;
    Ok(settings)
}

/// The server's runtime (2 workers) and the load generator's (1 worker), with named
/// threads, so a profiler can tell the server's work from the load generator's.
pub fn runtimes() -> std::io::Result<(tokio::runtime::Runtime, tokio::runtime::Runtime)> {
    let runtime = |workers, name: &str| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name(name)
            .enable_all()
            .build()
    };
    Ok((runtime(2, "ls-server")?, runtime(1, "ls-load")?))
}

/// A running server: its GraphQL URL, its state, and the switch that stops it.
pub struct Running {
    pub url: String,
    pub state: AppState,
    stop: tokio::sync::oneshot::Sender<()>,
    serving: tokio::task::JoinHandle<()>,
}

pub async fn start(settings: Settings) -> Fallible<Running> {
    let state = build_state(settings).await?;
    let server = Server::bind(state.clone()).await?;
    let url = format!("http://{}/graphql", server.addr);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(async move {
        let _ = server
            .run(async move {
                let _ = stopped.await;
            })
            .await;
    });
    Ok(Running {
        url,
        state,
        stop,
        serving,
    })
}

impl Running {
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.serving.await;
    }
}
