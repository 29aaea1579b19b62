//! Passwords: argon2id (OWASP parameters: 19 MiB, 2 passes), hashed off the async runtime.
//!
//! An unknown email is checked against a fixed dummy hash, so a wrong email and a wrong
//! password cost the same time and answer the same error.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;

use crate::error::{AppError, AppResult};

pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longer inputs are refused before hashing: argon2 reads all of it.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Hashes computed at once: each takes 19 MiB and a core for tens of milliseconds, and the
/// blocking pool would otherwise run up to 512 of them side by side.
static HASHING: LazyLock<std::sync::Arc<tokio::sync::Semaphore>> = LazyLock::new(|| {
    std::sync::Arc::new(tokio::sync::Semaphore::new(
        std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
    ))
});

/// Runs one hash or verification on the blocking pool, holding a permit until it ends.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    crate::blocking::run_with_permit(&HASHING, work).await
}

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Hashed once, on first use, from a password nobody can type.
static DUMMY_HASH: LazyLock<Option<String>> =
    LazyLock::new(|| hash_now("\u{0}dummy password for unknown users\u{0}").ok());

/// Refuses passwords too short to resist guessing, or too long to hash cheaply.
pub fn check_policy(password: &str) -> AppResult<()> {
    check_policy_of("password", password)
}

/// [`check_policy`] for a password given in the argument `field` (e.g. `newPassword`).
pub fn check_policy_of(field: &str, password: &str) -> AppResult<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::bad_input(
            field,
            format!("at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(AppError::bad_input(
            field,
            format!("at most {MAX_PASSWORD_BYTES} bytes"),
        ));
    }
    Ok(())
}

fn hash_now(password: &str) -> AppResult<String> {
    let mut salt = [0_u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::internal(HashError(e)))?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(HashError(e)))
}

fn verify_now(password: &str, stored: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    PasswordHash::new(stored)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The PHC string of an argon2id hash of `password` (policy checked first).
pub async fn hash_password(password: String) -> AppResult<String> {
    check_policy(&password)?;
    hashing(move || hash_now(&password)).await?
}

/// Whether `password` matches `stored`; with `stored = None` (no such user) it checks the
/// dummy hash, taking the same time, and answers false.
pub async fn verify_password(password: String, stored: Option<String>) -> AppResult<bool> {
    hashing(move || match stored {
        Some(stored) => verify_now(&password, &stored),
        None => {
            if let Some(dummy) = DUMMY_HASH.as_deref() {
                let _ = verify_now(&password, dummy);
            }
            false
        }
    })
    .await
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
struct HashError(argon2::password_hash::Error);

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_is_argon2id_and_verifies_only_its_password() {
        let hash = hash_password("correct horse battery".to_owned())
            .await
            .expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            verify_password("correct horse battery".into(), Some(hash.clone()))
                .await
                .expect("v")
        );
        assert!(
            !verify_password("correct horse battery!".into(), Some(hash))
                .await
                .expect("v")
        );
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        assert!(
            !verify_password("anything at all".into(), None)
                .await
                .expect("v")
        );
        assert!(
            !verify_password("x".into(), Some("not a phc string".into()))
                .await
                .expect("v")
        );
    }

    #[test]
    fn short_and_huge_passwords_are_refused() {
        assert!(check_policy("123456789").is_err());
        assert!(check_policy("1234567890").is_ok());
        assert!(check_policy(&"x".repeat(MAX_PASSWORD_BYTES + 1)).is_err());
    }
}
