//! Turning journey pages into the engine's per-lead histories, one lead at a time.

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use tokio::sync::mpsc;

use super::feed::Feed;
use crate::db::analytics::journeys::{JourneyPage, JourneyQuery, JourneyScan};
use crate::error::AppResult;
use crate::services::attribution::{ConversionEvent, LeadHistory, Touch};
use crate::services::money::cents_to_decimal;

/// Leads per page: a few thousand keeps round trips few and memory small.
pub(super) const PAGE_SIZE: u64 = 5000;

/// Pages read ahead of the one being attributed: the database works while the engine does.
const READ_AHEAD: usize = 2;

/// Reads the pages of `query` on a task of its own, at most [`READ_AHEAD`] ahead.
fn read_pages(
    db: &DatabaseConnection,
    query: JourneyQuery,
) -> mpsc::Receiver<AppResult<JourneyPage>> {
    let (tx, rx) = mpsc::channel(READ_AHEAD);
    let db = db.clone();
    tokio::spawn(async move {
        let mut pages = JourneyScan::new(query);
        loop {
            let next = pages.next_page(&db).await.transpose();
            let Some(page) = next else { break };
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
