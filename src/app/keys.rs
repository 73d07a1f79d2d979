//! Keys: this insurer's signing key (made, shown and rotated in the config folder) and the
//! other insurers' public keys this database trusts (trusted, revoked, listed; audited).

use crate::core::plan::Date;
use crate::core::signing::{PublicKey, SecretKey, Signature, SignatureRefusal, TrustedKey, verify};
use crate::store::{NewKey, Store, StoredKey};
use crate::text::Lang;
use anyhow::{Result, bail};
use serde_json::Value;

/// The insurer's public key as others trust it: `INSURER_ID ed25519:BASE64`.
pub fn public_line(insurer_id: &str, key: &SecretKey) -> String {
    format!("{insurer_id} {}", key.public().text())
}

/// Trusts another insurer's public key from `ed25519:BASE64`, valid in a period.
pub fn trust(
    store: &mut Store,
    insurer_id: &str,
    public_key: &str,
    period: (Option<Date>, Option<Date>),
    user: &str,
    lang: Lang,
) -> Result<StoredKey> {
    crate::app::writable(store, lang)?;
    let id = insurer_id.trim();
    if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        bail!(
            "insurer id {:?}: expected letters, digits, '-', '_' or '.' (at most 64), as in the market data",
            crate::core::sanitize::clip(insurer_id, 70)
        );
    }
    let key = PublicKey::parse(public_key).map_err(anyhow::Error::msg)?;
    if let (Some(f), Some(u)) = period
        && f > u
    {
        bail!("--from {f} is after --until {u}; expected a period from a date until a later one");
    }
    store.trust_key(&NewKey {
        insurer_id: id,
        key,
        valid_from: period.0,
        valid_until: period.1,
        by: user,
    })
}

/// Revokes a trusted key from a date on, with a reason.
pub fn revoke(
    store: &mut Store,
    fingerprint: &str,
    from: Date,
    reason: &str,
    user: &str,
    lang: Lang,
) -> Result<StoredKey> {
    crate::app::writable(store, lang)?;
    if reason.trim().is_empty() {
        bail!("--reason is empty; say why the key is revoked (e.g. the private key leaked)");
    }
    if let Err(e) = crate::core::check_text("reason", reason.trim()) {
        bail!("{}", e.text().get(lang == Lang::En));
    }
    store.revoke_key(fingerprint.trim(), from, reason.trim(), user)
}

pub fn list(store: &Store) -> Result<Vec<StoredKey>> {
    store.trusted_keys()
}

/// Signs a document as `insurer_id` with its private key from the config folder: the
/// document gets its `signature` field.
pub fn sign_document(insurer_id: &str, doc: &mut Value) -> Result<Signature> {
    let key = crate::io::keys::load(insurer_id)?;
    let sig = key.sign(insurer_id, doc);
    doc["signature"] = serde_json::to_value(&sig)?;
    Ok(sig)
}

/// The public keys the market data carry, as trusted keys without a period.
pub fn market_keys(rules: &crate::core::rules::Rules) -> Vec<TrustedKey> {
    rules
        .market
        .insurers
        .iter()
        .filter_map(|i| {
            i.public_key.map(|k| TrustedKey {
                insurer_id: i.id.clone(),
                public_key: k,
                valid_from: None,
                valid_until: None,
                revoked_from: None,
            })
        })
        .collect()
}

/// Verifies a document's `signature` as `signer`'s on `date` against the keys trusted in the
/// database and `extra` (the market data's); a key in both counts as the database has it
/// (its period and revocation).
pub fn verify_document(
    store: &Store,
    extra: &[TrustedKey],
    doc: &Value,
    signer: &str,
    date: Date,
) -> Result<Result<String, SignatureRefusal>> {
    let mut trusted: Vec<TrustedKey> = store.trust_list()?;
    let known: Vec<String> = trusted.iter().map(TrustedKey::fingerprint).collect();
    trusted.extend(extra.iter().filter(|k| !known.contains(&k.fingerprint())).cloned());
    let sig = match doc.get("signature") {
        None | Some(Value::Null) => None,
        Some(v) => match serde_json::from_value::<Signature>(v.clone()) {
            Ok(s) => Some(s),
            Err(_) => {
                return Ok(Err(SignatureRefusal::Invalid {
                    signer: signer.to_string(),
                    expected: trusted
                        .iter()
                        .filter(|k| k.insurer_id == signer && k.valid_on(date))
                        .map(TrustedKey::fingerprint)
                        .collect(),
                    found: "?".to_string(),
                }));
            }
        },
    };
    Ok(verify(doc, sig.as_ref(), signer, date, &trusted))
}
