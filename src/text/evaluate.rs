//! Texts of a sample's evaluation and its findings (issue 19): the limits, the conclusion in
//! words, and the refusals of `sample record` and `sample evaluate`.

use super::fmt::{euros, percent};
use super::{Lang, T};
use crate::core::money::Cents;
use crate::core::sampling::evaluate::{EvalError, Evaluation, MAX_TAINTS};
use crate::core::sanitize::clean;

pub const K_ITEM_NEXT: T = T("volgend item van de steekproef", "next item of the sample");
pub const K_ITEM_PREV: T = T("vorig item van de steekproef", "previous item of the sample");
pub const K_MARK_OK: T = T("item in orde (bevinding)", "item in order (finding)");
pub const K_MARK_DEVIATION: T = T("item wijkt af (bevinding)", "item deviates (finding)");
pub const OPEN: T = T("open", "open");
pub const MUS_IN_CLI: T = T(
    "Een gecontroleerd bedrag legt u vast met `resv sample record ID ITEM --audited EUR`.",
    "Record an audited amount with `resv sample record ID ITEM --audited EUR`.",
);
pub const NOT_STORED_NO_FINDINGS: T = T(
    "Deze steekproef is niet opgeslagen: er zijn geen bevindingen bij vast te leggen.",
    "This sample is not stored: no findings can be recorded on it.",
);
pub const FINDING_STORED: T = T("Bevinding vastgelegd als nummer", "Finding recorded as number");
pub const PARTIAL: T = T(
    "VOORLOPIG: alleen de onderzochte items zijn geëvalueerd",
    "PARTIAL: only the examined items are evaluated",
);
pub const PER_STRATUM: T = T(
    "een gestratificeerde steekproef wordt per stratum geëvalueerd",
    "a stratified sample is evaluated stratum by stratum",
);
pub const NO_CONFIDENCE: T = T(
    "de steekproef legt geen betrouwbaarheid vast (de omvang is direct opgegeven): geef --confidence (bijvoorbeeld 0.95)",
    "the sample records no confidence (its size was given directly): give --confidence (e.g. 0.95)",
);
pub const CALC_NEEDS: T = T(
    "de rekenmodus vraagt --n N en --confidence C, met --deviations K (--model) of --taints T1,T2 (--method stringer); of geef een steekproefnummer",
    "the calculator needs --n N and --confidence C, with --deviations K (--model) or --taints T1,T2 (--method stringer); or give a sample number",
);
pub const CALC_WITH_SAMPLE: T = T(
    "--n, --deviations, --taints, --population en --book-value horen bij de rekenmodus, niet bij een opgeslagen steekproef",
    "--n, --deviations, --taints, --population and --book-value belong to the calculator, not to a stored sample",
);

/// `N van M items zijn nog open; niets geëvalueerd`.
pub fn open_items(open: usize, items: usize, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!(
            "{open} van {items} items hebben nog geen bevinding; niets geëvalueerd (leg ze vast met `resv sample record`, of evalueer voorlopig met --partial)"
        ),
        Lang::En => format!(
            "{open} of {items} items have no finding yet; nothing evaluated (record them with `resv sample record`, or evaluate provisionally with --partial)"
        ),
    }
}

pub fn unknown_item(item: &str, sample: i64, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!(
            "item {:?} zit niet in steekproef {sample} (zie `resv sample show {sample}`)",
            clean(item)
        ),
        Lang::En => format!(
            "item {:?} is not in sample {sample} (see `resv sample show {sample}`)",
            clean(item)
        ),
    }
}

pub fn not_owner(sample: i64, owner: &str, user: &str, lang: Lang) -> String {
    let (owner, user) = (clean(owner), clean(user));
    match lang {
        Lang::Nl => format!(
            "steekproef {sample} is getrokken door {owner}; alleen {owner} legt er bevindingen bij vast (u bent {user})"
        ),
        Lang::En => format!("sample {sample} was drawn by {owner}; only {owner} records its findings (you are {user})"),
    }
}

pub const MUS_NEEDS_AMOUNT: T = T(
    "bij een steekproef op geldeenheden (mus) legt u het gecontroleerde bedrag vast: --audited EUR (of --ok als het klopt)",
    "a monetary-unit sample (mus) records the audited amount: --audited EUR (or --ok when it is right)",
);
pub const ATTRIBUTE_NO_AMOUNT: T = T(
    "bij een steekproef op kenmerken legt u --ok of --deviation vast, geen bedrag",
    "an attribute sample records --ok or --deviation, not an amount",
);

/// Why the numbers cannot be evaluated, naming the option and the range.
pub fn eval_error(e: &EvalError, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    match e {
        EvalError::Confidence(c) if nl => {
            format!("--confidence {c}: verwacht een getal tussen 0 en 1, zonder 0 en 1 (bijvoorbeeld 0.95)")
        }
        EvalError::Confidence(c) => format!("--confidence {c}: expected a number strictly between 0 and 1 (e.g. 0.95)"),
        EvalError::Bound { what, value, min, max } => {
            let flag = match *what {
                "deviations" => "--deviations",
                "population" => "--population",
                "taints" => "--taints",
                _ => "--n",
            };
            if nl {
                format!("{flag} {value}: verwacht {min} tot en met {max}")
            } else {
                format!("{flag} {value}: expected {min} to {max}")
            }
        }
        EvalError::Taint { position, value } if nl => {
            format!("--taints, waarde {position} ({value}): verwacht een getal van -1 tot en met 1")
        }
        EvalError::Taint { position, value } => {
            format!("--taints, value {position} ({value}): expected a number from -1 to 1")
        }
    }
}

/// Why a `--taints` list cannot be read: the position and the text found.
pub fn taint_text(position: usize, found: &str, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!(
            "--taints, waarde {position} ({:?}): verwacht getallen met een punt, gescheiden door komma's (bijvoorbeeld 0.25,1,0.5), hoogstens {MAX_TAINTS}",
            clean(found)
        ),
        Lang::En => format!(
            "--taints, value {position} ({:?}): expected numbers with a decimal point, separated by commas (e.g. 0.25,1,0.5), at most {MAX_TAINTS}",
            clean(found)
        ),
    }
}

/// A rate as a percentage to two decimals (`5,00%`); never capped.
pub fn rate(lang: Lang, r: f64) -> String {
    percent(lang, (r.max(0.0) * 10_000.0).round().min(u64::MAX as f64) as u64)
}

fn confidence(lang: Lang, c: f64) -> String {
    rate(lang, c)
}

/// The evaluation as lines for a person: what was evaluated, the limits, the conclusion.
pub fn describe(e: &Evaluation, lang: Lang) -> Vec<String> {
    let nl = lang == Lang::Nl;
    let mut out = Vec::new();
    if e.partial {
        out.push(PARTIAL.get(lang).to_string());
    }
    if let (Some(items), Some(open)) = (e.items, e.open_items) {
        out.push(if nl {
            format!("Items: {items}, waarvan {open} nog open")
        } else {
            format!("Items: {items}, of which {open} still open")
        });
    }
    let c = confidence(lang, e.confidence);
    match e.kind {
        "attribute" => {
            let k = e.deviations.unwrap_or(0);
            out.push(if nl {
                format!(
                    "Model: {} · n = {} · afwijkingen: {k} · betrouwbaarheid {c}",
                    e.model, e.n
                )
            } else {
                format!("Model: {} · n = {} · deviations: {k} · confidence {c}", e.model, e.n)
            });
            let label = T("Bovengrens afwijkingspercentage", "Upper limit of the deviation rate").get(lang);
            out.push(format!("{label}: {}", rate(lang, e.upper_bound)));
            if let (Some(items), Some(pop)) = (e.upper_items, e.population) {
                let label = T("Bovengrens afwijkende contracten", "Upper limit of deviating contracts").get(lang);
                out.push(format!("{label}: {items} / {pop}"));
            }
        }
        _ => {
            let m = e.deviations.unwrap_or(0);
            out.push(if nl {
                format!(
                    "Methode: Stringer · n = {} · overschattingen: {m} · betrouwbaarheid {c}",
                    e.n
                )
            } else {
                format!("Method: Stringer · n = {} · overstatements: {m} · confidence {c}", e.n)
            });
            let (ub, ml) = (rate(lang, e.upper_bound), rate(lang, e.most_likely.unwrap_or(0.0)));
            let money = |x: Option<i64>| x.map_or(String::new(), |c| format!(" ({})", euros(lang, Cents(c))));
            out.push(format!(
                "{}: {ub}{}",
                T("Bovengrens afwijking (Stringer)", "Upper misstatement limit (Stringer)").get(lang),
                money(e.upper_bound_cents)
            ));
            out.push(format!(
                "{}: {ml}{}",
                T("Meest waarschijnlijke afwijking", "Most likely misstatement").get(lang),
                money(e.most_likely_cents)
            ));
        }
    }
    if e.exceeds_one {
        out.push(
            T(
                "Let op: de bovengrens ligt boven 100%; de Poisson-benadering houdt hier geen stand (gebruik binomial of hypergeometric)",
                "Note: the upper limit is above 100%; the Poisson approximation does not hold here (use binomial or hypergeometric)",
            )
            .get(lang)
            .to_string(),
        );
    }
    out.push(conclusion(e, lang));
    out
}

/// The conclusion in words against the tolerable rate or the materiality.
pub fn conclusion(e: &Evaluation, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let c = confidence(lang, e.confidence);
    let partial = if e.partial {
        T(" (voorlopig)", " (provisional)").get(lang)
    } else {
        ""
    };
    let (limit, what_nl, what_en) = match (e.materiality_cents, e.tolerable_rate) {
        (Some(m), _) if e.kind == "mus" => (
            euros(lang, Cents(m)),
            "de afwijking in de populatie",
            "the misstatement in the population",
        ),
        (_, Some(t)) if e.kind == "mus" => (
            rate(lang, t),
            "de afwijking in de populatie",
            "the misstatement in the population",
        ),
        (_, Some(t)) => (
            rate(lang, t),
            "het afwijkingspercentage in de populatie",
            "the deviation rate in the population",
        ),
        _ => {
            return T(
                "Conclusie: geen toelaatbaar percentage of materialiteit om mee te vergelijken (geef --tolerable-rate of --materiality)",
                "Conclusion: no tolerable rate or materiality to compare with (give --tolerable-rate or --materiality)",
            )
            .get(lang)
            .to_string();
        }
    };
    match (e.concluded, nl) {
        (Some(true), true) => format!("Conclusie{partial}: {what_nl} ligt met {c} betrouwbaarheid onder {limit}."),
        (Some(true), false) => format!("Conclusion{partial}: {what_en} is below {limit} with {c} confidence."),
        (_, true) => format!(
            "Conclusie{partial}: niet te concluderen dat {what_nl} met {c} betrouwbaarheid onder {limit} ligt: de bovengrens is niet lager."
        ),
        (_, false) => format!(
            "Conclusion{partial}: it cannot be concluded that {what_en} is below {limit} with {c} confidence: the upper limit is not lower."
        ),
    }
}

/// After a finding: `Nog open: 3 van 60 items`.
pub fn open_items_left(open: usize, items: usize, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("Nog open: {open} van {items} items"),
        Lang::En => format!("Still open: {open} of {items} items"),
    }
}

/// `Stratum Utrecht Stad (12 contracten)`.
pub fn stratum_heading(key: &str, population: u64, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("Stratum {} ({population} contracten)", clean(key)),
        Lang::En => format!("Stratum {} ({population} contracts)", clean(key)),
    }
}

/// The strata combined: the weighted upper limit at its joint (Bonferroni) confidence, and
/// the conclusion against the tolerable rate; or that no combination can be given.
pub fn combined(ub: Option<(f64, f64)>, tolerable: Option<f64>, partial: bool, lang: Lang) -> Vec<String> {
    let nl = lang == Lang::Nl;
    let Some((ub, joint)) = ub else {
        return vec![
            T(
                "Gecombineerd: geen bovengrens te geven (te veel strata voor deze betrouwbaarheid, of geen onderzochte items).",
                "Combined: no upper limit can be given (too many strata for this confidence, or no examined items).",
            )
            .get(lang)
            .to_string(),
        ];
    };
    let (r, c) = (rate(lang, ub), rate(lang, joint));
    let mut out = vec![if nl {
        format!("Gecombineerd (gewogen per stratum, Bonferroni): bovengrens {r} met ten minste {c} betrouwbaarheid")
    } else {
        format!("Combined (weighted by stratum, Bonferroni): upper limit {r} with at least {c} confidence")
    }];
    let e = Evaluation {
        sample_id: None,
        kind: "attribute",
        model: "",
        confidence: joint,
        n: 0,
        deviations: None,
        taints: None,
        population: None,
        upper_bound: ub,
        upper_items: None,
        most_likely: None,
        exceeds_one: false,
        book_value_cents: None,
        upper_bound_cents: None,
        most_likely_cents: None,
        tolerable_rate: tolerable,
        materiality_cents: None,
        concluded: tolerable.map(|t| ub < t),
        items: None,
        open_items: None,
        partial,
    };
    out.push(conclusion(&e, lang));
    out
}
