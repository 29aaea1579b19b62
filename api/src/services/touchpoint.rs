//! Reading back the touchpoints that were written (`touchpoints` query), newest first.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use entity::touchpoint;

use super::page::{Page, PageRequest};
use super::report::period::day_start;
use super::workspace::{find_workspace, timezone_of};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Default)]
pub struct TouchpointFilter {
    pub lead_id: Option<i64>,
    pub channel_id: Option<i64>,
    /// Local days in the workspace time zone, both inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Keyset position in (occurred_at desc, id desc) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TouchpointCursor {
    pub occurred_at: DateTime<Utc>,
    pub id: i64,
}

pub async fn list_touchpoints<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    filter: &TouchpointFilter,
    page: PageRequest<TouchpointCursor>,
) -> AppResult<Page<touchpoint::Model>> {
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && to < from
    {
        return Err(AppError::bad_input("filter.to", "must not be before from"));
    }
    let mut query = touchpoint::Entity::find_in_workspace(workspace_id);
    if let Some(id) = filter.lead_id {
        query = query.filter(touchpoint::Column::LeadId.eq(id));
    }
    if let Some(id) = filter.channel_id {
        query = query.filter(touchpoint::Column::ChannelId.eq(id));
    }
    if filter.from.is_some() || filter.to.is_some() {
        let tz = timezone_of(&find_workspace(db, workspace_id).await?);
        if let Some(from) = filter.from {
            query = query.filter(touchpoint::Column::OccurredAt.gte(day_start(tz, from)));
        }
        if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
            query = query.filter(touchpoint::Column::OccurredAt.lt(day_start(tz, to)));
        }
    }
    let total = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(
            Condition::any()
                .add(touchpoint::Column::OccurredAt.lt(after.occurred_at))
                .add(
                    Condition::all()
                        .add(touchpoint::Column::OccurredAt.eq(after.occurred_at))
                        .add(touchpoint::Column::Id.lt(after.id)),
                ),
        );
    }
    let rows = query
        .order_by_desc(touchpoint::Column::OccurredAt)
        .order_by_desc(touchpoint::Column::Id)
        .limit(page.first + 1)
        .all(db)
        .await?;
    Ok(Page::from_overfetch(rows, page.first, total))
}
