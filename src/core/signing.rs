//! Ed25519 signatures over resv's documents (follow packages, receipts, decision exports):
//! the public key's text form (`ed25519:BASE64`), its fingerprint, the canonical message, and
//! verification against the keys an insurer trusts, each with a validity period and perhaps
//! a revocation date.
//!
//! The message signed is the document as JSON without its `signature` field, keys sorted, no
//! whitespace (serde_json's map is ordered). The cryptography is ed25519-dalek's; nothing
//! here is home-made but the bookkeeping around it. Making a key (randomness) and keeping it
//! (a file) are the shell's.

use crate::plan::Date;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature as DalekSignature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The only algorithm resv signs with.
pub const ALGORITHM: &str = "ed25519";

/// A document's signature: who signed, with which key, and the signature itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The signer's insurer id.
    pub signer: String,
    /// The public key, `ed25519:BASE64`.
    pub public_key: String,
    /// [`fingerprint`] of the public key.
    pub fingerprint: String,
    /// The Ed25519 signature over [`message`], in base64.
    pub value: String,
}

/// A public key: 32 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    /// Reads `ed25519:BASE64` (32 bytes, a valid curve point).
    pub fn parse(text: &str) -> Result<PublicKey, String> {
        let b64 = text.trim().strip_prefix("ed25519:").ok_or_else(|| {
            format!(
                "{:?}: expected a public key as ed25519:BASE64",
                crate::sanitize::clip(text, 40)
            )
        })?;
        let bytes = STANDARD
            .decode(b64)
            .map_err(|e| format!("the key after ed25519: is not base64 ({e})"))?;
        let arr: [u8; 32] = bytes
            .try_into()
            .map_err(|b: Vec<u8>| format!("the key is {} bytes, expected 32 (Ed25519)", b.len()))?;
        VerifyingKey::from_bytes(&arr).map_err(|_| "the key is not a valid Ed25519 public key".to_string())?;
        Ok(PublicKey(arr))
    }

    pub fn text(&self) -> String {
        format!("ed25519:{}", STANDARD.encode(self.0))
    }

    /// `SHA256:` and the first 16 bytes of the key's SHA-256, in hex, grouped by two bytes.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let d = Sha256::digest(self.0);
        let hex: Vec<String> = d[..16].chunks(2).map(|c| format!("{:02x}{:02x}", c[0], c[1])).collect();
        format!("SHA256:{}", hex.join(":"))
    }
}

/// A private key's seed (32 bytes); its public key and signatures.
pub struct SecretKey(SigningKey);

impl SecretKey {
    pub fn from_seed(seed: &[u8; 32]) -> SecretKey {
        SecretKey(SigningKey::from_bytes(seed))
    }

    /// Reads the seed from base64.
    pub fn from_base64(text: &str) -> Result<SecretKey, String> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|e| format!("the private key is not base64 ({e})"))?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|b: Vec<u8>| format!("the private key is {} bytes, expected 32", b.len()))?;
        Ok(SecretKey::from_seed(&seed))
    }

    pub fn seed_base64(&self) -> String {
        STANDARD.encode(self.0.to_bytes())
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key().to_bytes())
    }

    /// Signs a document (a JSON object; its `signature` field, if any, is left out).
    pub fn sign(&self, signer: &str, doc: &Value) -> Signature {
        let sig = self.0.sign(message(doc).as_bytes());
        let public = self.public();
        Signature {
            signer: signer.to_string(),
            public_key: public.text(),
            fingerprint: public.fingerprint(),
            value: STANDARD.encode(sig.to_bytes()),
        }
    }
}

/// What is signed: the document without `signature`, keys sorted, no whitespace.
pub fn message(doc: &Value) -> String {
    let mut v = doc.clone();
    if let Some(m) = v.as_object_mut() {
        m.remove("signature");
    }
    v.to_string()
}

/// A key an insurer trusts for another (or itself): valid from a date, perhaps until a date,
/// perhaps revoked from a date. Dates are inclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedKey {
    pub insurer_id: String,
    pub public_key: PublicKey,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub revoked_from: Option<Date>,
}

impl TrustedKey {
    pub fn fingerprint(&self) -> String {
        self.public_key.fingerprint()
    }

    /// Whether the key may sign on `date`.
    pub fn valid_on(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= date)
            && self.valid_until.is_none_or(|u| date <= u)
            && self.revoked_from.is_none_or(|r| date < r)
    }
}

/// Why a signature is not accepted. `expected` lists the fingerprints of the keys trusted
/// for the expected signer on the document's date (empty: none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureRefusal {
    Unsigned {
        signer: String,
        expected: Vec<String>,
    },
    /// Signed by another insurer than the one the document claims to come from.
    OtherSigner {
        signer: String,
        found_signer: String,
        expected: Vec<String>,
        found: String,
    },
    /// The key is not trusted for the signer (or not on the document's date).
    Untrusted {
        signer: String,
        expected: Vec<String>,
        found: String,
        date: Date,
    },
    /// The key was trusted but revoked on or before the document's date.
    Revoked {
        signer: String,
        found: String,
        from: Date,
        date: Date,
    },
    /// The signature does not match the content (changed after signing, or forged).
    Invalid {
        signer: String,
        expected: Vec<String>,
        found: String,
    },
}

/// Verifies `doc`'s signature as `signer`'s on `date` against `trusted`; returns the key's
/// fingerprint.
pub fn verify(
    doc: &Value,
    sig: Option<&Signature>,
    signer: &str,
    date: Date,
    trusted: &[TrustedKey],
) -> Result<String, SignatureRefusal> {
    let mine: Vec<&TrustedKey> = trusted.iter().filter(|k| k.insurer_id == signer).collect();
    let expected: Vec<String> = mine
        .iter()
        .filter(|k| k.valid_on(date))
        .map(|k| k.fingerprint())
        .collect();
    let Some(sig) = sig else {
        return Err(SignatureRefusal::Unsigned {
            signer: signer.to_string(),
            expected,
        });
    };
    let found = PublicKey::parse(&sig.public_key).map(|k| k.fingerprint());
    let found_text = found.clone().unwrap_or_else(|_| sig.fingerprint.clone());
    if sig.signer != signer {
        return Err(SignatureRefusal::OtherSigner {
            signer: signer.to_string(),
            found_signer: sig.signer.clone(),
            expected,
            found: found_text,
        });
    }
    let key = mine.iter().find(|k| Ok(k.fingerprint()) == found);
    let Some(key) = key else {
        return Err(SignatureRefusal::Untrusted {
            signer: signer.to_string(),
            expected,
            found: found_text,
            date,
        });
    };
    if let Some(from) = key.revoked_from.filter(|r| *r <= date) {
        return Err(SignatureRefusal::Revoked {
            signer: signer.to_string(),
            found: found_text,
            from,
            date,
        });
    }
    if !key.valid_on(date) {
        return Err(SignatureRefusal::Untrusted {
            signer: signer.to_string(),
            expected,
            found: found_text,
            date,
        });
    }
    let invalid = || SignatureRefusal::Invalid {
        signer: signer.to_string(),
        expected: expected.clone(),
        found: found_text.clone(),
    };
    let bytes = STANDARD.decode(&sig.value).map_err(|_| invalid())?;
    let sig_bytes: [u8; 64] = bytes.try_into().map_err(|_| invalid())?;
    let vk = VerifyingKey::from_bytes(&key.public_key.0).map_err(|_| invalid())?;
    vk.verify_strict(message(doc).as_bytes(), &DalekSignature::from_bytes(&sig_bytes))
        .map_err(|_| invalid())?;
    Ok(key.fingerprint())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn day(d: u8) -> Date {
        Date {
            year: 2026,
            month: 6,
            day: d,
        }
    }

    fn trusted(k: &SecretKey, from: Option<Date>, until: Option<Date>, revoked: Option<Date>) -> TrustedKey {
        TrustedKey {
            insurer_id: "ZV-A".into(),
            public_key: k.public(),
            valid_from: from,
            valid_until: until,
            revoked_from: revoked,
        }
    }

    #[test]
    fn a_signed_document_verifies_and_any_change_breaks_it() {
        let k = SecretKey::from_seed(&[7; 32]);
        let mut doc = json!({"b": 1, "a": "x"});
        let sig = k.sign("ZV-A", &doc);
        doc["signature"] = serde_json::to_value(&sig).unwrap();
        let t = [trusted(&k, None, None, None)];
        assert_eq!(
            verify(&doc, Some(&sig), "ZV-A", day(1), &t),
            Ok(k.public().fingerprint())
        );
        doc["b"] = json!(2);
        assert!(matches!(
            verify(&doc, Some(&sig), "ZV-A", day(1), &t),
            Err(SignatureRefusal::Invalid { .. })
        ));
    }

    #[test]
    fn unsigned_untrusted_other_signer_and_revoked_are_refused() {
        let k = SecretKey::from_seed(&[1; 32]);
        let other = SecretKey::from_seed(&[2; 32]);
        let doc = json!({"a": 1});
        let t = [trusted(&k, None, None, Some(day(10)))];
        assert!(
            matches!(verify(&doc, None, "ZV-A", day(1), &t), Err(SignatureRefusal::Unsigned { expected, .. }) if expected.len() == 1)
        );
        let forged = other.sign("ZV-A", &doc);
        assert!(matches!(
            verify(&doc, Some(&forged), "ZV-A", day(1), &t),
            Err(SignatureRefusal::Untrusted { found, .. }) if found == other.public().fingerprint()
        ));
        let by_b = k.sign("ZV-B", &doc);
        assert!(matches!(
            verify(&doc, Some(&by_b), "ZV-A", day(1), &t),
            Err(SignatureRefusal::OtherSigner { .. })
        ));
        let good = k.sign("ZV-A", &doc);
        assert!(verify(&doc, Some(&good), "ZV-A", day(9), &t).is_ok());
        assert!(matches!(
            verify(&doc, Some(&good), "ZV-A", day(10), &t),
            Err(SignatureRefusal::Revoked { .. })
        ));
    }

    #[test]
    fn a_key_counts_only_in_its_validity_period() {
        let k = SecretKey::from_seed(&[3; 32]);
        let doc = json!({});
        let sig = k.sign("ZV-A", &doc);
        let t = [trusted(&k, Some(day(5)), Some(day(8)), None)];
        assert!(verify(&doc, Some(&sig), "ZV-A", day(4), &t).is_err());
        assert!(verify(&doc, Some(&sig), "ZV-A", day(5), &t).is_ok());
        assert!(verify(&doc, Some(&sig), "ZV-A", day(8), &t).is_ok());
        assert!(verify(&doc, Some(&sig), "ZV-A", day(9), &t).is_err());
    }

    #[test]
    fn key_text_round_trips_and_bad_keys_are_named() {
        let k = SecretKey::from_seed(&[9; 32]).public();
        assert_eq!(PublicKey::parse(&k.text()), Ok(k));
        assert!(k.fingerprint().starts_with("SHA256:"));
        assert!(PublicKey::parse("rsa:AAAA").unwrap_err().contains("ed25519:BASE64"));
        assert!(PublicKey::parse("ed25519:AAAA").unwrap_err().contains("expected 32"));
        assert!(PublicKey::parse("ed25519:!!").unwrap_err().contains("base64"));
    }
}
