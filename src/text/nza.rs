//! Texts of NZa's monitoring: imports, samples and the national picture. Outside text is
//! neutralised here.

use super::{Lang, T};
use crate::core::money::Cents;
use crate::core::nza::Refusal;
use crate::core::nza::report::{Deviation, DeviationKind};
use crate::core::sampling::select::DrawError;
use crate::core::sampling::size::SizeError;
use crate::core::sanitize::clean;

pub const IMPORTED: T = T("Geïmporteerd", "Imported");
pub const TREND: T = T("Per jaar", "Per year");
pub const FRESHNESS: T = T("Laatste export", "Latest export");

/// ` · 28,3% boven het kader (€ 19.810.000)`: how far the envelope is exceeded.
pub fn over_envelope(over_permille: i64, over_cents: i64, lang: Lang) -> String {
    let (pct, eur) = (
        super::fmt::permille(lang, over_permille),
        super::euros(lang, Cents(over_cents)),
    );
    match lang {
        Lang::Nl => format!(" · {pct} boven het kader ({eur})"),
        Lang::En => format!(" · {pct} over the envelope ({eur})"),
    }
}
pub const XLSX_WRITTEN: T = T("spreadsheet geschreven:", "spreadsheet written:");
pub const CONTRACTS: T = T("besluiten", "decisions");
pub const NOTHING_IMPORTED: T = T(
    "Niets geïmporteerd: los de punten hierboven op en importeer alle bestanden opnieuw.",
    "Nothing imported: resolve the points above and import all files again.",
);
pub const NO_POPULATION: T = T(
    "Er zijn geen besluiten van verzekeraars geïmporteerd. Importeer hun exports met `resv nza import BESTAND...`.",
    "No insurers' decisions have been imported. Import their exports with `resv nza import FILE...`.",
);
pub const NO_SAMPLES: T = T(
    "Nog geen steekproeven. Trek er een met `resv sample draw`.",
    "No samples yet. Draw one with `resv sample draw`.",
);
pub const UNKNOWN_SAMPLE: T = T("Onbekende steekproef", "Unknown sample");
pub const SAMPLE_STORED: T = T("Steekproef opgeslagen als nummer", "Sample stored as number");
pub const NOT_STORED: T = T(
    "Niet opgeslagen: de database is alleen-lezen.",
    "Not stored: the database is read-only.",
);
pub const ALL_YEARS: T = T("alle jaren", "all years");
pub const TYPED: T = T("ingevoerd", "typed");
pub const PLANNED: T = T("gepland", "planned");
pub const DRAW_HINT: T = T(
    "Kies met j/k een veld en met ←/→ een waarde; cijfers vervangen omvang en seed. d trekt de steekproef en slaat hem op.",
    "Choose a field with j/k and a value with ←/→; digits replace size and seed. d draws the sample and stores it.",
);
pub const EXPORT_FOLDER: T = T(
    "x exporteert de getrokken steekproef als CSV naar {d}",
    "x exports the drawn sample as CSV to {d}",
);
pub const EXPORTED: T = T("Geëxporteerd naar", "Exported to");
pub const DRAW_FIRST: T = T("Trek eerst een steekproef (d).", "Draw a sample first (d).");
pub const DASHBOARD: T = T("NZa-dashboard", "NZa dashboard");
pub const CTX_SAMPLING: T = T("Steekproef", "Sampling");
pub const K_NZA: T = T(
    "NZa: landelijk beeld en steekproeven",
    "NZa: national picture and samples",
);
pub const K_BREAKDOWN: T = T("uitsplitsing", "breakdown");
pub const K_YEAR: T = T("jaar", "year");
pub const K_SAMPLING: T = T("steekproef", "sampling");
pub const K_CHANGE: T = T("waarde", "value");
pub const K_DIGITS: T = T("omvang of seed typen", "type the size or seed");
pub const K_BACKSPACE: T = T(
    "cijfer wissen (omvang: terug naar gepland)",
    "delete a digit (size: back to planned)",
);
pub const K_DRAW: T = T("trekken", "draw");
pub const K_EXPORT: T = T("CSV-export", "CSV export");
pub const SAMPLE: T = T("Steekproef", "Sample");
pub const SAMPLE_SIZE: T = T("Steekproefomvang", "Sample size");
pub const POPULATION: T = T("Populatie", "Population");
pub const SELECTED: T = T("Geselecteerd", "Selected");
pub const VERIFIED: T = T(
    "Klopt: opnieuw trekken geeft dezelfde steekproef en de populatie is onveranderd.",
    "Verified: drawing again gives the same sample and the population is unchanged.",
);
pub const REDRAW_FAILS: T = T(
    "Opnieuw trekken uit de opgeslagen populatie geeft een andere steekproef.",
    "Drawing again from the stored population gives a different sample.",
);
pub const SNAPSHOT_BROKEN: T = T(
    "De opgeslagen populatie past niet meer bij haar SHA-256.",
    "The stored population no longer matches its SHA-256.",
);
pub const MISSING: T = T("niet meer in de populatie", "no longer in the population");
pub const ADDED: T = T("nieuw in de populatie", "new in the population");
pub const CHANGED: T = T("gewijzigd", "changed");

// The national picture
pub const AUDIT_HEAD: T = T("Audittrail (laatste regel)", "Audit trail (head)");
pub const NATIONAL: T = T("Landelijk beeld", "National picture");
pub const YEAR: T = T("Jaar", "Year");
pub const PAID: T = T("Gecontracteerd", "Contracted");
pub const ENVELOPE: T = T("Kader", "Envelope");
pub const USED: T = T("Benut", "Used");
pub const BY_REGION: T = T("Per RHO-regio", "Per RHO region");
pub const BY_INSURER: T = T("Per verzekeraar", "Per insurer");
pub const BY_TASK: T = T("Per hoofdtaak", "Per main task");
pub const BY_SCENARIO: T = T("Per governancescenario", "Per governance scenario");
pub const OUTCOMES: T = T("Besluiten per uitkomst", "Decisions per outcome");
pub const OUTCOME: T = T("Uitkomst", "Outcome");
pub const DECISIONS: T = T("Besluiten", "Decisions");
pub const PLANS: T = T("Plannen", "Plans");
pub const FLAGS: T = T("Dubbele financiering", "Double funding");
pub const OPEN: T = T("open", "open");
pub const CONFIRMED: T = T("bevestigd", "confirmed");
pub const PLANS_WITH_OPEN: T = T("plannen met open signalen", "plans with open flags");
pub const DEVIATIONS: T = T("Afwijkingen van marktleiders", "Deviations from market leaders");
pub const NO_DEVIATIONS: T = T("Geen afwijkingen.", "No deviations.");
pub const TOTAL: T = T("Totaal", "Total");
pub const PENDING: T = T("wacht op tweede akkoord", "awaiting approval");
pub const AMOUNTS_NOTE: T = T(
    "Bedragen: wat elke geïmporteerde verzekeraar betaalt (een marktleider zijn eigen aandeel), alleen besluiten die geld toezeggen.",
    "Amounts: what each imported insurer pays (a market leader its own share), only decisions that commit money.",
);

/// A main task's short Dutch name (a domain term in both languages).
pub fn main_task(key: &str) -> String {
    let name = match key {
        "1" => "mandaat en vertegenwoordiging",
        "2" => "capaciteit en toegankelijkheid",
        "3" => "zorginhoudelijke afspraken",
        "4" => "hechte wijkverbanden",
        "5" => "faciliteren en ondersteunen",
        _ => return clean(key).into_owned(),
    };
    format!("{key} {name}")
}

/// Why an import is refused, in words.
/// One imported file: `Geïmporteerd: FILE (insurer, 3 besluiten, waarvan 1 vervangend; 2
/// al aanwezig, overgeslagen)`, or that the same file was imported before.
pub fn imported_line(f: &crate::core::nza::history::ImportedSummary, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    if let Some((name, at)) = &f.already_imported {
        return if nl {
            format!(
                "{}: dit bestand is al geïmporteerd op {} (als {}); niets te doen.",
                clean(&f.file),
                super::local::local_time(lang, *at),
                clean(name)
            )
        } else {
            format!(
                "{}: this file was already imported on {} (as {}); nothing to do.",
                clean(&f.file),
                super::local::local_time(lang, *at),
                clean(name)
            )
        };
    }
    let (file, insurer, n) = (clean(&f.file), clean(&f.insurer_id), f.decisions);
    let decisions = super::local::count(lang, n as u64, super::local::DECISION, CONTRACTS);
    let mut line = format!("{}: {file} ({insurer}, {decisions}", IMPORTED.get(lang));
    if f.superseded > 0 {
        line.push_str(&if nl {
            format!(", waarvan {} vervangend", f.superseded)
        } else {
            format!(", {} superseding", f.superseded)
        });
    }
    if f.approved > 0 {
        line.push_str(&if nl {
            format!(", waarvan {} nu met tweede akkoord", f.approved)
        } else {
            format!(", {} approved since", f.approved)
        });
    }
    if f.skipped > 0 {
        line.push_str(&if nl {
            format!("; {} al aanwezig, overgeslagen", f.skipped)
        } else {
            format!("; {} already held, skipped", f.skipped)
        });
    }
    line.push(')');
    line
}

/// `Totaal: 3 besluiten (2 actueel, 1 vervangen)`.
pub fn list_total(total: u64, current: u64, lang: Lang) -> String {
    let old = total.saturating_sub(current);
    match lang {
        Lang::Nl => format!(
            "{}: {total} {} ({current} actueel, {old} vervangen)",
            TOTAL.get(lang),
            CONTRACTS.get(lang)
        ),
        Lang::En => format!(
            "{}: {total} {} ({current} current, {old} superseded)",
            TOTAL.get(lang),
            CONTRACTS.get(lang)
        ),
    }
}

pub fn refusal(r: &Refusal, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    match r {
        Refusal::Twice { file, key, other_file } => {
            if nl {
                format!(
                    "{}: {} staat ook in {}; importeer elke export één keer.",
                    clean(file),
                    clean(key),
                    clean(other_file)
                )
            } else {
                format!(
                    "{}: {} is also in {}; import each export once.",
                    clean(file),
                    clean(key),
                    clean(other_file)
                )
            }
        }
        Refusal::OtherVersion {
            file,
            key,
            held,
            version,
        } => {
            if nl {
                format!(
                    "{}: {} gaat over planversie {}, maar NZa heeft van deze verzekeraar al een besluit over versie {} (besluit {}, uit {}) en dit besluit vervangt dat niet. Strijdige versies: vraag de verzekeraar welke geldt.",
                    clean(file),
                    clean(key),
                    version,
                    held.contract.plan_version,
                    held.contract.decision_id,
                    clean(&held.file_name)
                )
            } else {
                format!(
                    "{}: {} is about plan version {}, but NZa already holds this insurer's decision on version {} (decision {}, from {}), and this decision does not supersede it. Conflicting versions: ask the insurer which one stands.",
                    clean(file),
                    clean(key),
                    version,
                    held.contract.plan_version,
                    held.contract.decision_id,
                    clean(&held.file_name)
                )
            }
        }
        Refusal::OtherDecision {
            file,
            key,
            held,
            decision_id,
        } => {
            if nl {
                format!(
                    "{}: {} bevat besluit {}, maar NZa heeft voor dezelfde planversie al besluit {} (uit {}) en besluit {} vervangt dat niet (geen `supersedes`-keten). Strijdige besluiten: vraag de verzekeraar welk geldt.",
                    clean(file),
                    clean(key),
                    decision_id,
                    held.contract.decision_id,
                    clean(&held.file_name),
                    decision_id
                )
            } else {
                format!(
                    "{}: {} holds decision {}, but NZa already holds decision {} on the same plan version (from {}), and decision {} does not supersede it (no `supersedes` chain). Conflicting decisions: ask the insurer which one stands.",
                    clean(file),
                    clean(key),
                    decision_id,
                    held.contract.decision_id,
                    clean(&held.file_name),
                    decision_id
                )
            }
        }
        Refusal::Altered {
            file,
            key,
            held,
            decision_id,
        } => {
            if nl {
                format!(
                    "{}: {} bevat besluit {} met andere bedragen of een andere uitkomst dan NZa van dat besluit heeft (uit {}). Een besluit verandert niet: het bestand is gewijzigd; vraag de verzekeraar om een nieuwe export.",
                    clean(file),
                    clean(key),
                    decision_id,
                    clean(&held.file_name)
                )
            } else {
                format!(
                    "{}: {} holds decision {} with other amounts or another outcome than NZa holds for that decision (from {}). A decision never changes: the file was altered; ask the insurer for a new export.",
                    clean(file),
                    clean(key),
                    decision_id,
                    clean(&held.file_name)
                )
            }
        }
        Refusal::NationalTotal { file, total_cents } => {
            let limit = crate::core::nza::MAX_NATIONAL_CENTS;
            if nl {
                format!(
                    "{}: met dit bestand betalen alle geïmporteerde besluiten samen {total_cents} cent, meer dan de grens van {limit} cent (€ {}); controleer de bedragen in de export.",
                    clean(file),
                    Cents(limit).fmt_euros('.')
                )
            } else {
                format!(
                    "{}: with this file all imported decisions together pay {total_cents} cents, more than the limit of {limit} cents (EUR {}); check the amounts in the export.",
                    clean(file),
                    Cents(limit).fmt_euros(',')
                )
            }
        }
    }
}

/// Why a sample cannot be drawn, in words.
pub fn draw_error(e: &DrawError, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    match e {
        DrawError::EmptyPopulation => {
            if nl {
                "De populatie is leeg: geen besluiten die geld toezeggen (in dit jaar).".into()
            } else {
                "The population is empty: no decisions that commit money (in this year).".into()
            }
        }
        DrawError::ZeroSize => {
            if nl {
                "De steekproefomvang moet minstens 1 zijn.".into()
            } else {
                "The sample size must be at least 1.".into()
            }
        }
        DrawError::SizeExceedsPopulation { size, population } => {
            if nl {
                format!("Een steekproef van {size} is groter dan de populatie ({population}); onderzoek dan alles.")
            } else {
                format!("A sample of {size} is larger than the population ({population}); examine all of it instead.")
            }
        }
        DrawError::NoAmount => {
            if nl {
                "Monetary-unit sampling vraagt bedragen; de populatie heeft er geen.".into()
            } else {
                "Monetary-unit sampling needs amounts; the population has none.".into()
            }
        }
        DrawError::NegativeAmount { id } => format!("{}: negative amount", clean(id)),
        DrawError::SizeTooLarge { size } => {
            let max = crate::core::sampling::size::MAX_SAMPLE_SIZE;
            if nl {
                format!("Een steekproef van {size} is te groot; verwacht 1 tot {max}.")
            } else {
                format!("A sample of {size} is too large; expected 1 to {max}.")
            }
        }
    }
}

/// Why no sample size can be planned, in words.
pub fn size_error(e: &SizeError, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    match e {
        SizeError::OutOfRange { what, value } if nl => {
            format!("{what} {value}: verwacht een getal tussen 0 en 1, zonder 0 en 1 (bijvoorbeeld 0.95)")
        }
        SizeError::OutOfRange { what, value } => {
            format!("{what} {value}: expected a number strictly between 0 and 1 (e.g. 0.95)")
        }
        SizeError::WholePopulation { population } if nl => format!(
            "een populatie van {population} bevat niet meer toelaatbare afwijkingen dan de steekproef naar verwachting vindt: onderzoek elk contract"
        ),
        SizeError::WholePopulation { population } => format!(
            "a population of {population} holds no more tolerable deviations than the sample is expected to find: examine every contract"
        ),
        SizeError::TooLarge if nl => format!(
            "de steekproef zou groter worden dan {}: verhoog het toelaatbare percentage of de materialiteit",
            crate::core::sampling::size::MAX_SAMPLE_SIZE
        ),
        SizeError::TooLarge => format!(
            "the sample would be larger than {}: raise the tolerable rate or the materiality",
            crate::core::sampling::size::MAX_SAMPLE_SIZE
        ),
        SizeError::Bound { what, value, min, max } if nl => {
            let what = match *what {
                "population" => "populatie",
                "expected" => "verwachte afwijkingen",
                other => other,
            };
            format!("{what} {value}: verwacht {min} tot en met {max}")
        }
        SizeError::Bound { what, value, min, max } => format!("{what} {value}: expected {min} to {max}"),
    }
}

/// An outcome keyword (or `pending`) in words.
pub fn outcome(keyword: &str, lang: Lang) -> String {
    match crate::core::decision::Outcome::from_keyword(keyword) {
        Some(o) => super::decision::outcome(o).get(lang).to_string(),
        None if keyword == "pending" => PENDING.get(lang).to_string(),
        None => clean(keyword).into_owned(),
    }
}

/// One deviation from a market leader in words.
pub fn deviation(d: &Deviation, lang: Lang) -> String {
    let head = format!(
        "{} · {} ({}; {} {})",
        clean(&d.plan_id),
        clean(&d.insurer_id),
        clean(&d.rho_region),
        super::coordination::LEADER.get(lang).to_lowercase(),
        clean(d.leader.as_deref().unwrap_or("-"))
    );
    match &d.kind {
        DeviationKind::Recorded { reason } => format!("{head}: {}", clean(reason.as_deref().unwrap_or("-"))),
        DeviationKind::OtherOutcome {
            own_outcome,
            leader_outcome,
        } => {
            format!(
                "{head}: {} ≠ {}",
                outcome(own_outcome, lang),
                outcome(leader_outcome, lang)
            )
        }
    }
}

/// The double-funding flags of the national picture in one line.
pub fn flag_counts(r: &crate::core::nza::report::Report, lang: Lang) -> String {
    format!(
        "{} {}, {} {} ({} {})",
        r.open_flags,
        OPEN.get(lang),
        r.confirmed_flags,
        CONFIRMED.get(lang),
        r.plans_with_open_flags,
        PLANS_WITH_OPEN.get(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::nza::Refusal;

    #[test]
    fn the_national_bound_is_worded_with_its_cents_and_euros_in_both_languages() {
        let r = Refusal::NationalTotal {
            file: "zk\u{1b}[2J.json".into(),
            total_cents: 1_000_000_000_000_000_001,
        };
        let en = refusal(&r, Lang::En);
        assert!(
            en.contains("more than the limit of 1000000000000000000 cents (EUR 10,000,000,000,000,000)"),
            "{en}"
        );
        assert!(!en.contains('\u{1b}'), "the file name is neutralised: {en}");
        let nl = refusal(&r, Lang::Nl);
        assert!(
            nl.contains("meer dan de grens van 1000000000000000000 cent (€ 10.000.000.000.000.000)"),
            "{nl}"
        );
    }
}
