//! Per-request DataLoaders, bound to the caller's workspace: no N+1, no cross-tenant keys.

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::{ColumnTrait, QueryFilter};

use entity::{campaign, channel, conversion, touchpoint};

use crate::db::scope::InWorkspace;
use crate::error::AppError;
use crate::services::lead::{conversions_of_leads, touchpoints_of_leads};
use crate::state::AppState;

macro_rules! by_id_loader {
    ($name:ident, $module:ident) => {
        pub struct $name {
            state: AppState,
            workspace_id: i64,
        }

        impl Loader<i64> for $name {
            type Value = $module::Model;
            type Error = std::sync::Arc<AppError>;

            async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
                let rows = $module::Entity::find_in_workspace(self.workspace_id)
                    .filter($module::Column::Id.is_in(keys.iter().copied()))
                    .all(&self.state.db.conn)
                    .await
                    .map_err(|e| std::sync::Arc::new(AppError::from(e)))?;
                Ok(rows.into_iter().map(|r| (r.id, r)).collect())
            }
        }
    };
}

by_id_loader!(ChannelLoader, channel);
by_id_loader!(CampaignLoader, campaign);

pub struct LeadTouchpointsLoader {
    state: AppState,
    workspace_id: i64,
}

impl Loader<i64> for LeadTouchpointsLoader {
    type Value = Vec<touchpoint::Model>;
    type Error = std::sync::Arc<AppError>;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        touchpoints_of_leads(&self.state.db.conn, self.workspace_id, keys)
            .await
            .map_err(std::sync::Arc::new)
    }
}

pub struct LeadConversionsLoader {
    state: AppState,
    workspace_id: i64,
}

impl Loader<i64> for LeadConversionsLoader {
    type Value = Vec<conversion::Model>;
    type Error = std::sync::Arc<AppError>;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        conversions_of_leads(&self.state.db.conn, self.workspace_id, keys)
            .await
            .map_err(std::sync::Arc::new)
    }
}

/// Adds one loader of each kind, bound to `workspace_id`, to a request.
pub fn attach(
    request: async_graphql::Request,
    state: &AppState,
    workspace_id: i64,
) -> async_graphql::Request {
    request
        .data(DataLoader::new(
            ChannelLoader {
                state: state.clone(),
                workspace_id,
            },
            tokio::spawn,
        ))
        .data(DataLoader::new(
            CampaignLoader {
                state: state.clone(),
                workspace_id,
            },
            tokio::spawn,
        ))
        .data(DataLoader::new(
            LeadTouchpointsLoader {
                state: state.clone(),
                workspace_id,
            },
            tokio::spawn,
        ))
        .data(DataLoader::new(
            LeadConversionsLoader {
                state: state.clone(),
                workspace_id,
            },
            tokio::spawn,
        ))
}
