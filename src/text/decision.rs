//! Texts of decisions: outcomes, plan states, refusals, the decision form and the history.

use super::fmt::{cents, euros};
use super::{Lang, T};
use crate::core::decision::{ApprovalRefusal, Outcome, PlanState, Refusal};

/// `resv decide` without `--amount` for an outcome that contracts money.
pub const AMOUNT_HINT: T = T(
    "geef het bedrag per contractjaar met --amount JAAR=EUR (bijv. --amount 2027=430.000), of --amount fundable voor de te financieren bedragen uit de beoordeling",
    "give the amount per contract year with --amount YEAR=EUR (e.g. --amount 2027=430000), or --amount fundable for the assessment's fundable amounts",
);

pub fn outcome(o: Outcome) -> T {
    match o {
        Outcome::Approve => T("goedgekeurd", "approved"),
        Outcome::Conditions => T("onder voorwaarden", "with conditions"),
        Outcome::Return => T("teruggestuurd", "returned"),
        Outcome::Reject => T("afgewezen", "rejected"),
    }
}

/// The outcome as the form's picker names it.
pub fn outcome_choice(o: Outcome) -> T {
    match o {
        Outcome::Approve => T("Goedkeuren", "Approve"),
        Outcome::Conditions => T("Met voorwaarden", "With conditions"),
        Outcome::Return => T("Terugsturen", "Return"),
        Outcome::Reject => T("Afwijzen", "Reject"),
    }
}

pub fn state(s: PlanState) -> T {
    match s {
        PlanState::Received => T("ontvangen", "received"),
        PlanState::InReview => T("in behandeling", "in review"),
        PlanState::Returned => T("teruggestuurd", "returned"),
        PlanState::Resubmitted => T("heringediend", "resubmitted"),
        PlanState::Pending => T("wacht op 2e akkoord", "awaiting 2nd approval"),
        PlanState::Decided => T("besloten", "decided"),
        PlanState::Followed => T("marktleider gevolgd", "market leader followed"),
        PlanState::Deviating => T("wijkt af van marktleider", "deviates from market leader"),
    }
}

/// A plan state as a user may type it: its keyword (`in-review`), or its Dutch or English
/// name (`in behandeling`, `in review`); case, hyphens and underscores do not matter.
pub fn parse_state(text: &str) -> Option<PlanState> {
    let norm = |s: &str| s.trim().to_lowercase().replace(['-', '_'], " ");
    let typed = norm(text);
    PlanState::ALL.iter().copied().find(|&s| {
        [s.keyword(), state(s).get(Lang::Nl), state(s).get(Lang::En)]
            .iter()
            .any(|name| norm(name) == typed)
    })
}

/// Every state as `--state` takes it: `ontvangen (received), ...`.
pub fn state_choices() -> String {
    PlanState::ALL
        .iter()
        .map(|&s| format!("{} ({})", state(s).get(Lang::Nl), s.keyword()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub const COL_DUE: T = T("Dagen", "Days");
pub const ALL_STATES: T = T("alle", "all");
pub const STATE_FILTER: T = T("status", "state");

pub const TAB_HISTORY: T = T("Historie", "History");
pub const TAB_HISTORY_SHORT: T = T("Historie", "History");
pub const DECISIONS: T = T("Besluiten", "Decisions");
pub const NO_DECISIONS: T = T("Nog geen besluit.", "No decision yet.");
pub const CURRENT: T = T("geldend", "current");
pub const SUPERSEDED: T = T("vervangen", "superseded");
pub const PENDING: T = T(
    "WACHT OP AKKOORD van een tweede inkoper (vier ogen); telt nog niet",
    "AWAITING APPROVAL by a second buyer (four eyes); does not count yet",
);
pub const APPROVED_BY: T = T("akkoord door", "approved by");
pub const CONTRACTED: T = T("Gecontracteerd", "Contracted");
pub const CONDITIONS: T = T("Voorwaarden", "Conditions");
pub const QUESTIONS: T = T("Vragen aan de regio", "Questions to the region");
pub const REASONING: T = T("Onderbouwing", "Reasoning");
pub const OVERRIDE: T = T("Reden afwijking", "Override reason");
pub const VERSIONS: T = T("Versies", "Versions");
pub const CHANGES: T = T("Wijzigingen", "Changes");
pub const NO_CHANGES: T = T("geen inhoudelijke wijzigingen", "no changes in content");
pub const AUDIT: T = T("Audittrail", "Audit trail");
pub const ASSESSMENTS: T = T("Beoordelingen", "Assessments");
pub const DEADLINE: T = T("Besluit uiterlijk", "Decide by");

// The decision form
pub const FORM_TITLE: T = T("Besluit vastleggen", "Record a decision");
pub const FIELD_OUTCOME: T = T("Besluit", "Outcome");
pub const FIELD_AMOUNT: T = T("Bedrag", "Amount");
pub const FIELD_CONDITIONS: T = T("Voorwaarden (scheid met ;)", "Conditions (separate with ;)");
pub const FIELD_QUESTIONS: T = T("Vragen (scheid met ;)", "Questions (separate with ;)");
pub const FIELD_REASONING: T = T("Onderbouwing", "Reasoning");
pub const FIELD_OVERRIDE: T = T("Reden afwijking", "Override reason");
pub const FUNDABLE: T = T("te financieren", "fundable");
pub const FORM_HINT: T = T(
    "Tab/↓ volgend veld · ←/→ kies besluit · Enter controleren · Esc annuleren",
    "Tab/↓ next field · ←/→ choose outcome · Enter check · Esc cancel",
);
pub const CONFIRM_TITLE: T = T("Dit wordt vastgelegd", "This will be recorded");
pub const CONFIRM_HINT: T = T(
    "j/Enter vastleggen · n/Esc terug naar het formulier",
    "y/Enter record · n/Esc back to the form",
);
pub const NEEDS_APPROVAL: T = T(
    "Boven de vier-ogengrens: telt pas na akkoord van een tweede inkoper.",
    "Above the four-eyes limit: counts only once a second buyer approves.",
);
pub const SUPERSEDES: T = T("Vervangt besluit", "Replaces decision");
pub const ON_VERSION: T = T("op versie", "on version");
pub const RECORDED: T = T("Besluit vastgelegd", "Decision recorded");
pub const FOUR_EYES_SHORT: T = T("wacht op 2e akkoord", "awaiting 2nd approval");
pub const APPROVED: T = T("Besluit goedgekeurd (vier ogen)", "Decision approved (four eyes)");
pub const APPROVE_TITLE: T = T("Besluit goedkeuren (vier ogen)", "Approve decision (four eyes)");
pub const NOTHING_TO_APPROVE: T = T("Geen besluit dat op akkoord wacht.", "No decision awaits approval.");

/// A conflict in the workbench's words: who decided what meanwhile.
/// What stopped a write because someone else was quicker: the store's conflict as words
/// need it (`app` converts the store's record, so the texts know no store).
#[derive(Clone, Copy, Debug)]
pub enum ConflictFacts<'a> {
    /// A decision was recorded (or superseded) meanwhile: this one.
    Decided(&'a crate::core::decision::Decision),
    /// The expected decision is no longer the latest.
    NoDecision { expected: i64 },
    /// A newer plan version arrived meanwhile.
    PlanChanged { version_no: u32 },
}

/// Why a write was refused for a conflict, and what to do.
pub fn conflict<'a>(c: impl Into<ConflictFacts<'a>>, lang: Lang) -> String {
    use crate::core::sanitize::clean;
    let nl = lang == Lang::Nl;
    match c.into() {
        ConflictFacts::Decided(d) => {
            let what = format!(
                "#{} ({}, {}) {} {} {}",
                d.id,
                outcome(d.outcome).get(lang),
                euros(lang, d.total()),
                if nl { "door" } else { "by" },
                clean(&d.by),
                super::local::local_time(lang, d.at)
            );
            if nl {
                format!(
                    "intussen is besluit {what} vastgelegd; niets opgeslagen. Controleer opnieuw (Enter) om het te vervangen, of Esc."
                )
            } else {
                format!(
                    "meanwhile decision {what} was recorded; nothing stored. Check again (Enter) to replace it, or Esc."
                )
            }
        }
        ConflictFacts::NoDecision { expected } => {
            if nl {
                format!("besluit #{expected} bestaat niet meer als laatste besluit; niets opgeslagen")
            } else {
                format!("decision #{expected} is no longer the latest; nothing stored")
            }
        }
        ConflictFacts::PlanChanged { version_no } => {
            if nl {
                format!(
                    "het plan is intussen gewijzigd (nu versie {version_no}); niets opgeslagen. Sluit en open het plan opnieuw."
                )
            } else {
                format!(
                    "the plan changed meanwhile (now version {version_no}); nothing stored. Close and reopen the plan."
                )
            }
        }
    }
}

/// A conflict as the command line words it, with the commands that resolve it. `expected`
/// is the decision the user named with `--expect-latest` (none: no decision expected).
pub fn conflict_cli<'a>(c: impl Into<ConflictFacts<'a>>, plan_id: &str, expected: Option<i64>, lang: Lang) -> String {
    use crate::core::sanitize::clean;
    let plan_id = clean(plan_id);
    match (c.into(), lang) {
        (ConflictFacts::Decided(d), Lang::Nl) => {
            let seen = match expected {
                Some(id) => format!("u verwachtte dat besluit #{id} het laatste was"),
                None => "u verwachtte nog geen besluit".to_string(),
            };
            format!(
                "conflict: plan {plan_id} heeft besluit #{} ({}, {} in totaal) door {} op {}, en {seen}; niets vastgelegd. Bekijk het (resv history {plan_id}) en besluit, om het te vervangen, opnieuw met --expect-latest {}",
                d.id,
                outcome(d.outcome).get(lang),
                cents(lang, d.total()),
                clean(&d.by),
                super::local::local_time(lang, d.at),
                d.id
            )
        }
        (ConflictFacts::Decided(d), Lang::En) => {
            let seen = match expected {
                Some(id) => format!("you expected decision #{id} to be the latest"),
                None => "you expected no decision yet".to_string(),
            };
            format!(
                "conflict: plan {plan_id} has decision #{} ({}, EUR {} in total) by {} at {}, and {seen}; nothing was recorded. Review it (resv history {plan_id}) and, to replace it, decide again with --expect-latest {}",
                d.id,
                d.outcome.keyword(),
                d.total().fmt_exact(',', '.'),
                clean(&d.by),
                super::local::local_time(lang, d.at),
                d.id
            )
        }
        (ConflictFacts::NoDecision { expected }, Lang::Nl) => format!(
            "conflict: plan {plan_id} heeft geen besluit, maar u verwachtte besluit #{expected}; niets vastgelegd"
        ),
        (ConflictFacts::NoDecision { expected }, Lang::En) => format!(
            "conflict: plan {plan_id} has no decision, but you expected decision #{expected}; nothing was recorded"
        ),
        (ConflictFacts::PlanChanged { version_no }, Lang::Nl) => format!(
            "conflict: plan {plan_id} is intussen gewijzigd (nu versie {version_no}); niets vastgelegd. Open het plan opnieuw en besluit over de nieuwe versie"
        ),
        (ConflictFacts::PlanChanged { version_no }, Lang::En) => format!(
            "conflict: plan {plan_id} changed meanwhile (now version {version_no}); nothing was recorded. Reopen the plan and decide on the new version"
        ),
    }
}

/// Why a draft cannot be recorded, in words.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    match r {
        Refusal::NoOutcome => T("kies een besluit", "choose an outcome").get(lang).to_string(),
        Refusal::NoReasoning => T("een onderbouwing is verplicht", "a reasoning is required")
            .get(lang)
            .to_string(),
        Refusal::AmountCount { years, found } => {
            let ys: Vec<String> = years.iter().map(u16::to_string).collect();
            if nl {
                format!(
                    "{found} bedrag(en) opgegeven, verwacht één per contractjaar ({}): {}",
                    ys.len(),
                    ys.join(", ")
                )
            } else {
                format!(
                    "{found} amount(s) given, expected one per contract year ({}): {}",
                    ys.len(),
                    ys.join(", ")
                )
            }
        }
        Refusal::NegativeAmount { year } => {
            if nl {
                format!("het bedrag voor {year} is negatief")
            } else {
                format!("the amount for {year} is negative")
            }
        }
        Refusal::NothingContracted => T(
            "een goedkeuring contracteert een bedrag boven 0",
            "an approval contracts an amount above 0",
        )
        .get(lang)
        .to_string(),
        Refusal::AmountWithoutFunding { outcome: o } => {
            if nl {
                format!("bij '{}' hoort geen bedrag (laat het leeg of 0)", outcome(*o).0)
            } else {
                format!("'{}' contracts no amount (leave it empty or 0)", outcome(*o).1)
            }
        }
        Refusal::AboveFundable { year, amount, fundable } => {
            if nl {
                format!(
                    "{year}: {} is meer dan het te financieren bedrag {}; geef een reden afwijking",
                    cents(lang, *amount),
                    cents(lang, *fundable)
                )
            } else {
                format!(
                    "{year}: {} is above the fundable amount {}; give an override reason",
                    cents(lang, *amount),
                    cents(lang, *fundable)
                )
            }
        }
        Refusal::KnockedOut => T(
            "het plan valt af op een knock-out; goedkeuren vraagt een reden afwijking",
            "the plan fails a knock-out; approving it needs an override reason",
        )
        .get(lang)
        .to_string(),
        Refusal::NoConditions => T(
            "goedkeuren onder voorwaarden vraagt minstens één voorwaarde",
            "approving with conditions needs at least one condition",
        )
        .get(lang)
        .to_string(),
        Refusal::ConditionsWithout { outcome: o } => {
            if nl {
                format!(
                    "voorwaarden horen bij 'onder voorwaarden', niet bij '{}'",
                    outcome(*o).0
                )
            } else {
                format!("conditions belong to 'with conditions', not to '{}'", outcome(*o).1)
            }
        }
        Refusal::NoQuestions => T(
            "terugsturen vraagt minstens één vraag aan de regio",
            "a return needs at least one question to the region",
        )
        .get(lang)
        .to_string(),
        Refusal::QuestionsWithoutReturn => T(
            "vragen aan de regio horen bij terugsturen",
            "questions to the region belong to a return",
        )
        .get(lang)
        .to_string(),
        Refusal::TextTooLong(e) => e.text().get(!nl).to_string(),
        Refusal::TooManyItems { field, count } => {
            let max = crate::core::MAX_TEXT_ITEMS;
            if nl {
                let field = if *field == "conditions" {
                    "voorwaarden"
                } else {
                    "vragen"
                };
                format!("{count} {field}, maximaal {max}")
            } else {
                format!("{count} {field}, at most {max}")
            }
        }
    }
}

pub fn approval_refusal(r: &ApprovalRefusal, lang: Lang) -> String {
    match (r, lang) {
        (ApprovalRefusal::NotNeeded, Lang::Nl) => "dit besluit valt niet onder het vier-ogenprincipe".into(),
        (ApprovalRefusal::NotNeeded, Lang::En) => "this decision does not need a second approval".into(),
        (ApprovalRefusal::AlreadyApproved { by }, Lang::Nl) => format!("dit besluit is al goedgekeurd door {by}"),
        (ApprovalRefusal::AlreadyApproved { by }, Lang::En) => format!("this decision was already approved by {by}"),
        (ApprovalRefusal::OwnDecision, Lang::Nl) => {
            "u kunt uw eigen besluit niet goedkeuren; een andere inkoper moet dat doen".into()
        }
        (ApprovalRefusal::OwnDecision, Lang::En) => {
            "you cannot approve your own decision; another buyer must do it".into()
        }
    }
}

/// The queue's status label in at most 11 columns: the state, or for a decided plan its
/// outcome.
pub fn status_short(s: PlanState, o: Option<Outcome>) -> T {
    match (s, o) {
        (PlanState::Decided, Some(Outcome::Approve)) => T("goedgekeurd", "approved"),
        (PlanState::Decided, Some(Outcome::Conditions)) => T("voorwaarden", "conditions"),
        (PlanState::Decided, Some(Outcome::Reject)) => T("afgewezen", "rejected"),
        (PlanState::Received, _) => T("ontvangen", "received"),
        (PlanState::InReview, _) => T("in behand.", "in review"),
        (PlanState::Returned, _) | (PlanState::Decided, Some(Outcome::Return)) => T("teruggest.", "returned"),
        (PlanState::Resubmitted, _) => T("heringed.", "resubmitted"),
        (PlanState::Pending, _) => T("wacht 2e ok", "pending 2nd"),
        (PlanState::Decided, None) => T("besloten", "decided"),
        (PlanState::Followed, _) => T("gevolgd", "followed"),
        (PlanState::Deviating, _) => T("wijkt af", "deviates"),
    }
}

pub const NOT_RECORDED: T = T("besluit niet vastgelegd voor", "decision not recorded for");
pub const AUDIT_BROKEN: T = T("audittrail NIET intact", "audit trail NOT whole");
pub const AUDIT_WHOLE: T = T("audittrail intact", "audit trail whole");
pub const AUDIT_HEAD: T = T("laatste regel (kop)", "audit head");
pub const SUMMARIES_DIFFER: T = T(
    "opgeslagen wachtrijsamenvattingen wijken af van een nieuwe beoordeling; plannen",
    "stored queue summaries differ from a fresh assessment; plans",
);
pub const SCHEMA_CHANGED: T = T(
    "databaseschema NIET zoals resv het maakt; verschillen",
    "database schema NOT as resv makes it; differences",
);
pub const ENTRIES: T = T("regels", "entries");
pub const ROWS_CHECKED: T = T("vastgelegde rijen gecontroleerd", "recorded rows checked");
pub const BACKUP_DONE: T = T("kopie gemaakt", "backup written");
pub const LETTER_WRITTEN: T = T("brief geschreven", "letter written");
pub const EXPORT_WRITTEN: T = T("export geschreven", "export written");
pub const DECIDE_FIRST: T = T(
    "Leg eerst een besluit vast (`resv decide`).",
    "Record a decision first (`resv decide`).",
);
pub const RECORDED_BY: T = T("Vastgelegd door", "Recorded by");
pub const STATE: T = T("Status", "State");
pub const K_DECIDE: T = T("besluit", "decide");
pub const K_APPROVE: T = T("2e akkoord", "approve (4 eyes)");
pub const K_NEXT_FIELD: T = T("volgend veld", "next field");
pub const K_PREV_FIELD: T = T("vorig veld", "previous field");
pub const K_CHECK: T = T("controleren", "check");
pub const K_RECORD: T = T("vastleggen", "record");
pub const K_BACK_TO_FORM: T = T("terug", "back");
pub const K_STATE_FILTER: T = T("status-filter", "state filter");
pub const K_SORT_DUE: T = T("sorteer op deadline", "sort by deadline");
pub const K_PICK_OUTCOME: T = T("andere uitkomst kiezen", "pick another outcome");
pub const CTX_OUTCOME: T = T("Besluit: uitkomst", "Decision: outcome");
pub const K_EDIT_FIELD: T = T("typ in het veld", "type in the field");
pub const READ_ONLY_WHY: T = T(
    "alleen-lezen (--read-only): bekijken, niet wijzigen",
    "read-only (--read-only): view, no changes",
);
pub const APPROVE_QUESTION: T = T(
    "Dit besluit goedkeuren als tweede inkoper? j/Enter ja · n/Esc nee",
    "Approve this decision as the second buyer? y/Enter yes · n/Esc no",
);
