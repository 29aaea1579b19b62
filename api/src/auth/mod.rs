//! Who is calling: principals, roles and scopes, API tokens, JWTs, passwords, rate limits.

pub mod api_token;
pub mod jwt;
#[cfg(test)]
mod jwt_tests;
pub mod password;
pub mod principal;
pub mod rate_limit;
pub mod sign_in;
pub mod token_usage;

use std::sync::Arc;

pub use principal::{Actor, Permission, Principal, Role, Scope};

use crate::config::Settings;
use jwt::JwtKeys;
use rate_limit::{Quota, RateLimiter, limiter_for, redis_key_prefix};
use token_usage::TokenUsage;

/// What authentication shares across requests: keys, the rate limiter, token usage.
#[derive(Debug, Clone)]
pub struct AuthState {
    pub jwt: Arc<JwtKeys>,
    pub rate_limiter: Arc<dyn RateLimiter>,
    /// Sign-in attempts per client address (`sign_in`).
    pub sign_in_limiter: Arc<dyn RateLimiter>,
    /// Sign-in attempts per email, at three times the address quota, so that one address
    /// within its own quota cannot lock an account out (`sign_in`).
    pub sign_in_email_limiter: Arc<dyn RateLimiter>,
    pub token_usage: Arc<TokenUsage>,
    /// Lifetime of a refresh token.
    pub refresh_ttl: chrono::Duration,
}

impl AuthState {
    /// Builds from the settings; the error names the setting at fault. A random JWT secret
    /// is only allowed for the embedded setup (SQLite), where one process serves.
    pub fn from_settings(settings: &Settings) -> Result<Self, String> {
        let embedded = settings.database_url.starts_with("sqlite:");
        let jwt = JwtKeys::from_settings(&settings.auth, embedded)?;
        let quota = Quota {
            per_minute: settings.limits.rate_limit_per_minute,
            burst: settings.limits.rate_limit_burst,
        };
        // Ids are per database, so the database names the counters' namespace.
        let namespace = &api_token::hash_secret(&settings.database_url)[..12];
        let namespace = &redis_key_prefix(&settings.cache.cache_key_prefix, namespace);
        let rate_limiter = limiter_for(quota, settings.redis_url.as_deref(), namespace)?;
        let sign_in_quota = Quota {
            per_minute: settings.limits.sign_in_rate_per_minute,
            burst: settings.limits.sign_in_burst,
        };
        let sign_in_limiter = limiter_for(sign_in_quota, settings.redis_url.as_deref(), namespace)?;
        let email_quota = Quota {
            per_minute: sign_in_quota.per_minute.saturating_mul(3),
            burst: sign_in_quota.burst.saturating_mul(3),
        };
        let sign_in_email_limiter =
            limiter_for(email_quota, settings.redis_url.as_deref(), namespace)?;
        let refresh_secs = i64::try_from(settings.auth.refresh_token_ttl_secs)
            .map_err(|_| "REFRESH_TOKEN_TTL_SECS: too large".to_owned())?;
        Ok(Self {
            jwt: Arc::new(jwt),
            rate_limiter,
            sign_in_limiter,
            sign_in_email_limiter,
            token_usage: Arc::new(TokenUsage::default()),
            refresh_ttl: chrono::Duration::seconds(refresh_secs),
        })
    }
}
