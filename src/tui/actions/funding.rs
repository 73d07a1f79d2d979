//! What the double-funding keys do: open the reason editor for confirming or dismissing the
//! selected flag, edit it, and store the judgement through `app::assess::judge_flag`.

use crate::app::assess::{self, FlagJudgement};
use crate::core::funding::Verdict;
use crate::text;
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::state::{FUNDING_TAB, Popup, Screen};
use tui_input::Input;

impl App {
    pub(super) fn funding_action(&mut self, action: Action) {
        match action {
            Action::ConfirmFlag | Action::DismissFlag => {
                let has_flag = matches!(&self.screen, Screen::Plan(p) if p.tab == FUNDING_TAB
                    && p.review.as_ref().is_some_and(|r| p.flag < r.flags.len()));
                if has_flag {
                    let verdict = if action == Action::ConfirmFlag {
                        Verdict::Confirmed
                    } else {
                        Verdict::Dismissed
                    };
                    self.popup = Some(Popup::Reason(verdict, Input::default()));
                }
            }
            Action::NoteEdit(key) => {
                if let Some(Popup::Reason(_, input)) = &mut self.popup {
                    input.handle(super::edit::request(key));
                }
            }
            Action::NoteSave => {
                let Some(Popup::Reason(verdict, input)) = &self.popup else {
                    return;
                };
                let (verdict, reason) = (*verdict, input.value().trim().to_string());
                if reason.is_empty() {
                    // The popup stays open: nothing is lost, the buyer adds the reason.
                    self.message = Some(text::REASON_REQUIRED.get(self.lang).to_string());
                    return;
                }
                self.popup = None;
                self.judge(verdict, &reason);
            }
            _ => self.popup = None,
        }
    }

    fn judge(&mut self, verdict: Verdict, reason: &str) {
        let text = self.text_context();
        let Screen::Plan(p) = &mut self.screen else {
            return;
        };
        let Some(f) = p.review.as_ref().and_then(|r| r.flags.get(p.flag)) else {
            return;
        };
        let (plan_id, activity_id, arrangement_id) = (
            p.stored.plan.id.clone(),
            f.flag.activity_id.clone(),
            f.flag.arrangement_id.clone(),
        );
        let j = FlagJudgement {
            plan_id: &plan_id,
            activity_id: &activity_id,
            arrangement_id: &arrangement_id,
            verdict,
            reason,
        };
        let judged = assess::judge_flag(&mut self.store, &self.rules, &self.registry, &j, &self.user, self.lang);
        match judged {
            Ok(a) => {
                let open = a.review.as_ref().map(|r| r.open_count() as u32);
                self.queue
                    .set_assessment(&plan_id, a.assessment.total_tenths, a.assessment.knocked_out, open);
                let count = a.review.as_ref().map_or(0, |r| r.flags.len());
                p.flag = p.flag.min(count.saturating_sub(1));
                p.review = a.review;
                p.assessment = a.assessment;
                p.stored = a.stored;
                p.refresh(text);
                self.notice = Some(format!(
                    "{}: {activity_id} ↔ {arrangement_id} {}",
                    text::JUDGEMENT_STORED.get(self.lang),
                    text::verdict_label(Some(verdict)).get(self.lang)
                ));
            }
            Err(e) => self.message = Some(crate::app::errors::render(&e, self.lang)),
        }
    }
}
