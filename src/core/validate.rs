//! Checks across fields of a plan: unique ids, periods, budget consistency.
//!
//! Value-level checks happen while reading ([`super::parse`]). These need several fields at
//! once, and look only at list elements that were read without a problem, so an error is
//! never repeated as a knock-on error and every path is the element's index in the file.

use super::money::Cents;
use super::plan::{Activity, Nature};
use super::plan_draft::Draft;
use super::reader::Reader;
use std::collections::HashMap;

/// Difference between a budget total and the activity costs that is still accepted.
pub const BUDGET_TOLERANCE: Cents = Cents(100);

/// The clean elements of a list, with their index in the file.
fn clean<T>(items: &[Option<T>]) -> impl Iterator<Item = (usize, &T)> {
    items.iter().enumerate().filter_map(|(i, x)| x.as_ref().map(|x| (i, x)))
}

pub fn cross_checks(d: &Draft, r: &mut Reader<'_>) {
    check_activities(d, r);
    check_disciplines(d, r);
    let years = check_contract_years(d, r);
    let years_known = d.contract_years.iter().all(Option::is_some);
    let budget_years = check_budgets(d, r, years_known.then_some(&years));
    if d.budget.iter().all(Option::is_some) {
        for (i, y) in clean(&d.contract_years) {
            if !budget_years.contains_key(y) {
                let msg = format!(
                    "found contract year {y} without a [[budget]] entry, expected a budget for every contract year"
                );
                r.error_at_field(&format!("plan.contract_years[{i}]"), msg);
            }
        }
    }
}

/// Activity ids are unique, each ends on or after its start, and only care production has
/// a main-contractor exception.
fn check_activities(d: &Draft, r: &mut Reader<'_>) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, a) in clean(&d.activities) {
        if let Some(&first) = ids.get(a.id.as_str()) {
            let msg = format!(
                "found duplicate activity id \"{}\" (also activities[{first}]), expected a unique id",
                a.id
            );
            r.error_at_field(&format!("activities[{i}].id"), msg);
        } else {
            ids.insert(a.id.as_str(), i);
        }
        if a.end < a.start {
            let msg = format!(
                "found end {} before start {}, expected an end on or after the start",
                a.end, a.start
            );
            r.error_at_field(&format!("activities[{i}].end"), msg);
        }
        if a.exception.is_some() && a.nature != Nature::Zorgproductie {
            let msg = format!(
                "found a main-contractor exception on an activity of nature \"{}\", expected it only with nature \"zorgproductie\"",
                a.nature.keyword()
            );
            r.error_at_field(&format!("activities[{i}].exception"), msg);
        }
    }
}

/// Each discipline is seated once.
fn check_disciplines(d: &Draft, r: &mut Reader<'_>) {
    let mut kinds = HashMap::new();
    for (i, seat) in clean(&d.disciplines) {
        if let Some(first) = kinds.insert(seat.kind, i) {
            kinds.insert(seat.kind, first);
            let msg = format!(
                "found \"{}\" a second time (also disciplines[{first}]), expected each discipline once",
                seat.kind.keyword()
            );
            r.error_at_field(&format!("disciplines[{i}].kind"), msg);
        }
    }
}

/// Each contract year is listed once; returns each year with its first index.
fn check_contract_years(d: &Draft, r: &mut Reader<'_>) -> HashMap<u16, usize> {
    let mut years = HashMap::new();
    for (i, &y) in clean(&d.contract_years) {
        if let Some(&first) = years.get(&y) {
            let msg = format!("found {y} twice (also plan.contract_years[{first}]), expected each year once");
            r.error_at_field(&format!("plan.contract_years[{i}]"), msg);
        } else {
            years.insert(y, i);
        }
    }
    years
}

/// One budget per contract year (`years`, when every year could be read), co-funding within
/// the total, and the total equal to the activity costs; returns each budget year with its
/// index.
fn check_budgets(d: &Draft, r: &mut Reader<'_>, years: Option<&HashMap<u16, usize>>) -> HashMap<u16, usize> {
    // Budget totals need every activity; with a broken one the sum would be wrong.
    let activities: Option<Vec<&Activity>> = d.activities.iter().map(Option::as_ref).collect();
    let mut budget_years = HashMap::new();
    for (i, b) in clean(&d.budget) {
        let path = format!("budget[{i}].year");
        if let Some(&first) = budget_years.get(&b.year) {
            let msg = format!(
                "found a second budget for {} (also budget[{first}]), expected one per contract year",
                b.year
            );
            r.error_at_field(&path, msg);
            continue;
        }
        budget_years.insert(b.year, i);
        if let Some(years) = years.filter(|y| !y.contains_key(&b.year)) {
            let mut listed: Vec<u16> = years.keys().copied().collect();
            listed.sort_unstable();
            let listed: Vec<String> = listed.iter().map(u16::to_string).collect();
            let msg = format!(
                "found {}, expected one of the contract years ({})",
                b.year,
                listed.join(", ")
            );
            r.error_at_field(&path, msg);
        }
        if b.co_funded() > b.total {
            let msg = format!(
                "found co-funding {} above the total {}, expected at most the total",
                b.co_funded(),
                b.total
            );
            r.error_at_field(&format!("budget[{i}].co_funding"), msg);
        }
        if let Some(acts) = &activities {
            let expected: Cents = acts.iter().map(|a| a.cost_in_year(b.year)).sum();
            if (b.total.0 - expected.0).abs() > BUDGET_TOLERANCE.0 {
                let msg = format!(
                    "found total {}, expected the activity costs for {} ({}): each activity's annual_cost pro rata the months it runs that year",
                    b.total, b.year, expected
                );
                r.error_at_field(&format!("budget[{i}].total"), msg);
            }
        }
    }
    budget_years
}
