//! `recordConversions`: conversions of known leads, idempotent on `externalId` (a repeat changes
//! nothing). A conversion may not precede its lead's creation; a `purchase` makes its lead a
//! CUSTOMER. Revenue in another currency is converted at the workspace's FX rate of the
//! conversion's local day (`services::fx`), and the amount as sent is kept beside it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};

use entity::{conversion, lead};

use super::bulk::{BulkInsert, LOOKUP_CHUNK, Values};
use super::lookup::{UNKNOWN_LEAD, distinct, distinct_ids, leads_by_external_id};
use super::validate::{MAX_ID_CHARS, RowErrors, Sent, cents, currency, required_text};
use super::{Target, run_call};
use crate::db::rollup::Sign;
use crate::db::scope::InWorkspace;
use crate::error::AppResult;
use crate::services::fx::{FxTable, SentMoney, StoredMoney};
use crate::services::rollup::RollupWriter;

/// The conversion kind that turns its lead into a CUSTOMER.
pub const PURCHASE: &str = "purchase";
const MAX_KIND_CHARS: usize = 50;

/// A conversion as a partner sends it.
#[derive(Debug, Clone)]
pub struct NewConversion {
    pub external_id: String,
    pub lead_external_id: String,
    /// signup, opportunity, purchase, …
    pub kind: String,
    /// Now when absent.
    pub occurred_at: Sent<Option<DateTime<Utc>>>,
    /// In `currency` (the workspace's when absent); 0 when absent.
    pub revenue: Sent<Option<Decimal>>,
    pub currency: Option<String>,
}

/// What a call did: conversions stored, rows skipped because their `externalId` was known, and
/// leads that became CUSTOMER.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConversionOutcome {
    pub recorded: u64,
    pub duplicates: u64,
    pub new_customers: u64,
}

/// A row after the checks that need no database; `None` marks a field already reported bad.
struct Prepared {
    external_id: Option<String>,
    lead_external_id: Option<String>,
    kind: Option<String>,
    occurred_at: Option<DateTime<Utc>>,
    revenue_cents: Option<i64>,
    currency: Option<Option<String>>,
}

struct Row {
    external_id: String,
    lead_id: i64,
    kind: String,
    occurred_at: DateTime<Utc>,
    revenue: StoredMoney,
}

/// Stores `inputs` (all or none) and bumps the workspace's data generation.
#[tracing::instrument(skip(db, inputs), fields(workspace.id = workspace_id, rows = inputs.len()))]
pub async fn record_conversions(
    db: &DatabaseConnection,
    workspace_id: i64,
    inputs: Vec<NewConversion>,
    max_rows: usize,
) -> AppResult<ConversionOutcome> {
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

/// A kind in lower case: 1 to 50 characters of a-z, 0-9, `_` and `-`.
pub fn kind(value: &str) -> Result<String, String> {
    let kind = value.trim().to_lowercase();
    let ok = !kind.is_empty()
        && kind.chars().count() <= MAX_KIND_CHARS
        && kind
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !ok {
        return Err(format!(
            "1 to {MAX_KIND_CHARS} characters of a-z, 0-9, '_' and '-', such as signup or purchase"
        ));
    }
    Ok(kind)
}

fn prepare(
    index: usize,
    input: &NewConversion,
    target: &Target,
    errors: &mut RowErrors,
) -> Prepared {
    let external_id = required_text(&input.external_id, MAX_ID_CHARS);
    let lead = required_text(&input.lead_external_id, MAX_ID_CHARS);
    let revenue = input
        .revenue
        .clone()
        .and_then(|revenue| cents(revenue.unwrap_or_default()));
    let currency = currency(input.currency.as_deref(), &target.currency);
    Prepared {
        external_id: errors.check(index, "externalId", external_id),
        lead_external_id: errors.check(index, "leadExternalId", lead),
        kind: errors.check(index, "kind", kind(&input.kind)),
        occurred_at: errors.check(
            index,
            "occurredAt",
            target.clock.timestamp(&input.occurred_at),
        ),
        revenue_cents: errors.check(index, "revenue", revenue),
        currency: errors.check(index, "currency", currency),
    }
}

async fn write<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    target: &Target,
    prepared: Vec<Prepared>,
    mut errors: RowErrors,
) -> AppResult<ConversionOutcome> {
    let keys = distinct(prepared.iter().filter_map(|p| p.lead_external_id.as_ref()));
    // A foreign amount is converted at the rate of the conversion's local day.
    let needs = prepared.iter().filter_map(|p| {
        let currency = p.currency.clone().flatten()?;
        Some((currency, target.clock.local_date(p.occurred_at?)))
    });
    let fx = FxTable::load(db, workspace_id, needs).await?;
    let leads = leads_by_external_id(db, workspace_id, &keys).await?;
    let mut rows = Vec::with_capacity(prepared.len());
    for (index, row) in prepared.into_iter().enumerate() {
        let lead = row.lead_external_id.and_then(|key| {
            let found = leads.get(&key);
            if found.is_none() {
                errors.push(index, "leadExternalId", UNKNOWN_LEAD);
            }
            found
        });
        if let (Some(lead), Some(at)) = (lead, row.occurred_at)
            && at < lead.created_at
        {
            let reason = format!(
                "{} is before the lead was created ({})",
                at.to_rfc3339(),
                lead.created_at.to_rfc3339()
            );
            errors.push(index, "occurredAt", reason);
            continue;
        }
        if let (
            Some(external_id),
            Some(lead),
            Some(kind),
            Some(occurred_at),
            Some(cents),
            Some(currency),
        ) = (
            row.external_id,
            lead,
            row.kind,
            row.occurred_at,
            row.revenue_cents,
            row.currency,
        ) {
            let day = target.clock.local_date(occurred_at);
            let sent = SentMoney { cents, currency };
            if let Some(revenue) = errors.check(index, "currency", fx.convert(&sent, day)) {
                rows.push(Row {
                    external_id,
                    lead_id: lead.id,
                    kind,
                    occurred_at,
                    revenue,
                });
            }
        }
    }
    errors.into_result()?;

    let total = rows.len() as u64;
    let known = existing_ids(db, workspace_id, &rows).await?;
    let mut seen = HashSet::new();
    rows.retain(|r| !known.contains(&r.external_id) && seen.insert(r.external_id.clone()));
    let n = rows.len();
    // The leads' rollup contributions (conversion counts, first conversion, credits) are
    // taken away before and added back after (`services::rollup`).
    let converting = distinct_ids(rows.iter().map(|r| r.lead_id));
    let rollup = RollupWriter::load(db, workspace_id).await?;
    rollup.leads(db, &converting, Sign::Remove).await?;
    BulkInsert {
        table: "conversion",
        columns: vec![
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
                "occurred_on",
                Values::Date(
                    rows.iter()
                        .map(|r| target.clock.local_date(r.occurred_at))
                        .collect(),
                ),
            ),
            (
                "kind",
                Values::Text(rows.iter().map(|r| r.kind.clone()).collect()),
            ),
            (
                "revenue_cents",
                Values::Int(rows.iter().map(|r| r.revenue.cents).collect()),
            ),
            (
                "original_amount_cents",
                Values::OptInt(rows.iter().map(|r| r.revenue.original_cents()).collect()),
            ),
            (
                "original_currency",
                Values::OptText(rows.iter().map(|r| r.revenue.original_currency()).collect()),
            ),
            (
                "external_id",
                Values::Text(rows.iter().map(|r| r.external_id.clone()).collect()),
            ),
        ],
        on_conflict: "ON CONFLICT (workspace_id, external_id) DO NOTHING",
        returning: "",
    }
    .execute(db)
    .await?;
    rollup.leads(db, &converting, Sign::Add).await?;

    let buyers: Vec<i64> = {
        let set: HashSet<i64> = rows
            .iter()
            .filter(|r| r.kind == PURCHASE)
            .map(|r| r.lead_id)
            .collect();
        set.into_iter().collect()
    };
    let new_customers = make_customers(db, workspace_id, &buyers).await?;
    Ok(ConversionOutcome {
        recorded: n as u64,
        duplicates: total - n as u64,
        new_customers,
    })
}

/// Sets the leads' status to CUSTOMER; returns how many were not customers before.
async fn make_customers<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    lead_ids: &[i64],
) -> AppResult<u64> {
    let mut changed = 0;
    for chunk in lead_ids.chunks(LOOKUP_CHUNK) {
        let result = lead::Entity::update_many()
            .col_expr(lead::Column::Status, Expr::value("CUSTOMER"))
            .col_expr(lead::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(lead::Column::WorkspaceId.eq(workspace_id))
            .filter(lead::Column::Id.is_in(chunk.iter().copied()))
            .filter(lead::Column::Status.ne("CUSTOMER"))
            .exec(db)
            .await?;
        changed += result.rows_affected;
    }
    Ok(changed)
}

/// The external ids among `rows` already stored.
async fn existing_ids<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    rows: &[Row],
) -> AppResult<HashSet<String>> {
    let ids: Vec<String> = rows.iter().map(|r| r.external_id.clone()).collect();
    let mut known = HashSet::new();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        let found: Vec<String> = conversion::Entity::find_in_workspace(workspace_id)
            .select_only()
            .column(conversion::Column::ExternalId)
            .filter(conversion::Column::ExternalId.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        known.extend(found);
    }
    Ok(known)
}
