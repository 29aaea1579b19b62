//! The demo login printed by `serve --demo`: a known email with a fresh password.

use sea_orm::DatabaseConnection;

use super::member::upsert_membership;
use super::user::{NewUser, create_user, find_user_by_email, set_password};
use crate::auth::Role;
use crate::auth::api_token::generate_password;
use crate::error::AppResult;

pub const DEMO_EMAIL: &str = "demo@leadsource.local";

/// A login to print: the password is new at every start and stored only hashed.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub password: String,
}

/// Makes `demo@leadsource.local` an OWNER of `workspace_id` with a new random password.
pub async fn ensure_demo_login(db: &DatabaseConnection, workspace_id: i64) -> AppResult<DemoLogin> {
    let password = generate_password();
    let user = match find_user_by_email(db, DEMO_EMAIL).await? {
        Some(user) => set_password(db, user, password.clone()).await?,
        None => {
            create_user(
                db,
                NewUser {
                    email: DEMO_EMAIL.to_owned(),
                    password: password.clone(),
                    display_name: "Demo".to_owned(),
                },
            )
            .await?
        }
    };
    upsert_membership(db, workspace_id, user.id, Role::Owner).await?;
    Ok(DemoLogin {
        email: DEMO_EMAIL.to_owned(),
        password,
    })
}
