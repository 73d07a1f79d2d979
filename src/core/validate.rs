//! Checks across fields of a plan: unique ids, periods, budget consistency.
//!
//! Value-level checks happen while reading ([`super::parse`]); these need the whole plan.

use super::money::Cents;
use super::plan::{Nature, Plan};
use super::reader::Reader;
use std::collections::HashMap;

/// Difference between a budget total and the activity costs that is still accepted.
pub const BUDGET_TOLERANCE: Cents = Cents(100);

/// Runs the cross-field checks. When the reader already found structural errors, checks
/// that would only repeat them (budget totals over half-read activities) are skipped.
pub fn cross_checks(plan: &Plan, r: &mut Reader<'_>, structural_errors: bool) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, a) in plan.activities.iter().enumerate() {
        if a.id.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(a.id.as_str(), i) {
            seen.insert(a.id.as_str(), first);
            r.error_at_field(
                &format!("activities[{i}].id"),
                format!(
                    "found duplicate activity id \"{}\" (also activities[{first}]), expected a unique id",
                    a.id
                ),
            );
        }
        if a.end < a.start && a.end.year != 9999 && a.start.year != 9999 {
            r.error_at_field(
                &format!("activities[{i}].end"),
                format!(
                    "found end {} before start {}, expected an end on or after the start",
                    a.end, a.start
                ),
            );
        }
        if a.exception.is_some() && a.nature != Nature::Zorgproductie {
            r.error_at_field(
                &format!("activities[{i}].exception"),
                format!("found a main-contractor exception on an activity of nature \"{}\", expected it only with nature \"zorgproductie\"", a.nature.keyword()),
            );
        }
    }

    let mut kinds = HashMap::new();
    for (i, d) in plan.disciplines.iter().enumerate() {
        if let Some(first) = kinds.insert(d.kind, i) {
            r.error_at_field(
                &format!("disciplines[{i}].kind"),
                format!(
                    "found \"{}\" a second time (also disciplines[{first}]), expected each discipline once",
                    d.kind.keyword()
                ),
            );
        }
    }

    let mut years = HashMap::new();
    for (i, y) in plan.contract_years.iter().enumerate() {
        if let Some(first) = years.insert(*y, i) {
            r.error_at_field(
                &format!("plan.contract_years[{i}]"),
                format!("found {y} twice (also plan.contract_years[{first}]), expected each year once"),
            );
        }
    }

    let mut budget_years = HashMap::new();
    for (i, b) in plan.budget.iter().enumerate() {
        if b.year == 0 {
            continue;
        }
        let path = format!("budget[{i}].year");
        if let Some(first) = budget_years.insert(b.year, i) {
            r.error_at_field(
                &path,
                format!(
                    "found a second budget for {} (also budget[{first}]), expected one per contract year",
                    b.year
                ),
            );
        } else if !plan.contract_years.is_empty() && !plan.contract_years.contains(&b.year) {
            let listed: Vec<String> = plan.contract_years.iter().map(u16::to_string).collect();
            r.error_at_field(
                &path,
                format!(
                    "found {}, expected one of the contract years ({})",
                    b.year,
                    listed.join(", ")
                ),
            );
        }
        if b.co_funded() > b.total {
            r.error_at_field(
                &format!("budget[{i}].co_funding"),
                format!(
                    "found co-funding {} above the total {}, expected at most the total",
                    b.co_funded(),
                    b.total
                ),
            );
        }
        if !structural_errors {
            let expected = plan.activity_cost_in_year(b.year);
            if (b.total.0 - expected.0).abs() > BUDGET_TOLERANCE.0 {
                r.error_at_field(
                    &format!("budget[{i}].total"),
                    format!(
                        "found total {}, expected the activity costs for {} ({}): each activity's annual_cost pro rata the months it runs that year",
                        b.total, b.year, expected
                    ),
                );
            }
        }
    }
    let budget_unreadable = plan.budget.is_empty() || plan.budget.iter().any(|b| b.year == 0);
    for (i, y) in plan.contract_years.iter().enumerate() {
        if !budget_unreadable && !budget_years.contains_key(y) {
            r.error_at_field(
                &format!("plan.contract_years[{i}]"),
                format!(
                    "found contract year {y} without a [[budget]] entry, expected a budget for every contract year"
                ),
            );
        }
    }
}
