//! The debounce and the credentials check of [`watch`], on a stand-in report: the
//! workspace's generation itself, read from a counter the test bumps.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use futures::{FutureExt, StreamExt};
use tokio::sync::broadcast;

use super::*;
use crate::error::AppError;

const WS: i64 = 7;

struct World {
    generation: Arc<AtomicI64>,
    notices: broadcast::Sender<ChangeNotice>,
}

impl World {
    fn new() -> Self {
        Self {
            generation: Arc::new(AtomicI64::new(0)),
            notices: broadcast::channel(64).0,
        }
    }

    /// A write: the generation moves, then the notice goes out.
    fn write(&self, workspace_id: i64) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.notices.send(ChangeNotice {
            workspace_id,
            generation,
        });
    }

    fn params(&self, min_interval: Duration, recheck: Option<Arc<dyn Recheck>>) -> WatchParams {
        let generation = Arc::clone(&self.generation);
        WatchParams {
            changes: self.notices.subscribe(),
            workspace_id: WS,
            min_interval,
            recheck_every: Duration::from_secs(3600),
            recheck,
            generation: Arc::new(move || {
                let g = generation.load(Ordering::SeqCst);
                async move { Ok(g) }.boxed()
            }),
        }
    }

    /// The stand-in report: the generation (as the data) when computed.
    fn report(&self) -> impl FnMut() -> futures::future::Ready<AppResult<i64>> + Send + 'static {
        let generation = Arc::clone(&self.generation);
        move || futures::future::ready(Ok(generation.load(Ordering::SeqCst)))
    }
}

/// The answers that arrive within `window`.
async fn collect_for<S: futures::Stream<Item = AppResult<i64>> + Unpin>(
    answers: &mut S,
    window: Duration,
) -> Vec<i64> {
    let mut got = Vec::new();
    let until = tokio::time::Instant::now() + window;
    while let Ok(Some(answer)) = tokio::time::timeout_at(until, answers.next()).await {
        got.push(answer.expect("an answer"));
    }
    got
}

#[tokio::test]
async fn the_first_answer_comes_without_any_change() {
    let world = World::new();
    let answers = watch(
        world.params(Duration::from_millis(50), None),
        world.report(),
    );
    let mut answers = Box::pin(answers);
    let first = tokio::time::timeout(Duration::from_secs(5), answers.next()).await;
    assert_eq!(first.expect("in time").expect("an answer").expect("ok"), 0);
}

#[tokio::test]
async fn a_burst_of_writes_gives_at_most_two_answers_and_the_last_sees_every_write() {
    let world = World::new();
    let interval = Duration::from_millis(300);
    let mut answers = Box::pin(watch(world.params(interval, None), world.report()));
    assert_eq!(answers.next().await.expect("first").expect("ok"), 0);
    for _ in 0..5 {
        world.write(WS);
    }
    let got = collect_for(&mut answers, interval * 4).await;
    assert!(
        !got.is_empty() && got.len() <= 2,
        "one or two answers: {got:?}"
    );
    assert_eq!(got.last(), Some(&5), "the last answer sees all five writes");
}

#[tokio::test]
async fn writes_to_other_workspaces_are_not_answered() {
    let world = World::new();
    let interval = Duration::from_millis(20);
    let mut answers = Box::pin(watch(world.params(interval, None), world.report()));
    answers.next().await.expect("first").expect("ok");
    // Another workspace's write moves our stand-in generation too, but sends no notice of ours.
    world.write(WS + 1);
    assert!(collect_for(&mut answers, interval * 10).await.is_empty());
    world.write(WS);
    assert_eq!(collect_for(&mut answers, interval * 10).await, vec![2]);
}

#[tokio::test]
async fn a_notice_without_a_new_generation_pushes_nothing() {
    let world = World::new();
    let interval = Duration::from_millis(20);
    let mut answers = Box::pin(watch(world.params(interval, None), world.report()));
    answers.next().await.expect("first").expect("ok");
    let _ = world.notices.send(ChangeNotice {
        workspace_id: WS,
        generation: 0,
    });
    let _ = world.notices.send(ChangeNotice::any_workspace());
    assert!(collect_for(&mut answers, interval * 10).await.is_empty());
}

struct Revocable(AtomicBool);

impl Recheck for Revocable {
    fn recheck(&self) -> futures::future::BoxFuture<'_, AppResult<()>> {
        let revoked = self.0.load(Ordering::SeqCst);
        async move {
            if revoked {
                Err(AppError::Unauthenticated("revoked".to_owned()))
            } else {
                Ok(())
            }
        }
        .boxed()
    }
}

#[tokio::test]
async fn revoked_credentials_end_the_subscription_with_their_error() {
    let world = World::new();
    let credentials = Arc::new(Revocable(AtomicBool::new(false)));
    let recheck: Arc<dyn Recheck> = credentials.clone();
    let interval = Duration::from_millis(20);
    let mut answers = Box::pin(watch(world.params(interval, Some(recheck)), world.report()));
    answers.next().await.expect("first").expect("ok");
    world.write(WS);
    let second = answers.next().await.expect("an answer").expect("ok");
    assert_eq!(second, 1);
    credentials.0.store(true, Ordering::SeqCst);
    world.write(WS);
    let refused = answers.next().await.expect("the refusal");
    assert!(
        matches!(refused, Err(AppError::Unauthenticated(_))),
        "{refused:?}"
    );
    assert!(answers.next().await.is_none(), "and then the end");
}
