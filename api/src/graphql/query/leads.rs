//! Queries over leads and conversions.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};

use crate::auth::Permission;
use crate::error::{AppError, AppResult};
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::{IdKind, bad_cursor, decode_cursor, decode_id};
use crate::graphql::inputs::{ConversionFilterInput, LeadFilterInput};
use crate::graphql::types::page::{PageConnection, to_connection};
use crate::graphql::types::{Conversion, Lead};
use crate::services::conversion::{ConversionCursor, list_conversions};
use crate::services::lead::{LeadCursor, find_lead, list_leads};
use crate::services::page::PageRequest;

/// "micros:id" ↔ a (time, id) keyset position.
pub(super) fn time_id_cursor(at: DateTime<Utc>, id: i64) -> String {
    format!("{}:{id}", at.timestamp_micros())
}

pub(super) fn parse_time_id(cursor: &str) -> AppResult<(DateTime<Utc>, i64)> {
    let bad = bad_cursor;
    let text = decode_cursor(cursor)?;
    let (micros, id) = text.split_once(':').ok_or_else(bad)?;
    let at = micros
        .parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(bad)?;
    Ok((at, id.parse().map_err(|_| bad())?))
}

#[derive(Default)]
pub struct LeadsQuery;

#[Object]
impl LeadsQuery {
    /// Leads, newest first.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::types::page::connection_complexity(first, child_complexity)"
    )]
    async fn leads(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows per page: 0 to the server's MAX_PAGE_SIZE (500 by default); \
                          50 when absent."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Start after this cursor: the `pageInfo.endCursor` of the previous page."
        )]
        after: Option<String>,
        #[graphql(desc = "Narrows the leads; all of them when absent.")] filter: Option<
            LeadFilterInput,
        >,
    ) -> Result<PageConnection<Lead>> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let cursor = after
            .as_deref()
            .map(parse_time_id)
            .transpose()?
            .map(|(created_at, id)| LeadCursor { created_at, id });
        let page = PageRequest::new(first, cursor, state.settings.max_page_size)?;
        let filter = filter.unwrap_or_default().into_service()?;
        let rows = list_leads(&state.db.conn, p.workspace_id, &filter, page).await?;
        Ok(to_connection(
            rows,
            after.is_some(),
            |l| time_id_cursor(l.created_at, l.id),
            Lead,
        ))
    }

    /// One lead with its touchpoints and conversions, or null when no lead of the workspace
    /// has this id.
    #[graphql(guard = "need(Permission::Read)")]
    async fn lead(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lead's id.")] id: ID,
    ) -> Result<Option<Lead>> {
        let p = ctx.principal()?;
        let id = decode_id(IdKind::Lead, "id", &id)?;
        match find_lead(&ctx.state().db.conn, p.workspace_id, id).await {
            Ok(found) => Ok(Some(Lead(found))),
            Err(AppError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Conversions, newest first.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::types::page::connection_complexity(first, child_complexity)"
    )]
    async fn conversions(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows per page: 0 to the server's MAX_PAGE_SIZE (500 by default); \
                          50 when absent."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Start after this cursor: the `pageInfo.endCursor` of the previous page."
        )]
        after: Option<String>,
        #[graphql(desc = "Narrows the conversions; all of them when absent.")] filter: Option<
            ConversionFilterInput,
        >,
    ) -> Result<PageConnection<Conversion>> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let cursor = after
            .as_deref()
            .map(parse_time_id)
            .transpose()?
            .map(|(occurred_at, id)| ConversionCursor { occurred_at, id });
        let page = PageRequest::new(first, cursor, state.settings.max_page_size)?;
        let filter = filter.unwrap_or_default().into_service()?;
        let rows = list_conversions(&state.db.conn, p.workspace_id, &filter, page).await?;
        Ok(to_connection(
            rows,
            after.is_some(),
            |c| time_id_cursor(c.occurred_at, c.id),
            Conversion,
        ))
    }
}
