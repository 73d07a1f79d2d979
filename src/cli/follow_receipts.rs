//! `resv follow receipt` (the follower's signed receipt) and the leader's import of one
//! (`resv follow import FILE` recognises a receipt by its format).

use crate::app::receipts::{self, ReceiptRefused};
use crate::core::rules::Rules;
use crate::core::sanitize::clean;
use crate::store::Store;
use crate::text::coordination as tx;
use crate::text::{self, Lang};
use anyhow::Result;
use std::path::Path;

fn receipt_refusal(r: &ReceiptRefused, lang: Lang) -> String {
    match r {
        ReceiptRefused::NoAnswer { plan_id } => match lang {
            Lang::Nl => format!(
                "u heeft nog geen ondertekend pakket van plan {} gevolgd, afgeweken of geweigerd",
                clean(plan_id)
            ),
            Lang::En => format!(
                "you have not followed, deviated from or refused a signed package of plan {} yet",
                clean(plan_id)
            ),
        },
        ReceiptRefused::Unreadable(d) => d.trim_end().to_string(),
        ReceiptRefused::Signature(s) => text::keys::refusal(s, lang),
        ReceiptRefused::NotOurPackage { package_sha256 } => match lang {
            Lang::Nl => format!(
                "de bevestiging beantwoordt pakket {} dat u niet heeft verstuurd",
                clean(package_sha256)
            ),
            Lang::En => format!(
                "the receipt answers package {} that you did not export",
                clean(package_sha256)
            ),
        },
        ReceiptRefused::NotAFollower { follower } => match lang {
            Lang::Nl => format!(
                "{} heeft geen aandeel in de regio van dit plan (of bent u zelf)",
                clean(follower)
            ),
            Lang::En => format!("{} holds no share in this plan's region (or is you)", clean(follower)),
        },
    }
}

pub(super) fn receipt(store: &Store, rules: &Rules, plan_id: &str, out: &Path, user: &str, lang: Lang) -> Result<i32> {
    let mut r = match receipts::build(store, rules, plan_id, user, lang)? {
        Ok(x) => x,
        Err(e) => {
            eprintln!("resv: {}", receipt_refusal(&e, lang));
            return Ok(1);
        }
    };
    let key = crate::io::keys::load(&r.follower.insurer_id)?;
    let text = receipts::sign(&mut r, &key)?;
    crate::io::output::write(out, text.as_bytes(), crate::io::output::Existing::Never)?;
    println!(
        "{}: {} ({}, {}{}, {})",
        tx::RECEIPT_WRITTEN.get(lang),
        clean(&out.display().to_string()),
        clean(&r.plan_id),
        tx::answer(r.answer).get(lang),
        r.reason
            .as_deref()
            .map(|x| format!(": {}", clean(x)))
            .unwrap_or_default(),
        r.package_sha256
    );
    Ok(0)
}

pub(super) fn import_receipt(
    store: &mut Store,
    rules: &Rules,
    file: (&str, &str),
    user: &str,
    lang: Lang,
) -> Result<i32> {
    match receipts::import(store, rules, file, user, lang)? {
        Ok(r) => {
            println!(
                "{}: {} {} {}{}",
                tx::RECEIPT_STORED.get(lang),
                clean(&r.plan_id),
                clean(rules.market.name_of(&r.follower)),
                tx::answer(r.answer).get(lang),
                r.reason
                    .as_deref()
                    .map(|x| format!(": {}", clean(x)))
                    .unwrap_or_default()
            );
            Ok(0)
        }
        Err(e) => {
            eprintln!("resv: {}: {}", tx::RECEIPT_REFUSED.get(lang), receipt_refusal(&e, lang));
            Ok(1)
        }
    }
}
