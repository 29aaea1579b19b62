//! Leads: list with filters (newest first), lookup, and their journeys for loaders.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use entity::{conversion, lead, touchpoint};

use super::page::{Page, PageRequest, contains_pattern};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

pub const STATUSES: [&str; 4] = ["NEW", "QUALIFIED", "CUSTOMER", "LOST"];

#[derive(Debug, Clone, Default)]
pub struct LeadFilter {
    pub status: Option<String>,
    pub channel_id: Option<i64>,
    /// Local dates in the workspace time zone, both inclusive.
    pub created_from: Option<NaiveDate>,
    pub created_to: Option<NaiveDate>,
    /// Case-insensitive text searched in email, name and company.
    pub search: Option<String>,
}

/// Keyset position in (created_at desc, id desc) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadCursor {
    pub created_at: DateTime<Utc>,
    pub id: i64,
}

pub async fn list_leads<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    filter: &LeadFilter,
    page: PageRequest<LeadCursor>,
) -> AppResult<Page<lead::Model>> {
    if let (Some(from), Some(to)) = (filter.created_from, filter.created_to)
        && to < from
    {
        return Err(AppError::bad_input(
            "filter.createdTo",
            "must not be before createdFrom",
        ));
    }
    let mut query = lead::Entity::find_in_workspace(workspace_id);
    if let Some(status) = &filter.status {
        query = query.filter(lead::Column::Status.eq(status.to_uppercase()));
    }
    if let Some(channel_id) = filter.channel_id {
        query = query.filter(lead::Column::ChannelId.eq(channel_id));
    }
    if let Some(from) = filter.created_from {
        query = query.filter(lead::Column::CreatedOn.gte(from));
    }
    if let Some(to) = filter.created_to {
        query = query.filter(lead::Column::CreatedOn.lte(to));
    }
    if let Some(text) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = contains_pattern(text);
        // E-mail addresses are stored lower-cased; names and companies have folded copies.
        let like =
            |col: lead::Column| Expr::col(col).like(LikeExpr::new(pattern.clone()).escape('\\'));
        query = query.filter(
            Condition::any()
                .add(like(lead::Column::Email))
                .add(like(lead::Column::NameFolded))
                .add(like(lead::Column::CompanyFolded)),
        );
    }
    let total = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(
            Condition::any()
                .add(lead::Column::CreatedAt.lt(after.created_at))
                .add(
                    Condition::all()
                        .add(lead::Column::CreatedAt.eq(after.created_at))
                        .add(lead::Column::Id.lt(after.id)),
                ),
        );
    }
    let rows = query
        .order_by_desc(lead::Column::CreatedAt)
        .order_by_desc(lead::Column::Id)
        .limit(page.first + 1)
        .all(db)
        .await?;
    Ok(Page::from_overfetch(rows, page.first, total))
}

pub async fn find_lead<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    id: i64,
) -> AppResult<lead::Model> {
    lead::Entity::find_in_workspace(workspace_id)
        .filter(lead::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::not_found("lead"))
}

/// Touchpoints of many leads in one query, each lead's in time order.
pub async fn touchpoints_of_leads<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    lead_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<touchpoint::Model>>> {
    let rows = touchpoint::Entity::find_in_workspace(workspace_id)
        .filter(touchpoint::Column::LeadId.is_in(lead_ids.iter().copied()))
        .order_by_asc(touchpoint::Column::OccurredAt)
        .order_by_asc(touchpoint::Column::Id)
        .all(db)
        .await?;
    let mut by_lead: HashMap<i64, Vec<touchpoint::Model>> = HashMap::new();
    for row in rows {
        by_lead.entry(row.lead_id).or_default().push(row);
    }
    Ok(by_lead)
}

/// Conversions of many leads in one query, each lead's in time order.
pub async fn conversions_of_leads<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    lead_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<conversion::Model>>> {
    let rows = conversion::Entity::find_in_workspace(workspace_id)
        .filter(conversion::Column::LeadId.is_in(lead_ids.iter().copied()))
        .order_by_asc(conversion::Column::OccurredAt)
        .order_by_asc(conversion::Column::Id)
        .all(db)
        .await?;
    let mut by_lead: HashMap<i64, Vec<conversion::Model>> = HashMap::new();
    for row in rows {
        by_lead.entry(row.lead_id).or_default().push(row);
    }
    Ok(by_lead)
}
