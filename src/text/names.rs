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
        LegalForm::Stichting => T("stichting", "stichting (foundation)"),
        LegalForm::Cooperatie => T("coöperatie", "coöperatie (cooperative)"),
        LegalForm::Vereniging => T("vereniging", "vereniging (association)"),
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
    match d {
        Discipline::Huisartsenzorg => T("huisartsenzorg", "huisartsenzorg"),
        Discipline::Wijkverpleging => T("wijkverpleging", "wijkverpleging"),
        Discipline::Farmacie => T("farmacie", "farmacie"),
        Discipline::SociaalWerk => T("sociaal werk", "sociaal werk"),
        Discipline::Fysiotherapie => T("fysiotherapie", "fysiotherapie"),
        Discipline::Oefentherapie => T("oefentherapie", "oefentherapie"),
        Discipline::Dietetiek => T("diëtetiek", "diëtetiek"),
        Discipline::Ergotherapie => T("ergotherapie", "ergotherapie"),
        Discipline::Logopedie => T("logopedie", "logopedie"),
        Discipline::SpecialistOuderengeneeskunde => T("specialist ouderengeneeskunde", "specialist ouderengeneeskunde"),
        Discipline::Avg => T("arts verstandelijk gehandicapten", "arts verstandelijk gehandicapten"),
        Discipline::Ggz => T("ggz", "ggz"),
        Discipline::Gemeente => T("gemeente", "gemeente"),
        Discipline::Ziekenhuis => T("ziekenhuis", "ziekenhuis"),
    }
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
    match s {
        Stream::OiHuisartsenzorg => T("O&I huisartsenzorg", "O&I huisartsenzorg (GP care)"),
        Stream::Gez => T("GEZ", "GEZ"),
        Stream::Ketenzorg => T("ketenzorg", "ketenzorg (chronic care)"),
        Stream::Ros => T("ROS", "ROS"),
        Stream::Zonmw => T("ZonMw", "ZonMw"),
        Stream::GemeenteWmo => T("gemeente (Wmo)", "gemeente (Wmo)"),
        Stream::IzaAzwa => T("IZA/AZWA", "IZA/AZWA"),
        Stream::Overig => T("overig", "other"),
    }
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
