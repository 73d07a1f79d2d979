//! The insurers' public keys this database trusts, each with a validity period, and their
//! revocations. Append-only and audited: trusting a key and revoking it are both entries.

use super::Store;
use super::audit::Audited;
use crate::core::plan::Date;
use crate::core::signing::{PublicKey, TrustedKey};
use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// A trusted key as stored: the key, who trusted it when, and a revocation if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredKey {
    pub id: i64,
    pub key: TrustedKey,
    pub fingerprint: String,
    pub trusted_by: String,
    pub trusted_at: String,
    /// The revocation's reason, with `key.revoked_from`.
    pub revocation_reason: Option<String>,
}

/// A key to trust.
pub struct NewKey<'a> {
    pub insurer_id: &'a str,
    pub key: PublicKey,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub by: &'a str,
}

fn date(text: Option<String>, what: &str) -> Result<Option<Date>> {
    text.map(|t| Date::parse(&t).with_context(|| format!("stored {what} {t:?} is not a date")))
        .transpose()
}

impl Store {
    /// Every trusted key, oldest first, with its revocation.
    pub fn trusted_keys(&self) -> Result<Vec<StoredKey>> {
        super::collect(
            &self.conn,
            "SELECT k.id, k.insurer_id, k.public_key, k.fingerprint, k.valid_from, k.valid_until, k.trusted_by,
                    k.trusted_at, r.revoked_from, r.reason
             FROM insurer_keys k LEFT JOIN key_revocations r ON r.key_id = k.id ORDER BY k.id",
            [],
            |r| {
                let (id, public): (i64, String) = (r.get(0)?, r.get(2)?);
                let (from, until, revoked): (Option<String>, Option<String>, Option<String>) =
                    (r.get(4)?, r.get(5)?, r.get(8)?);
                let (insurer_id, fingerprint, trusted_by, trusted_at, reason) =
                    (r.get(1)?, r.get(3)?, r.get(6)?, r.get(7)?, r.get(9)?);
                Ok((|| -> Result<StoredKey> {
                    Ok(StoredKey {
                        id,
                        key: TrustedKey {
                            insurer_id,
                            public_key: PublicKey::parse(&public).map_err(anyhow::Error::msg)?,
                            valid_from: date(from, "valid_from")?,
                            valid_until: date(until, "valid_until")?,
                            revoked_from: date(revoked, "revoked_from")?,
                        },
                        fingerprint,
                        trusted_by,
                        trusted_at,
                        revocation_reason: reason,
                    })
                })()
                .with_context(|| format!("stored key #{id} cannot be read")))
            },
        )
    }

    /// The keys as the signature check takes them.
    pub fn trust_list(&self) -> Result<Vec<TrustedKey>> {
        Ok(self.trusted_keys()?.into_iter().map(|k| k.key).collect())
    }

    /// Trusts a public key for an insurer, audited. A key trusted before is refused (for any
    /// insurer): one key belongs to one insurer.
    pub fn trust_key(&mut self, k: &NewKey<'_>) -> Result<StoredKey> {
        let now = self.now().to_string();
        let fingerprint = k.key.fingerprint();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known: Option<String> = tx
            .query_row(
                "SELECT insurer_id FROM insurer_keys WHERE fingerprint = ?1",
                params![fingerprint],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(who) = known {
            bail!("the key {fingerprint} is already trusted for {who}; nothing recorded");
        }
        let audited = Audited {
            at: &now,
            actor: k.by,
            action: "key-trust",
            plan_id: None,
        };
        let id = audited.insert(
            &tx,
            "INSERT INTO insurer_keys (insurer_id, public_key, fingerprint, valid_from, valid_until, trusted_by, trusted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                k.insurer_id,
                k.key.text(),
                fingerprint,
                k.valid_from.map(|d| d.to_string()),
                k.valid_until.map(|d| d.to_string()),
                k.by,
                now
            ],
            |id| serde_json::json!({"key": id, "insurer": k.insurer_id, "fingerprint": fingerprint}),
        )?;
        tx.commit()?;
        self.trusted_keys()?
            .into_iter()
            .find(|s| s.id == id)
            .context("the key just trusted cannot be read back")
    }

    /// Revokes a trusted key (by its fingerprint) from a date on, audited; once.
    pub fn revoke_key(&mut self, fingerprint: &str, from: Date, reason: &str, by: &str) -> Result<StoredKey> {
        let now = self.now().to_string();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<(i64, String, Option<String>)> = tx
            .query_row(
                "SELECT k.id, k.insurer_id, r.revoked_from FROM insurer_keys k
                 LEFT JOIN key_revocations r ON r.key_id = k.id WHERE k.fingerprint = ?1",
                params![fingerprint],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, insurer, revoked)) = found else {
            bail!("no trusted key has the fingerprint {fingerprint} (see `resv keys list`); nothing recorded");
        };
        if let Some(d) = revoked {
            bail!("the key {fingerprint} of {insurer} was already revoked from {d}; nothing recorded");
        }
        let audited = Audited {
            at: &now,
            actor: by,
            action: "key-revoke",
            plan_id: None,
        };
        audited.insert(
            &tx,
            "INSERT INTO key_revocations (key_id, revoked_from, reason, revoked_by, revoked_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, from.to_string(), reason, by, now],
            |_| serde_json::json!({"key": id, "insurer": insurer, "fingerprint": fingerprint, "from": from.to_string()}),
        )?;
        tx.commit()?;
        self.trusted_keys()?
            .into_iter()
            .find(|s| s.id == id)
            .context("the key just revoked cannot be read back")
    }
}
