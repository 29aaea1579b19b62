//! `recordTouchpoints`: interactions of known leads, idempotent on `eventId` (a repeat changes
//! nothing). Touchpoints never rewrite a lead's source, which is its first touch at capture.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QuerySelect};

use entity::touchpoint;

use super::bulk::{BulkInsert, LOOKUP_CHUNK, Values};
use super::lookup::{UNKNOWN_LEAD, distinct, distinct_ids, leads_by_external_id};
use super::touch::{ResolvedTouch, Touch, TouchInput, TouchResolver, prepare_touch, touch_columns};
use super::validate::{MAX_ID_CHARS, RowErrors, Sent, optional_text, required_text};
use super::{Target, run_call};
use crate::db::rollup::Sign;
use crate::db::scope::InWorkspace;
use crate::error::AppResult;
use crate::services::rollup::RollupWriter;

/// One interaction of a lead, as sent.
#[derive(Debug, Clone)]
pub struct NewTouchpoint {
    /// The caller's id for the event; repeats of it are ignored. Without one, every push is stored.
    pub event_id: Option<String>,
    pub lead_external_id: String,
    /// Now when absent.
    pub occurred_at: Sent<Option<DateTime<Utc>>>,
    pub touch: TouchInput,
}

/// What a call did: touchpoints stored, and rows skipped because their `eventId` was known
/// (before the call, or earlier in it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TouchpointOutcome {
    pub recorded: u64,
    pub duplicates: u64,
}

/// A row after the checks that need no database; `None` marks a field already reported bad.
struct Prepared {
    event_id: Option<Option<String>>,
    lead_external_id: Option<String>,
    occurred_at: Option<DateTime<Utc>>,
    touch: Option<Touch>,
}

struct Row {
    event_id: Option<String>,
    lead_id: i64,
    occurred_at: DateTime<Utc>,
    touch: ResolvedTouch,
}

/// Stores `inputs` (all or none) and bumps the workspace's data generation.
#[tracing::instrument(skip(db, inputs), fields(workspace.id = workspace_id, rows = inputs.len()))]
pub async fn record_touchpoints(
    db: &DatabaseConnection,
    workspace_id: i64,
    inputs: Vec<NewTouchpoint>,
    max_rows: usize,
) -> AppResult<TouchpointOutcome> {
    run_call(
        db,
        workspace_id,
        ("inputs", &inputs),
        max_rows,
        prepare,
        async |txn, _, prepared, errors| write(txn, workspace_id, prepared, errors).await,
    )
    .await
}

fn prepare(
    index: usize,
    input: &NewTouchpoint,
    target: &Target,
    errors: &mut RowErrors,
) -> Prepared {
    let event_id = optional_text(input.event_id.as_deref(), MAX_ID_CHARS);
    let lead = required_text(&input.lead_external_id, MAX_ID_CHARS);
    Prepared {
        event_id: errors.check(index, "eventId", event_id),
        lead_external_id: errors.check(index, "leadExternalId", lead),
        occurred_at: errors.check(
            index,
            "occurredAt",
            target.clock.timestamp(&input.occurred_at),
        ),
        touch: prepare_touch(index, &input.touch, errors),
    }
}

async fn write<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    prepared: Vec<Prepared>,
    mut errors: RowErrors,
) -> AppResult<TouchpointOutcome> {
    let keys = distinct(prepared.iter().filter_map(|p| p.lead_external_id.as_ref()));
    let leads = leads_by_external_id(db, workspace_id, &keys).await?;
    let touches = prepared.iter().filter_map(|p| p.touch.as_ref());
    let resolver = TouchResolver::load(db, workspace_id, touches).await?;
    let mut rows = Vec::with_capacity(prepared.len());
    for (index, row) in prepared.into_iter().enumerate() {
        let lead = row.lead_external_id.and_then(|key| {
            let found = leads.get(&key);
            if found.is_none() {
                errors.push(index, "leadExternalId", UNKNOWN_LEAD);
            }
            found
        });
        let touch = row
            .touch
            .and_then(|t| resolver.resolve(index, t, &mut errors));
        if let (Some(event_id), Some(lead), Some(occurred_at), Some(touch)) =
            (row.event_id, lead, row.occurred_at, touch)
        {
            rows.push(Row {
                event_id,
                lead_id: lead.id,
                occurred_at,
                touch,
            });
        }
    }
    errors.into_result()?;

    let total = rows.len() as u64;
    let known = existing_events(db, workspace_id, &rows).await?;
    let mut seen = HashSet::new();
    rows.retain(|r| match &r.event_id {
        Some(id) => !known.contains(id) && seen.insert(id.clone()),
        None => true,
    });
    let n = rows.len();
    // A late touch can change the journeys of the lead's conversions: its rollup
    // contributions are taken away before and added back after (`services::rollup`).
    let touched = distinct_ids(rows.iter().map(|r| r.lead_id));
    let rollup = RollupWriter::load(db, workspace_id).await?;
    rollup.leads(db, &touched, Sign::Remove).await?;
    let mut columns = vec![
        ("workspace_id", Values::Int(vec![workspace_id; n])),
        (
            "lead_id",
            Values::Int(rows.iter().map(|r| r.lead_id).collect()),
        ),
        (
            "occurred_at",
            Values::Time(rows.iter().map(|r| r.occurred_at).collect()),
        ),
        (
            "event_id",
            Values::OptText(rows.iter().map(|r| r.event_id.clone()).collect()),
        ),
    ];
    columns.extend(touch_columns(rows.iter().map(|r| &r.touch)));
    BulkInsert {
        table: "touchpoint",
        columns,
        on_conflict: "ON CONFLICT (workspace_id, event_id) DO NOTHING",
        returning: "",
    }
    .execute(db)
    .await?;
    rollup.leads(db, &touched, Sign::Add).await?;
    Ok(TouchpointOutcome {
        recorded: n as u64,
        duplicates: total - n as u64,
    })
}

/// The event ids among `rows` already stored.
async fn existing_events<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    rows: &[Row],
) -> AppResult<HashSet<String>> {
    let ids: Vec<String> = rows.iter().filter_map(|r| r.event_id.clone()).collect();
    let mut known = HashSet::new();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        let found: Vec<Option<String>> = touchpoint::Entity::find_in_workspace(workspace_id)
            .select_only()
            .column(touchpoint::Column::EventId)
            .filter(touchpoint::Column::EventId.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        known.extend(found.into_iter().flatten());
    }
    Ok(known)
}
