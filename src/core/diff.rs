//! What changed between two versions of a plan, for a buyer reviewing a resubmission.
//!
//! [`diff`] is generic: both plans are serialised and walked as JSON, so a field added to the
//! plan model later is covered without touching this module. Activities are matched by id,
//! budget years are compared on the amount requested from insurers, and everything else is
//! reported per leaf as a dotted path (`region.inhabitants`, `contact.email`,
//! `disciplines[fysiotherapie].practices_joined`, `kpis[0].target`) with plainly rendered
//! values: strings without quotes, lists joined with ", ", money (`*_cents` keys) as `€ 1.234,50`.
//! Values are raw plan text: display code still passes them through [`super::sanitize`].

use super::money::Cents;
use super::plan::{Activity, BudgetYear, Plan};
use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// All differences between two versions of a plan; empty when nothing changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PlanDiff {
    /// Changed plan fields, in document order (activities and budget are not included).
    pub fields: Vec<FieldChange>,
    /// Changed, added (in the new plan's order) and then removed activities (in the old order).
    pub activities: Vec<ActivityChange>,
    /// Contract years whose requested amount differs, ascending.
    pub budget: Vec<YearChange>,
}

/// One changed leaf value; `None` means absent (or empty) in that version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActivityChangeKind {
    Added,
    Removed,
    /// The activity's changed fields, paths relative to the activity (`executor.name`).
    Changed(Vec<FieldChange>),
}

/// An activity that was added, removed or changed; the title is the newest one available.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActivityChange {
    pub id: String,
    pub title: String,
    pub kind: ActivityChangeKind,
    pub old_annual_cost: Option<Cents>,
    pub new_annual_cost: Option<Cents>,
}

/// The amount requested from insurers in one contract year ([`BudgetYear::requested`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearChange {
    pub year: u16,
    pub old_requested: Option<Cents>,
    pub new_requested: Option<Cents>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// Number of changes: one per field, per activity (however many of its fields changed)
    /// and per budget year.
    pub fn count(&self) -> usize {
        self.fields.len() + self.activities.len() + self.budget.len()
    }
}

/// What changed from `old` to `new`. The plan `id` is not compared.
pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    let (o, n) = (to_node(old), to_node(new));
    let mut fields = Vec::new();
    walk_fields(
        "",
        entries(Some(&o)),
        entries(Some(&n)),
        &["id", "activities", "budget"],
        &mut fields,
    );
    PlanDiff {
        fields,
        activities: diff_activities(&old.activities, &new.activities),
        budget: diff_budget(&old.budget, &new.budget),
    }
}

fn diff_activities(old: &[Activity], new: &[Activity]) -> Vec<ActivityChange> {
    let change = |a: &Activity, kind, old_annual_cost, new_annual_cost| ActivityChange {
        id: a.id.clone(),
        title: a.title.clone(),
        kind,
        old_annual_cost,
        new_annual_cost,
    };
    let mut used = vec![false; old.len()];
    let mut out = Vec::new();
    for a in new {
        match (0..old.len()).find(|&i| !used[i] && old[i].id == a.id) {
            Some(i) => {
                used[i] = true;
                let mut fields = Vec::new();
                let (o, n) = (to_node(&old[i]), to_node(a));
                walk_fields("", entries(Some(&o)), entries(Some(&n)), &["id"], &mut fields);
                if !fields.is_empty() {
                    let kind = ActivityChangeKind::Changed(fields);
                    out.push(change(a, kind, Some(old[i].annual_cost), Some(a.annual_cost)));
                }
            }
            None => out.push(change(a, ActivityChangeKind::Added, None, Some(a.annual_cost))),
        }
    }
    for (o, _) in old.iter().zip(&used).filter(|(_, used)| !**used) {
        out.push(change(o, ActivityChangeKind::Removed, Some(o.annual_cost), None));
    }
    out
}

fn diff_budget(old: &[BudgetYear], new: &[BudgetYear]) -> Vec<YearChange> {
    let mut years: Vec<u16> = old.iter().chain(new).map(|b| b.year).collect();
    years.sort_unstable();
    years.dedup();
    let requested = |budget: &[BudgetYear], year| budget.iter().find(|b| b.year == year).map(BudgetYear::requested);
    years
        .into_iter()
        .map(|year| YearChange {
            year,
            old_requested: requested(old, year),
            new_requested: requested(new, year),
        })
        .filter(|c| c.old_requested != c.new_requested)
        .collect()
}

/// A serialised value with object keys in document order. (`serde_json::Value` sorts keys
/// unless serde_json's `preserve_order` feature is on, which this crate does not enable.)
#[derive(Debug, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

fn to_node<T: Serialize>(value: &T) -> Node {
    let text = serde_json::to_string(value).expect("plan values serialise to JSON");
    serde_json::from_str(&text).expect("serde_json reads its own output")
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Obj(entries))
    }
}

fn entries(node: Option<&Node>) -> &[(String, Node)] {
    match node {
        Some(Node::Obj(entries)) => entries,
        _ => &[],
    }
}

fn items(node: Option<&Node>) -> &[Node] {
    match node {
        Some(Node::Arr(items)) => items,
        _ => &[],
    }
}

fn get<'a>(entries: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Walks two objects' entries: keys of `new` in order, then keys only in `old`.
fn walk_fields(path: &str, old: &[(String, Node)], new: &[(String, Node)], skip: &[&str], out: &mut Vec<FieldChange>) {
    let only_old = old.iter().filter(|(k, _)| get(new, k).is_none());
    for (key, _) in new.iter().chain(only_old) {
        if skip.contains(&key.as_str()) {
            continue;
        }
        let money = key.strip_suffix("_cents");
        let name = money.unwrap_or(key);
        let child = if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        walk(&child, get(old, key), get(new, key), money.is_some(), out);
    }
}

fn walk(path: &str, old: Option<&Node>, new: Option<&Node>, money: bool, out: &mut Vec<FieldChange>) {
    let old = old.filter(|n| **n != Node::Null);
    let new = new.filter(|n| **n != Node::Null);
    let is_obj = |n: Option<&Node>| matches!(n, Some(Node::Obj(_)));
    let structured = |n: Option<&Node>| items(n).iter().any(|i| matches!(i, Node::Obj(_) | Node::Arr(_)));
    if is_obj(old) || is_obj(new) {
        walk_fields(path, entries(old), entries(new), &[], out);
    } else if structured(old) || structured(new) {
        walk_array(path, items(old), items(new), out);
    } else {
        let (old, new) = (old.and_then(|n| render(n, money)), new.and_then(|n| render(n, money)));
        if old != new {
            out.push(FieldChange {
                field: path.to_owned(),
                old,
                new,
            });
        }
    }
}

/// Arrays of objects: matched by a natural key (`name[key]`) where there is one, else by
/// position (`name[0]`).
fn walk_array(path: &str, old: &[Node], new: &[Node], out: &mut Vec<FieldChange>) {
    let Some(key) = natural_key(old, new) else {
        for i in 0..old.len().max(new.len()) {
            walk(&format!("{path}[{i}]"), old.get(i), new.get(i), false, out);
        }
        return;
    };
    let key_of = |n: &Node| match get(entries(Some(n)), key) {
        Some(Node::Str(s)) => s.clone(),
        _ => String::new(),
    };
    let new_keys: Vec<String> = new.iter().map(key_of).collect();
    for (n, k) in new.iter().zip(&new_keys) {
        walk(
            &format!("{path}[{k}]"),
            old.iter().find(|o| key_of(o) == *k),
            Some(n),
            false,
            out,
        );
    }
    for o in old {
        let k = key_of(o);
        if !new_keys.contains(&k) {
            walk(&format!("{path}[{k}]"), Some(o), None, false, out);
        }
    }
}

/// `id` or `kind`, when every element on both sides has it as a string, unique per side.
fn natural_key(old: &[Node], new: &[Node]) -> Option<&'static str> {
    ["id", "kind"].into_iter().find(|key| {
        [old, new].iter().all(|side| {
            let mut keys = Vec::new();
            side.iter().all(|n| match get(entries(Some(n)), key) {
                Some(Node::Str(s)) if !keys.contains(&s) => {
                    keys.push(s);
                    true
                }
                _ => false,
            })
        })
    })
}

fn render(node: &Node, money: bool) -> Option<String> {
    match node {
        Node::Null | Node::Obj(_) => None,
        Node::Bool(b) => Some(b.to_string()),
        Node::Num(n) => match n.parse::<i64>() {
            Ok(cents) if money => Some(format!("€ {}", Cents(cents).fmt_exact('.', ','))),
            _ => Some(n.clone()),
        },
        Node::Str(s) => Some(s.clone()),
        Node::Arr(items) => {
            let parts: Vec<String> = items.iter().filter_map(|i| render(i, money)).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Date, Organisation};

    fn sample() -> Plan {
        crate::parse::parse_plan(include_str!("../../sample-plans/utrecht-stad.toml")).expect("sample parses")
    }

    fn ch(field: &str, old: Option<&str>, new: Option<&str>) -> FieldChange {
        let (old, new) = (old.map(Into::into), new.map(Into::into));
        FieldChange {
            field: field.into(),
            old,
            new,
        }
    }

    fn act(id: &str, title: &str, kind: ActivityChangeKind, old: Option<i64>, new: Option<i64>) -> ActivityChange {
        let (old_annual_cost, new_annual_cost) = (old.map(Cents), new.map(Cents));
        ActivityChange {
            id: id.into(),
            title: title.into(),
            kind,
            old_annual_cost,
            new_annual_cost,
        }
    }

    #[test]
    fn same_plan_and_reordered_activities_are_no_change() {
        let plan = sample();
        assert!(diff(&plan, &plan).is_empty());
        let mut swapped = plan.clone();
        swapped.activities.reverse();
        let d = diff(&plan, &swapped);
        assert_eq!(d, PlanDiff::default());
        assert_eq!(d.count(), 0);
    }

    #[test]
    fn reports_fields_activities_and_budget() {
        let old = sample();
        let mut new = old.clone();
        new.version = "1.1".into();
        new.region.inhabitants = 380_000;
        new.contact.phone = None;
        new.region.municipalities.push("Nieuwegein".into());
        new.disciplines[4].practices_joined = 70;
        new.kpis[4].target = "400 deelnemers per jaar".into();
        let a2 = &mut new.activities[1];
        a2.annual_cost = Cents::from_euros(195_000);
        a2.end = Date::new(2029, 6, 30).unwrap();
        a2.disciplines.pop();
        a2.executor = Organisation {
            name: "Huisartsen Utrecht Stad (HUS)".into(),
            agb: Some("53012345".into()),
            kvk: Some("30123456".into()),
        };
        let mut a6 = new.activities[4].clone();
        (a6.id, a6.title, a6.annual_cost) = ("A6".into(), "Digitale samenwerking".into(), Cents(4_250_050));
        new.activities.push(a6);
        new.activities.remove(3); // A4
        new.budget[1].total = Cents::from_euros(680_000);

        let d = diff(&old, &new);
        let fields = vec![
            ch("version", Some("1.0"), Some("1.1")),
            ch("contact.phone", Some("030-0000000"), None),
            ch("region.municipalities", Some("Utrecht"), Some("Utrecht, Nieuwegein")),
            ch("region.inhabitants", Some("375000"), Some("380000")),
            ch("disciplines[fysiotherapie].practices_joined", Some("61"), Some("70")),
            ch(
                "kpis[4].target",
                Some("300 deelnemers per jaar"),
                Some("400 deelnemers per jaar"),
            ),
        ];
        assert_eq!(d.fields, fields);
        let a2_fields = vec![
            ch(
                "disciplines",
                Some("huisartsenzorg, wijkverpleging, farmacie"),
                Some("huisartsenzorg, wijkverpleging"),
            ),
            ch(
                "executor.name",
                Some("RESV Utrecht Stad"),
                Some("Huisartsen Utrecht Stad (HUS)"),
            ),
            ch("executor.agb", None, Some("53012345")),
            ch("end", Some("2028-12-31"), Some("2029-06-30")),
            ch("annual_cost", Some("€ 180.000,00"), Some("€ 195.000,00")),
        ];
        let activities = vec![
            act(
                "A2",
                "Regionaal capaciteitsbeeld en actieplan",
                ActivityChangeKind::Changed(a2_fields),
                Some(18_000_000),
                Some(19_500_000),
            ),
            act(
                "A6",
                "Digitale samenwerking",
                ActivityChangeKind::Added,
                None,
                Some(4_250_050),
            ),
            act(
                "A4",
                "Ondersteuning hechte wijkverbanden",
                ActivityChangeKind::Removed,
                Some(21_000_000),
                None,
            ),
        ];
        assert_eq!(d.activities, activities);
        let (old_requested, new_requested) = (Some(Cents::from_euros(615_000)), Some(Cents::from_euros(630_000)));
        assert_eq!(
            d.budget,
            vec![YearChange {
                year: 2028,
                old_requested,
                new_requested
            }]
        );
        assert_eq!(d.count(), 10);
        assert!(!d.is_empty());
    }

    #[test]
    fn keyed_elements_and_budget_years_added_or_removed() {
        let old = sample();
        let mut new = old.clone();
        new.disciplines.remove(0); // huisartsenzorg
        new.budget.remove(0);
        new.budget[0].co_funding[0].source = "Gemeente Utrecht".into(); // requested unchanged
        let d = diff(&old, &new);
        let names: Vec<&str> = d.fields.iter().map(|f| f.field.as_str()).collect();
        let leaves = [
            "kind",
            "organisation.name",
            "organisation.agb",
            "organisation.kvk",
            "mandated",
            "practices_in_region",
            "practices_joined",
            "board_seat",
        ];
        let expected = leaves.map(|l| format!("disciplines[huisartsenzorg].{l}"));
        assert_eq!(names, expected);
        assert!(d.fields.iter().all(|f| f.old.is_some() && f.new.is_none()));
        assert_eq!(d.fields[7].old.as_deref(), Some("true"));
        let old_requested = Some(Cents::from_euros(585_000));
        assert_eq!(
            d.budget,
            vec![YearChange {
                year: 2027,
                old_requested,
                new_requested: None
            }]
        );
    }
}
