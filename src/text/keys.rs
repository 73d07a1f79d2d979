//! Texts of keys and signatures: the refusals name the fingerprint expected and found.

use super::{Lang, T};
use crate::core::sanitize::clean;
use crate::core::signing::SignatureRefusal;

pub const KEY_WRITTEN: T = T("privésleutel geschreven", "private key written");
pub const KEY_RETIRED: T = T("oude sleutel bewaard als", "old key kept as");
pub const SHARE_LINE: T = T(
    "Geef de volgende regel (uw publieke sleutel) aan de andere verzekeraars en de NZa; zij leggen hem vast met `resv keys trust`:",
    "Give the next line (your public key) to the other insurers and NZa; they record it with `resv keys trust`:",
);
pub const FINGERPRINT: T = T("vingerafdruk", "fingerprint");
pub const TRUSTED: T = T("sleutel vertrouwd", "key trusted");
pub const REVOKED: T = T("sleutel ingetrokken", "key revoked");
pub const NO_KEYS: T = T("Geen vertrouwde sleutels.", "No trusted keys.");
pub const FROM: T = T("vanaf", "from");
pub const UNTIL: T = T("tot en met", "until");
pub const REVOKED_FROM: T = T("ingetrokken vanaf", "revoked from");

fn list(fps: &[String], lang: Lang) -> String {
    if fps.is_empty() {
        T(
            "geen (vertrouw eerst een sleutel met `resv keys trust`)",
            "none (trust a key first with `resv keys trust`)",
        )
        .get(lang)
        .to_string()
    } else {
        fps.join(", ")
    }
}

/// Why a signature is refused, naming the fingerprint expected and the one found.
pub fn refusal(r: &SignatureRefusal, lang: Lang) -> String {
    use SignatureRefusal as S;
    let nl = lang == Lang::Nl;
    match r {
        S::Unsigned { signer, expected } => {
            let (s, e) = (clean(signer), list(expected, lang));
            if nl {
                format!("niet ondertekend; verwacht een handtekening van {s} (vingerafdruk {e}), gevonden: geen")
            } else {
                format!("not signed; expected a signature of {s} (fingerprint {e}), found none")
            }
        }
        S::OtherSigner {
            signer,
            found_signer,
            expected,
            found,
        } => {
            let (s, fs, e, f) = (clean(signer), clean(found_signer), list(expected, lang), clean(found));
            if nl {
                format!("ondertekend door {fs} (vingerafdruk {f}), verwacht {s} (vingerafdruk {e})")
            } else {
                format!("signed by {fs} (fingerprint {f}), expected {s} (fingerprint {e})")
            }
        }
        S::Untrusted {
            signer,
            expected,
            found,
            date,
        } => {
            let (s, e, f) = (clean(signer), list(expected, lang), clean(found));
            if nl {
                format!(
                    "ondertekend met een sleutel die u voor {s} op {date} niet vertrouwt: verwacht vingerafdruk {e}, gevonden {f}"
                )
            } else {
                format!("signed with a key you do not trust for {s} on {date}: expected fingerprint {e}, found {f}")
            }
        }
        S::Revoked {
            signer,
            found,
            from,
            date,
        } => {
            let (s, f) = (clean(signer), clean(found));
            if nl {
                format!("ondertekend op {date} met de sleutel {f} van {s}, ingetrokken vanaf {from}")
            } else {
                format!("signed on {date} with {s}'s key {f}, revoked from {from}")
            }
        }
        S::Invalid {
            signer,
            expected,
            found,
        } => {
            let (s, e, f) = (clean(signer), list(expected, lang), clean(found));
            if nl {
                format!(
                    "de handtekening klopt niet met de inhoud (gewijzigd na ondertekenen of vervalst): verwacht vingerafdruk {e} van {s}, gevonden {f}"
                )
            } else {
                format!(
                    "the signature does not match the content (changed after signing, or forged): expected fingerprint {e} of {s}, found {f}"
                )
            }
        }
    }
}
pub const UNSIGNED_EXPORT: T = T(
    "let op: export niet ondertekend (geen privésleutel; maak er een met `resv keys generate`); de NZa weigert een niet-ondertekende export",
    "note: export not signed (no private key; make one with `resv keys generate`); NZa refuses an unsigned export",
);
