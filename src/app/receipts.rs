//! Receipts back to the leader: the follower writes a signed receipt of its answer to a
//! package; the leader verifies it against the follower's trusted key and stores it; the
//! leader's overview names each insurer of the region followed, deviated or pending.

use crate::app::me;
use crate::core::coordination::Party;
use crate::core::coordination::receipt::{
    Answer, InsurerAnswer, RECEIPT_FORMAT, RECEIPT_VERSION, Receipt, parse_receipt,
};
use crate::core::coordination::status::Kind;
use crate::core::rules::Rules;
use crate::core::signing::SignatureRefusal;
use crate::store::{Store, StoredReceipt};
use crate::text::Lang;
use anyhow::{Result, anyhow, bail};

/// Why a receipt cannot be made or is refused. Nothing is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReceiptRefused {
    /// The follower has not answered a signed package of this plan.
    NoAnswer {
        plan_id: String,
    },
    Unreadable(String),
    Signature(SignatureRefusal),
    /// The receipt answers a package this leader did not export.
    NotOurPackage {
        package_sha256: String,
    },
    /// The sender holds no share in the plan's region, or is this insurer.
    NotAFollower {
        follower: String,
    },
}

/// Builds (unsigned; see [`sign`]) the receipt of the follower's latest answer to a plan's package.
pub fn build(
    store: &Store,
    rules: &Rules,
    plan_id: &str,
    user: &str,
    lang: Lang,
) -> Result<Result<Receipt, ReceiptRefused>> {
    let me = me(rules).ok_or_else(|| anyhow!("your insurer is not known; pass --insurer ID"))?;
    crate::app::plans::require(store, plan_id, lang)?;
    let records = store.coordination(plan_id)?;
    let signed = store.coordination_signed(plan_id)?;
    let latest = records
        .iter()
        .rev()
        .filter(|r| r.kind != Kind::Export)
        .find_map(|r| signed.get(&r.id).map(|s| (r, s)));
    let Some((rec, facts)) = latest else {
        return Ok(Err(ReceiptRefused::NoAnswer {
            plan_id: plan_id.to_string(),
        }));
    };
    let answer = facts.answer.unwrap_or(match rec.kind {
        Kind::Follow => Answer::Followed,
        _ => Answer::Deviated,
    });
    let receipt = Receipt {
        format: RECEIPT_FORMAT.to_string(),
        format_version: RECEIPT_VERSION,
        follower: Party {
            insurer_id: me.to_string(),
            name: rules.market.name_of(me).to_string(),
        },
        leader: rec.leader.clone(),
        plan_id: plan_id.to_string(),
        plan_version: rec.version_no,
        package_sha256: rec.package_sha256.clone(),
        sequence: facts.sequence,
        answer,
        reason: rec.reason.clone(),
        own: facts.own.clone().unwrap_or_default(),
        answered_at: rec.at,
        created_at: store.now(),
        created_by: user.to_string(),
        signature: None,
    };
    Ok(Ok(receipt))
}

/// Signs a built receipt with the follower's private key; returns the file's text.
pub fn sign(receipt: &mut Receipt, key: &crate::core::signing::SecretKey) -> Result<String> {
    receipt.signature = None;
    let doc = serde_json::to_value(&*receipt)?;
    receipt.signature = Some(key.sign(&receipt.follower.insurer_id, &doc));
    Ok(serde_json::to_string_pretty(&*receipt)? + "\n")
}

/// Verifies a follower's receipt and stores it (the leader's side), audited.
pub fn import(
    store: &mut Store,
    rules: &Rules,
    (file, text): (&str, &str),
    user: &str,
    lang: Lang,
) -> Result<Result<StoredReceipt, ReceiptRefused>> {
    crate::app::writable(store, lang)?;
    let receipt = match parse_receipt(text) {
        Ok(r) => r,
        Err(d) => return Ok(Err(ReceiptRefused::Unreadable(crate::core::diag::render(file, &[d])))),
    };
    let date = receipt.answered_at.date();
    let doc = serde_json::to_value(&receipt)?;
    let signer = match crate::app::keys::verify_document(
        store,
        &crate::app::keys::market_keys(rules),
        &doc,
        &receipt.follower.insurer_id,
        date,
    )? {
        Ok(fp) => fp,
        Err(r) => return Ok(Err(ReceiptRefused::Signature(r))),
    };
    let me = me(rules).ok_or_else(|| anyhow!("your insurer is not known; pass --insurer ID"))?;
    let ours = store
        .coordination(&receipt.plan_id)?
        .into_iter()
        .find(|r| r.kind == Kind::Export && r.package_sha256 == receipt.package_sha256);
    let Some(export) = ours else {
        return Ok(Err(ReceiptRefused::NotOurPackage {
            package_sha256: receipt.package_sha256.clone(),
        }));
    };
    let follower = &receipt.follower.insurer_id;
    let holds = rules
        .market
        .region(&export.rho_region)
        .is_some_and(|r| r.holding(follower).is_some());
    if follower == me || !holds {
        return Ok(Err(ReceiptRefused::NotAFollower {
            follower: follower.clone(),
        }));
    }
    if receipt.leader != me {
        bail!(
            "the receipt names {} as leader, not you ({me}); nothing recorded",
            receipt.leader
        );
    }
    store.record_receipt(&receipt, text, &signer, user).map(Ok)
}

/// For a plan this insurer leads and exported: each other insurer of the region, answered
/// or not. Empty when it did not export.
pub fn answers(store: &Store, rules: &Rules, plan_id: &str, rho_region: &str) -> Result<Vec<InsurerAnswer>> {
    let Some(me) = me(rules) else { return Ok(Vec::new()) };
    let Some(region) = rules.market.region(rho_region).filter(|r| r.leader == me) else {
        return Ok(Vec::new());
    };
    let records = store.coordination(plan_id)?;
    let Some(sent) = records.iter().rev().find(|r| r.kind == Kind::Export) else {
        return Ok(Vec::new());
    };
    let receipts = store.receipts(plan_id)?;
    let today = store.today();
    let sent_day = Some(sent.at.date());
    Ok(region
        .holdings
        .iter()
        .filter(|h| h.insurer != me)
        .map(|h| {
            let got = receipts
                .iter()
                .rev()
                .find(|r| r.follower == h.insurer && r.package_sha256 == sent.package_sha256);
            InsurerAnswer {
                insurer_id: h.insurer.clone(),
                name: rules.market.name_of(&h.insurer).to_string(),
                sent_at: Some(sent.at),
                answer: got.map(|r| r.answer),
                reason: got.and_then(|r| r.reason.clone()),
                answered_at: got.map(|r| r.answered_at),
                days_since_sent: match (got, sent_day) {
                    (None, Some(d)) => Some(today.days_since_epoch() - d.days_since_epoch()),
                    _ => None,
                },
            }
        })
        .collect())
}
