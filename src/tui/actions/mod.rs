//! What keys do. `handle_event` resolves a key to an [`Action`] in the keymap and `update`
//! carries it out on the state: one file per screen's keys. Nothing here draws, and every
//! count the keys need is read from the state.

mod assess;
mod confirm;
mod decision;
mod edit;
mod funding;
mod live;
mod mouse;
mod navigate;
mod nza;
mod paste;
mod plan;
mod recompute;
mod work;

use super::app::App;
use super::keymap::{self, Action};
use super::state::{Popup, RegistryView, Screen};
use crossterm::event::{Event, KeyEventKind};
use ratatui::layout::Size;

impl App {
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = keymap::resolve(&self.contexts(), key) {
                    self.update(action);
                }
            }
            Event::Resize(w, h) => self.resize(Size::new(*w, *h)),
            Event::Paste(text) => self.paste(text),
            Event::Mouse(m) => self.mouse(m),
            _ => {}
        }
    }

    /// Carries out one action, then reloads whatever the database changed (the action's
    /// own writes, or another process's).
    pub fn update(&mut self, action: Action) {
        self.message = None;
        self.notice = None;
        self.now = self.store.now();
        self.act(action);
        self.sync();
    }

    fn act(&mut self, action: Action) {
        if self.help
            && matches!(
                action,
                Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::First | Action::Last
            )
        {
            let (max, page) = (self.help_max_scroll(), self.queue_page() as u16);
            self.help_scroll = match action {
                Action::Down => self.help_scroll.saturating_add(1),
                Action::Up => self.help_scroll.saturating_sub(1),
                Action::PageDown => self.help_scroll.saturating_add(page),
                Action::PageUp => self.help_scroll.saturating_sub(page),
                Action::First => 0,
                _ => max,
            }
            .min(max);
            return;
        }
        if self.read_only && action.writes() {
            self.refuse_read_only(action);
            return;
        }
        if matches!(action, Action::ConfirmYes | Action::ConfirmNo | Action::ConfirmKeep) {
            self.answer(action);
            return;
        }
        if matches!(self.popup, Some(Popup::Work(_))) && !matches!(action, Action::Quit | Action::ToggleHelp) {
            self.work_action(action);
            return;
        }
        if matches!(self.screen, Screen::Nza(_))
            && self.popup.is_none()
            && !matches!(action, Action::Quit | Action::ToggleHelp | Action::OpenSamples)
        {
            self.nza_action(action);
            return;
        }
        match action {
            Action::Quit => self.quit(),
            Action::BackOrQuit => self.back(),
            Action::ConfirmYes | Action::ConfirmNo | Action::ConfirmKeep => {}
            Action::OpenNza => self.open_nza(),
            Action::OpenSampling
            | Action::ValueNext
            | Action::ValuePrev
            | Action::SampleDigitKey
            | Action::SampleDigit(_)
            | Action::SampleBackspace
            | Action::SampleDraw
            | Action::SampleExport
            | Action::SampleItemNext
            | Action::SampleItemPrev
            | Action::SampleMarkOk
            | Action::SampleMarkDeviation => {}
            Action::ToggleHelp => {
                if !self.help {
                    self.help_content = super::state::help::HelpContent::for_contexts(&self.contexts(), self.read_only);
                    self.note_recomputing_in_help();
                }
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::ClosePopup if matches!(self.popup, Some(Popup::Decision(_) | Popup::Approve(_))) => {
                self.popup = None
            }
            Action::NoteEdit(_) if matches!(self.popup, Some(Popup::Decision(_))) => self.decision_action(action),
            Action::OpenDecision
            | Action::OpenApprove
            | Action::ApproveYes
            | Action::FormNext
            | Action::FormPrev
            | Action::FormSubmit
            | Action::FormBack
            | Action::FormRecord => self.decision_action(action),
            Action::CycleState => self.cycle_state(true),
            Action::CycleStateBack => self.cycle_state(false),
            Action::OpenLetter
            | Action::OpenExport
            | Action::OpenImportPlans
            | Action::OpenImportRegistry
            | Action::OpenSamples
            | Action::OpenPackage => self.open_work(action),
            Action::WorkPrimary | Action::WorkSecondary | Action::WorkRun => self.work_action(action),
            Action::ConfirmFlag | Action::DismissFlag => self.funding_action(action),
            Action::NoteEdit(_) | Action::NoteSave | Action::ClosePopup
                if matches!(self.popup, Some(Popup::Reason(..))) =>
            {
                self.funding_action(action)
            }
            Action::OpenRegistry => match self.registry.arrangements(&self.store) {
                Ok(all) => self.screen = Screen::Registry(Box::new(RegistryView::new(all))),
                Err(e) => self.message = Some(format!("{e:#}")),
            },
            Action::OpenRegions => self.open_regions(),
            Action::SetScore
            | Action::EditNote
            | Action::ClearManual
            | Action::ScoreDigit
            | Action::PickScore(_)
            | Action::ScoreClear
            | Action::ClosePopup
            | Action::NoteEdit(_)
            | Action::NoteSave => self.assessment_action(action),
            Action::Back => self.back(),
            Action::StartFilter => self.filtering = true,
            Action::FilterChar(_)
            | Action::FilterBackspace
            | Action::FilterApply
            | Action::FilterClear
            | Action::FilterErase
            | Action::SortBy(_)
            | Action::SortColumn => self.filter_action(action),
            Action::Open => self.open(),
            Action::NextTab | Action::PrevTab => self.switch_tab(action),
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::HalfDown
            | Action::HalfUp
            | Action::First
            | Action::Last => self.move_cursor(action),
        }
    }

    /// A key that changes data on a read-only database: says which and why, changes nothing.
    fn refuse_read_only(&mut self, action: Action) {
        let lang = self.lang;
        let contexts = self.contexts();
        let binding = keymap::bindings_for(&contexts)
            .find(|b| b.run == action)
            .or_else(|| keymap::BINDINGS.iter().find(|b| b.run == action));
        let (k, d) = binding.map_or(("", ""), |b| (b.label, b.desc.get(lang)));
        self.message = Some(crate::text::fill(
            crate::text::workbench::READ_ONLY_KEY.get(lang),
            &[("k", k), ("d", d)],
        ));
    }
}
