//! What the decision keys do: open the form (`d`), move between its fields, check it, show
//! the confirmation, record it through `app::decide`, and approve a pending decision (`a`).

use crate::app::decide;
use crate::core::decision::check_approval;
use crate::store::Conflict;
use crate::text::decision as dt;
use crate::tui::app::App;
use crate::tui::keymap::{Action, EditKey};
use crate::tui::state::{DecisionForm, Popup, Screen};

impl App {
    pub(super) fn decision_action(&mut self, action: Action) {
        let lang = self.lang;
        match action {
            Action::OpenDecision => {
                let Screen::Plan(p) = &self.screen else {
                    return;
                };
                let years = p.assessment.years.iter().map(|y| (y.year, y.fundable)).collect();
                let current = p.history.current().map(|d| d.id);
                let form = DecisionForm::new(&p.stored.plan.id, years, current, lang);
                self.popup = Some(Popup::Decision(Box::new(form)));
            }
            Action::OpenApprove => {
                let Screen::Plan(p) = &self.screen else {
                    return;
                };
                match p.history.current() {
                    Some(d) if d.is_pending() => match check_approval(d, &self.user) {
                        Ok(()) => self.popup = Some(Popup::Approve(Box::new(d.clone()))),
                        Err(r) => self.message = Some(dt::approval_refusal(&r, lang)),
                    },
                    _ => self.message = Some(dt::NOTHING_TO_APPROVE.get(lang).to_string()),
                }
            }
            Action::ApproveYes => {
                let Some(Popup::Approve(d)) = self.popup.take() else {
                    return;
                };
                match decide::approve(&mut self.store, &d.plan_id, Some(d.id), &self.user, lang) {
                    Ok(d) => {
                        self.notice = Some(format!("{} (#{})", dt::APPROVED.get(lang), d.id));
                        self.refresh_plan(&d.plan_id);
                    }
                    Err(e) => {
                        self.message = Some(match e.downcast_ref::<Conflict>() {
                            Some(c) => dt::conflict(c, lang),
                            None => crate::app::errors::render(&e, self.lang),
                        })
                    }
                }
            }
            _ => self.form_action(action),
        }
    }

    fn form_action(&mut self, action: Action) {
        let lang = self.lang;
        let Some(Popup::Decision(form)) = &mut self.popup else {
            return;
        };
        match action {
            Action::FormNext => form.next(true),
            Action::FormPrev => form.next(false),
            Action::NoteEdit(key) if form.focus == 0 => {
                match key {
                    EditKey::Left => form.cycle_outcome(false),
                    EditKey::Right | EditKey::Char(' ') => form.cycle_outcome(true),
                    _ => {}
                }
                recheck(form, &self.store, &self.rules, &self.registry, lang);
            }
            Action::NoteEdit(key) => {
                // Typing into a prefilled amount replaces it; moving the cursor keeps it.
                let replace = form.fresh_amount() && matches!(key, EditKey::Char(_) | EditKey::Backspace);
                form.fresh = false;
                if let Some(input) = form.focused_input() {
                    if replace {
                        *input = tui_input::Input::default();
                    }
                    if !(replace && key == EditKey::Backspace) {
                        input.handle(super::edit::request(key));
                    }
                }
                recheck(form, &self.store, &self.rules, &self.registry, lang);
            }
            Action::FormSubmit => {
                let checked = form.draft(lang).and_then(|draft| {
                    decide::prepare(&self.store, &self.rules, &self.registry, &form.plan_id, &draft, lang)
                });
                match checked {
                    // Someone decided since the form opened: say so before showing what
                    // would be recorded, and expect that decision from now on.
                    Ok(p) if p.current.as_ref().map(|d| d.id) != form.expect_latest => {
                        let latest = p.current.as_ref().map(|d| d.id);
                        form.problems = match &p.current {
                            Some(d) => vec![dt::conflict(
                                &Conflict::Decided {
                                    plan_id: form.plan_id.clone(),
                                    expected: form.expect_latest,
                                    latest: Box::new(d.clone()),
                                },
                                lang,
                            )],
                            None => Vec::new(),
                        };
                        form.expect_latest = latest;
                        if form.problems.is_empty() {
                            form.confirm = Some(Box::new(p));
                        }
                    }
                    Ok(p) => {
                        form.problems.clear();
                        form.confirm = Some(Box::new(p));
                    }
                    Err(problems) => form.problems = problems,
                }
            }
            Action::FormBack => form.confirm = None,
            Action::FormRecord => self.record_decision(),
            _ => self.popup = None,
        }
    }

    fn record_decision(&mut self) {
        let Some(Popup::Decision(form)) = &mut self.popup else {
            return;
        };
        let Some(prepared) = form.confirm.take() else {
            return;
        };
        let plan_id = form.plan_id.clone();
        match decide::record(
            &mut self.store,
            &self.rules,
            &prepared,
            form.expect_latest,
            &self.user,
            self.lang,
        ) {
            Ok(d) => {
                self.popup = None;
                let pending = if d.is_pending() {
                    format!(" · ⚠ {}", dt::FOUR_EYES_SHORT.get(self.lang))
                } else {
                    String::new()
                };
                self.notice = Some(format!("{} (#{}){pending}", dt::RECORDED.get(self.lang), d.id));
            }
            Err(e) => {
                // Nothing typed is lost: the form stays open with the reason. After a
                // conflict it now expects the decision that was recorded meanwhile, so a
                // second check shows exactly which decision it would replace.
                form.problems = vec![match e.downcast_ref::<Conflict>() {
                    Some(c) => dt::conflict(c, self.lang),
                    None => crate::app::errors::render(&e, self.lang),
                }];
                form.expect_latest = decide::latest(&self.store, &plan_id).ok().flatten().map(|d| d.id);
            }
        }
        self.refresh_plan(&plan_id);
    }
}

/// After the last check refused the draft: checks again as the buyer types, so the
/// problems shown are those of what the form holds now (a fixed one disappears at once).
pub(super) fn recheck(
    form: &mut DecisionForm,
    store: &crate::store::Store,
    rules: &crate::core::rules::Rules,
    registry: &crate::app::registry::Registry,
    lang: crate::text::Lang,
) {
    if form.problems.is_empty() {
        return;
    }
    let checked = form
        .draft(lang)
        .and_then(|draft| decide::prepare(store, rules, registry, &form.plan_id, &draft, lang));
    form.problems = checked.err().unwrap_or_default();
}
