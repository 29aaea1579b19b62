//! Sign-in attempts are limited on their own, stricter quota (`SIGN_IN_RATE_PER_MINUTE`,
//! `SIGN_IN_BURST`): each `login` field is one attempt charged to the client address *and*
//! to the email it tries, and each `refreshSession` to the address, whatever bearer the
//! request carries. Aliases and batches therefore cost what they try (50 aliased logins are
//! 50 attempts), and guessing one account's password from many addresses is throttled by
//! the email's bucket: a per-account backoff that an attacker cannot reset. The email's
//! quota is three times the address's, so one address staying within its own quota cannot
//! keep an account's owner out.

use std::net::IpAddr;

use super::AuthState;
use super::rate_limit::Decision;
use crate::error::{AppError, AppResult};

/// The client address of a request, as the HTTP layer saw it.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

/// Charges one sign-in attempt to `client` and, when given, to `email`; refuses with
/// RATE_LIMITED (and the wait) when either is over its quota.
pub async fn charge_sign_in(
    auth: &AuthState,
    client: ClientAddr,
    email: Option<&str>,
) -> AppResult<()> {
    let address = match client.0 {
        Some(ip) => format!("sign-in-ip:{ip}"),
        None => "sign-in-ip:unknown".to_owned(),
    };
    let mut checks = vec![(&auth.sign_in_limiter, address)];
    if let Some(email) = email {
        let key = format!("sign-in-email:{}", email.trim().to_lowercase());
        checks.push((&auth.sign_in_email_limiter, key));
    }
    for (limiter, key) in checks {
        if let Decision::Limited { retry_after } = limiter.check(&key, 1).await {
            let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
            return Err(AppError::RateLimited {
                retry_after_secs: secs.max(1),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn auth(per_minute: u32, burst: u32) -> AuthState {
        let mut settings = Settings::defaults();
        settings.database_url = "sqlite::memory:".to_owned();
        settings.redis_url = None;
        settings.limits.sign_in_rate_per_minute = per_minute;
        settings.limits.sign_in_burst = burst;
        AuthState::from_settings(&settings).expect("auth state")
    }

    fn from(last: u8) -> ClientAddr {
        ClientAddr(Some(IpAddr::from([10, 0, 0, last])))
    }

    #[tokio::test]
    async fn one_account_is_throttled_across_addresses() {
        let auth = auth(6, 3);
        let mut refused = 0;
        for n in 0..30 {
            if charge_sign_in(&auth, from(n), Some("Ana@Example.com "))
                .await
                .is_err()
            {
                refused += 1;
            }
        }
        // The email's burst is three times the address's: about 10 pass, the rest wait.
        assert!(refused >= 19, "{refused} of 30 refused");
        // Other accounts from other addresses are not affected.
        for n in 10..15 {
            let email = format!("user{n}@example.com");
            assert!(charge_sign_in(&auth, from(n), Some(&email)).await.is_ok());
        }
    }

    #[tokio::test]
    async fn one_address_within_its_quota_cannot_lock_an_account_out() {
        let auth = auth(6, 3);
        let mut attacker_passed = 0;
        for _ in 0..20 {
            if charge_sign_in(&auth, from(66), Some("ana@example.com"))
                .await
                .is_ok()
            {
                attacker_passed += 1;
            }
        }
        assert!(attacker_passed < 10, "{attacker_passed}");
        assert!(
            charge_sign_in(&auth, from(1), Some("ana@example.com"))
                .await
                .is_ok(),
            "the owner still signs in from her own address"
        );
    }

    #[tokio::test]
    async fn zero_turns_the_sign_in_limit_off() {
        let auth = auth(0, 0);
        for _ in 0..100 {
            assert!(charge_sign_in(&auth, from(1), Some("a@b.c")).await.is_ok());
        }
    }
}
