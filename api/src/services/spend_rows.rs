//! Reading back the spend that was written (`spend` query): rows newest day first, with the
//! number of rows and the sum of their amounts over the whole filter.

use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use entity::{campaign, spend};

use super::page::{Page, PageRequest};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Default)]
pub struct SpendFilter {
    /// Days in the workspace's calendar, both inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub campaign_id: Option<i64>,
    /// The campaigns of this channel (as they are now).
    pub channel_id: Option<i64>,
}

/// Keyset position in (date desc, id desc) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpendCursor {
    pub date: NaiveDate,
    pub id: i64,
}

/// One page of spend rows and the sum of the amounts (cents) of every row of the filter.
pub async fn list_spend<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    filter: &SpendFilter,
    page: PageRequest<SpendCursor>,
) -> AppResult<(Page<spend::Model>, i64)> {
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && to < from
    {
        return Err(AppError::bad_input("filter.to", "must not be before from"));
    }
    let mut query = spend::Entity::find_in_workspace(workspace_id);
    if let Some(from) = filter.from {
        query = query.filter(spend::Column::Date.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(spend::Column::Date.lte(to));
    }
    if let Some(id) = filter.campaign_id {
        query = query.filter(spend::Column::CampaignId.eq(id));
    }
    if let Some(channel) = filter.channel_id {
        query = query.filter(
            spend::Column::CampaignId.in_subquery(
                Query::select()
                    .column(campaign::Column::Id)
                    .from(campaign::Entity)
                    .and_where(campaign::Column::WorkspaceId.eq(workspace_id))
                    .and_where(campaign::Column::ChannelId.eq(channel))
                    .to_owned(),
            ),
        );
    }
    let total = query.clone().count(db).await?;
    let sum: Option<i64> = query
        .clone()
        .select_only()
        .column_as(
            Expr::cust("CAST(COALESCE(SUM(spend.amount_cents), 0) AS BIGINT)"),
            "total",
        )
        .into_tuple()
        .one(db)
        .await?;
    if let Some(after) = page.after {
        query = query.filter(
            Condition::any()
                .add(spend::Column::Date.lt(after.date))
                .add(
                    Condition::all()
                        .add(spend::Column::Date.eq(after.date))
                        .add(spend::Column::Id.lt(after.id)),
                ),
        );
    }
    let rows = query
        .order_by_desc(spend::Column::Date)
        .order_by_desc(spend::Column::Id)
        .limit(page.first + 1)
        .all(db)
        .await?;
    Ok((
        Page::from_overfetch(rows, page.first, total),
        sum.unwrap_or(0),
    ))
}
