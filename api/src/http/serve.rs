//! Serving connections with bounds axum's `serve` does not offer: a client must send its
//! request headers within `READ_TIMEOUT_SECS` (slow-loris), and after a shutdown signal
//! in-flight requests get `SHUTDOWN_GRACE_SECS` to finish, after which the server exits
//! anyway, so a stalled client cannot hold a deploy. (The request body's own timeout is
//! a layer of the router.)

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long clients may take.
#[derive(Debug, Clone, Copy)]
pub struct ServeLimits {
    /// To send a request's headers.
    pub header_read: Duration,
    /// For in-flight requests to finish after the shutdown signal.
    pub shutdown_grace: Duration,
}

/// Serves `router` on `listener` until `shutdown` resolves, then drains for at most
/// `limits.shutdown_grace`. Handlers see the peer as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()>,
    limits: ServeLimits,
) {
    let graceful = GracefulShutdown::new();
    // HTTP/1 only: HTTP/2 without TLS (prior knowledge) has no header timeout here, and
    // clients reach the API over HTTP/1 or through a proxy that terminates HTTP/2.
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: pause rather than spin.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = per_connection(router.clone(), peer);
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            grace_secs = limits.shutdown_grace.as_secs_f64(),
            "requests still running after SHUTDOWN_GRACE_SECS; exiting anyway"
        );
    }
}

type ConnectionService = TowerToHyperService<
    tower::util::BoxCloneSyncService<
        hyper::Request<Incoming>,
        axum::response::Response,
        std::convert::Infallible,
    >,
>;

/// The router for one connection, its requests carrying the peer's address.
fn per_connection(router: Router, peer: SocketAddr) -> ConnectionService {
    let service = tower::service_fn(move |request: hyper::Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(request)
    });
    TowerToHyperService::new(tower::util::BoxCloneSyncService::new(service))
}
