//! The Subscription root: live reports over a WebSocket (README, "Live reports").

mod report;

use std::sync::Arc;
use std::time::Duration;

use async_graphql::{Context, MergedSubscription};
use futures::{FutureExt, Stream};
use serde::Serialize;

use super::context::ContextExt;
use crate::error::AppResult;
use crate::live::{Recheck, WatchParams, watch};

/// Live reports, over a WebSocket at `/graphql` with the `graphql-transport-ws` protocol
/// (credentials in the `connection_init` payload as `{"Authorization": "Bearer …"}`).
/// Each field answers like the query of the same name at once, then again whenever the
/// workspace's data changes, at most once per `LIVE_MIN_INTERVAL_MS` (the last change is
/// always answered). They need role VIEWER or scope `reports:read`; a token or user holds at
/// most `LIVE_MAX_SUBSCRIPTIONS` open at once. Over plain HTTP they are refused.
#[derive(MergedSubscription, Default)]
pub struct Subscription(report::ReportSubscription);

/// The credentials check of the connection a subscription runs on (the WebSocket handler
/// adds it to each request).
#[derive(Clone)]
pub struct LiveRecheck(pub Arc<dyn Recheck>);

/// The answers of `compute` for the caller's workspace, pushed as its data changes.
fn live_answers<T, F, Fut>(
    ctx: &Context<'_>,
    workspace_id: i64,
    compute: F,
) -> impl Stream<Item = AppResult<T>> + Send + 'static + use<T, F, Fut>
where
    T: Serialize + Send + 'static,
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = AppResult<T>> + Send + 'static,
{
    let state = ctx.state().clone();
    let live = &state.settings.live;
    let reader = state.clone();
    let params = WatchParams {
        changes: state.live.subscribe(),
        workspace_id,
        min_interval: Duration::from_millis(live.live_min_interval_ms),
        recheck_every: Duration::from_secs(live.live_recheck_secs),
        recheck: ctx.data_opt::<LiveRecheck>().map(|r| Arc::clone(&r.0)),
        generation: Arc::new(move || {
            let state = reader.clone();
            async move {
                state
                    .cache
                    .generation(workspace_id)
                    .await
                    .map(|g| g.generation)
            }
            .boxed()
        }),
    };
    watch(params, compute)
}
