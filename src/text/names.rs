//! The names people read for the closed sets of keywords: natures, legal forms, lead roles,
//! disciplines, participation forms, funding streams, coordination records and sampling
//! methods and strata. Keywords are for files and JSON; the user interface shows these.

use super::T;
use crate::core::coordination::status::Kind;
use crate::core::funding::Stream;
use crate::core::nza::StrataBy;
use crate::core::plan::{Discipline, LeadRole, LegalForm, Nature, ParticipationForm};

pub fn nature(n: Nature) -> T {
    match n {
        Nature::Coordinatie => T("coördinatie", "coordination"),
        Nature::Organisatie => T("organisatie", "organisation"),
        Nature::Zorgproductie => T("zorgproductie", "care production"),
    }
}

pub fn legal_form(f: LegalForm) -> T {
    match f {
        LegalForm::Stichting => T(f.name(), "stichting (foundation)"),
        LegalForm::Cooperatie => T(f.name(), "coöperatie (cooperative)"),
        LegalForm::Vereniging => T(f.name(), "vereniging (association)"),
    }
}

pub fn lead_role(r: LeadRole) -> T {
    match r {
        LeadRole::Penvoerder => T("penvoerder", "penvoerder (lead party)"),
        LeadRole::Kassier => T("kassier", "kassier (cashier)"),
    }
}

/// Disciplines are Dutch domain terms in both languages, written as words.
pub fn discipline(d: Discipline) -> T {
    T(d.name(), d.name())
}

pub fn participation_form(f: ParticipationForm) -> T {
    match f {
        ParticipationForm::Panel => T("panel", "panel"),
        ParticipationForm::Adviesraad => T("adviesraad", "adviesraad (advisory board)"),
        ParticipationForm::Zeggenschap => T("zeggenschap", "zeggenschap (a say in decisions)"),
        ParticipationForm::Raadpleging => T("raadpleging", "raadpleging (consultation)"),
        ParticipationForm::Geen => T("geen", "none"),
    }
}

pub fn stream(s: Stream) -> T {
    let en = match s {
        Stream::OiHuisartsenzorg => "O&I huisartsenzorg (GP care)",
        Stream::Ketenzorg => "ketenzorg (chronic care)",
        Stream::Overig => "other",
        s => s.name(),
    };
    T(s.name(), en)
}

pub fn record_kind(k: Kind) -> T {
    match k {
        Kind::Export => T("export", "export"),
        Kind::Follow => T("gevolgd", "followed"),
        Kind::Deviate => T("afgeweken", "deviated"),
    }
}

pub fn strata(s: StrataBy) -> T {
    match s {
        StrataBy::Region => T("regio", "region"),
        StrataBy::Scenario => T("scenario", "scenario"),
        StrataBy::Insurer => T("verzekeraar", "insurer"),
        StrataBy::MainTask => T("hoofdtaak", "main task"),
    }
}

/// A sampling method by its keyword (`random`, `systematic`, `mus`, `stratified`); an
/// unknown keyword is shown as given.
pub fn method(keyword: &str) -> Option<T> {
    Some(match keyword {
        "random" => T("aselect", "random"),
        "systematic" => T("systematisch", "systematic"),
        "mus" => T("MUS (geldsteekproef)", "MUS (monetary unit)"),
        "stratified" => T("gestratificeerd", "stratified"),
        _ => return None,
    })
}

/// A sampling finding by its keyword (`ok`, `deviation`, `audited`); an unknown keyword
/// is shown as given.
pub fn finding(keyword: &str) -> Option<T> {
    Some(match keyword {
        "ok" => T("ok", "ok"),
        "deviation" => T("afwijking", "deviation"),
        "audited" => T("gecontroleerd", "audited"),
        _ => return None,
    })
}

/// A sampling model by its keyword (`binomial`, `poisson`, `hypergeometric`).
pub fn model(keyword: &str) -> Option<T> {
    Some(match keyword {
        "binomial" => T("binomiaal", "binomial"),
        "poisson" => T("Poisson", "Poisson"),
        "hypergeometric" => T("hypergeometrisch", "hypergeometric"),
        _ => return None,
    })
}

/// Whether a stratified sample allocates proportionally or a fixed number per stratum.
pub fn allocation(fixed: bool) -> T {
    if fixed {
        T("vast aantal per stratum", "fixed per stratum")
    } else {
        T("proportioneel", "proportional")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn no_keyword_shows_as_itself_in_dutch_where_it_differs() {
        assert_eq!(nature(Nature::Coordinatie).get(Lang::Nl), "coördinatie");
        assert_eq!(legal_form(LegalForm::Cooperatie).get(Lang::Nl), "coöperatie");
        assert_eq!(stream(Stream::OiHuisartsenzorg).get(Lang::Nl), "O&I huisartsenzorg");
        assert_eq!(discipline(Discipline::SociaalWerk).get(Lang::Nl), "sociaal werk");
        assert_eq!(strata(StrataBy::MainTask).get(Lang::Nl), "hoofdtaak");
        assert_eq!(method("mus").map(|t| t.get(Lang::Nl)), Some("MUS (geldsteekproef)"));
        assert_eq!(method("other"), None);
    }
}
