//! Conversions: list with filters, newest first.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use entity::conversion;

use super::page::{Page, PageRequest};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Default)]
pub struct ConversionFilter {
    pub lead_id: Option<i64>,
    pub kind: Option<String>,
    /// Local dates in the workspace time zone, both inclusive.
    pub occurred_from: Option<NaiveDate>,
    pub occurred_to: Option<NaiveDate>,
}

/// Keyset position in (occurred_at desc, id desc) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConversionCursor {
    pub occurred_at: DateTime<Utc>,
    pub id: i64,
}

pub async fn list_conversions<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    filter: &ConversionFilter,
    page: PageRequest<ConversionCursor>,
) -> AppResult<Page<conversion::Model>> {
    if let (Some(from), Some(to)) = (filter.occurred_from, filter.occurred_to)
        && to < from
    {
        return Err(AppError::bad_input(
            "filter.occurredTo",
            "must not be before occurredFrom",
        ));
    }
    let mut query = conversion::Entity::find_in_workspace(workspace_id);
    if let Some(lead_id) = filter.lead_id {
        query = query.filter(conversion::Column::LeadId.eq(lead_id));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(conversion::Column::Kind.eq(kind.to_lowercase()));
    }
    if let Some(from) = filter.occurred_from {
        query = query.filter(conversion::Column::OccurredOn.gte(from));
    }
    if let Some(to) = filter.occurred_to {
        query = query.filter(conversion::Column::OccurredOn.lte(to));
    }
    let total = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(
            Condition::any()
                .add(conversion::Column::OccurredAt.lt(after.occurred_at))
                .add(
                    Condition::all()
                        .add(conversion::Column::OccurredAt.eq(after.occurred_at))
                        .add(conversion::Column::Id.lt(after.id)),
                ),
        );
    }
    let rows = query
        .order_by_desc(conversion::Column::OccurredAt)
        .order_by_desc(conversion::Column::Id)
        .limit(page.first + 1)
        .all(db)
        .await?;
    Ok(Page::from_overfetch(rows, page.first, total))
}
