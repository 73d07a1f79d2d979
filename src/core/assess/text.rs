//! Explanations in both languages (the [`Text`] of [`crate::bilingual`], amounts and shares
//! worded for them), and the fingerprint of a criterion's inputs.

use crate::money::Cents;
use sha2::{Digest, Sha256};

pub use crate::bilingual::Text;
pub(crate) use crate::bilingual::tx;

/// Whole euros: (`€ 1.234`, `€1,234`).
pub fn eur(c: Cents) -> (String, String) {
    (format!("€ {}", c.fmt_euros('.')), format!("€{}", c.fmt_euros(',')))
}

/// Euros with cents: (`€ 1,56`, `€1.56`).
pub fn eur_cents(c: Cents) -> (String, String) {
    (
        format!("€ {}", c.fmt_exact('.', ',')),
        format!("€{}", c.fmt_exact(',', '.')),
    )
}

/// A share in hundredths of a percent as (`62,5%`, `62.5%`): at most one decimal, rounded
/// down, so a share shown as meeting a threshold does.
pub fn pct(hundredths: u32) -> (String, String) {
    let tenths = hundredths / 10;
    let (whole, frac) = (tenths / 10, tenths % 10);
    if frac == 0 {
        (format!("{whole}%"), format!("{whole}%"))
    } else {
        (format!("{whole},{frac}%"), format!("{whole}.{frac}%"))
    }
}

/// `part / whole` in hundredths of a percent, rounded down; 0 when `whole` is 0.
pub fn share(part: i64, whole: i64) -> u32 {
    if whole <= 0 {
        return 0;
    }
    ((part.max(0) as i128 * 10_000) / whole as i128).min(u32::MAX as i128) as u32
}

/// A stable fingerprint of the plan facts a criterion used, so a manual score can tell
/// whether a new plan version changed them. SHA-256 over length-prefixed fields; list
/// elements (activities, seats, municipalities, ...) go in as [`Fingerprint::item`]s, which
/// are sorted before hashing, so reordering a list in the file changes nothing.
pub struct Fingerprint {
    head: Sha256,
    items: Vec<[u8; 32]>,
}

impl Fingerprint {
    pub fn new(id: &str) -> Fingerprint {
        let mut f = Fingerprint {
            head: Sha256::new(),
            items: Vec::new(),
        };
        f.s(id);
        f
    }
    pub fn s(&mut self, text: &str) -> &mut Self {
        self.head.update((text.len() as u64).to_le_bytes());
        self.head.update(text.as_bytes());
        self
    }
    pub fn n(&mut self, n: i64) -> &mut Self {
        self.head.update(n.to_le_bytes());
        self
    }
    /// One element of an unordered list, built by `f`.
    pub fn item(&mut self, f: impl FnOnce(&mut Fingerprint)) -> &mut Self {
        let mut sub = Fingerprint {
            head: Sha256::new(),
            items: Vec::new(),
        };
        f(&mut sub);
        self.items.push(sub.digest());
        self
    }
    fn digest(mut self) -> [u8; 32] {
        self.items.sort_unstable();
        for i in &self.items {
            self.head.update(i);
        }
        self.head.finalize().into()
    }
    pub fn finish(self) -> String {
        self.digest()[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_amounts() {
        assert_eq!(pct(6000).0, "60%");
        assert_eq!(pct(6250), ("62,5%".to_string(), "62.5%".to_string()));
        assert_eq!(share(1, 3), 3333);
        assert_eq!(share(5, 0), 0);
        assert_eq!(eur_cents(Cents(156)).0, "€ 1,56");
    }

    #[test]
    fn fingerprint_items_are_unordered() {
        let mut a = Fingerprint::new("x");
        a.item(|f| {
            f.s("A1");
        })
        .item(|f| {
            f.s("A2");
        });
        let mut b = Fingerprint::new("x");
        b.item(|f| {
            f.s("A2");
        })
        .item(|f| {
            f.s("A1");
        });
        assert_eq!(a.finish(), b.finish());
    }

    #[test]
    fn fingerprints_separate_fields() {
        let mut a = Fingerprint::new("x");
        a.s("ab").s("c");
        let mut b = Fingerprint::new("x");
        b.s("a").s("bc");
        assert_ne!(a.finish(), b.finish());
    }
}
