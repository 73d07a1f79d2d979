//! What the assessment tab's keys do: open the score picker or the note editor, and record
//! the buyer's input through [`crate::app::assess`] (one transaction each).

use crate::app::assess::{self, Change, Entry};
use crate::core::rules::CheckId;
use crate::text;
use crate::text::workbench as tx;
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::state::{Ask, Popup, Screen};
use tui_input::Input;

impl App {
    /// The selected criterion's current note, to edit.
    fn current_note(&self, id: CheckId) -> Option<String> {
        let Screen::Plan(p) = &self.screen else {
            return None;
        };
        p.assessment.criterion(id)?.manual.as_ref()?.note.clone()
    }

    /// The criterion's manual input, if the buyer gave one.
    fn current_manual(&self, id: CheckId) -> Option<&crate::core::assess::Manual> {
        let Screen::Plan(p) = &self.screen else {
            return None;
        };
        p.assessment.criterion(id)?.manual.as_ref()
    }

    /// Whether storing this input would leave the criterion as it is (a stale input is
    /// confirmed by storing it again, so that is a change).
    fn changes_nothing(&self, id: CheckId, score: &Change<i32>, note: &Change<String>) -> bool {
        let (old_score, old_note, stale) = match self.current_manual(id) {
            Some(m) => (m.score, m.note.clone(), m.stale),
            None => (None, None, false),
        };
        let new_score = match score {
            Change::Keep => old_score,
            Change::Set(s) => *s,
        };
        let new_note = match note {
            Change::Keep => old_note.clone(),
            Change::Set(n) => n.clone(),
        };
        !stale && new_score == old_score && new_note == old_note
    }

    pub(super) fn assessment_action(&mut self, action: Action) {
        if self.read_only {
            self.popup = None;
            self.message = Some(text::READ_ONLY_NO_EDIT.get(self.lang).to_string());
            return;
        }
        let Some(id) = self.selected_criterion() else {
            self.popup = None;
            if !matches!(action, Action::ClosePopup) {
                self.message = Some(text::CHOOSE_CRITERION.get(self.lang).to_string());
            }
            return;
        };
        use Change::{Keep, Set};
        match action {
            Action::SetScore => self.popup = Some(Popup::Score),
            Action::EditNote => {
                let note = self.current_note(id).unwrap_or_default();
                self.popup = Some(Popup::Note(Input::new(note)));
            }
            Action::ClearManual => match self.current_manual(id) {
                None => self.notice = Some(tx::NOTHING_TO_CLEAR.get(self.lang).to_string()),
                Some(_) => self.asking = Some(Ask::ClearManual(id)),
            },
            Action::PickScore(d) => self.record(id, Set(Some(d as i32)), Keep, text::SCORE_SET),
            Action::ScoreClear => self.record(id, Set(None), Keep, text::CLEARED),
            Action::ClosePopup => self.popup = None,
            Action::NoteEdit(key) => {
                if let Some(Popup::Note(input)) = &mut self.popup {
                    input.handle(super::edit::request(key));
                }
            }
            Action::NoteSave => {
                let text = match &self.popup {
                    Some(Popup::Note(input)) => input.value().trim().to_string(),
                    _ => return,
                };
                let text = (!text.is_empty()).then_some(text);
                self.record(id, Keep, Set(text), text::NOTE_SET);
            }
            _ => {}
        }
    }

    /// Stores one manual input and shows the new assessment; an error leaves everything as
    /// it was and says why.
    pub(super) fn record(&mut self, criterion: CheckId, score: Change<i32>, note: Change<String>, done: text::T) {
        self.popup = None;
        if self.changes_nothing(criterion, &score, &note) {
            self.notice = Some(tx::NOTHING_CHANGED.get(self.lang).to_string());
            return;
        }
        let text = self.text_context();
        let Screen::Plan(p) = &mut self.screen else {
            return;
        };
        let entry = Entry { criterion, score, note };
        let plan_id = p.stored.plan.id.clone();
        let registry = &self.registry;
        match assess::record_manual(
            &mut self.store,
            &self.rules,
            registry,
            &plan_id,
            entry,
            &self.user,
            self.lang,
        ) {
            Ok(a) => {
                let open = p.review.as_ref().map(|r| r.open_count() as u32);
                self.queue.set_assessment(&plan_id, a.total_tenths, a.knocked_out, open);
                let name = a.criterion(criterion).map_or_else(
                    || criterion.keyword().to_string(),
                    |c| {
                        if self.lang == crate::text::Lang::En {
                            c.title_en.clone()
                        } else {
                            c.title.clone()
                        }
                    },
                );
                p.assessment = a;
                p.refresh(text);
                self.notice = Some(format!(
                    "{} ({})",
                    done.get(self.lang),
                    crate::core::sanitize::clean(&name)
                ));
            }
            Err(e) => self.message = Some(crate::app::errors::render(&e, self.lang)),
        }
    }
}
