//! `updateWorkspace`: an OWNER renames the workspace, changes its time zone (every stored
//! local day and the rollups keyed by day are recomputed in the same transaction), or its
//! reporting currency while it holds no money yet.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

use entity::{budget, conversion, fx_rate, spend, workspace};

use super::fx::iso4217;
use super::rollup::rebuild_in;
use super::workspace::begin_workspace_write;
use crate::auth::{Permission, Principal};
use crate::db::local_day::recompute_local_days;
use crate::db::scope::InWorkspace;
use crate::error::{AppError, AppResult};

/// Longest workspace name, in characters.
const MAX_NAME_CHARS: usize = 200;

/// The settings to change; an absent one stays as it is.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceChanges {
    pub name: Option<String>,
    pub currency: Option<String>,
    pub timezone: Option<String>,
}

/// What an update did besides storing the settings.
#[derive(Debug, Clone)]
pub struct WorkspaceUpdate {
    pub workspace: workspace::Model,
    /// Lead and conversion rows whose local day moved with a new time zone.
    pub days_moved: u64,
}

/// Checked settings: trimmed name, upper-case currency, a known time zone.
fn check(changes: WorkspaceChanges) -> AppResult<WorkspaceChanges> {
    let name = match changes.name {
        Some(name) => {
            let name = name.trim().to_owned();
            if name.is_empty() || name.chars().any(char::is_control) {
                return Err(AppError::bad_input(
                    "name",
                    "must not be empty nor hold control characters",
                ));
            }
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(AppError::bad_input(
                    "name",
                    format!("longer than {MAX_NAME_CHARS} characters"),
                ));
            }
            Some(name)
        }
        None => None,
    };
    let currency = changes
        .currency
        .map(|c| iso4217(&c).map_err(|reason| AppError::bad_input("currency", reason)))
        .transpose()?;
    let timezone = match changes.timezone {
        Some(tz) => Some(
            tz.trim()
                .parse::<chrono_tz::Tz>()
                .map_err(|_| {
                    AppError::bad_input(
                        "timezone",
                        format!(
                            "{:?} is not an IANA time zone (such as Europe/Paris or America/New_York)",
                            tz.trim()
                        ),
                    )
                })?
                .name()
                .to_owned(),
        ),
        None => None,
    };
    Ok(WorkspaceChanges {
        name,
        currency,
        timezone,
    })
}

/// Applies `changes` to the caller's workspace in one transaction that bumps its data
/// generation; a new time zone rewrites the stored local days and rebuilds the rollups.
#[tracing::instrument(skip_all, fields(workspace.id = principal.workspace_id))]
pub async fn update_workspace(
    db: &DatabaseConnection,
    principal: &Principal,
    changes: WorkspaceChanges,
) -> AppResult<WorkspaceUpdate> {
    principal.require(Permission::ManageWorkspace)?;
    let changes = check(changes)?;
    let workspace_id = principal.workspace_id;
    let txn = begin_workspace_write(db, workspace_id).await?;
    let result = async {
        let current = workspace::Entity::find_by_id(workspace_id)
            .one(&txn)
            .await?
            .ok_or(AppError::not_found("workspace"))?;
        let mut model = current.clone().into_active_model();
        if let Some(name) = changes.name {
            model.name = Set(name);
        }
        if let Some(currency) = changes.currency.filter(|c| *c != current.currency) {
            refuse_if_holding_money(&txn, workspace_id, &current.currency).await?;
            model.currency = Set(currency);
        }
        let new_zone = changes.timezone.filter(|tz| *tz != current.timezone);
        if let Some(tz) = &new_zone {
            model.timezone = Set(tz.clone());
        }
        let workspace = model.update(&txn).await?;
        let mut days_moved = 0;
        if let Some(tz) = new_zone {
            let tz: chrono_tz::Tz = tz
                .parse()
                .map_err(|_| AppError::Internal("a checked time zone did not parse".into()))?;
            days_moved = recompute_local_days(&txn, workspace_id, tz).await?;
            rebuild_in(&txn, workspace_id).await?;
            tracing::info!(
                workspace.id = workspace_id,
                days_moved,
                "time zone changed, local days recomputed"
            );
        }
        let arguments = serde_json::json!({
            "name": (workspace.name != current.name).then_some(&workspace.name),
            "currency": (workspace.currency != current.currency).then_some(&workspace.currency),
            "timezone": (workspace.timezone != current.timezone)
                .then(|| serde_json::json!({ "from": current.timezone, "to": workspace.timezone })),
            "daysMoved": days_moved,
        });
        crate::services::audit::record(&txn, principal, "updateWorkspace", arguments).await?;
        Ok(WorkspaceUpdate {
            workspace,
            days_moved,
        })
    }
    .await;
    match result {
        Ok(update) => {
            txn.commit().await?;
            Ok(update)
        }
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}

/// BAD_USER_INPUT on `currency` when the workspace already stores amounts (spend, revenue,
/// budgets) or FX rates: they are in the current currency and are not re-converted.
async fn refuse_if_holding_money<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    currency: &str,
) -> AppResult<()> {
    let spend = spend::Entity::find_in_workspace(workspace_id)
        .count(db)
        .await?;
    let revenue = conversion::Entity::find_in_workspace(workspace_id)
        .filter(conversion::Column::RevenueCents.ne(0))
        .count(db)
        .await?;
    let budgets = budget::Entity::find_in_workspace(workspace_id)
        .count(db)
        .await?;
    let rates = fx_rate::Entity::find_in_workspace(workspace_id)
        .count(db)
        .await?;
    if spend + revenue + budgets + rates == 0 {
        return Ok(());
    }
    Err(AppError::bad_input(
        "currency",
        format!(
            "the workspace already holds money in {currency} ({spend} spend rows, {revenue} \
             conversions with revenue, {budgets} budgets, {rates} FX rates); amounts are not \
             re-converted, so its reporting currency cannot change. Create a new workspace \
             with the currency you want instead"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(result: AppResult<WorkspaceChanges>) -> Option<String> {
        match result {
            Err(AppError::BadInput { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn settings_are_normalised_or_refused_naming_the_field() {
        let ok = check(WorkspaceChanges {
            name: Some("  Acme EU ".into()),
            currency: Some("usd".into()),
            timezone: Some(" America/New_York".into()),
        })
        .expect("valid");
        assert_eq!(ok.name.as_deref(), Some("Acme EU"));
        assert_eq!(ok.currency.as_deref(), Some("USD"));
        assert_eq!(ok.timezone.as_deref(), Some("America/New_York"));
        let bad = |c: WorkspaceChanges| field(check(c));
        assert_eq!(
            bad(WorkspaceChanges {
                name: Some(" ".into()),
                ..Default::default()
            })
            .as_deref(),
            Some("name")
        );
        assert_eq!(
            bad(WorkspaceChanges {
                currency: Some("EURO".into()),
                ..Default::default()
            })
            .as_deref(),
            Some("currency")
        );
        assert_eq!(
            bad(WorkspaceChanges {
                timezone: Some("Mars/Olympus".into()),
                ..Default::default()
            })
            .as_deref(),
            Some("timezone")
        );
    }
}
