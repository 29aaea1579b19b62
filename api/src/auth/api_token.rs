//! Random secrets: API tokens (`lsk_` + 43 base62 characters, 256 bits), refresh tokens
//! (`lsr_` + 43), invitation codes (`lsi_` + 43) and the demo password. Only the SHA-256
//! of a token or code is stored.

use rand::Rng;
use sha2::{Digest, Sha256};

const PREFIX: &str = "lsk_";
const REFRESH_PREFIX: &str = "lsr_";
const INVITATION_PREFIX: &str = "lsi_";
const PASSWORD_CHARS: usize = 20;
const SECRET_CHARS: usize = 43;
const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn random_base62(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// A freshly minted secret, shown to its creator once.
pub fn generate_secret() -> String {
    format!("{PREFIX}{}", random_base62(SECRET_CHARS))
}

/// A refresh token: like an API token, with its own prefix so the two never mix.
pub fn generate_refresh_token() -> String {
    format!("{REFRESH_PREFIX}{}", random_base62(SECRET_CHARS))
}

/// An invitation code: like an API token, with its own prefix.
pub fn generate_invitation_code() -> String {
    format!("{INVITATION_PREFIX}{}", random_base62(SECRET_CHARS))
}

/// A random password of 20 base62 characters (119 bits).
pub fn generate_password() -> String {
    random_base62(PASSWORD_CHARS)
}

/// Hex SHA-256 of a secret: what the database keeps.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The visible part of a secret that tells tokens apart in listings.
pub fn display_prefix(secret: &str) -> String {
    secret.chars().take(PREFIX.len() + 6).collect()
}

pub fn looks_like_token(value: &str) -> bool {
    value.starts_with(PREFIX)
        && value.len() == PREFIX.len() + SECRET_CHARS
        && value[PREFIX.len()..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secrets_are_well_formed_and_distinct() {
        let a = generate_secret();
        let b = generate_secret();
        assert!(looks_like_token(&a), "{a}");
        assert_ne!(a, b);
        assert_eq!(hash_secret(&a).len(), 64);
        assert!(a.starts_with(&display_prefix(&a)));
        let code = generate_invitation_code();
        assert!(code.starts_with("lsi_") && code.len() == 47, "{code}");
        assert!(
            !looks_like_token(&code),
            "an invitation code is no API token"
        );
    }
}
