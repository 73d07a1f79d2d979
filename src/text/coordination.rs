//! Texts of coordination between insurers: roles, statuses, the follow package's refusals,
//! the Coordination tab and the regions overview. Outside text is neutralised here.

use super::decision::outcome;
use super::fmt::{cents, percent};
use super::{Lang, T};
use crate::core::coordination::status::{Role, Status};
use crate::core::coordination::{Accepted, ExportRefusal, FollowPackage, ImportRefusal};
use crate::core::decision::{Outcome, YearAmount};
use crate::core::rules::Market;
use crate::core::sanitize::clean;
use crate::core::time::Instant;

pub const K_REGIONS: T = T("regio's en marktleiders", "regions and market leaders");
pub const CTX_REGIONS: T = T("Regio's", "Regions");
pub const SPLIT: T = T("Verdeling", "Split");
pub const TAB: T = T("Coördinatie", "Coordination");
pub const TAB_SHORT: T = T("Coörd.", "Coord.");
pub const REGIONS: T = T("Regio's en marktleiders", "Regions and market leaders");
pub const LEADER: T = T("Marktleider", "Market leader");
pub const YOUR_ROLE: T = T("Uw rol", "Your role");
pub const INSURER: T = T("Verzekeraar", "Insurer");
pub const SHARE: T = T("Aandeel", "Share");
pub const AMOUNT: T = T("Bedrag", "Amount");
pub const STATUS: T = T("Status", "Status");
pub const REGION: T = T("Regio", "Region");
pub const DEVIATING: T = T("Wijkt af", "Deviating");
pub const COMMITMENT: T = T("Uw verplichting per jaar", "Your commitment per year");
pub const COMMITMENT_SHORT: T = T("Uw verplichting", "Your commitment");
pub const WITHOUT_MARKET: T = T(
    "plannen in regio's zonder marktgegevens",
    "plans in regions without market data",
);
/// The regions screen's count columns: plans, decided by the leader, sent, followed,
/// deviating, pending.
pub const SHORT_HEADS: [T; 6] = [
    T("Pl.", "Pl."),
    T("Besl", "Lead"),
    T("Vers", "Sent"),
    T("Gev.", "Fol."),
    T("Afw.", "Dev."),
    T("Open", "Pend"),
];
pub const LEGEND: T = T(
    "* u bent marktleider · Pl. plannen · Besl besloten door de marktleider · Vers pakket verstuurd · Gev. gevolgd · Afw. wijkt af · Open nog open · – onbekend in uw database",
    "* you lead · Pl. plans · Lead decided by the leader · Sent package sent · Fol. followed · Dev. deviating · Pend pending · – unknown in your database",
);
pub const RECORDS: T = T("Vastgelegd", "Recorded");
pub const NO_RECORDS: T = T("Nog niets vastgelegd.", "Nothing recorded yet.");
pub const UNKNOWN_STATUS: T = T("onbekend", "unknown");
pub const STATUS_NOTE: T = T(
    "Status: voor zover uw eigen database het weet.",
    "Status: as far as your own database knows.",
);
pub const SPLIT_OF_DECISION: T = T("Verdeling van besluit", "Split of decision");
pub const SPLIT_OF_REQUESTED: T = T(
    "Indicatie: verdeling van het gevraagde bedrag (nog geen besluit van de marktleider)",
    "Indication: split of the requested amount (no decision by the market leader yet)",
);
pub const PACKAGE_WRITTEN: T = T("volgpakket geschreven", "follow package written");
pub const NOT_RECORDED_READ_ONLY: T = T(
    "niet vastgelegd: de database is alleen-lezen",
    "not recorded: the database is read-only",
);
pub const FOLLOW_DONE: T = T("marktleider gevolgd", "market leader followed");
pub const DEVIATE_DONE: T = T("afwijking vastgelegd", "deviation recorded");
pub const YOUR_SHARE: T = T("uw aandeel", "your share");
pub const REFUSED: T = T(
    "volgpakket geweigerd, niets vastgelegd",
    "follow package refused, nothing recorded",
);
pub const EXPORT_REFUSED: T = T("geen volgpakket gemaakt", "no follow package made");
pub const NO_REASON: T = T(
    "--deviate vraagt een reden, bijv. --deviate \"eigen beleid: ...\"",
    "--deviate needs a reason, e.g. --deviate \"own policy: ...\"",
);
pub const HOW_TO_FOLLOW: T = T(
    "Volgen: resv follow import BESTAND (of --deviate REDEN).",
    "To follow: resv follow import FILE (or --deviate REASON).",
);
pub const HOW_TO_EXPORT: T = T(
    "Versturen: druk op P (volgpakket exporteren).",
    "To send: press P (export the follow package).",
);

pub fn role(r: &Role, market: &Market, lang: Lang) -> String {
    match r {
        Role::Unknown => T(
            "onbekend: geef --insurer ID of zet insurer_id in het beleid",
            "unknown: pass --insurer ID or set insurer_id in the policy",
        )
        .get(lang)
        .to_string(),
        Role::NoMarketData => T("geen marktgegevens voor deze regio", "no market data for this region")
            .get(lang)
            .to_string(),
        Role::Leader => T("marktleider", "market leader").get(lang).to_string(),
        Role::Follower { leader } => format!(
            "{} {}",
            T("volger van", "follower of").get(lang),
            clean(market.name_of(leader))
        ),
        Role::NoShare { leader } => format!(
            "{} ({}: {})",
            T("geen aandeel in deze regio", "no share in this region").get(lang),
            LEADER.get(lang).to_lowercase(),
            clean(market.name_of(leader))
        ),
    }
}

/// The role in one word or two, for lists.
pub fn role_short(r: &Role) -> T {
    match r {
        Role::Unknown => T("onbekend", "unknown"),
        Role::NoMarketData => T("geen marktgegevens", "no market data"),
        Role::Leader => T("marktleider", "market leader"),
        Role::Follower { .. } => T("volger", "follower"),
        Role::NoShare { .. } => T("geen aandeel", "no share"),
    }
}

/// A count the database may not know (`–`).
pub fn count(v: Option<usize>) -> String {
    v.map_or_else(|| "–".to_string(), |n| n.to_string())
}

pub fn status(s: Status) -> T {
    match s {
        Status::Undecided => T("nog te besluiten", "to decide"),
        Status::PendingApproval => T("wacht op 2e akkoord", "awaiting 2nd approval"),
        Status::Decided { exported: false } => T("besloten, nog niet verstuurd", "decided, not sent yet"),
        Status::Decided { exported: true } => T("besloten en verstuurd", "decided and sent"),
        Status::AwaitingLeader => T("wacht op marktleider", "awaiting market leader"),
        Status::Followed => T("gevolgd", "followed"),
        Status::Deviating => T("wijkt af", "deviates"),
        Status::None => T("—", "—"),
    }
}

/// Amounts per year on one line: `2027 € 1.000,00 · 2028 € 2.000,00`.
pub fn per_year(lang: Lang, amounts: &[YearAmount]) -> String {
    if amounts.is_empty() {
        return "—".to_string();
    }
    amounts
        .iter()
        .map(|a| format!("{} {}", a.year, cents(lang, a.amount)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The reasoning recorded with a follow decision.
pub fn follow_reasoning(p: &FollowPackage, a: &Accepted, market: &Market, lang: Lang) -> String {
    let o = Outcome::from_keyword(&p.decision.outcome).map_or("?", |o| outcome(o).get(lang));
    let (en, nl) = (
        format!(
            "Follows the market leader {} in {} (market leader rule): its decision #{} ({o}) of {} on plan version {}, follow package sha256 {}. Our share {} of the split by market share.",
            market.name_of(&a.leader),
            a.rho_region,
            p.decision.decision_id,
            p.decision.decided_at,
            p.plan.version_no,
            p.digest_sha256,
            percent(lang, a.share_hundredths),
        ),
        format!(
            "Volgt marktleider {} in {} (marktleidersregel): diens besluit #{} ({o}) van {} op planversie {}, volgpakket sha256 {}. Ons aandeel {} van de verdeling naar marktaandeel.",
            market.name_of(&a.leader),
            a.rho_region,
            p.decision.decision_id,
            p.decision.decided_at,
            p.plan.version_no,
            p.digest_sha256,
            percent(lang, a.share_hundredths),
        ),
    );
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

pub fn export_refusal(r: &ExportRefusal, market: &Market, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    match r {
        ExportRefusal::UnknownPlan { plan_id } => super::unknown_plan(plan_id, None, lang),
        ExportRefusal::NoIdentity => T(
            "onbekend voor welke verzekeraar u werkt: geef --insurer ID of zet insurer_id in het beleid",
            "unknown which insurer you work for: pass --insurer ID or set insurer_id in the policy",
        )
        .get(lang)
        .to_string(),
        ExportRefusal::NoMarketData { rho_region } if nl => {
            format!("geen marktgegevens voor regio {} (market.toml)", clean(rho_region))
        }
        ExportRefusal::NoMarketData { rho_region } => {
            format!("no market data for region {} (market.toml)", clean(rho_region))
        }
        ExportRefusal::NotLeader { me, rho_region, leader } if nl => format!(
            "{} is geen marktleider in {}: dat is {}; alleen de marktleider verstuurt een volgpakket",
            clean(market.name_of(me)),
            clean(rho_region),
            clean(market.name_of(leader))
        ),
        ExportRefusal::NotLeader { me, rho_region, leader } => format!(
            "{} does not lead {}: {} does; only the market leader sends a follow package",
            clean(market.name_of(me)),
            clean(rho_region),
            clean(market.name_of(leader))
        ),
        ExportRefusal::NoDecision => T(
            "het plan heeft nog geen besluit; leg eerst een besluit vast (resv decide)",
            "the plan has no decision yet; record one first (resv decide)",
        )
        .get(lang)
        .to_string(),
        ExportRefusal::Pending { decision_id } if nl => format!(
            "besluit #{decision_id} wacht op het akkoord van een tweede inkoper en telt nog niet (resv approve)"
        ),
        ExportRefusal::Pending { decision_id } => {
            format!("decision #{decision_id} awaits a second buyer's approval and does not count yet (resv approve)")
        }
        ExportRefusal::OlderVersion { decided_on, latest } if nl => format!(
            "het besluit gaat over versie {decided_on}, maar het plan staat op versie {latest}; besluit eerst over de nieuwe versie"
        ),
        ExportRefusal::OlderVersion { decided_on, latest } => format!(
            "the decision is on version {decided_on}, but the plan is at version {latest}; decide on the new version first"
        ),
    }
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

pub fn import_refusal(r: &ImportRefusal, market: &Market, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let name = |id: &str| clean(market.name_of(id)).into_owned();
    match r {
        ImportRefusal::Format { format, version } if nl => format!(
            "dit is geen volgpakket dat resv kan lezen (format \"{}\" versie {version}, verwacht \"resv-follow\" versie 1)",
            clean(format)
        ),
        ImportRefusal::Format { format, version } => format!(
            "this is not a follow package resv can read (format \"{}\" version {version}, expected \"resv-follow\" version 1)",
            clean(format)
        ),
        ImportRefusal::Digest { stated, computed } if nl => format!(
            "de inhoud klopt niet met de digest: het pakket is na het versturen gewijzigd of beschadigd (vermeld {}…, berekend {}…); vraag de marktleider om een nieuw pakket",
            clean(short(stated)),
            short(computed)
        ),
        ImportRefusal::Digest { stated, computed } => format!(
            "the content does not match its digest: the package was changed or damaged after export (stated {}…, computed {}…); ask the market leader for a new package",
            clean(short(stated)),
            short(computed)
        ),
        ImportRefusal::NoIdentity => export_refusal(&ExportRefusal::NoIdentity, market, lang),
        ImportRefusal::OwnPackage => T(
            "dit is uw eigen volgpakket; alleen de andere verzekeraars van de regio importeren het",
            "this is your own follow package; only the other insurers of the region import it",
        )
        .get(lang)
        .to_string(),
        ImportRefusal::NoMarketData { rho_region } => export_refusal(
            &ExportRefusal::NoMarketData {
                rho_region: rho_region.clone(),
            },
            market,
            lang,
        ),
        ImportRefusal::NotLeader {
            sender,
            rho_region,
            leader,
        } if nl => format!(
            "de afzender {} is geen marktleider in {}; volgens uw marktgegevens is dat {}",
            name(sender),
            clean(rho_region),
            name(leader)
        ),
        ImportRefusal::NotLeader {
            sender,
            rho_region,
            leader,
        } => format!(
            "the sender {} does not lead {}; by your market data {} does",
            name(sender),
            clean(rho_region),
            name(leader)
        ),
        ImportRefusal::NoShare { me, rho_region } if nl => format!(
            "{} heeft geen aandeel in regio {}; er valt niets te volgen",
            name(me),
            clean(rho_region)
        ),
        ImportRefusal::NoShare { me, rho_region } => format!(
            "{} has no share in region {}; there is nothing to follow",
            name(me),
            clean(rho_region)
        ),
        ImportRefusal::UnknownPlan { plan_id } if nl => format!(
            "plan {} staat niet in uw wachtrij; importeer eerst hetzelfde plan (resv import)",
            clean(plan_id)
        ),
        ImportRefusal::UnknownPlan { plan_id } => format!(
            "plan {} is not in your queue; import the same plan first (resv import)",
            clean(plan_id)
        ),
        ImportRefusal::VersionDiffers { plan_id, theirs, ours } if nl => format!(
            "het pakket gaat over versie {} van {} (sha256 {}…), uw wachtrij heeft versie {} (sha256 {}…); importeer eerst dezelfde versie van het plan",
            theirs.0,
            clean(plan_id),
            clean(short(&theirs.1)),
            ours.0,
            short(&ours.1)
        ),
        ImportRefusal::VersionDiffers { plan_id, theirs, ours } => format!(
            "the package is about version {} of {} (sha256 {}…), your queue has version {} (sha256 {}…); import the same version of the plan first",
            theirs.0,
            clean(plan_id),
            clean(short(&theirs.1)),
            ours.0,
            short(&ours.1)
        ),
        ImportRefusal::RegionDiffers { package, plan } if nl => {
            format!("het pakket noemt regio {}, het plan {}", clean(package), clean(plan))
        }
        ImportRefusal::RegionDiffers { package, plan } => {
            format!("the package names region {}, the plan {}", clean(package), clean(plan))
        }
        ImportRefusal::SplitDiffers { package, ours } if nl => format!(
            "uw aandeel verschilt: volgens het pakket {}, volgens uw marktgegevens {}; stem de marktgegevens (market.toml) af met de marktleider",
            per_year(lang, package),
            per_year(lang, ours)
        ),
        ImportRefusal::SplitDiffers { package, ours } => format!(
            "your share differs: {} by the package, {} by your market data; agree the market data (market.toml) with the market leader",
            per_year(lang, package),
            per_year(lang, ours)
        ),
        ImportRefusal::Inconsistent { what } if nl => {
            format!("het pakket spreekt zichzelf tegen: {}", clean(what))
        }
        ImportRefusal::Inconsistent { what } => format!("the package contradicts itself: {}", clean(what)),
    }
}

/// A package recorded before.
/// A follow package recorded before, as words need it (`app` converts the store's record).
#[derive(Clone, Copy, Debug)]
pub struct AlreadyFacts<'a> {
    pub kind: crate::core::coordination::status::Kind,
    pub plan_id: &'a str,
    pub by: &'a str,
    pub at: Instant,
    /// Set when the package is not newer than the one recorded: that one's sequence number.
    pub newer_sequence: Option<u64>,
}

/// Why a follow package is refused: it, or a newer one, was recorded already.
pub fn already<'a>(a: impl Into<AlreadyFacts<'a>>, lang: Lang) -> String {
    use crate::core::coordination::status::Kind;
    let a = a.into();
    let what = match a.kind {
        Kind::Export => T("verstuurd", "exported"),
        Kind::Follow => T("gevolgd", "followed"),
        Kind::Deviate => T("als afwijking vastgelegd", "recorded as a deviation"),
    };
    let (plan, by, at) = (clean(a.plan_id), clean(a.by), super::local::local_time(lang, a.at));
    let w = what.get(lang);
    match (lang, a.newer_sequence) {
        (Lang::Nl, None) => format!("dit pakket is al {w} voor plan {plan} door {by} op {at}"),
        (Lang::En, None) => format!("this package was already {w} for plan {plan} by {by} at {at}"),
        (Lang::Nl, Some(id)) => format!(
            "een nieuwer pakket van de marktleider (diens volgnummer {id}) is al {w} voor plan {plan} door {by} op {at}; dit pakket is ouder (een herhaald of oud bestand)"
        ),
        (Lang::En, Some(id)) => format!(
            "a newer package of the market leader (its number {id}) was already {w} for plan {plan} by {by} at {at}; this package is older (a replayed or old file)"
        ),
    }
}

pub const RECEIPT_WRITTEN: T = T("ontvangstbevestiging geschreven", "receipt written");
pub const RECEIPT_STORED: T = T("ontvangstbevestiging vastgelegd", "receipt recorded");
pub const RECEIPT_REFUSED: T = T(
    "ontvangstbevestiging geweigerd, niets vastgelegd",
    "receipt refused, nothing recorded",
);
pub const REFUSE_DONE: T = T("geweigerd (met reden vastgelegd)", "refused (recorded with the reason)");

/// A follower's answer in words.
pub fn answer(a: crate::core::coordination::receipt::Answer) -> T {
    use crate::core::coordination::receipt::Answer as A;
    match a {
        A::Followed => T("gevolgd", "followed"),
        A::Deviated => T("gevolgd met afwijking", "followed with deviation"),
        A::Refused => T("geweigerd", "refused"),
    }
}

/// The leader's amounts beside the follower's own assessment.
pub fn comparison(c: &crate::core::coordination::Comparison, lang: Lang) -> String {
    use crate::core::money::Cents;
    let (l, o) = (cents(lang, Cents(c.leader_cents)), cents(lang, Cents(c.own_cents)));
    let d = percent(lang, c.difference_hundredths.min(99_999_900));
    match lang {
        Lang::Nl => format!(
            "marktleider {l} (score {},{}), uw eigen beoordeling {o} te financieren (score {},{}): verschil {d}, drempel {}%",
            c.leader_tenths / 10,
            c.leader_tenths % 10,
            c.own_tenths / 10,
            c.own_tenths % 10,
            c.threshold_percent
        ),
        Lang::En => format!(
            "market leader {l} (score {}.{}), your own assessment {o} fundable (score {}.{}): difference {d}, threshold {}%",
            c.leader_tenths / 10,
            c.leader_tenths % 10,
            c.own_tenths / 10,
            c.own_tenths % 10,
            c.threshold_percent
        ),
    }
}
pub const CONFIRM_HINT: T = T(
    "bevestig met --confirm als u het besluit van de marktleider toch volgt, of wijk af met --deviate",
    "confirm with --confirm if you follow the market leader's decision all the same, or deviate with --deviate",
);

/// One insurer's answer to the leader's latest package, for the leader's overview.
pub fn insurer_answer(a: &crate::core::coordination::receipt::InsurerAnswer, lang: Lang) -> String {
    let name = clean(&a.name);
    let sent = a.sent_at.map(|t| super::local::local_time(lang, t)).unwrap_or_default();
    match (a.answer, lang) {
        (Some(x), _) => format!(
            "{name}: {} {} ({}: {sent}){}",
            answer(x).get(lang),
            a.answered_at
                .map(|t| super::local::local_time(lang, t))
                .unwrap_or_default(),
            T("verstuurd", "sent").get(lang),
            a.reason
                .as_deref()
                .map(|r| format!(": {}", clean(r)))
                .unwrap_or_default()
        ),
        (None, Lang::Nl) => format!(
            "{name}: nog geen antwoord (verstuurd {sent}, {} dagen geleden)",
            a.days_since_sent.unwrap_or(0)
        ),
        (None, Lang::En) => format!(
            "{name}: no answer yet (sent {sent}, {} days ago)",
            a.days_since_sent.unwrap_or(0)
        ),
    }
}

/// An insurer's answer in a table cell: followed with the date, deviated or refused with the
/// reason, or pending with the days since the package was sent.
pub fn answer_short(a: &crate::core::coordination::receipt::InsurerAnswer, lang: Lang) -> String {
    match a.answer {
        Some(x) => {
            let when = a
                .answered_at
                .map(|t| super::fmt::day(lang, super::local::local_date(t)))
                .unwrap_or_default();
            match a.reason.as_deref() {
                Some(r) => format!("{} {}: {}", answer(x).get(lang), when, clean(r)),
                None => format!("{} {}", answer(x).get(lang), when),
            }
        }
        None => match lang {
            Lang::Nl => format!("geen antwoord, {} dagen", a.days_since_sent.unwrap_or(0)),
            Lang::En => format!("no answer, {} days", a.days_since_sent.unwrap_or(0)),
        },
    }
}

/// The regions screen's line on the followers' answers to this leader's packages.
pub fn answers_summary((followed, deviated, pending): (usize, usize, usize), lang: Lang) -> String {
    match lang {
        Lang::Nl => {
            format!("Antwoorden van volgers: {followed} gevolgd · {deviated} afgeweken/geweigerd · {pending} open")
        }
        Lang::En => {
            format!("Followers' answers: {followed} followed · {deviated} deviated/refused · {pending} pending")
        }
    }
}
