//! Reading back what was written: spend rows and touchpoints, as Relay connections.

use async_graphql::connection::Edge;
use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;

use super::leads::{parse_time_id, time_id_cursor};
use crate::auth::Permission;
use crate::error::AppResult;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::{bad_cursor, decode_cursor, encode_cursor};
use crate::graphql::inputs::{SpendFilterInput, TouchpointFilterInput};
use crate::graphql::types::correction::SpendConnectionFields;
use crate::graphql::types::page::{PageConnection, to_connection};
use crate::graphql::types::{Spend, SpendConnection, Touchpoint};
use crate::services::money::cents_to_decimal;
use crate::services::page::PageRequest;
use crate::services::spend_rows::{SpendCursor, list_spend};
use crate::services::touchpoint::{TouchpointCursor, list_touchpoints};

/// "YYYY-MM-DD:id" ↔ a (date, id) keyset position.
fn parse_date_id(cursor: &str) -> AppResult<SpendCursor> {
    let bad = bad_cursor;
    let text = decode_cursor(cursor)?;
    let (date, id) = text.split_once(':').ok_or_else(bad)?;
    Ok(SpendCursor {
        date: date.parse::<NaiveDate>().map_err(|_| bad())?,
        id: id.parse().map_err(|_| bad())?,
    })
}

#[derive(Default)]
pub struct ReadbackQuery;

#[Object]
impl ReadbackQuery {
    /// Spend rows, newest day first, with their number and the sum of their amounts over
    /// the whole filter.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::types::page::connection_complexity(first, child_complexity)"
    )]
    async fn spend(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows per page: 0 to the server's MAX_PAGE_SIZE (500 by default); 50 when absent."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Start after this cursor: the `pageInfo.endCursor` of the previous page."
        )]
        after: Option<String>,
        #[graphql(desc = "Narrows the rows; all of them when absent.")] filter: Option<
            SpendFilterInput,
        >,
    ) -> Result<SpendConnection> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let cursor = after.as_deref().map(parse_date_id).transpose()?;
        let page = PageRequest::new(first, cursor, state.settings.max_page_size)?;
        let filter = filter.unwrap_or_default().into_service()?;
        let (rows, total_cents) = list_spend(&state.db.conn, p.workspace_id, &filter, page).await?;
        let mut connection = SpendConnection::with_additional_fields(
            after.is_some(),
            rows.has_next_page,
            SpendConnectionFields {
                total_count: rows.total_count,
                total_amount: cents_to_decimal(total_cents),
            },
        );
        connection.edges.extend(rows.items.into_iter().map(|row| {
            let cursor = encode_cursor(&format!("{}:{}", row.date.format("%Y-%m-%d"), row.id));
            Edge::new(cursor, Spend(row))
        }));
        Ok(connection)
    }

    /// Touchpoints, newest first.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::types::page::connection_complexity(first, child_complexity)"
    )]
    async fn touchpoints(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows per page: 0 to the server's MAX_PAGE_SIZE (500 by default); 50 when absent."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Start after this cursor: the `pageInfo.endCursor` of the previous page."
        )]
        after: Option<String>,
        #[graphql(desc = "Narrows the touchpoints; all of them when absent.")] filter: Option<
            TouchpointFilterInput,
        >,
    ) -> Result<PageConnection<Touchpoint>> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let cursor = after
            .as_deref()
            .map(parse_time_id)
            .transpose()?
            .map(|(occurred_at, id)| TouchpointCursor { occurred_at, id });
        let page = PageRequest::new(first, cursor, state.settings.max_page_size)?;
        let filter = filter.unwrap_or_default().into_service()?;
        let rows = list_touchpoints(&state.db.conn, p.workspace_id, &filter, page).await?;
        Ok(to_connection(
            rows,
            after.is_some(),
            |t| time_id_cursor(t.occurred_at, t.id),
            Touchpoint,
        ))
    }
}
