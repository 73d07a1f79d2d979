//! The national guidance (`config/guidance.toml`): the criteria a plan is assessed on, the
//! five main tasks, and the parameters of the rules (which disciplines must be mandated,
//! how many disciplines a board needs, which kind of activity is not RESV work).

use super::{CheckId, Kind};
use crate::diag::Diagnostic;
use crate::money::Cents;
use crate::plan::{Discipline, Nature};
use crate::reader::{Reader, Table};

/// The guidance format version this build reads.
pub const FORMAT_VERSION: i64 = 1;

/// One criterion as the guidance defines it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriterionDef {
    pub id: CheckId,
    /// Short Dutch title.
    pub title: String,
    /// English title for `--lang en` (the Dutch one when absent).
    pub title_en: Option<String>,
    /// Where the rule comes from, e.g. "ontwerpcriterium 1 (seed 001, §4)".
    pub source: String,
    pub kind: Kind,
}

/// Parameters of the rules, from the criteria tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// Disciplines that must be present and mandated (design criterion 1).
    pub mandated: Vec<Discipline>,
    /// Disciplines that must take part (present) at least.
    pub taking_part: Vec<Discipline>,
    /// Board seats must come from at least this many disciplines (design criterion 2).
    pub board_min_disciplines: u32,
    /// Activity natures that are not RESV work and are excluded from the fundable amount.
    pub excluded_natures: Vec<Nature>,
    /// The national ceiling for RESV funding per year (seed 002: at most EUR 70 million
    /// within the MDZ frame, with measures when it is exceeded).
    pub national_ceiling: Cents,
    /// A plan requesting at least this share of the national ceiling in a year gets a
    /// warning naming the share, in hundredths of a percent (500 = 5%).
    pub ceiling_warn_share: u32,
}

/// The default national ceiling: EUR 70 million a year.
pub const NATIONAL_CEILING: Cents = Cents(7_000_000_000);
/// The default share of the national ceiling that draws a warning: 5% (EUR 3.5 million).
pub const CEILING_WARN_SHARE: u32 = 500;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guidance {
    pub name: String,
    pub version: String,
    /// Titles of main tasks 1-5.
    pub main_tasks: [String; 5],
    /// Every known check, once, in the file's order.
    pub criteria: Vec<CriterionDef>,
    pub params: Params,
}

impl Guidance {
    pub fn criterion(&self, id: CheckId) -> &CriterionDef {
        self.criteria
            .iter()
            .find(|c| c.id == id)
            .expect("a parsed guidance defines every check")
    }
}

/// Reads and validates a guidance file.
pub fn parse_guidance(text: &str) -> Result<Guidance, Vec<Diagnostic>> {
    let mut r = Reader::new(text);
    let Some(doc) = r.parse_document() else {
        return Err(r.diags);
    };
    let mut root = r.root(&doc);
    r.format_version(&mut root, FORMAT_VERSION, "guidance");
    let mut g = Guidance {
        name: String::new(),
        version: String::new(),
        main_tasks: Default::default(),
        criteria: Vec::new(),
        params: Params {
            mandated: Vec::new(),
            taking_part: Vec::new(),
            board_min_disciplines: 3,
            excluded_natures: Vec::new(),
            national_ceiling: NATIONAL_CEILING,
            ceiling_warn_share: CEILING_WARN_SHARE,
        },
    };
    if let Some(mut t) = r.table(&mut root, "guidance", true) {
        g.name = r.text(&mut t, "name");
        g.version = r.text(&mut t, "version");
        r.finish(t);
    }
    read_main_tasks(&mut r, &mut root, &mut g);
    let items = r.array(&mut root, "criteria", true, "[[criteria]] tables");
    let array_at = r.locations.get("criteria").copied();
    for (path, v) in items {
        let Some(mut t) = r.table_value(path, v) else {
            continue;
        };
        if let Some(def) = read_criterion(&mut r, &mut t, &mut g) {
            if g.criteria.iter().any(|c| c.id == def.id) {
                r.error_at_field(
                    &t.child("id"),
                    format!(
                        "found \"{}\" a second time, expected each criterion once",
                        def.id.keyword()
                    ),
                );
            } else {
                g.criteria.push(def);
            }
        }
        r.finish(t);
    }
    if r.diags.is_empty() {
        for id in CheckId::ALL {
            if !g.criteria.iter().any(|c| c.id == *id) {
                let msg = format!(
                    "missing criterion \"{}\"; expected a [[criteria]] table for every check: {}",
                    id.keyword(),
                    CheckId::keywords()
                );
                r.diags.push(diag_at(array_at, "criteria", msg));
            }
        }
    }
    r.finish(root);
    r.into_result().map(|()| g)
}

pub(super) fn diag_at(at: Option<(u32, u32)>, path: &str, message: String) -> Diagnostic {
    Diagnostic {
        line: at.map(|a| a.0),
        column: at.map(|a| a.1),
        path: path.to_string(),
        message,
    }
}

fn read_main_tasks(r: &mut Reader<'_>, root: &mut Table<'_, '_>, g: &mut Guidance) {
    let items = r.array(root, "main_tasks", true, "five [[main_tasks]] tables, numbers 1-5");
    let mut seen = [false; 5];
    for (path, v) in &items {
        let Some(mut t) = r.table_value(path.clone(), v) else {
            continue;
        };
        let number = r.int(&mut t, "number", 1..6, "a main task number 1-5");
        let title = r.text(&mut t, "title");
        if let Some(n) = number {
            let i = n as usize - 1;
            if seen[i] {
                r.error_at_field(
                    &t.child("number"),
                    format!("found main task {n} a second time, expected each of 1-5 once"),
                );
            }
            seen[i] = true;
            g.main_tasks[i] = title;
        }
        r.finish(t);
    }
    if !items.is_empty() && r.diags.is_empty() && seen.iter().any(|s| !s) {
        let missing: Vec<String> = (1..=5).filter(|n| !seen[n - 1]).map(|n| n.to_string()).collect();
        r.error_at_field(
            "main_tasks",
            format!("missing main task(s) {}; expected all five, 1-5", missing.join(", ")),
        );
    }
}

fn read_criterion(r: &mut Reader<'_>, t: &mut Table<'_, '_>, g: &mut Guidance) -> Option<CriterionDef> {
    let id = r.keyword(t, "id", CheckId::from_keyword, &CheckId::keywords());
    let title = r.text(t, "title");
    let title_en = r.text_opt(t, "title_en");
    let source = r.text(t, "source");
    let kind = r.keyword(t, "kind", Kind::from_keyword, &Kind::keywords());
    // A short statement of the rule, for people reading the file; the docs cite it.
    r.text_opt(t, "rule");
    let id = id?;
    match id {
        CheckId::Disciplines => {
            let all = Discipline::keywords();
            g.params.mandated = keyword_list(r, t, "mandated", true, Discipline::from_keyword, &all);
            g.params.taking_part = keyword_list(r, t, "taking_part", false, Discipline::from_keyword, &all);
        }
        CheckId::Board => {
            let what = "a number of disciplines, 1-14";
            if let Some(n) = r.int(t, "min_disciplines", 1..15, what) {
                g.params.board_min_disciplines = n as u32;
            }
        }
        CheckId::Budget => {
            if let Some(c) = r.money_opt(t, "national_ceiling_euros") {
                if c.0 > 0 {
                    g.params.national_ceiling = c;
                } else {
                    let msg = "found 0, expected a positive amount in euros per year";
                    r.error_at_field(&t.child("national_ceiling_euros"), msg);
                }
            }
            let what = "a percentage above 0 and at most 100 (at most 2 decimals)";
            match r.hundredths_opt(t, "ceiling_warning_percent", what) {
                Some(h) if (1..=10_000).contains(&h) => g.params.ceiling_warn_share = h,
                Some(h) => r.error_at_field(
                    &t.child("ceiling_warning_percent"),
                    format!("found {}.{:02}, expected {what}", h / 100, h % 100),
                ),
                None => {}
            }
        }
        CheckId::CoordinationOnly => {
            g.params.excluded_natures = keyword_list(
                r,
                t,
                "excluded_natures",
                true,
                Nature::from_keyword,
                &Nature::keywords(),
            );
        }
        _ => {}
    }
    Some(CriterionDef {
        id,
        title,
        title_en,
        source,
        kind: kind?,
    })
}

/// An array of keywords, each once (required: at least one).
pub(super) fn keyword_list<K: PartialEq + Copy>(
    r: &mut Reader<'_>,
    t: &mut Table<'_, '_>,
    key: &'static str,
    required: bool,
    parse: fn(&str) -> Option<K>,
    all: &str,
) -> Vec<K> {
    let mut out = Vec::new();
    for (path, v) in r.array(t, key, required, &format!("an array of: {all}")) {
        if let Some(k) = r.keyword_value(&path, v, parse, all) {
            if out.contains(&k) {
                r.error(Some(v.span()), &path, "found a value a second time, expected each once");
            } else {
                out.push(k);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_guidance_parses() {
        let g = parse_guidance(crate::rules::shipped::GUIDANCE).unwrap_or_else(|d| panic!("{d:#?}"));
        assert_eq!(g.criteria.len(), CheckId::ALL.len());
        assert!(g.params.mandated.contains(&Discipline::Huisartsenzorg));
        assert_eq!(g.params.excluded_natures, vec![Nature::Zorgproductie]);
    }
}
