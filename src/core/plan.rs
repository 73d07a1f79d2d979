//! The RESV plan model: what a region submits, as typed values.
//!
//! The file format is described in `docs/plan-format.md`; [`crate::parse`] turns a
//! TOML file into a [`Plan`] with every problem reported at once.

use super::money::Cents;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (no time zone), ordered, shown as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date of the years 0 to 9999 (the range of `YYYY-MM-DD`); the calendar is
    /// jiff's.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let year = i16::try_from(year).ok()?;
        jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?)
            .ok()
            .and_then(Date::from_civil)
    }

    /// Strict: only `YYYY-MM-DD`, the form resv writes.
    pub fn parse(text: &str) -> Option<Date> {
        let mut it = text.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if it.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The same date as jiff's value, for calendar arithmetic.
    pub fn civil(self) -> jiff::civil::Date {
        // Every `Date` was made through `new` or `from_civil`, so this cannot fail.
        jiff::civil::Date::new(self.year as i16, self.month as i8, self.day as i8).unwrap_or(jiff::civil::Date::ZERO)
    }

    /// jiff's date as a `Date`; `None` before the year 0.
    pub fn from_civil(d: jiff::civil::Date) -> Option<Date> {
        Some(Date {
            year: u16::try_from(d.year()).ok()?,
            month: d.month() as u8,
            day: d.day() as u8,
        })
    }

    /// Months counted from year 0, for month arithmetic.
    pub fn month_index(self) -> i32 {
        self.year as i32 * 12 + self.month as i32 - 1
    }

    /// Days since 1970-01-01 (negative before), for day arithmetic.
    pub fn days_since_epoch(self) -> i64 {
        self.days_until(EPOCH).map_or(0, |d| -d)
    }

    /// Days from `self` to `later` (negative when it is earlier).
    pub fn days_until(self, later: Date) -> Option<i64> {
        let span = self.civil().until((jiff::Unit::Day, later.civil())).ok()?;
        Some(i64::from(span.get_days()))
    }

    /// The date `days` after 1970-01-01 (before it, when negative): the inverse of
    /// [`Date::days_since_epoch`]. `None` outside the years 0 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let span = jiff::Span::new().try_days(days).ok()?;
        EPOCH.civil().checked_add(span).ok().and_then(Date::from_civil)
    }
}

/// 1970-01-01, where day counts start.
const EPOCH: Date = Date {
    year: 1970,
    month: 1,
    day: 1,
};

/// A month index ([`Date::month_index`]) as `YYYY-MM`.
pub fn month_label(index: i32) -> String {
    match Date::new(index.div_euclid(12) as u16, index.rem_euclid(12) as u8 + 1, 1) {
        Some(d) => d.civil().strftime("%Y-%m").to_string(),
        None => index.to_string(),
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // jiff writes YYYY-MM-DD (four digits from the year 0 to 9999).
        write!(f, "{}", self.civil())
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("invalid date {s:?}")))
    }
}

/// Declares a closed set of file keywords: the enum, its keyword table and lookups.
macro_rules! keywords {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $kw:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $kw)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The keyword used in plan files and JSON.
            pub fn keyword(self) -> &'static str {
                match self { $($name::$variant => $kw),+ }
            }
            pub fn from_keyword(text: &str) -> Option<$name> {
                match text { $($kw => Some($name::$variant),)+ _ => None }
            }
            /// All keywords, for "expected one of" messages.
            pub fn keywords() -> String {
                [$($kw),+].join(", ")
            }
        }
    };
}

pub(crate) use keywords;

keywords! {
    /// Governance scenario (seed 004).
    Scenario {
        LightNetwork = "licht-netwerk",
        GrowthModel = "groeimodel",
        LegalEntity = "rechtspersoon",
    }
}

keywords! {
    /// Legal form of an RESV that is its own legal entity.
    LegalForm {
        Stichting = "stichting",
        Cooperatie = "cooperatie",
        Vereniging = "vereniging",
    }
}

keywords! {
    /// The role a partner plays when the RESV is not a legal entity itself.
    LeadRole {
        Penvoerder = "penvoerder",
        Kassier = "kassier",
    }
}

keywords! {
    /// Disciplines and parties that take part in the RESV or its activities.
    Discipline {
        Huisartsenzorg = "huisartsenzorg",
        Wijkverpleging = "wijkverpleging",
        Farmacie = "farmacie",
        SociaalWerk = "sociaal-werk",
        Fysiotherapie = "fysiotherapie",
        Oefentherapie = "oefentherapie",
        Dietetiek = "dietetiek",
        Ergotherapie = "ergotherapie",
        Logopedie = "logopedie",
        SpecialistOuderengeneeskunde = "specialist-ouderengeneeskunde",
        Avg = "avg",
        Ggz = "ggz",
        Gemeente = "gemeente",
        Ziekenhuis = "ziekenhuis",
    }
}

impl LegalForm {
    /// The legal form as Dutch writes it (`coöperatie`), a domain term in both languages.
    pub fn name(self) -> &'static str {
        match self {
            LegalForm::Stichting => "stichting",
            LegalForm::Cooperatie => "coöperatie",
            LegalForm::Vereniging => "vereniging",
        }
    }
}

impl Discipline {
    /// The discipline as a word (`sociaal werk`), a domain term in both languages.
    pub fn name(self) -> &'static str {
        match self {
            Discipline::SociaalWerk => "sociaal werk",
            Discipline::Dietetiek => "diëtetiek",
            Discipline::SpecialistOuderengeneeskunde => "specialist ouderengeneeskunde",
            Discipline::Avg => "arts verstandelijk gehandicapten",
            d => d.keyword(),
        }
    }
}

keywords! {
    /// What an activity is paid for: only coordination and organisation are RESV work.
    Nature {
        Coordinatie = "coordinatie",
        Organisatie = "organisatie",
        Zorgproductie = "zorgproductie",
    }
}

keywords! {
    /// Who co-funds part of a budget year.
    Funder {
        Gemeente = "gemeente",
        Provincie = "provincie",
        Zonmw = "zonmw",
        Zorgaanbieders = "zorgaanbieders",
        Overig = "overig",
    }
}

keywords! {
    /// Form of citizen/patient participation (design criterion 5).
    ParticipationForm {
        Panel = "panel",
        Adviesraad = "adviesraad",
        Zeggenschap = "zeggenschap",
        Raadpleging = "raadpleging",
        Geen = "geen",
    }
}

/// An organisation as named in a plan, with its identifiers where given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub agb: Option<String>,
    pub kvk: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// The partner that contracts on behalf of an RESV that is not a legal entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadParty {
    pub role: LeadRole,
    pub organisation: Organisation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resv {
    pub name: String,
    pub scenario: Scenario,
    pub legal_form: Option<LegalForm>,
    pub kvk: Option<String>,
    pub lead_party: Option<LeadParty>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub name: String,
    /// The RHO region (regional GP organisation) the RESV area is based on.
    pub rho_region: String,
    pub municipalities: Vec<String>,
    pub inhabitants: u64,
    /// Why the area deviates from (is larger than) the RHO region, where it does.
    #[serde(default)]
    pub justification: Option<String>,
}

/// A discipline at the RESV table and how well it is organised in the region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineSeat {
    pub kind: Discipline,
    pub organisation: Organisation,
    pub mandated: bool,
    pub practices_in_region: u32,
    pub practices_joined: u32,
    pub board_seat: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub form: ParticipationForm,
    pub description: String,
}

/// The regional agenda the plan builds on (regioplan, IZA/AZWA table).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    pub regioplan: String,
    pub reference: Option<String>,
    /// Agreements with the municipalities on social work and its funding, or why there is
    /// no municipal co-funding.
    #[serde(default)]
    pub social_domain: Option<String>,
}

/// A declared main-contractor exception for care (hoofdaannemerschap).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareException {
    pub justification: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub title: String,
    pub description: String,
    /// RESV main task (hoofdtaak) 1-5.
    pub main_task: u8,
    pub nature: Nature,
    pub disciplines: Vec<Discipline>,
    pub executor: Organisation,
    pub start: Date,
    pub end: Date,
    #[serde(rename = "annual_cost_cents")]
    pub annual_cost: Cents,
    /// Staff in full-time equivalents, in hundredths (1.25 FTE = 125).
    pub fte_hundredths: u32,
    /// Whether the activity carries out part of the regional agenda.
    pub agenda_link: bool,
    pub exception: Option<CareException>,
    /// The RESV's own board, programme office and administration (organisation overhead).
    #[serde(default)]
    pub overhead: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoFunding {
    pub source: String,
    /// The kind of co-funder, where the plan says.
    #[serde(default)]
    pub funder: Option<Funder>,
    #[serde(rename = "amount_cents")]
    pub amount: Cents,
}

/// One year of the budget: total cost, co-funding, and (derived) what insurers are asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetYear {
    pub year: u16,
    #[serde(rename = "total_cents")]
    pub total: Cents,
    pub co_funding: Vec<CoFunding>,
}

impl BudgetYear {
    pub fn co_funded(&self) -> Cents {
        self.co_funding.iter().map(|c| c.amount).sum()
    }
    /// The amount requested from the health insurers for this year.
    pub fn requested(&self) -> Cents {
        self.total - self.co_funded()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kpi {
    pub main_task: u8,
    pub name: String,
    pub target: String,
}

/// A whole RESV plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id: String,
    pub version: String,
    pub submitted: Date,
    pub contract_years: Vec<u16>,
    pub contact: Contact,
    pub resv: Resv,
    pub region: Region,
    pub disciplines: Vec<DisciplineSeat>,
    pub participation: Participation,
    pub agenda: Agenda,
    pub activities: Vec<Activity>,
    pub budget: Vec<BudgetYear>,
    pub kpis: Vec<Kpi>,
}

impl Plan {
    /// The mean amount requested from insurers per contract year (the queue's figure).
    pub fn requested_per_year(&self) -> Cents {
        if self.budget.is_empty() {
            return Cents::ZERO;
        }
        let sum: Cents = self.budget.iter().map(BudgetYear::requested).sum();
        Cents(sum.0 / self.budget.len() as i64)
    }

    pub fn activity_cost_in_year(&self, year: u16) -> Cents {
        self.activities.iter().map(|a| a.cost_in_year(year)).sum()
    }

    /// Budget (activity cost) per main task 1..=5, averaged over the contract years.
    pub fn cost_per_main_task(&self) -> [Cents; 5] {
        let mut out = [Cents::ZERO; 5];
        let years = self.contract_years.len().max(1) as i64;
        for a in &self.activities {
            if (1..=5).contains(&a.main_task) {
                let total: Cents = self.contract_years.iter().map(|&y| a.cost_in_year(y)).sum();
                out[a.main_task as usize - 1] += Cents(total.0 / years);
            }
        }
        out
    }
}

/// The months [first, last] (month indexes) that two periods both touch, if any (a started
/// month counts whole).
pub fn common_months(a: (Date, Date), b: (Date, Date)) -> Option<(i32, i32)> {
    let from = a.0.month_index().max(b.0.month_index());
    let to = a.1.month_index().min(b.1.month_index());
    (from <= to).then_some((from, to))
}

/// How many months of `year` the month span [first, last] (month indexes) covers.
pub fn months_in_year(span: (i32, i32), year: u16) -> u32 {
    let first = (year as i32) * 12;
    (span.1.min(first + 11) - span.0.max(first) + 1).max(0) as u32
}

/// An annual amount pro rata `months` of twelve, rounded to the cent.
pub fn pro_rata(annual: Cents, months: u32) -> Cents {
    let cents = (annual.0 as i128 * months as i128 + 6) / 12;
    Cents(cents.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
}

impl Activity {
    /// Months of `year` in which the activity runs (a started month counts whole).
    pub fn months_in_year(&self, year: u16) -> u32 {
        if self.end < self.start {
            return 0;
        }
        months_in_year((self.start.month_index(), self.end.month_index()), year)
    }

    /// Cost in a year: the annual cost pro rata the months it runs that year.
    pub fn cost_in_year(&self, year: u16) -> Cents {
        pro_rata(self.annual_cost, self.months_in_year(year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_validate() {
        assert_eq!(Date::parse("2027-02-28"), Date::new(2027, 2, 28));
        assert_eq!(Date::parse("2027-02-29"), None);
        assert!(Date::parse("2028-02-29").is_some());
        assert_eq!(Date::parse("2027-1-01"), None);
        assert_eq!(Date::parse("+202-01-01"), None);
        assert_eq!(Date::parse("2027-+1-01"), None);
        assert_eq!(
            Date::new(2027, 3, 1).unwrap().civil().strftime("%Y-%m-%d").to_string(),
            "2027-03-01"
        );
        assert_eq!(
            Date::new(2027, 1, 30)
                .unwrap()
                .days_until(Date::new(2027, 3, 1).unwrap()),
            Some(30)
        );
        assert_eq!(month_label(2027 * 12 + 1), "2027-02");
        assert_eq!(Date::new(0, 1, 1).unwrap().to_string(), "0000-01-01");
        assert_eq!(Date::new(999, 12, 31).unwrap().to_string(), "0999-12-31");
        assert_eq!(Date::new(9999, 2, 3).unwrap().to_string(), "9999-02-03");
        assert!(Date::new(2027, 1, 1) < Date::new(2027, 1, 2));
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(Date::new(2026, 11, 22).unwrap().days_since_epoch(), 20_779);
    }

    #[test]
    fn days_since_epoch_round_trips() {
        let epoch = Date::new(1970, 1, 1).unwrap();
        assert_eq!(Date::from_days_since_epoch(0), Some(epoch));
        assert_eq!(Date::from_days_since_epoch(-1), Date::new(1969, 12, 31));
        // Excel's day 0: its serial numbers count from here.
        assert_eq!(Date::from_days_since_epoch(-25_569), Date::new(1899, 12, 30));
        assert_eq!(Date::new(1899, 12, 30).unwrap().days_since_epoch(), -25_569);
        // Leap days: every fourth year, not 1900 or 2100, but 2000.
        assert_eq!(Date::from_days_since_epoch(11_016), Date::new(2000, 2, 29));
        assert_eq!(Date::from_days_since_epoch(-25_508), Date::new(1900, 3, 1));
        assert_eq!(Date::new(1900, 2, 28).unwrap().days_since_epoch(), -25_509);
        let mar_2100 = Date::new(2100, 3, 1).unwrap().days_since_epoch();
        assert_eq!(Date::from_days_since_epoch(mar_2100 - 1), Date::new(2100, 2, 28));
        assert_eq!(Date::from_days_since_epoch(20_779), Date::new(2026, 11, 22));
        // Every 7th day from year 0 to 9999 there and back; every day of 1896 to 2104, one
        // day after the other.
        let first = Date::new(0, 1, 1).unwrap().days_since_epoch();
        let last = Date::new(9999, 12, 31).unwrap().days_since_epoch();
        for days in (first..=last).step_by(7).chain([last]) {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        let mut previous = None::<Date>;
        let from = Date::new(1896, 1, 1).unwrap().days_since_epoch();
        for days in from..=Date::new(2104, 12, 31).unwrap().days_since_epoch() {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days, "{date}");
            if let Some(p) = previous {
                let next = Date::new(p.year, p.month, p.day + 1)
                    .or(Date::new(p.year, p.month + 1, 1))
                    .or(Date::new(p.year + 1, 1, 1));
                assert_eq!(Some(date), next);
            }
            previous = Some(date);
        }
        assert_eq!(Date::from_days_since_epoch(first - 1), None);
        assert_eq!(Date::from_days_since_epoch(last + 1), None);
        assert_eq!(Date::new(10_000, 1, 1), None);
        assert_eq!(Date::new(2027, 2, 0), None);
        assert_eq!(Date::new(2027, 13, 1), None);
    }

    #[test]
    fn keywords_round_trip() {
        for s in Scenario::ALL {
            assert_eq!(Scenario::from_keyword(s.keyword()), Some(*s));
        }
        assert_eq!(Discipline::from_keyword("sociaal-werk"), Some(Discipline::SociaalWerk));
        assert_eq!(Discipline::from_keyword("Sociaal werk"), None);
    }

    #[test]
    fn cost_is_pro_rata_by_month() {
        let mut a = Activity {
            id: "A1".into(),
            title: String::new(),
            description: String::new(),
            main_task: 2,
            nature: Nature::Coordinatie,
            disciplines: vec![],
            executor: Organisation {
                name: "X".into(),
                agb: None,
                kvk: None,
            },
            start: Date::new(2027, 7, 1).unwrap(),
            end: Date::new(2028, 12, 31).unwrap(),
            annual_cost: Cents::from_euros(120_000),
            fte_hundredths: 100,
            agenda_link: true,
            exception: None,
            overhead: false,
        };
        assert_eq!(a.months_in_year(2027), 6);
        assert_eq!(a.cost_in_year(2027), Cents::from_euros(60_000));
        assert_eq!(a.cost_in_year(2028), Cents::from_euros(120_000));
        assert_eq!(a.cost_in_year(2029), Cents::ZERO);
        a.end = Date::new(2027, 6, 30).unwrap();
        assert_eq!(a.months_in_year(2027), 0);
    }
}
