//! The audit log: who changed a workspace's settings, members or tokens, or deleted its data.
//!
//! A mutation calls [`record`] with its own transaction, so the row commits with the change
//! or not at all:
//!
//! ```ignore
//! let txn = begin_workspace_write(db, p.workspace_id).await?;
//! // … the change …
//! audit::record(&txn, p, "deleteBudget", json!({ "budgetId": id })).await?;
//! txn.commit().await?;
//! ```
//!
//! The arguments are a JSON object written by the caller: never a secret (a token's secret, a
//! password, an invitation code), and never an erased contact's email (erasures record counts).
//! Raw ingestion writes are not audited row by row; deletions are.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::Value;

use entity::{api_token, audit_log};

use super::page::{Page, PageRequest};
use crate::auth::{Actor, Principal};
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

/// Who made a change.
#[derive(Debug, Clone, Copy)]
pub enum Who<'a> {
    /// A user or an API token, through the API.
    Principal(&'a Principal),
    /// Support staff on the command line (`leadsource erase`), in this workspace.
    Cli { workspace_id: i64 },
}

impl<'a> From<&'a Principal> for Who<'a> {
    fn from(p: &'a Principal) -> Self {
        Who::Principal(p)
    }
}

impl Who<'_> {
    fn workspace_id(&self) -> i64 {
        match self {
            Who::Principal(p) => p.workspace_id,
            Who::Cli { workspace_id } => *workspace_id,
        }
    }
}

/// Writes one audit row in `db` (the mutation's transaction). `arguments` should be a JSON
/// object without secrets; anything else is stored under `{"value": …}`.
pub async fn record<'a, C: ConnectionTrait>(
    db: &C,
    who: impl Into<Who<'a>>,
    action: &str,
    arguments: Value,
) -> AppResult<()> {
    let who = who.into();
    let (kind, user_id, token_id) = match who {
        Who::Principal(p) => match &p.actor {
            Actor::User { user_id, .. } => ("user", Some(*user_id), None),
            Actor::Token { token_id, .. } => ("token", None, Some(*token_id)),
        },
        Who::Cli { .. } => ("cli", None, None),
    };
    let prefix = match token_id {
        Some(id) => api_token::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|t| t.prefix),
        None => None,
    };
    let arguments = match arguments {
        Value::Object(_) => arguments,
        other => serde_json::json!({ "value": other }),
    };
    audit_log::ActiveModel {
        workspace_id: Set(who.workspace_id()),
        at: Set(Utc::now()),
        actor_kind: Set(kind.to_owned()),
        actor_user_id: Set(user_id),
        actor_token_id: Set(token_id),
        actor_token_prefix: Set(prefix),
        action: Set(action.to_owned()),
        arguments: Set(arguments.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Narrows `auditLog`.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this action (a mutation name, such as `deleteSpend`).
    pub action: Option<String>,
    /// Only what this user did.
    pub user_id: Option<i64>,
    /// From this instant, inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Before this instant, exclusive.
    pub until: Option<DateTime<Utc>>,
}

/// The workspace's audit rows, newest first (by id: the order they were written in).
/// The keyset position is the last row's id.
pub async fn list_audit_log<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    filter: &AuditFilter,
    page: PageRequest<i64>,
) -> AppResult<Page<audit_log::Model>> {
    if let (Some(from), Some(until)) = (filter.from, filter.until)
        && until < from
    {
        return Err(AppError::bad_input(
            "filter.until",
            "must not be before from",
        ));
    }
    let mut query = audit_log::Entity::find_in_workspace(workspace_id);
    if let Some(action) = &filter.action {
        query = query.filter(audit_log::Column::Action.eq(action.trim()));
    }
    if let Some(user_id) = filter.user_id {
        query = query.filter(audit_log::Column::ActorUserId.eq(user_id));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::Column::At.gte(from));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_log::Column::At.lt(until));
    }
    let total = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(Condition::all().add(audit_log::Column::Id.lt(after)));
    }
    let rows = query
        .order_by_desc(audit_log::Column::Id)
        .limit(page.first + 1)
        .all(db)
        .await?;
    Ok(Page::from_overfetch(rows, page.first, total))
}
