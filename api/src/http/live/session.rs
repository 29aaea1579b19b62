//! The credentials of one WebSocket connection: checked at `connection_init`, again at each
//! `subscribe`, and by each running subscription before it answers ([`Recheck`]). When they
//! stop holding, the connection is closed with 4401 (4403 when they may no longer read
//! reports), which ends every subscription on it.

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio::sync::mpsc;

use super::Outgoing;
use super::protocol::Close;
use crate::auth::{Permission, Principal};
use crate::config::Secret;
use crate::error::{AppError, AppResult};
use crate::http::auth::principal_from_authorization;
use crate::live::Recheck;
use crate::state::AppState;

/// Why a connection's credentials were refused: the close code and its reason.
pub type Refusal = (Close, String);

/// The credentials a connection was opened with.
pub struct Session {
    state: AppState,
    authorization: Secret,
    out: mpsc::Sender<Outgoing>,
}

impl Session {
    pub fn new(state: AppState, authorization: String, out: mpsc::Sender<Outgoing>) -> Self {
        Self {
            state,
            authorization: Secret::new(authorization),
            out,
        }
    }

    /// The caller now, if the credentials hold and may read reports.
    pub async fn principal(&self) -> Result<Principal, Refusal> {
        let principal = principal_from_authorization(&self.state, self.authorization.expose())
            .await
            .map_err(refusal)?;
        principal.require(Permission::Read).map_err(refusal)?;
        Ok(principal)
    }
}

/// The close code and reason for a refused credential.
fn refusal(error: AppError) -> Refusal {
    let close = match error.code() {
        "FORBIDDEN" => Close::Forbidden,
        "UNAVAILABLE" => Close::TryAgainLater,
        _ => Close::Unauthorized,
    };
    let reason = match close {
        Close::Forbidden => format!("Forbidden: {error}"),
        Close::TryAgainLater => "Try again later: the database is unavailable".to_owned(),
        _ => format!("Unauthorized: {error}"),
    };
    (close, reason)
}

impl Recheck for Session {
    fn recheck(&self) -> BoxFuture<'_, AppResult<()>> {
        async move {
            match self.principal().await {
                Ok(_) => Ok(()),
                // A database blip ends nothing: the subscription retries later.
                Err((Close::TryAgainLater, _)) => Ok(()),
                Err((close, reason)) => {
                    let _ = self.out.send(Outgoing::Close(close, reason.clone())).await;
                    Err(match close {
                        Close::Forbidden => AppError::Forbidden(reason),
                        _ => AppError::Unauthenticated(reason),
                    })
                }
            }
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_credentials_close_with_the_code_graphql_ws_clients_expect() {
        let unauthenticated = AppError::Unauthenticated("invalid".to_owned());
        assert_eq!(refusal(unauthenticated).0, Close::Unauthorized);
        let forbidden = AppError::Forbidden("this needs scope reports:read".to_owned());
        let (close, reason) = refusal(forbidden);
        assert_eq!(close, Close::Forbidden);
        assert!(reason.contains("reports:read"), "{reason}");
        assert_eq!(refusal(AppError::unavailable()).0, Close::TryAgainLater);
        assert_eq!(Close::Unauthorized.code(), 4401);
        assert_eq!(Close::Forbidden.code(), 4403);
    }
}
