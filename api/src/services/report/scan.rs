//! Turning journey pages into the engine's per-lead histories, one lead at a time.

use std::sync::Arc;

use chrono::NaiveDate;
use futures::{StreamExt, stream};
use sea_orm::DatabaseConnection;
use tokio::sync::mpsc;

use super::feed::Feed;
use crate::db::analytics::journeys::{JourneyPage, JourneyQuery, page_bounds, read_page};
use crate::error::{AppError, AppResult};
use crate::services::attribution::{ConversionEvent, LeadHistory, Touch};
use crate::services::money::cents_to_decimal;

/// Lead ids per page: thousands keep round trips few and memory small (a page of 10 000
/// leads with four touches each is a few MB).
pub(super) const PAGE_SIZE: u64 = 10_000;

/// Pages read at the same time, each on its own connections.
const PAGES_IN_FLIGHT: usize = 3;

/// Reads the pages of `query` in order on a task of its own, [`PAGES_IN_FLIGHT`] at a time,
/// so the database works while the engine attributes; at most a few pages wait in memory.
fn read_pages(
    db: &DatabaseConnection,
    query: JourneyQuery,
) -> mpsc::Receiver<AppResult<JourneyPage>> {
    let (tx, rx) = mpsc::channel(1);
    let db = db.clone();
    tokio::spawn(async move {
        let bounds = match page_bounds(&db, &query).await {
            Ok(bounds) => bounds,
            Err(e) => {
                let _ = tx.send(Err(e)).await;
                return;
            }
        };
        // Each page on a task of its own: decoding rows uses every core, not just one.
        let query = Arc::new(query);
        let mut pages = stream::iter(bounds)
            .map(|(lo, hi)| {
                let (db, query) = (db.clone(), Arc::clone(&query));
                tokio::spawn(async move { read_page(&db, &query, lo, hi).await })
            })
            .buffered(PAGES_IN_FLIGHT);
        while let Some(joined) = pages.next().await {
            let page = joined.map_err(AppError::internal).and_then(|page| page);
            let failed = page.is_err();
            // A closed channel means the reader gave up: stop reading.
            if tx.send(page).await.is_err() || failed {
                break;
            }
        }
    });
    rx
}

/// Calls `visit` once per lead with touchpoints or conversions in the scan, in lead order,
/// with the local day of each conversion beside it (`days[i]` is `conversions[i]`'s day).
pub(super) async fn scan_leads(
    db: &DatabaseConnection,
    query: JourneyQuery,
    feed: &mut Feed,
    mut visit: impl FnMut(&LeadHistory<'_>, &[NaiveDate]),
) -> AppResult<()> {
    let mut pages = read_pages(db, query);
    let mut touches: Vec<Touch> = Vec::new();
    let mut conversions: Vec<ConversionEvent> = Vec::new();
    let mut days: Vec<NaiveDate> = Vec::new();
    while let Some(page) = pages.recv().await {
        let page = page?;
        let (mut ti, mut ci, mut si) = (0, 0, 0);
        loop {
            let heads = [
                page.touches.get(ti).map(|t| t.lead_id),
                page.conversions.get(ci).map(|c| c.lead_id),
            ];
            let Some(lead) = heads.into_iter().flatten().min() else {
                break;
            };
            touches.clear();
            conversions.clear();
            days.clear();
            while let Some(t) = page.touches.get(ti).filter(|t| t.lead_id == lead) {
                touches.push(feed.touch(t));
                ti += 1;
            }
            while let Some(c) = page.conversions.get(ci).filter(|c| c.lead_id == lead) {
                conversions.push(ConversionEvent {
                    at: c.occurred_at,
                    revenue: cents_to_decimal(c.revenue_cents),
                });
                days.push(c.occurred_on);
                ci += 1;
            }
            while page.sources.get(si).is_some_and(|s| s.id < lead) {
                si += 1;
            }
            let source = page
                .sources
                .get(si)
                .filter(|s| s.id == lead)
                .map(|s| feed.source(s));
            let history = LeadHistory {
                touches: &touches,
                conversions: &conversions,
                source,
            };
            visit(&history, &days);
        }
    }
    Ok(())
}
