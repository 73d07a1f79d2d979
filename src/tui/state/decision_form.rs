//! The decision form's state (`d` on the plan screen): outcome, an amount per contract year,
//! conditions, questions, reasoning and an override reason; the problems of the last check,
//! and after a successful check what will be recorded.

use crate::app::decide::Prepared;
use crate::core::decision::{Draft, Outcome};
use crate::core::money::{Cents, describe_error, parse_amount};
use crate::text::{self, Lang};
use tui_input::Input;

/// What the form holds while the buyer fills it in.
pub struct DecisionForm {
    pub plan_id: String,
    pub outcome: Outcome,
    /// Contract years with their assessed fundable amount.
    pub years: Vec<(u16, Cents)>,
    pub amounts: Vec<Input>,
    pub conditions: Input,
    pub questions: Input,
    pub reasoning: Input,
    pub override_reason: Input,
    /// The focused field: 0 the outcome, then the amounts, then the four text fields.
    pub focus: usize,
    /// Why the last check refused the draft.
    pub problems: Vec<String>,
    /// The plan's current decision when the form opened: the new one replaces exactly it.
    pub expect_latest: Option<i64>,
    /// After a successful check: what will be recorded, waiting for confirmation.
    pub confirm: Option<Box<Prepared>>,
    /// The focused field still holds its prefilled value: the first character typed
    /// replaces it (an amount is retyped, not appended to).
    pub fresh: bool,
}

impl DecisionForm {
    pub fn new(plan_id: &str, years: Vec<(u16, Cents)>, expect_latest: Option<i64>, lang: Lang) -> DecisionForm {
        let amounts = years
            .iter()
            .map(|(_, f)| Input::new(text::fmt::amount(lang, *f)))
            .collect();
        DecisionForm {
            plan_id: plan_id.to_string(),
            outcome: Outcome::Approve,
            years,
            amounts,
            conditions: Input::default(),
            questions: Input::default(),
            reasoning: Input::default(),
            override_reason: Input::default(),
            focus: 0,
            problems: Vec::new(),
            expect_latest,
            confirm: None,
            fresh: true,
        }
    }

    fn field_count(&self) -> usize {
        1 + self.amounts.len() + 4
    }

    pub fn next(&mut self, forward: bool) {
        let n = self.field_count();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.fresh = true;
    }

    /// Whether the focused field is a prefilled amount not yet typed into.
    pub fn fresh_amount(&self) -> bool {
        self.fresh && (1..=self.amounts.len()).contains(&self.focus)
    }

    /// Picks the next or previous outcome.
    pub fn cycle_outcome(&mut self, forward: bool) {
        let all = Outcome::ALL;
        let i = all.iter().position(|o| *o == self.outcome).unwrap_or(0);
        let n = all.len();
        self.outcome = all[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    /// The text field with focus, if the focus is on one.
    pub fn focused_input(&mut self) -> Option<&mut Input> {
        let n = self.amounts.len();
        match self.focus {
            0 => None,
            f if f <= n => self.amounts.get_mut(f - 1),
            f => Some(
                [
                    &mut self.conditions,
                    &mut self.questions,
                    &mut self.reasoning,
                    &mut self.override_reason,
                ]
                .into_iter()
                .nth(f - n - 1)?,
            ),
        }
    }

    /// The draft the fields describe; an amount that is not a number is a problem here.
    pub fn draft(&self, lang: Lang) -> Result<Draft, Vec<String>> {
        let split = |i: &Input| i.value().split(';').map(|s| s.trim().to_string()).collect::<Vec<_>>();
        let funds = self.outcome.funds();
        let mut amounts = Vec::new();
        let mut problems = Vec::new();
        for ((year, _), input) in self.years.iter().zip(&self.amounts) {
            let text = input.value().trim();
            match (funds, parse_amount(text)) {
                (false, _) => {}
                (true, Ok(c)) => amounts.push(c),
                (true, Err(e)) => problems.push(format!("{year}: {}", describe_error(text, &e, lang == Lang::En))),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let override_reason = Some(self.override_reason.value().to_string());
        Ok(Draft {
            outcome: Some(self.outcome),
            amounts,
            conditions: split(&self.conditions),
            questions: split(&self.questions),
            reasoning: self.reasoning.value().to_string(),
            override_reason,
        })
    }
}
