//! A plan as an Excel workbook: the template regions fill in (`resv template plan`), a
//! stored plan exported (`resv export plan ID -o FILE.xlsx`), and the workbook read back
//! with the same model and checks as a TOML plan file.
//!
//! The layout is data ([`SHEETS`]): seven sheets, a header row, one column per field of the
//! plan format, keyed by the field's TOML path. The writer fills a column from the plan's
//! TOML document at that path; the reader turns each cell back into the TOML value a
//! person would have typed and lets [`crate::core::parse::parse_plan`] check the result,
//! so both formats share one model, one validation and one set of messages.

use crate::core::plan::{Discipline, Funder, LeadRole, LegalForm, Nature, ParticipationForm, Scenario};

mod cells;
mod read;
mod write;

pub use read::{MAX_CELLS, MAX_DATA_ROWS, plan_from_workbook, read_plan_workbook};
pub use write::{export_workbook, template_workbook};

/// What a column holds and how a typed cell becomes a TOML value.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Text,
    /// A whole number within [min, max] (Excel validates the range too).
    Int(i32, i32),
    /// Euros: a number cell or Dutch text (`€ 1.234.567,89`), read by the one amount parser.
    Amount,
    /// Full-time equivalents, at most two decimals (`0,8` or a number cell).
    Fte,
    /// A date cell or `dd-mm-jjjj` text.
    Date,
    /// `ja` or `nee`.
    Bool,
    /// One keyword of a closed list (a drop-down in Excel).
    Keyword(fn() -> Vec<&'static str>),
    /// 8 digits as text (AGB code, KvK number).
    Digits,
    /// Contract years separated by commas.
    Years,
    /// Keywords separated by commas.
    Keywords(fn() -> Vec<&'static str>),
    /// One name per row, from row 2 down.
    Names,
}

/// One column: its Dutch header, the TOML key it fills and the input message Excel shows.
#[derive(Clone, Copy, Debug)]
pub struct Col {
    pub header: &'static str,
    /// The key: absolute (`plan.contact.name`) on a one-record sheet, relative to the
    /// element (`executor.name`) on a sheet of rows.
    pub key: &'static str,
    pub kind: Kind,
    pub help: &'static str,
}

/// How a sheet's rows map to the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One record in row 2 (a list column may go down).
    One,
    /// One element of the array per filled row.
    Rows(&'static str),
    /// `[[budget]]`: a row with a year starts a budget year; co-funding in that row and the
    /// rows below it belongs to it.
    Budget,
}

#[derive(Clone, Copy, Debug)]
pub struct SheetDef {
    pub name: &'static str,
    pub shape: Shape,
    pub cols: &'static [Col],
    /// Tables written only when one of their cells is filled.
    pub optional_tables: &'static [&'static str],
}

fn kw<K: Copy>(all: &'static [K], f: fn(K) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|k| f(*k)).collect()
}
fn scenarios() -> Vec<&'static str> {
    kw(Scenario::ALL, Scenario::keyword)
}
fn legal_forms() -> Vec<&'static str> {
    kw(LegalForm::ALL, LegalForm::keyword)
}
fn lead_roles() -> Vec<&'static str> {
    kw(LeadRole::ALL, LeadRole::keyword)
}
fn participation_forms() -> Vec<&'static str> {
    kw(ParticipationForm::ALL, ParticipationForm::keyword)
}
fn disciplines() -> Vec<&'static str> {
    kw(Discipline::ALL, Discipline::keyword)
}
fn natures() -> Vec<&'static str> {
    kw(Nature::ALL, Nature::keyword)
}
fn funders() -> Vec<&'static str> {
    kw(Funder::ALL, Funder::keyword)
}

const fn col(header: &'static str, key: &'static str, kind: Kind, help: &'static str) -> Col {
    Col {
        header,
        key,
        kind,
        help,
    }
}

const TEXT: Kind = Kind::Text;

/// The seven sheets of a plan workbook, in order.
pub const SHEETS: &[SheetDef] = &[
    SheetDef {
        name: "Plan",
        shape: Shape::One,
        optional_tables: &[],
        cols: &[
            col(
                "Plan-id",
                "plan.id",
                TEXT,
                "Verplicht. De identiteit van het plan over versies heen: letters, cijfers, -, _ en ., hoogstens 64 tekens, bijv. RESV-UTR-2027. Opnieuw inlezen met dezelfde id geeft een nieuwe versie.",
            ),
            col(
                "Versie",
                "plan.version",
                TEXT,
                "Verplicht. Het eigen versielabel van de regio, bijv. 1.0.",
            ),
            col(
                "Ingediend op",
                "plan.submitted",
                Kind::Date,
                "Verplicht. De datum van indiening: een datumcel of dd-mm-jjjj.",
            ),
            col(
                "Contractjaren",
                "plan.contract_years",
                Kind::Years,
                "Verplicht. De jaren waarvoor het plan contractering vraagt, elk vanaf 2027 en elk één keer, gescheiden door komma's, bijv. 2027, 2028. Elk jaar heeft een regel op het blad Begroting.",
            ),
            col(
                "Contactpersoon",
                "plan.contact.name",
                TEXT,
                "Verplicht. Naam van de contactpersoon.",
            ),
            col(
                "E-mail",
                "plan.contact.email",
                TEXT,
                "Verplicht. E-mailadres van de contactpersoon (met @).",
            ),
            col(
                "Telefoon",
                "plan.contact.phone",
                TEXT,
                "Niet verplicht. Telefoonnummer van de contactpersoon.",
            ),
            col(
                "Regioplan",
                "agenda.regioplan",
                TEXT,
                "Verplicht. Het regioplan (IZA/AZWA-regiotafel) dat het plan uitvoert.",
            ),
            col(
                "Verwijzing regioplan",
                "agenda.reference",
                TEXT,
                "Niet verplicht. De actielijn of het hoofdstuk waarnaar het plan verwijst.",
            ),
            col(
                "Sociaal domein",
                "agenda.social_domain",
                TEXT,
                "Niet verplicht. De afspraken met de gemeenten over sociaal werk en de financiering ervan, of waarom er geen gemeentelijke cofinanciering is.",
            ),
        ],
    },
    SheetDef {
        name: "RESV en bestuur",
        shape: Shape::One,
        optional_tables: &["resv.lead_party"],
        cols: &[
            col("Naam RESV", "resv.name", TEXT, "Verplicht. De naam van het RESV."),
            col(
                "Governance-scenario",
                "resv.scenario",
                Kind::Keyword(scenarios),
                "Verplicht. licht-netwerk (netwerk of convenant, geen rechtspersoon), groeimodel (samenwerkingsovereenkomst met penvoerder of kassier) of rechtspersoon (contracteert zelf).",
            ),
            col(
                "Rechtsvorm",
                "resv.legal_form",
                Kind::Keyword(legal_forms),
                "Niet verplicht. Voor een RESV dat zelf rechtspersoon is: stichting, cooperatie of vereniging.",
            ),
            col(
                "KvK-nummer RESV",
                "resv.kvk",
                Kind::Digits,
                "Niet verplicht. Het eigen KvK-nummer van het RESV als rechtspersoon: precies 8 cijfers.",
            ),
            col(
                "Rol penvoerder/kassier",
                "resv.lead_party.role",
                Kind::Keyword(lead_roles),
                "Verplicht bij een penvoerder of kassier: penvoerder (beheert de overeenkomst) of kassier (ontvangt het geld en geeft het door).",
            ),
            col(
                "Naam penvoerder/kassier",
                "resv.lead_party.name",
                TEXT,
                "Verplicht bij een penvoerder of kassier: de partnerorganisatie die namens het RESV contracteert, bijv. de RHO.",
            ),
            col(
                "AGB penvoerder/kassier",
                "resv.lead_party.agb",
                Kind::Digits,
                "Niet verplicht. AGB-code (Vektis): precies 8 cijfers.",
            ),
            col(
                "KvK penvoerder/kassier",
                "resv.lead_party.kvk",
                Kind::Digits,
                "Niet verplicht. KvK-nummer: precies 8 cijfers.",
            ),
            col(
                "Participatievorm",
                "participation.form",
                Kind::Keyword(participation_forms),
                "Verplicht. Hoe burgers en patiënten meedoen: panel, adviesraad, zeggenschap, raadpleging of geen.",
            ),
            col(
                "Participatie: hoe het werkt",
                "participation.description",
                TEXT,
                "Verplicht. Hoe de participatie werkt.",
            ),
        ],
    },
    SheetDef {
        name: "Regio en gemeenten",
        shape: Shape::One,
        optional_tables: &[],
        cols: &[
            col(
                "Naam gebied",
                "region.name",
                TEXT,
                "Verplicht. Het werkgebied van het RESV.",
            ),
            col(
                "RHO-regio",
                "region.rho_region",
                TEXT,
                "Verplicht. De RHO-regio (regionale huisartsenorganisatie) waarop het gebied is gebaseerd, zoals genoemd in config/rho-regions.toml.",
            ),
            col(
                "Inwoners",
                "region.inhabitants",
                Kind::Int(1, 99_999_999),
                "Verplicht. Aantal inwoners: een geheel getal van 1 tot 99.999.999.",
            ),
            col(
                "Toelichting afwijking",
                "region.justification",
                TEXT,
                "Niet verplicht. Waarom het gebied afwijkt van (groter is dan) de RHO-regio.",
            ),
            col(
                "Gemeenten",
                "region.municipalities",
                Kind::Names,
                "Verplicht. De gemeenten van het gebied, één per rij vanaf rij 2.",
            ),
        ],
    },
    SheetDef {
        name: "Disciplines",
        shape: Shape::Rows("disciplines"),
        optional_tables: &[],
        cols: &[
            col(
                "Discipline",
                "kind",
                Kind::Keyword(disciplines),
                "Verplicht. De discipline aan de RESV-tafel; elke discipline één keer.",
            ),
            col(
                "Organisatie",
                "organisation.name",
                TEXT,
                "Verplicht. Het orgaan dat de discipline in de regio vertegenwoordigt.",
            ),
            col(
                "AGB organisatie",
                "organisation.agb",
                Kind::Digits,
                "Niet verplicht. AGB-code (Vektis): precies 8 cijfers.",
            ),
            col(
                "KvK organisatie",
                "organisation.kvk",
                Kind::Digits,
                "Niet verplicht. KvK-nummer: precies 8 cijfers.",
            ),
            col(
                "Gemandateerd",
                "mandated",
                Kind::Bool,
                "Verplicht. ja of nee: mag de organisatie afspraken maken namens de aangesloten praktijken?",
            ),
            col(
                "Praktijken in regio",
                "practices_in_region",
                Kind::Int(0, 999_999),
                "Verplicht. Praktijken (of organisaties) van deze discipline in de regio: 0 of meer.",
            ),
            col(
                "Praktijken aangesloten",
                "practices_joined",
                Kind::Int(0, 999_999),
                "Verplicht. Hoeveel daarvan zijn aangesloten; hoogstens het aantal in de regio.",
            ),
            col(
                "Bestuurszetel",
                "board_seat",
                Kind::Bool,
                "Verplicht. ja of nee: heeft de discipline een zetel in het bestuur?",
            ),
        ],
    },
    SheetDef {
        name: "Activiteiten",
        shape: Shape::Rows("activities"),
        optional_tables: &["exception"],
        cols: &[
            col("Id", "id", TEXT, "Verplicht. Uniek binnen het plan, bijv. A1."),
            col("Titel", "title", TEXT, "Verplicht. De titel van de activiteit."),
            col(
                "Omschrijving",
                "description",
                TEXT,
                "Verplicht. Wat de activiteit inhoudt.",
            ),
            col(
                "Aard",
                "nature",
                Kind::Keyword(natures),
                "Verplicht. coordinatie, organisatie of zorgproductie (zorg zelf; alleen met een verklaarde uitzondering).",
            ),
            col(
                "Hoofdtaak",
                "main_task",
                Kind::Int(1, 5),
                "Verplicht. De hoofdtaak 1 tot en met 5.",
            ),
            col(
                "Disciplines",
                "disciplines",
                Kind::Keywords(disciplines),
                "Verplicht. De betrokken disciplines, gescheiden door komma's, bijv. huisartsenzorg, wijkverpleging.",
            ),
            col(
                "Uitvoerder",
                "executor.name",
                TEXT,
                "Verplicht. Wie de activiteit uitvoert.",
            ),
            col(
                "AGB uitvoerder",
                "executor.agb",
                Kind::Digits,
                "Niet verplicht. AGB-code (Vektis): precies 8 cijfers.",
            ),
            col(
                "KvK uitvoerder",
                "executor.kvk",
                Kind::Digits,
                "Niet verplicht. KvK-nummer: precies 8 cijfers.",
            ),
            col(
                "Start",
                "start",
                Kind::Date,
                "Verplicht. Eerste dag: een datumcel of dd-mm-jjjj.",
            ),
            col(
                "Einde",
                "end",
                Kind::Date,
                "Verplicht. Laatste dag, op of na de start: een datumcel of dd-mm-jjjj.",
            ),
            col(
                "Jaarkosten",
                "annual_cost",
                Kind::Amount,
                "Verplicht. Kosten voor een volledig jaar in euro's, niet negatief, hoogstens 2 decimalen, bijv. € 95.000 of 95000,50.",
            ),
            col(
                "Fte",
                "fte",
                Kind::Fte,
                "Verplicht. Personeel in fte, niet negatief, hoogstens 2 decimalen, bijv. 0,8.",
            ),
            col(
                "Regionale agenda",
                "agenda_link",
                Kind::Bool,
                "Niet verplicht (standaard nee). ja of nee: voert de activiteit een deel van de regionale agenda uit?",
            ),
            col(
                "Overhead",
                "overhead",
                Kind::Bool,
                "Niet verplicht (standaard nee). ja of nee: eigen bestuur, programmabureau en administratie van het RESV.",
            ),
            col(
                "Uitzondering zorgproductie",
                "exception.justification",
                TEXT,
                "Alleen bij aard zorgproductie: waarom aanbieders en verzekeraars meerwaarde zien en hoe gelijke toegang tot zorg blijft.",
            ),
        ],
    },
    SheetDef {
        name: "Begroting",
        shape: Shape::Budget,
        optional_tables: &[],
        cols: &[
            col(
                "Jaar",
                "year",
                Kind::Int(2027, 2100),
                "Een contractjaar vanaf 2027; elk jaar één keer. Een rij met een jaar begint dat begrotingsjaar.",
            ),
            col(
                "Totaal",
                "total",
                Kind::Amount,
                "Verplicht bij een jaar. De kosten van alle activiteiten in dat jaar (jaarkosten naar rato van de maanden), tot op € 1 nauwkeurig.",
            ),
            col(
                "Cofinancier",
                "co_funding.source",
                TEXT,
                "Niet verplicht. Wie meebetaalt, bijv. Gemeente Utrecht; in de rij van het jaar of de rijen eronder.",
            ),
            col(
                "Soort cofinancier",
                "co_funding.funder",
                Kind::Keyword(funders),
                "Niet verplicht. gemeente, provincie, zonmw, zorgaanbieders of overig.",
            ),
            col(
                "Bedrag cofinanciering",
                "co_funding.amount",
                Kind::Amount,
                "Verplicht bij een cofinancier. Het bedrag in euro's; samen hoogstens het totaal van het jaar.",
            ),
        ],
    },
    SheetDef {
        name: "KPI's",
        shape: Shape::Rows("kpis"),
        optional_tables: &[],
        cols: &[
            col(
                "Hoofdtaak",
                "main_task",
                Kind::Int(1, 5),
                "Verplicht. De hoofdtaak 1 tot en met 5 waarbij de indicator hoort.",
            ),
            col("Indicator", "name", TEXT, "Verplicht. De naam van de indicator."),
            col(
                "Streefwaarde",
                "target",
                TEXT,
                "Verplicht. Het doel, bijv. 12 wijken met maandelijks MDO.",
            ),
        ],
    },
];

/// The cell of a field on a one-record sheet (`plan.id` → `Plan!A2`).
pub fn cell_of(key: &str) -> Option<String> {
    SHEETS.iter().filter(|s| s.shape == Shape::One).find_map(|s| {
        let col = s.cols.iter().position(|c| c.key == key)?;
        Some(format!("{}!{}2", s.name, letter(col)))
    })
}

/// Spreadsheet column letters: 0 → A.
pub fn letter(col: usize) -> String {
    crate::io::registry_files::column_letter(col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_fields_have_a_cell() {
        assert_eq!(cell_of("plan.id").as_deref(), Some("Plan!A2"));
        assert_eq!(cell_of("region.inhabitants").as_deref(), Some("Regio en gemeenten!C2"));
        assert_eq!(cell_of("id"), None);
    }

    #[test]
    fn titles_and_messages_fit_excel() {
        for s in SHEETS {
            assert!(s.name.chars().count() <= 31);
            for c in s.cols {
                assert!(c.header.chars().count() <= 32, "{}", c.header);
                assert!(
                    c.help.chars().count() <= 255,
                    "{}: {}",
                    c.header,
                    c.help.chars().count()
                );
            }
        }
    }
}
