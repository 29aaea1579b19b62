//! Reading the caller and the application state out of a resolver's context.

use async_graphql::Context;

use crate::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub trait ContextExt {
    /// The authenticated caller, or UNAUTHENTICATED.
    fn principal(&self) -> AppResult<&Principal>;
    fn state(&self) -> &AppState;
}

impl ContextExt for Context<'_> {
    fn principal(&self) -> AppResult<&Principal> {
        self.data_opt::<Principal>()
            .ok_or_else(|| AppError::Unauthenticated("sign in or send an API token".to_owned()))
    }

    fn state(&self) -> &AppState {
        // The schema is always built with the state (graphql::schema::build_schema).
        self.data_unchecked::<AppState>()
    }
}
