//! Identity: who makes a write, and what they may do.
//!
//! Every write carries a credential (`Authorization: Bearer engo_…`). A [`Verifier`] turns it
//! into a [`Principal`] — an organisation or a state body, by BIN, with the actor roles it may
//! play — and [`rights`] says whether that principal may make the event on that record and in
//! which role. The actor written into the log is derived from the principal, never read from
//! the request body.
//!
//! # Tokens today, EDS tomorrow
//!
//! Today's verifier is [`TokenVerifier`]: API tokens issued and revoked with the admin command
//! (`portal token issue|revoke|list`), stored only as their SHA-256 (a token is 256 random
//! bits: nothing to brute-force, so no password hash is needed), each with an expiry.
//!
//! The national electronic signature (EDS / ЭЦП, NCALayer) replaces tokens by implementing
//! [`Verifier`] for a [`Credential::Signature`]: the client signs the request body (a CMS
//! `SignedData`, detached) with its organisation's key; the verifier checks the signature and
//! the certificate chain up to the national CA (and its revocation by OCSP), takes the BIN from
//! the certificate's subject, and the roles from the portal's register of the organisation's
//! rights (the same table that holds tokens' roles today). Nothing after the verifier changes:
//! the rights, the actor and the log only see a [`Principal`].

pub(crate) mod rights;

use chrono::{DateTime, FixedOffset};
use engo::model::{Bin, lifecycle::ActorRole};
use sha2::{Digest, Sha256};

use crate::store::{Store, StoreError, TokenRow};

/// What a request presents to prove who makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    /// An API token (`Authorization: Bearer engo_…`).
    Bearer(String),
    /// An EDS signature of the request body (`Authorization: EDS <base64 CMS>`): recognised,
    /// not verified by this portal yet (refused as an unsupported scheme).
    Signature(String),
}

/// Why a credential was refused (401).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum AuthError {
    /// No `Authorization` header.
    #[error("no credentials (send Authorization: Bearer <token>)")]
    Missing,
    /// The header is not a credential this portal reads.
    #[error("unsupported credentials: {0}")]
    Unsupported(String),
    /// No such token.
    #[error("unknown token")]
    Unknown,
    /// The token expired.
    #[error("the token expired at {0}")]
    Expired(String),
    /// The token was revoked.
    #[error("the token was revoked at {0}")]
    Revoked(String),
    /// The store failed while checking.
    #[error("the credentials could not be checked: {0}")]
    Store(String),
}

/// The longest `Authorization` header read (a token is 69 characters; an EDS signature a few
/// kilobytes).
const MAX_CREDENTIAL: usize = 16 * 1024;

/// The credential of an `Authorization` header value.
pub(crate) fn credential(header: Option<&str>) -> Result<Credential, AuthError> {
    let header = header.ok_or(AuthError::Missing)?.trim();
    if header.len() > MAX_CREDENTIAL {
        return Err(AuthError::Unsupported("credentials too long".to_owned()));
    }
    let (scheme, value) = header.split_once(' ').unwrap_or((header, ""));
    let value = value.trim().to_owned();
    if scheme.eq_ignore_ascii_case("bearer") && !value.is_empty() {
        Ok(Credential::Bearer(value))
    } else if scheme.eq_ignore_ascii_case("eds") && !value.is_empty() {
        Ok(Credential::Signature(value))
    } else {
        Err(AuthError::Unsupported(format!(
            "scheme {:?}; expected Bearer",
            scheme.chars().take(20).collect::<String>()
        )))
    }
}

/// Who makes a request: an organisation or a state body, by BIN, and the roles it may play.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Principal {
    pub(crate) bin: Bin,
    pub(crate) roles: Vec<ActorRole>,
    /// The credential's id (a token's `tok_…`): for logs and rate limits, never a secret.
    pub(crate) credential_id: String,
}

/// Turns a credential into a principal. Called on the writer thread, with the store.
pub(crate) trait Verifier: Send + std::fmt::Debug {
    /// The principal `credential` proves, at `now`; `body` is the request body (what a
    /// signature covers).
    fn verify(
        &self,
        credential: &Credential,
        body: &[u8],
        store: &mut dyn Store,
        now: DateTime<FixedOffset>,
    ) -> Result<Principal, AuthError>;
}

/// API tokens, checked against the store.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenVerifier;

impl Verifier for TokenVerifier {
    fn verify(
        &self,
        credential: &Credential,
        _body: &[u8],
        store: &mut dyn Store,
        now: DateTime<FixedOffset>,
    ) -> Result<Principal, AuthError> {
        let token = match credential {
            Credential::Bearer(token) => token,
            Credential::Signature(_) => {
                return Err(AuthError::Unsupported(
                    "EDS signatures are not verified by this portal yet".to_owned(),
                ));
            }
        };
        let row = store
            .token(&token_hash(token))
            .map_err(|e| AuthError::Store(e.to_string()))?
            .ok_or(AuthError::Unknown)?;
        if let Some(revoked) = row.revoked_at {
            return Err(AuthError::Revoked(revoked.to_rfc3339()));
        }
        if row.expires_at <= now {
            return Err(AuthError::Expired(row.expires_at.to_rfc3339()));
        }
        principal(&row).map_err(AuthError::Store)
    }
}

/// The principal of a stored token.
fn principal(row: &TokenRow) -> Result<Principal, String> {
    let bin = row
        .bin
        .parse::<Bin>()
        .map_err(|e| format!("token {}: BIN {:?}: {e}", row.id, row.bin))?;
    Ok(Principal {
        bin,
        roles: parse_roles(&row.roles)?,
        credential_id: row.id.clone(),
    })
}

/// Roles separated by commas (`customer,expert_commission`).
pub(crate) fn parse_roles(text: &str) -> Result<Vec<ActorRole>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| r.parse::<ActorRole>().map_err(|e| e.to_string()))
        .collect()
}

/// The hex SHA-256 of a token: what the store keeps.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// `n` random bytes from the operating system, as hex.
fn random_hex(n: usize) -> Result<String, getrandom::Error> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// What the admin asks for: a token for `bin` with `roles`, valid for `valid_for`.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRequest {
    /// The organisation or state body.
    pub bin: Bin,
    /// The actor roles it may play (`customer`, `grant_operator`, `applicant`, …).
    pub roles: Vec<ActorRole>,
    /// Whose token it is, for the list.
    pub label: String,
    /// How long it is valid.
    pub valid_for: chrono::Duration,
}

/// A token just issued: the secret is shown once and never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The public id (`tok_…`), to list and revoke it.
    pub id: String,
    /// The secret (`engo_…`), for `Authorization: Bearer`.
    pub token: String,
    /// When it expires.
    pub expires_at: DateTime<FixedOffset>,
}

/// A stored token, as the admin sees it (no secret: only its hash is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    /// The public id.
    pub id: String,
    /// The organisation or state body.
    pub bin: String,
    /// Its roles, comma-separated.
    pub roles: String,
    /// Whose token it is.
    pub label: String,
    /// When it was issued.
    pub created_at: DateTime<FixedOffset>,
    /// When it expires.
    pub expires_at: DateTime<FixedOffset>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<FixedOffset>>,
}

/// Why an admin command failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AdminError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The request is wrong.
    #[error("{0}")]
    Invalid(String),
}

/// Issues a token into `store`.
pub(crate) fn issue(
    store: &mut dyn Store,
    request: &TokenRequest,
    now: DateTime<FixedOffset>,
) -> Result<IssuedToken, AdminError> {
    if request.roles.is_empty() {
        return Err(AdminError::Invalid(
            "a token needs at least one role".to_owned(),
        ));
    }
    if request.valid_for <= chrono::Duration::zero() {
        return Err(AdminError::Invalid(
            "the validity must be positive".to_owned(),
        ));
    }
    let random = |n| random_hex(n).map_err(|e| AdminError::Invalid(format!("no randomness: {e}")));
    let token = format!("engo_{}", random(32)?);
    let id = format!("tok_{}", random(8)?);
    let expires_at = now + request.valid_for;
    let roles: Vec<&str> = request.roles.iter().map(|r| r.as_str()).collect();
    store.insert_token(&TokenRow {
        id: id.clone(),
        hash: token_hash(&token),
        bin: request.bin.as_str().to_owned(),
        roles: roles.join(","),
        label: request.label.clone(),
        created_at: now,
        expires_at,
        revoked_at: None,
    })?;
    Ok(IssuedToken {
        id,
        token,
        expires_at,
    })
}

/// Every stored token, without secrets.
pub(crate) fn list(store: &mut dyn Store) -> Result<Vec<TokenInfo>, AdminError> {
    Ok(store
        .tokens()?
        .into_iter()
        .map(|t| TokenInfo {
            id: t.id,
            bin: t.bin,
            roles: t.roles,
            label: t.label,
            created_at: t.created_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_authorization_header() {
        assert_eq!(credential(None), Err(AuthError::Missing));
        assert_eq!(
            credential(Some("Bearer engo_ab")),
            Ok(Credential::Bearer("engo_ab".to_owned()))
        );
        assert_eq!(
            credential(Some("bearer  engo_ab ")),
            Ok(Credential::Bearer("engo_ab".to_owned()))
        );
        assert!(matches!(
            credential(Some("Basic dXNlcg==")),
            Err(AuthError::Unsupported(_))
        ));
        assert!(matches!(
            credential(Some("Bearer")),
            Err(AuthError::Unsupported(_))
        ));
        assert!(matches!(
            credential(Some("EDS MIIB")),
            Ok(Credential::Signature(_))
        ));
    }

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(parse_roles("customer, expert_commission").unwrap().len(), 2);
        assert!(parse_roles("customer,king").is_err());
    }
}
