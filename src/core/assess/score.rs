//! From criterion results to the overall verdict: knock-outs, the weighted total and the
//! advisory recommendation with its reasons.

use super::text::{Text, eur, tx};
use super::{Assessment, Recommendation, Status};
use crate::money::Cents;
use crate::rules::Kind;
use crate::rules::policy::{Bands, Policy, Scale};

/// Fills in knock-outs, pending criteria, the total and the recommendation.
pub fn conclude(a: &mut Assessment, policy: &Policy) {
    let scale = &policy.scale;
    let mut num: u64 = 0;
    let mut den: u64 = 0;
    for c in &a.criteria {
        let fresh = c.manual.as_ref().and_then(super::Manual::fresh_score);
        match c.kind {
            Kind::KnockOut => match (c.status, fresh) {
                (Status::Fail, _) => a.knock_outs.push(c.id),
                // A knock-out that needs judgement, or warns (a larger area), is settled by
                // the buyer's score: the bottom of the scale rules the plan out; below
                // "sufficient" it becomes a condition; above, it passes.
                (Status::Judgement | Status::Warn, Some(s)) if s <= scale.min => a.knock_outs.push(c.id),
                (Status::Judgement, None) => a.pending.push(c.id),
                _ => {}
            },
            Kind::Weighted => match c.score {
                Some(s) => {
                    num += c.weight as u64 * s as u64;
                    den += c.weight as u64;
                }
                None if c.weight > 0 => a.pending.push(c.id),
                None => {}
            },
        }
    }
    a.knocked_out = !a.knock_outs.is_empty();
    // Weighted mean over the criteria that have a score, in per mille = tenths of a point.
    a.total_tenths = (num + den / 2).checked_div(den).unwrap_or(0) as u32;
    let (rec, reasons) = recommend(a, policy.bands, scale);
    a.recommendation = rec;
    a.reasons = reasons;
}

fn band(total_tenths: u32, b: &Bands) -> Recommendation {
    let t = total_tenths;
    if t >= b.approve_from * 10 {
        Recommendation::Approve
    } else if t >= b.conditions_from * 10 {
        Recommendation::ApproveWithConditions
    } else if t >= b.return_from * 10 {
        Recommendation::Return
    } else {
        Recommendation::Reject
    }
}

fn recommend(a: &Assessment, bands: Bands, scale: &Scale) -> (Recommendation, Vec<Text>) {
    let weak_below = scale.sufficient_per_mille();
    let mut reasons = Vec::new();
    let total = format!("{:.1}", a.total_score());
    let total_nl = total.replace('.', ",");
    let by_band = band(a.total_tenths, &bands);
    if a.knocked_out {
        for id in &a.knock_outs {
            let c = a.criterion(*id).expect("knock-outs name criteria");
            let (t_nl, t_en) = (&c.title, &c.title_en);
            reasons.push(tx!("knock-out: {t_nl}", "knock-out: {t_en}"));
        }
        let rec = if by_band == Recommendation::Reject {
            let r = bands.return_from;
            reasons.push(tx!(
                "totaal {total_nl} ligt onder {r}: afwijzen",
                "total {total} is below {r}: reject"
            ));
            Recommendation::Reject
        } else {
            reasons.push(tx!(
                "terugsturen met de knock-outs als vragen aan de regio",
                "return with the knock-outs as questions to the region"
            ));
            Recommendation::Return
        };
        add_pending(a, &mut reasons);
        return (rec, reasons);
    }
    let weak: Vec<_> = a.criteria.iter().filter(|c| weak(c, weak_below, scale)).collect();
    let excluded: Cents = a.years.iter().map(|y| y.excluded).sum();
    let mut rec = by_band;
    let b = match rec {
        Recommendation::Approve => bands.approve_from,
        Recommendation::ApproveWithConditions => bands.conditions_from,
        Recommendation::Return => bands.return_from,
        Recommendation::Reject => 0,
    };
    reasons.push(match rec {
        Recommendation::Reject => tx!(
            "totaal {total_nl} ligt onder {0}",
            "total {total} is below {0}",
            bands.return_from
        ),
        _ => tx!("totaal {total_nl}, drempel {b}", "total {total}, threshold {b}"),
    });
    if rec == Recommendation::Approve && (!weak.is_empty() || excluded > Cents::ZERO) {
        rec = Recommendation::ApproveWithConditions;
    }
    if matches!(rec, Recommendation::ApproveWithConditions | Recommendation::Return) {
        for c in &weak {
            let (t_nl, t_en) = (&c.title, &c.title_en);
            reasons.push(tx!("voorwaarde: {t_nl}", "condition: {t_en}"));
        }
    }
    if excluded > Cents::ZERO {
        let (e_nl, e_en) = eur(excluded);
        reasons.push(tx!(
            "zorgproductie uitgesloten: {e_nl} over de contractjaren",
            "care production excluded: {e_en} over the contract years"
        ));
    }
    add_pending(a, &mut reasons);
    (rec, reasons)
}

/// Whether a criterion becomes a condition of an approval: a weighted criterion whose score
/// is below "sufficient" (whoever gave it), or that warns or fails and was not judged
/// by the buyer; a knock-out that warns, or that the buyer judged below sufficient (but
/// above the bottom of the scale, which knocks the plan out).
fn weak(c: &super::CriterionResult, weak_below: u32, scale: &Scale) -> bool {
    let fresh = c.manual.as_ref().and_then(super::Manual::fresh_score);
    match c.kind {
        Kind::KnockOut => match (c.status, fresh) {
            (Status::Warn, None) => true,
            (Status::Warn | Status::Judgement, Some(s)) => s > scale.min && s < scale.sufficient,
            _ => false,
        },
        Kind::Weighted if c.weight == 0 => false,
        Kind::Weighted => match (c.score, fresh) {
            (Some(s), _) if s < weak_below => true,
            (Some(s), None) => matches!(c.status, Status::Warn | Status::Fail) && s < 1000,
            (Some(_), Some(_)) => false,
            (None, _) => matches!(c.status, Status::Warn | Status::Fail),
        },
    }
}

fn add_pending(a: &Assessment, reasons: &mut Vec<Text>) {
    if a.pending.is_empty() {
        return;
    }
    let titles = |en: bool| -> String {
        let t: Vec<&str> = a
            .pending
            .iter()
            .filter_map(|id| a.criterion(*id))
            .map(|c| if en { c.title_en.as_str() } else { c.title.as_str() })
            .collect();
        t.join("; ")
    };
    let (nl, en) = (titles(false), titles(true));
    reasons.push(tx!(
        "voorlopig: wacht op het oordeel van de inkoper over: {nl}",
        "provisional: waits for the buyer's judgement on: {en}"
    ));
}
