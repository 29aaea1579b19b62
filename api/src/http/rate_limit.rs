//! Charging each GraphQL operation to its caller: the API token, the user, or for
//! anonymous requests (sign-in) the client address. A report field costs
//! [`REPORT_RATE_UNITS`] units, an operation without reports 1.

use std::net::IpAddr;

use crate::auth::rate_limit::Decision;
use crate::auth::{Actor, Principal};
use crate::state::AppState;

/// The key an operation is counted under.
pub fn rate_key(principal: Option<&Principal>, client: Option<IpAddr>) -> String {
    match principal.map(|p| &p.actor) {
        Some(Actor::Token { token_id, .. }) => format!("token:{token_id}"),
        Some(Actor::User { user_id, .. }) => format!("user:{user_id}"),
        None => match client {
            Some(ip) => format!("ip:{ip}"),
            None => "ip:unknown".to_owned(),
        },
    }
}

/// What one report field costs in rate units: an ordinary operation costs 1.
pub const REPORT_RATE_UNITS: usize = 5;

/// The rate units of one operation with `reports` report fields: 1 without reports,
/// [`REPORT_RATE_UNITS`] per report otherwise.
pub fn rate_units(reports: usize) -> usize {
    if reports == 0 {
        1
    } else {
        reports.saturating_mul(REPORT_RATE_UNITS)
    }
}

/// `Err(seconds to wait)` when the caller is over its rate for `units` more.
pub async fn charge(
    state: &AppState,
    principal: Option<&Principal>,
    client: Option<IpAddr>,
    units: usize,
) -> Result<(), u64> {
    let key = rate_key(principal, client);
    let cost = u32::try_from(units).unwrap_or(u32::MAX);
    match state.auth.rate_limiter.check(&key, cost).await {
        Decision::Allowed => Ok(()),
        Decision::Limited { retry_after } => {
            let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
            Err(secs.max(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    #[test]
    fn tokens_users_and_anonymous_clients_have_separate_keys() {
        let token = Principal {
            workspace_id: 1,
            actor: Actor::Token {
                token_id: 9,
                scopes: vec![],
            },
        };
        let user = Principal {
            workspace_id: 1,
            actor: Actor::User {
                user_id: 9,
                role: Role::Viewer,
            },
        };
        let ip: IpAddr = [10, 0, 0, 1].into();
        assert_eq!(rate_key(Some(&token), Some(ip)), "token:9");
        assert_eq!(rate_key(Some(&user), Some(ip)), "user:9");
        assert_eq!(rate_key(None, Some(ip)), "ip:10.0.0.1");
    }
}
