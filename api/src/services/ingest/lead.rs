//! `captureLead(s)`: idempotent on `externalId`. A new lead gets its source (the first touch:
//! channel, campaign, UTM values, referrer, landing page) and that first touchpoint; a repeat
//! updates the contact fields it carries and never rewrites the source.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

use entity::lead;

use super::bulk::{BulkInsert, Values};
use super::lookup::leads_by_external_id;
pub use super::lookup::leads_by_ids;
use super::touch::{ResolvedTouch, Touch, TouchInput, TouchResolver, prepare_touch, touch_columns};
use super::validate::{
    MAX_ID_CHARS, MAX_NAME_CHARS, RowErrors, Sent, email, optional_text, required_text,
};
use super::{Target, run_call};
use crate::db::rollup::NewLead as NewJourney;
use crate::error::{AppError, AppResult};
use crate::services::page::folded;
use crate::services::rollup::RollupWriter;

/// A lead as a form or a partner sends it.
#[derive(Debug, Clone)]
pub struct NewLead {
    pub external_id: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub company: Option<String>,
    /// When the lead was created; now when absent (imports of older leads set it).
    pub created_at: Sent<Option<DateTime<Utc>>>,
    pub touch: TouchInput,
}

/// What a call did: leads created, leads that existed (contact fields refreshed), and each input
/// row's lead id in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaptureOutcome {
    pub created: u64,
    pub updated: u64,
    pub lead_ids: Vec<i64>,
}

/// A row after the checks that need no database; `None` marks a field already reported bad.
struct Prepared {
    external_id: Option<String>,
    email: Option<Option<String>>,
    name: Option<Option<String>>,
    company: Option<Option<String>>,
    created_at: Option<DateTime<Utc>>,
    touch: Option<Touch>,
}

/// One lead of the call after merging repeats of its external id: the first row gives the source,
/// later rows the contact fields they carry.
struct Merged {
    external_id: String,
    email: Option<String>,
    name: Option<String>,
    company: Option<String>,
    created_at: DateTime<Utc>,
    touch: ResolvedTouch,
}

/// Captures one lead; the answer is the lead as stored.
pub async fn capture_lead(
    db: &DatabaseConnection,
    workspace_id: i64,
    input: NewLead,
) -> AppResult<lead::Model> {
    let outcome = capture_leads(db, workspace_id, vec![input], 1).await?;
    let id = outcome
        .lead_ids
        .first()
        .copied()
        .ok_or(AppError::not_found("lead"))?;
    crate::services::lead::find_lead(db, workspace_id, id).await
}

/// Captures `inputs` (all or none) and bumps the workspace's data generation.
#[tracing::instrument(skip(db, inputs), fields(workspace.id = workspace_id, rows = inputs.len()))]
pub async fn capture_leads(
    db: &DatabaseConnection,
    workspace_id: i64,
    inputs: Vec<NewLead>,
    max_rows: usize,
) -> AppResult<CaptureOutcome> {
    run_call(
        db,
        workspace_id,
        ("inputs", &inputs),
        max_rows,
        prepare,
        async |txn, target, prepared, errors| {
            write(txn, workspace_id, target, prepared, errors).await
        },
    )
    .await
}

fn prepare(index: usize, input: &NewLead, target: &Target, errors: &mut RowErrors) -> Prepared {
    let external_id = required_text(&input.external_id, MAX_ID_CHARS);
    let name = optional_text(input.name.as_deref(), MAX_NAME_CHARS);
    let company = optional_text(input.company.as_deref(), MAX_NAME_CHARS);
    Prepared {
        external_id: errors.check(index, "externalId", external_id),
        email: errors.check(index, "email", email(input.email.as_deref())),
        name: errors.check(index, "name", name),
        company: errors.check(index, "company", company),
        created_at: errors.check(
            index,
            "createdAt",
            target.clock.timestamp(&input.created_at),
        ),
        touch: prepare_touch(index, &input.touch, errors),
    }
}

async fn write<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    target: &Target,
    prepared: Vec<Prepared>,
    mut errors: RowErrors,
) -> AppResult<CaptureOutcome> {
    let touches = prepared.iter().filter_map(|p| p.touch.as_ref());
    let resolver = TouchResolver::load(db, workspace_id, touches).await?;
    let mut merged: Vec<Merged> = Vec::new();
    let mut slot_of: HashMap<String, usize> = HashMap::new();
    let mut row_slots: Vec<usize> = Vec::with_capacity(prepared.len());
    for (index, row) in prepared.into_iter().enumerate() {
        let touch = row
            .touch
            .and_then(|t| resolver.resolve(index, t, &mut errors));
        let (
            Some(external_id),
            Some(email),
            Some(name),
            Some(company),
            Some(created_at),
            Some(touch),
        ) = (
            row.external_id,
            row.email,
            row.name,
            row.company,
            row.created_at,
            touch,
        )
        else {
            continue;
        };
        if let Some(&slot) = slot_of.get(&external_id) {
            let lead = &mut merged[slot];
            lead.email = email.or(lead.email.take());
            lead.name = name.or(lead.name.take());
            lead.company = company.or(lead.company.take());
            row_slots.push(slot);
            continue;
        }
        slot_of.insert(external_id.clone(), merged.len());
        row_slots.push(merged.len());
        merged.push(Merged {
            external_id,
            email,
            name,
            company,
            created_at,
            touch,
        });
    }
    errors.into_result()?;

    // PostgreSQL tells inserted rows from updated ones in the upsert itself (`xmax = 0`);
    // SQLite cannot, so the keys that exist are looked up first.
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let existing = if postgres {
        None
    } else {
        let keys: Vec<String> = merged.iter().map(|m| m.external_id.clone()).collect();
        Some(leads_by_external_id(db, workspace_id, &keys).await?)
    };
    let upserted = upsert_leads(db, workspace_id, target, &merged, postgres).await?;
    let is_new = |m: &&Merged| match &existing {
        Some(existing) => !existing.contains_key(&m.external_id),
        None => upserted.inserted.contains(&m.external_id),
    };
    let ids = upserted.ids;
    let new: Vec<(i64, &Merged)> = merged
        .iter()
        .filter(is_new)
        .filter_map(|m| ids.get(&m.external_id).map(|id| (*id, m)))
        .collect();
    insert_first_touches(db, workspace_id, &new).await?;
    // Only new leads change the rollups: a repeat keeps its source and adds no touch.
    let new_ids: Vec<i64> = new.iter().map(|(id, _)| *id).collect();
    let firsts: Vec<NewJourney<'_>> = new
        .iter()
        .map(|(_, m)| NewJourney {
            created_at: m.created_at,
            created_on: target.clock.local_date(m.created_at),
            channel_id: m.touch.channel_id,
            campaign_id: m.touch.campaign_id,
            utm_source: m.touch.utm.source.as_deref(),
            utm_medium: m.touch.utm.medium.as_deref(),
            utm_campaign: m.touch.utm.campaign.as_deref(),
        })
        .collect();
    RollupWriter::load(db, workspace_id)
        .await?
        .new_leads(db, &new_ids, &firsts)
        .await?;

    let lead_ids = row_slots
        .iter()
        .map(|&slot| {
            ids.get(&merged[slot].external_id)
                .copied()
                .unwrap_or_default()
        })
        .collect();
    Ok(CaptureOutcome {
        created: new.len() as u64,
        updated: (merged.len() - new.len()) as u64,
        lead_ids,
    })
}

/// What the upsert did: every lead's id by external id and, when the backend can tell
/// (PostgreSQL), the external ids it inserted.
struct Upserted {
    ids: HashMap<String, i64>,
    inserted: HashSet<String>,
}

/// Inserts new leads and refreshes the contact fields of known ones.
async fn upsert_leads<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    target: &Target,
    merged: &[Merged],
    postgres: bool,
) -> AppResult<Upserted> {
    let n = merged.len();
    let now = Utc::now();
    let mut columns = vec![
        ("workspace_id", Values::Int(vec![workspace_id; n])),
        (
            "external_id",
            Values::Text(merged.iter().map(|m| m.external_id.clone()).collect()),
        ),
        (
            "email",
            Values::OptText(merged.iter().map(|m| m.email.clone()).collect()),
        ),
        (
            "name",
            Values::OptText(merged.iter().map(|m| m.name.clone()).collect()),
        ),
        (
            "company",
            Values::OptText(merged.iter().map(|m| m.company.clone()).collect()),
        ),
        (
            "name_folded",
            Values::OptText(
                merged
                    .iter()
                    .map(|m| m.name.as_deref().map(folded))
                    .collect(),
            ),
        ),
        (
            "company_folded",
            Values::OptText(
                merged
                    .iter()
                    .map(|m| m.company.as_deref().map(folded))
                    .collect(),
            ),
        ),
        ("status", Values::Text(vec!["NEW".to_owned(); n])),
        (
            "created_at",
            Values::Time(merged.iter().map(|m| m.created_at).collect()),
        ),
        (
            "created_on",
            Values::Date(
                merged
                    .iter()
                    .map(|m| target.clock.local_date(m.created_at))
                    .collect(),
            ),
        ),
        ("updated_at", Values::Time(vec![now; n])),
    ];
    columns.extend(touch_columns(merged.iter().map(|m| &m.touch)));
    let insert = BulkInsert {
        table: "lead",
        columns,
        on_conflict: "ON CONFLICT (workspace_id, external_id) DO UPDATE SET \
            email = COALESCE(excluded.email, \"lead\".email), \
            name = COALESCE(excluded.name, \"lead\".name), \
            company = COALESCE(excluded.company, \"lead\".company), \
            name_folded = COALESCE(excluded.name_folded, \"lead\".name_folded), \
            company_folded = COALESCE(excluded.company_folded, \"lead\".company_folded), \
            updated_at = excluded.updated_at",
        // An inserted row has no deleting transaction yet; an updated one has ours.
        returning: if postgres {
            "id, external_id, (xmax = 0) AS inserted"
        } else {
            "id, external_id"
        },
    };
    let mut upserted = Upserted {
        ids: HashMap::with_capacity(n),
        inserted: HashSet::new(),
    };
    for row in insert.execute(db).await? {
        let external_id = row.try_get::<String>("", "external_id")?;
        if postgres && row.try_get::<bool>("", "inserted")? {
            upserted.inserted.insert(external_id.clone());
        }
        upserted
            .ids
            .insert(external_id, row.try_get::<i64>("", "id")?);
    }
    Ok(upserted)
}

/// The first touchpoint of each new lead: its source, at its creation time.
async fn insert_first_touches<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    new: &[(i64, &Merged)],
) -> AppResult<()> {
    let n = new.len();
    let mut columns = vec![
        ("workspace_id", Values::Int(vec![workspace_id; n])),
        (
            "lead_id",
            Values::Int(new.iter().map(|(id, _)| *id).collect()),
        ),
        (
            "occurred_at",
            Values::Time(new.iter().map(|(_, m)| m.created_at).collect()),
        ),
        ("event_id", Values::OptText(vec![None; n])),
    ];
    columns.extend(touch_columns(new.iter().map(|(_, m)| &m.touch)));
    BulkInsert {
        table: "touchpoint",
        columns,
        on_conflict: "",
        returning: "",
    }
    .execute(db)
    .await?;
    Ok(())
}
