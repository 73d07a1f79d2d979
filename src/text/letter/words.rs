//! Texts of the decision letter (`crate::text::letter`): a formal letter from the insurer to the
//! RESV. Domain terms (RESV, O&I, ROS, vier-ogenprincipe, terugsturen) stay Dutch.

use crate::core::decision::Outcome;
use crate::core::money::Cents;
use crate::core::time::Instant;
use crate::text::fmt::{self, long_date};
use crate::text::{Lang, T};

pub const FROM: T = T("Van", "From");
pub const TO: T = T("Aan", "To");
pub const ATTN: T = T("T.a.v.", "Attn.");
pub const REGION: T = T("Regio", "Region");
pub const PLAN_VERSION: T = T("Planversie", "Plan version");
pub const DECISION_NO: T = T("Besluitnummer", "Decision number");
pub const DATE: T = T("Datum", "Date");
pub const DECIDED_BY: T = T("Besloten door", "Decided by");
pub const AUDIT_HEAD: T = T("Audittrail (laatste regel)", "Audit trail (head)");
pub const APPROVED_BY: T = T("Goedgekeurd (vier-ogenprincipe)", "Approved (vier-ogenprincipe)");
pub const PENDING: T = T(
    "Dit besluit is nog niet definitief: het wacht op goedkeuring door een tweede inkoper (vier-ogenprincipe). \
     Pas na die goedkeuring is het bindend.",
    "This decision is not final yet: it awaits approval by a second buyer (vier-ogenprincipe, the four-eyes \
     principle). It becomes binding only once approved.",
);
pub const PENDING_SHORT: T = T(
    "wacht op goedkeuring door een tweede inkoper, nog niet definitief",
    "awaiting a second buyer's approval, not final",
);
pub const DEAR_UNKNOWN: T = T("Geachte heer, mevrouw,", "Dear Sir or Madam,");
pub const OUR_DECISION: T = T("Ons besluit", "Our decision");

pub const S_AMOUNTS: T = T("Bedragen per jaar", "Amounts per year");
pub const S_CONDITIONS: T = T("Voorwaarden", "Conditions");
pub const S_QUESTIONS: T = T("Vragen aan de regio", "Questions to the region");
pub const S_REASONING: T = T("Onderbouwing", "Reasoning");
pub const S_ASSESSMENT: T = T("Samenvatting van de beoordeling", "Assessment summary");
pub const S_FUNDING: T = T("Dubbele financiering", "Double funding");

pub const YEAR: T = T("Jaar", "Year");
pub const REQUESTED: T = T("Gevraagd", "Requested");
pub const FUNDABLE: T = T("Te financieren", "Fundable");
pub const CONTRACTED: T = T("Gecontracteerd", "Contracted");
pub const TOTAL: T = T("Totaal", "Total");
pub const AMOUNTS_NOTE: T = T(
    "Gevraagd is het bedrag dat de regio van de zorgverzekeraars vraagt; te financieren is wat volgens de \
     beoordeling in aanmerking komt.",
    "Requested is the amount the region asks of the health insurers; fundable is what qualifies according to the \
     assessment.",
);
pub const NO_AMOUNT: T = T(
    "Met dit besluit wordt geen bedrag gecontracteerd.",
    "No amount is contracted with this decision.",
);
pub const AMOUNT_AFTER_APPROVAL: T = T(
    "De gecontracteerde bedragen gelden pas na goedkeuring door een tweede inkoper.",
    "The contracted amounts apply only after a second buyer's approval.",
);
pub const CONDITIONS_INTRO: T = T(
    "Aan dit besluit zijn de volgende voorwaarden verbonden:",
    "This decision comes with the following conditions:",
);
pub const QUESTIONS_INTRO: T = T(
    "Wij vragen u de volgende vragen te beantwoorden:",
    "We ask you to answer the following questions:",
);
pub const REVISED_PLAN: T = T(
    "Wij verzoeken u een herzien plan in te dienen waarin deze vragen zijn beantwoord. Wij beoordelen het \
     herziene plan opnieuw.",
    "We ask you to submit a revised plan that answers these questions. We will assess the revised plan anew.",
);
pub const OVERRIDE: T = T(
    "Reden voor afwijking van de beoordeling",
    "Reason for departing from the assessment",
);

pub const TOTAL_SCORE: T = T("Totaalscore", "Total score");
pub const KNOCK_OUTS: T = T("Knock-outs", "Knock-outs");
pub const NO_KNOCK_OUT: T = T("geen knock-out", "no knock-out");
pub const KNOCKED_OUT: T = T("knock-out; niet voldaan aan", "knocked out; failed");
pub const ADVICE: T = T("Advies (niet bindend)", "Recommendation (advisory)");
pub const REASONS: T = T("Redenen", "Reasons");
pub const RULES: T = T("Regels", "Rules");
pub const CRITERION: T = T("Criterium", "Criterion");
pub const KIND: T = T("Soort", "Kind");
pub const FINDING: T = T("Oordeel", "Finding");
pub const KNOCK_OUT: T = T("knock-out", "knock-out");
pub const WEIGHT: T = T("gewicht", "weight");

pub const NO_DOUBLE_FUNDING: T = T(
    "Er is geen dubbele financiering vastgesteld.",
    "No double funding was established.",
);
pub const FLAGS_INTRO: T = T(
    "De toets op dubbele financiering vond de volgende overlap met bestaande regelingen:",
    "The double-funding check found the following overlap with existing arrangements:",
);
pub const ACTIVITY: T = T("Activiteit", "Activity");
pub const ARRANGEMENT: T = T("Regeling", "Arrangement");
pub const RECIPIENT: T = T("Ontvanger", "Recipient");
pub const STREAM: T = T("Stroom", "Stream");
pub const SEVERITY: T = T("Zekerheid", "Severity");
pub const AT_RISK: T = T("Bedrag in risico", "Amount at risk");
pub const JUDGEMENT: T = T("Oordeel", "Judgement");
pub const NOT_JUDGED: T = T("open, nog niet beoordeeld", "open, not yet judged");
pub const DISMISSED_INTRO: T = T(
    "Afgewezen signalen (geen dubbele financiering):",
    "Dismissed flags (no double funding):",
);

pub const REGARDS: T = T("Met vriendelijke groet,", "Kind regards,");

pub fn title(lang: Lang, plan_id: &str) -> String {
    match lang {
        Lang::Nl => format!("Besluit over RESV-plan {plan_id}"),
        Lang::En => format!("Decision on RESV plan {plan_id}"),
    }
}

pub fn dear(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nl => format!("Geachte {name},"),
        Lang::En => format!("Dear {name},"),
    }
}

pub fn intro(lang: Lang, resv: &str, region: &str) -> String {
    match lang {
        Lang::Nl => format!(
            "Wij hebben het plan van {resv} voor de regio {region} beoordeeld aan de hand van de landelijke \
             handreiking en ons inkoopbeleid. In deze brief leest u ons besluit en de onderbouwing daarvan."
        ),
        Lang::En => format!(
            "We have assessed the plan of {resv} for the region {region} against the national guidance and our \
             purchasing policy. This letter sets out our decision and the reasons for it."
        ),
    }
}

/// `1.0 (versie 2, SHA-256 0123456789ab)`.
pub fn plan_version(lang: Lang, label: &str, number: u32, sha: &str) -> String {
    let short: String = sha.chars().take(12).collect();
    match lang {
        Lang::Nl => format!("{label} (versie {number}, SHA-256 {short})"),
        Lang::En => format!("{label} (version {number}, SHA-256 {short})"),
    }
}

/// That this decision replaces `count` earlier ones, the latest being `previous`.
pub fn replaces(lang: Lang, count: usize, previous: Option<i64>) -> String {
    let (one, many, latest) = match lang {
        Lang::Nl => (
            "Dit besluit vervangt het eerdere besluit over dit plan",
            "Dit besluit vervangt de {n} eerdere besluiten over dit plan",
            "; het laatste daarvan had besluitnummer {id}",
        ),
        Lang::En => (
            "This decision replaces the earlier decision on this plan",
            "This decision replaces the {n} earlier decisions on this plan",
            "; the latest of them had decision number {id}",
        ),
    };
    let head = if count == 1 {
        one.to_string()
    } else {
        many.replace("{n}", &count.to_string())
    };
    let tail = match (previous, count, lang) {
        (Some(id), 1, Lang::Nl) => format!(" (besluitnummer {id})"),
        (Some(id), 1, Lang::En) => format!(" (decision number {id})"),
        (Some(id), _, _) => latest.replace("{id}", &id.to_string()),
        (None, _, _) => String::new(),
    };
    format!("{head}{tail}.")
}

pub fn approved(lang: Lang, by: &str, at: Instant) -> String {
    let date = long_date(lang, crate::text::local::local_date(at));
    match lang {
        Lang::Nl => format!("{by} op {date}"),
        Lang::En => format!("{by} on {date}"),
    }
}

pub fn outcome_label(o: Outcome) -> T {
    match o {
        Outcome::Approve => T("Goedgekeurd", "Approved"),
        Outcome::Conditions => T("Goedgekeurd onder voorwaarden", "Approved with conditions"),
        Outcome::Return => T("Teruggestuurd voor herziening", "Returned for revision (terugsturen)"),
        Outcome::Reject => T("Afgewezen", "Rejected"),
    }
}

/// What the outcome means, in one sentence after the outcome.
pub fn outcome_meaning(o: Outcome) -> T {
    match o {
        Outcome::Approve => T(
            "Wij contracteren de bedragen die hieronder per jaar staan.",
            "We will contract the amounts listed per year below.",
        ),
        Outcome::Conditions => T(
            "Wij contracteren de bedragen die hieronder per jaar staan, onder de voorwaarden in deze brief.",
            "We will contract the amounts listed per year below, under the conditions in this letter.",
        ),
        Outcome::Return => T(
            "Wij sturen het plan terug voor herziening; het is daarmee nog niet goedgekeurd of afgewezen.",
            "We return the plan for revision; it is therefore neither approved nor rejected yet.",
        ),
        Outcome::Reject => T(
            "Wij wijzen het plan af en gaan voor dit plan geen contract aan.",
            "We reject the plan and will not contract for it.",
        ),
    }
}

/// `72,5 van 100` or `72.5 out of 100`.
pub fn score(lang: Lang, tenths: u32) -> String {
    let s = fmt::tenths(lang, tenths);
    match lang {
        Lang::Nl => format!("{s} van 100"),
        Lang::En => format!("{s} out of 100"),
    }
}

pub fn rules(lang: Lang, policy_version: &str, guidance: &str, policy: &str, regions: &str) -> String {
    let s = |sha: &str| sha.chars().take(12).collect::<String>();
    let (g, p, r) = (s(guidance), s(policy), s(regions));
    match lang {
        Lang::Nl => {
            format!("inkoopbeleid {policy_version}; SHA-256 handreiking {g}, inkoopbeleid {p}, RHO-regio's {r}")
        }
        Lang::En => format!("policy {policy_version}; SHA-256 guidance {g}, policy {p}, RHO regions {r}"),
    }
}

/// A confirmed or dismissed flag's judgement: `bevestigd door X: reden`.
pub fn judged(lang: Lang, verdict: T, by: &str, reason: &str) -> String {
    let v = verdict.get(lang);
    let by_word = T("door", "by").get(lang);
    if reason.trim().is_empty() {
        format!("{v} {by_word} {by}")
    } else {
        format!("{v} {by_word} {by}: {reason}")
    }
}

pub fn lowered(lang: Lang, amount: Cents) -> String {
    let a = fmt::cents(lang, amount);
    match lang {
        Lang::Nl => format!("Daardoor is in totaal {a} afgetrokken van het te financieren bedrag."),
        Lang::En => format!("As a result, {a} in total was taken off the fundable amount."),
    }
}

pub fn questions_contact(lang: Lang, insurer: &str) -> String {
    match lang {
        Lang::Nl => {
            format!("Heeft u vragen over dit besluit? Neem dan contact op met uw contactpersoon bij {insurer}.")
        }
        Lang::En => format!("If you have any questions about this decision, please contact your contact at {insurer}."),
    }
}
