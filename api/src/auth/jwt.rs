//! Access JWTs: one pinned algorithm, `iss`/`aud`/`exp`/`nbf` required, keys chosen by `kid`.
//!
//! HS256 signs and verifies with one shared secret (`JWT_SECRET`, ≥ 32 bytes). EdDSA and
//! RS256 sign with a private key file under a `kid` and verify with any listed public key,
//! so a new key can sign while tokens of the retired one stay valid until they expire.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::{Actor, Principal, Role};
use crate::config::AuthSettings;
use crate::error::{AppError, AppResult};

/// Shortest HS256 secret accepted: 256 bits, the size of the HMAC-SHA-256 output.
pub const MIN_SECRET_BYTES: usize = 32;

/// The claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user id, as a string (RFC 7519 `sub`).
    pub sub: String,
    /// The workspace this session acts in.
    pub workspace: i64,
    /// The member's role when the token was issued.
    pub role: String,
    /// The refresh-token family of the session.
    pub sid: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// Signing and verification keys, with the claims policy.
pub struct JwtKeys {
    algorithm: Algorithm,
    encoding: EncodingKey,
    signing_kid: Option<String>,
    /// Verification keys by `kid`; HS256 has one key under `None`.
    decoding: HashMap<Option<String>, DecodingKey>,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl: Duration,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys")
            .field("algorithm", &self.algorithm)
            .field("signing_kid", &self.signing_kid)
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

/// A token just issued, and when it stops working.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

impl JwtKeys {
    /// Keys from the settings; the error names the setting at fault.
    pub fn from_settings(
        settings: &AuthSettings,
        allow_random_secret: bool,
    ) -> Result<Self, String> {
        let algorithm = match settings.jwt_algorithm.to_ascii_uppercase().as_str() {
            "HS256" => Algorithm::HS256,
            "EDDSA" => Algorithm::EdDSA,
            "RS256" => Algorithm::RS256,
            other => {
                return Err(format!(
                    "JWT_ALGORITHM: {other:?} is not supported (use HS256, EdDSA or RS256)"
                ));
            }
        };
        let mut keys = if algorithm == Algorithm::HS256 {
            let secret = match &settings.jwt_secret {
                Some(secret) => secret.expose().as_bytes().to_vec(),
                None if allow_random_secret => {
                    tracing::warn!(
                        "JWT_SECRET is unset: signing sessions with a random per-process secret; \
                         sessions end when the process stops and are not shared between instances"
                    );
                    random_secret()
                }
                None => {
                    return Err(
                        "JWT_SECRET: required with PostgreSQL (every instance must verify the \
                         same tokens); set at least 32 random bytes, or JWT_PRIVATE_KEY_FILE"
                            .to_owned(),
                    );
                }
            };
            Self::hs256(&secret, &settings.jwt_issuer, &settings.jwt_audience)?
        } else {
            Self::asymmetric(algorithm, settings)?
        };
        keys.validation.leeway = settings.jwt_leeway_secs;
        keys.ttl = Duration::seconds(i64::try_from(settings.access_token_ttl_secs).unwrap_or(900));
        Ok(keys)
    }

    /// HS256 keys from a shared secret of at least [`MIN_SECRET_BYTES`].
    pub fn hs256(secret: &[u8], issuer: &str, audience: &str) -> Result<Self, String> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(format!(
                "JWT_SECRET: {} bytes is too short; use at least {MIN_SECRET_BYTES} random bytes",
                secret.len()
            ));
        }
        let decoding = HashMap::from([(None, DecodingKey::from_secret(secret))]);
        Ok(Self::assemble(
            Algorithm::HS256,
            EncodingKey::from_secret(secret),
            None,
            decoding,
            issuer,
            audience,
        ))
    }

    fn asymmetric(algorithm: Algorithm, settings: &AuthSettings) -> Result<Self, String> {
        let Some(path) = &settings.jwt_private_key_file else {
            return Err(format!(
                "JWT_PRIVATE_KEY_FILE: required with JWT_ALGORITHM={algorithm:?}"
            ));
        };
        let Some(kid) = settings.jwt_key_id.clone().filter(|k| !k.is_empty()) else {
            return Err("JWT_KEY_ID: required with JWT_PRIVATE_KEY_FILE".to_owned());
        };
        let pem = read_pem("JWT_PRIVATE_KEY_FILE", path)?;
        let encoding = match algorithm {
            Algorithm::EdDSA => EncodingKey::from_ed_pem(&pem),
            _ => EncodingKey::from_rsa_pem(&pem),
        }
        .map_err(|e| format!("JWT_PRIVATE_KEY_FILE: not a {algorithm:?} private key: {e}"))?;
        let mut decoding = HashMap::new();
        for entry in settings
            .jwt_public_keys
            .iter()
            .filter(|e| !e.trim().is_empty())
        {
            let (key_id, file) = entry
                .split_once('=')
                .ok_or_else(|| format!("JWT_PUBLIC_KEYS: {entry:?} is not kid=path"))?;
            let pem = read_pem("JWT_PUBLIC_KEYS", Path::new(file.trim()))?;
            let key = match algorithm {
                Algorithm::EdDSA => DecodingKey::from_ed_pem(&pem),
                _ => DecodingKey::from_rsa_pem(&pem),
            }
            .map_err(|e| {
                format!("JWT_PUBLIC_KEYS: {file} is not a {algorithm:?} public key: {e}")
            })?;
            decoding.insert(Some(key_id.trim().to_owned()), key);
        }
        if !decoding.contains_key(&Some(kid.clone())) {
            return Err(format!(
                "JWT_PUBLIC_KEYS: no public key for JWT_KEY_ID {kid:?}; list it as {kid}=path.pem"
            ));
        }
        Ok(Self::assemble(
            algorithm,
            encoding,
            Some(kid),
            decoding,
            &settings.jwt_issuer,
            &settings.jwt_audience,
        ))
    }

    fn assemble(
        algorithm: Algorithm,
        encoding: EncodingKey,
        signing_kid: Option<String>,
        decoding: HashMap<Option<String>, DecodingKey>,
        issuer: &str,
        audience: &str,
    ) -> Self {
        let mut validation = Validation::new(algorithm);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.validate_nbf = true;
        validation.leeway = 30;
        Self {
            algorithm,
            encoding,
            signing_kid,
            decoding,
            validation,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            ttl: Duration::minutes(15),
        }
    }

    /// Lifetime of the access tokens this issues.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Signs an access token for `user_id` acting as `role` in `workspace_id`.
    pub fn issue(
        &self,
        user_id: i64,
        workspace_id: i64,
        role: Role,
        family: &str,
    ) -> AppResult<IssuedToken> {
        let now = Utc::now();
        let expires_at = now + self.ttl;
        let claims = AccessClaims {
            sub: user_id.to_string(),
            workspace: workspace_id,
            role: role.as_str().to_owned(),
            sid: family.to_owned(),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: expires_at.timestamp(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
        };
        self.sign(&claims)
            .map(|token| IssuedToken { token, expires_at })
    }

    /// Signs arbitrary claims with the current key (tests forge expired tokens with it).
    pub fn sign(&self, claims: &AccessClaims) -> AppResult<String> {
        let mut header = Header::new(self.algorithm);
        header.kid = self.signing_kid.clone();
        jsonwebtoken::encode(&header, claims, &self.encoding).map_err(AppError::internal)
    }

    /// The principal of a valid access token; UNAUTHENTICATED for anything else.
    pub fn verify(&self, token: &str) -> AppResult<Principal> {
        let refused = || AppError::Unauthenticated("invalid or expired access token".to_owned());
        let header = jsonwebtoken::decode_header(token).map_err(|_| refused())?;
        if header.alg != self.algorithm {
            return Err(refused());
        }
        let kid = if self.algorithm == Algorithm::HS256 {
            None
        } else {
            Some(header.kid.ok_or_else(refused)?)
        };
        let key = self.decoding.get(&kid).ok_or_else(refused)?;
        let data = jsonwebtoken::decode::<AccessClaims>(token, key, &self.validation)
            .map_err(|_| refused())?;
        let claims = data.claims;
        let user_id = claims.sub.parse::<i64>().map_err(|_| refused())?;
        let role = Role::parse(&claims.role).ok_or_else(refused)?;
        Ok(Principal {
            workspace_id: claims.workspace,
            actor: Actor::User { user_id, role },
        })
    }
}

fn read_pem(setting: &str, path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{setting}: cannot read {}: {e}", path.display()))
}

fn random_secret() -> Vec<u8> {
    use rand::RngCore;
    let mut secret = vec![0_u8; 48];
    rand::rng().fill_bytes(&mut secret);
    secret
}

/// True when `credential` has the shape of a compact JWS (three base64url parts).
pub fn looks_like_jwt(credential: &str) -> bool {
    let parts: Vec<&str> = credential.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}
