//! Tests of access JWTs: what verifies, and every kind of forgery that must not.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;

use super::jwt::{AccessClaims, JwtKeys};
use super::{Actor, Role};
use crate::config::{AuthSettings, Secret, Settings};

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef-test";

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/jwt/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn hs() -> JwtKeys {
    JwtKeys::hs256(SECRET, "leadsource", "leadsource-api").expect("keys")
}

fn settings() -> AuthSettings {
    Settings::defaults().auth
}

fn eddsa(signing: &str, public: &[&str]) -> JwtKeys {
    let mut s = settings();
    s.jwt_algorithm = "EdDSA".to_owned();
    s.jwt_private_key_file = Some(fixture(&format!("{signing}.key.pem")).into());
    s.jwt_key_id = Some(signing.to_owned());
    s.jwt_public_keys = public
        .iter()
        .map(|kid| format!("{kid}={}", fixture(&format!("{kid}.pub.pem"))))
        .collect();
    JwtKeys::from_settings(&s, false).expect("eddsa keys")
}

fn claims(keys_issuer: &str, audience: &str, offset_secs: i64) -> AccessClaims {
    let now = Utc::now().timestamp() + offset_secs;
    AccessClaims {
        sub: "7".to_owned(),
        workspace: 3,
        role: "ANALYST".to_owned(),
        sid: "family".to_owned(),
        iat: now,
        nbf: now,
        exp: now + 900,
        iss: keys_issuer.to_owned(),
        aud: audience.to_owned(),
    }
}

fn segment(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(json)
}

#[test]
fn an_issued_token_verifies_to_its_user_workspace_and_role() {
    let keys = hs();
    let issued = keys.issue(7, 3, Role::Admin, "f").expect("issue");
    let principal = keys.verify(&issued.token).expect("verify");
    assert_eq!(principal.workspace_id, 3);
    assert_eq!(
        principal.actor,
        Actor::User {
            user_id: 7,
            role: Role::Admin
        }
    );
    assert!(issued.expires_at > Utc::now());
}

#[test]
fn a_secret_shorter_than_32_bytes_is_refused_naming_the_setting() {
    let err = JwtKeys::hs256(b"short", "i", "a").expect_err("short secret");
    assert!(err.starts_with("JWT_SECRET:"), "{err}");
    let mut s = settings();
    s.jwt_secret = Some(Secret::new("x".repeat(31)));
    assert!(JwtKeys::from_settings(&s, true).is_err());
    s.jwt_secret = Some(Secret::new("x".repeat(32)));
    assert!(JwtKeys::from_settings(&s, true).is_ok());
}

#[test]
fn without_a_secret_only_the_embedded_setup_gets_a_random_one() {
    let mut s = settings();
    s.jwt_secret = None;
    let err = JwtKeys::from_settings(&s, false).expect_err("postgres needs a secret");
    assert!(err.starts_with("JWT_SECRET:"), "{err}");
    let a = JwtKeys::from_settings(&s, true).expect("random a");
    let b = JwtKeys::from_settings(&s, true).expect("random b");
    let token = a.issue(1, 1, Role::Viewer, "f").expect("issue").token;
    assert!(a.verify(&token).is_ok());
    assert!(b.verify(&token).is_err(), "each process has its own secret");
}

#[test]
fn alg_none_is_refused() {
    let keys = hs();
    let payload = serde_json::to_string(&claims("leadsource", "leadsource-api", 0)).expect("json");
    for header in [r#"{"alg":"none","typ":"JWT"}"#, r#"{"alg":"None"}"#] {
        let token = format!("{}.{}.", segment(header), segment(&payload));
        assert!(keys.verify(&token).is_err(), "{header}");
        let token = format!("{}.{}.c2ln", segment(header), segment(&payload));
        assert!(keys.verify(&token).is_err(), "{header} with a signature");
    }
}

#[test]
fn a_changed_payload_or_signature_is_refused() {
    let keys = hs();
    let token = keys.issue(7, 3, Role::Viewer, "f").expect("issue").token;
    let parts: Vec<&str> = token.split('.').collect();
    let mut forged = claims("leadsource", "leadsource-api", 0);
    forged.role = "OWNER".to_owned();
    let payload = segment(&serde_json::to_string(&forged).expect("json"));
    assert!(
        keys.verify(&format!("{}.{payload}.{}", parts[0], parts[2]))
            .is_err()
    );
    let mut signature = parts[2].to_owned();
    let last = if signature.ends_with('A') { 'B' } else { 'A' };
    signature.pop();
    signature.push(last);
    assert!(
        keys.verify(&format!("{}.{}.{signature}", parts[0], parts[1]))
            .is_err()
    );
}

#[test]
fn another_audience_or_issuer_is_refused() {
    let keys = hs();
    let other = JwtKeys::hs256(SECRET, "leadsource", "someone-else").expect("keys");
    let token = other.issue(7, 3, Role::Viewer, "f").expect("issue").token;
    assert!(keys.verify(&token).is_err());
    let token = keys
        .sign(&claims("evil", "leadsource-api", 0))
        .expect("sign");
    assert!(keys.verify(&token).is_err());
}

#[test]
fn expired_and_not_yet_valid_tokens_are_refused_beyond_the_leeway() {
    let keys = hs();
    let mut expired = claims("leadsource", "leadsource-api", -3600);
    expired.exp = Utc::now().timestamp() - 120;
    assert!(keys.verify(&keys.sign(&expired).expect("sign")).is_err());
    let mut just_expired = claims("leadsource", "leadsource-api", -3600);
    just_expired.exp = Utc::now().timestamp() - 5;
    assert!(
        keys.verify(&keys.sign(&just_expired).expect("sign"))
            .is_ok(),
        "within leeway"
    );
    let early = claims("leadsource", "leadsource-api", 3600);
    assert!(keys.verify(&keys.sign(&early).expect("sign")).is_err());
}

#[test]
fn a_token_missing_a_required_claim_is_refused() {
    let keys = hs();
    let mut value = serde_json::to_value(claims("leadsource", "leadsource-api", 0)).expect("json");
    for claim in ["exp", "nbf", "iss", "aud"] {
        let mut partial = value.clone();
        partial.as_object_mut().expect("object").remove(claim);
        // Sign the partial claims with the real key, so only the missing claim is wrong.
        let token = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            &partial,
            &jsonwebtoken::EncodingKey::from_secret(SECRET),
        )
        .expect("sign");
        assert!(keys.verify(&token).is_err(), "without {claim}");
    }
    value["exp"] = serde_json::json!("9999999999");
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &value,
        &jsonwebtoken::EncodingKey::from_secret(SECRET),
    )
    .expect("sign");
    assert!(keys.verify(&token).is_err(), "exp of the wrong JSON type");
}

#[test]
fn eddsa_keys_rotate_by_kid_while_old_tokens_stay_valid() {
    let old = eddsa("ed-a", &["ed-a"]);
    let old_token = old.issue(7, 3, Role::Viewer, "f").expect("issue").token;
    let rotated = eddsa("ed-b", &["ed-b", "ed-a"]);
    let new_token = rotated.issue(7, 3, Role::Viewer, "f").expect("issue").token;
    assert!(
        rotated.verify(&old_token).is_ok(),
        "retired key still verifies"
    );
    assert!(rotated.verify(&new_token).is_ok());
    assert!(old.verify(&new_token).is_err(), "unknown kid");
    let retired = eddsa("ed-b", &["ed-b"]);
    assert!(
        retired.verify(&old_token).is_err(),
        "key dropped from JWT_PUBLIC_KEYS"
    );
}

#[test]
fn a_token_of_another_algorithm_is_refused() {
    let keys = eddsa("ed-a", &["ed-a"]);
    let hs_token = hs().issue(7, 3, Role::Owner, "f").expect("issue").token;
    assert!(keys.verify(&hs_token).is_err());
    let ed_token = keys.issue(7, 3, Role::Owner, "f").expect("issue").token;
    assert!(hs().verify(&ed_token).is_err());
}

#[test]
fn rs256_signs_and_verifies_with_key_files() {
    let mut s = settings();
    s.jwt_algorithm = "RS256".to_owned();
    s.jwt_private_key_file = Some(fixture("rsa.key.pem").into());
    s.jwt_key_id = Some("r1".to_owned());
    s.jwt_public_keys = vec![format!("r1={}", fixture("rsa.pub.pem"))];
    let keys = JwtKeys::from_settings(&s, false).expect("rsa keys");
    let token = keys.issue(7, 3, Role::Viewer, "f").expect("issue").token;
    assert!(keys.verify(&token).is_ok());
}

#[test]
fn key_file_mistakes_name_the_setting() {
    let mut s = settings();
    s.jwt_algorithm = "EdDSA".to_owned();
    let err = JwtKeys::from_settings(&s, false).expect_err("no key file");
    assert!(err.starts_with("JWT_PRIVATE_KEY_FILE:"), "{err}");
    s.jwt_private_key_file = Some(fixture("ed-a.key.pem").into());
    s.jwt_key_id = Some("ed-a".to_owned());
    let err = JwtKeys::from_settings(&s, false).expect_err("no public key");
    assert!(err.starts_with("JWT_PUBLIC_KEYS:"), "{err}");
    s.jwt_algorithm = "HS512".to_owned();
    let err = JwtKeys::from_settings(&s, false).expect_err("algorithm");
    assert!(err.starts_with("JWT_ALGORITHM:"), "{err}");
}
