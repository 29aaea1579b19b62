//! Users: creation with a hashed password, lookup by email, and the CLI bootstrap.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use entity::user;

use super::member::upsert_membership;
use crate::auth::Role;
use crate::auth::password::{check_policy, hash_password};
use crate::error::{AppError, AppResult};
use crate::services::workspace::{NewWorkspace, create_workspace, find_workspace_by_slug};

/// What a new user needs.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub password: String,
    pub display_name: String,
}

/// Trimmed, lower-cased email, or BAD_USER_INPUT on `email`.
pub fn normalize_email(email: &str) -> AppResult<String> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && !email.chars().any(char::is_whitespace);
    if !valid {
        return Err(AppError::bad_input("email", "not an email address"));
    }
    Ok(email)
}

pub async fn find_user<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_user_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> AppResult<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?)
}

/// Creates a user; CONFLICT when the email is taken.
pub async fn create_user<C: ConnectionTrait>(db: &C, input: NewUser) -> AppResult<user::Model> {
    let row = prepare_user(input).await?;
    insert_user(db, row).await
}

/// A user row ready to insert: email normalised, name checked, password policy checked and
/// hashed. Hashing takes tens of milliseconds, so it happens before any transaction opens.
pub async fn prepare_user(input: NewUser) -> AppResult<user::ActiveModel> {
    let email = normalize_email(&input.email)?;
    let display_name = match input.display_name.trim() {
        "" => email.split('@').next().unwrap_or_default().to_owned(),
        name if name.chars().count() > 100 => {
            return Err(AppError::bad_input("displayName", "at most 100 characters"));
        }
        name => name.to_owned(),
    };
    let password_hash = hash_password(input.password).await?;
    Ok(user::ActiveModel {
        email: Set(email),
        password_hash: Set(password_hash),
        display_name: Set(display_name),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// Inserts a prepared user; CONFLICT when the email is taken.
pub async fn insert_user<C: ConnectionTrait>(
    db: &C,
    row: user::ActiveModel,
) -> AppResult<user::Model> {
    row.insert(db)
        .await
        .map_err(|e| AppError::conflict_on_unique(e, "a user with this email exists"))
}

/// Replaces a user's password.
pub async fn set_password<C: ConnectionTrait>(
    db: &C,
    user: user::Model,
    password: String,
) -> AppResult<user::Model> {
    let hash = hash_password(password).await?;
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(hash);
    Ok(active.update(db).await?)
}

/// What `create-user` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BootstrapOutcome {
    pub user_id: i64,
    pub workspace_id: i64,
    pub created_user: bool,
    pub created_workspace: bool,
}

/// The currency and time zone `create-user` gives a workspace it creates.
#[derive(Debug, Clone)]
pub struct WorkspaceDefaults {
    pub currency: String,
    pub timezone: String,
}

impl Default for WorkspaceDefaults {
    fn default() -> Self {
        Self {
            currency: "EUR".to_owned(),
            timezone: "UTC".to_owned(),
        }
    }
}

/// `leadsource create-user`: the workspace is created when new (EUR, UTC), the user when
/// new; an existing user keeps their password and gets the role in the workspace.
pub async fn bootstrap_user(
    db: &DatabaseConnection,
    input: NewUser,
    workspace_slug: &str,
    role: Role,
) -> AppResult<BootstrapOutcome> {
    bootstrap_user_with(
        db,
        input,
        workspace_slug,
        role,
        WorkspaceDefaults::default(),
    )
    .await
}

/// [`bootstrap_user`] creating a new workspace with `defaults` (`--currency`, `--timezone`).
pub async fn bootstrap_user_with(
    db: &DatabaseConnection,
    input: NewUser,
    workspace_slug: &str,
    role: Role,
    defaults: WorkspaceDefaults,
) -> AppResult<BootstrapOutcome> {
    // Check what can be checked before writing anything.
    let email = normalize_email(&input.email)?;
    let existing = find_user_by_email(db, &email).await?;
    if existing.is_none() {
        check_policy(&input.password)?;
    }
    let (workspace, created_workspace) = match find_workspace_by_slug(db, workspace_slug).await? {
        Some(ws) => (ws, false),
        None => {
            let ws = create_workspace(
                db,
                NewWorkspace {
                    name: workspace_slug.to_owned(),
                    slug: workspace_slug.to_owned(),
                    currency: defaults.currency,
                    timezone: defaults.timezone,
                },
            )
            .await?;
            (ws, true)
        }
    };
    let (user, created_user) = match existing {
        Some(user) => (user, false),
        None => (create_user(db, input).await?, true),
    };
    upsert_membership(db, workspace.id, user.id, role).await?;
    Ok(BootstrapOutcome {
        user_id: user.id,
        workspace_id: workspace.id,
        created_user,
        created_workspace,
    })
}

#[cfg(test)]
mod tests {
    use super::normalize_email;

    #[test]
    fn emails_are_trimmed_lower_cased_and_checked() {
        assert_eq!(
            normalize_email("  Ana@Example.COM ").ok().as_deref(),
            Some("ana@example.com")
        );
        for bad in [
            "",
            "ana",
            "@example.com",
            "ana@localhost",
            "a na@example.com",
            "ana@.com",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }
}
