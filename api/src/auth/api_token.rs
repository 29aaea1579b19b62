//! API tokens: `lsk_` + 43 base62 characters (256 bits); only the SHA-256 is stored.

use rand::Rng;
use sha2::{Digest, Sha256};

const PREFIX: &str = "lsk_";
const SECRET_CHARS: usize = 43;
const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A freshly minted secret, shown to its creator once.
pub fn generate_secret() -> String {
    let mut rng = rand::rng();
    let body: String = (0..SECRET_CHARS)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{PREFIX}{body}")
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
    }
}
