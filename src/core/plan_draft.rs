//! A plan as [`super::parse`] reads it, before [`super::validate`] checks across fields:
//! its own module, so the reader and the checks both use it without importing each other.

use super::plan::{Activity, BudgetYear, DisciplineSeat, Plan};

/// A plan as read, before the checks across fields. List elements that had any problem are
/// `None`, so later checks neither repeat nor misplace them (indices stay the file's).
pub struct Draft {
    /// Everything but the lists below.
    pub plan: Plan,
    pub contract_years: Vec<Option<u16>>,
    pub disciplines: Vec<Option<DisciplineSeat>>,
    pub activities: Vec<Option<Activity>>,
    pub budget: Vec<Option<BudgetYear>>,
}

impl Draft {
    /// The finished plan (only called when no problem was found).
    pub(crate) fn into_plan(self) -> Plan {
        Plan {
            contract_years: self.contract_years.into_iter().flatten().collect(),
            disciplines: self.disciplines.into_iter().flatten().collect(),
            activities: self.activities.into_iter().flatten().collect(),
            budget: self.budget.into_iter().flatten().collect(),
            ..self.plan
        }
    }
}
