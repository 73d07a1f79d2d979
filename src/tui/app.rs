//! The workbench's state and its one `update` function. Keys become [`Action`]s in the
//! keymap; `update` changes the state; the views only read it.

use super::dashboard_view::NzaView;
use super::decision_form::DecisionForm;
use super::history_view::HistoryData;
use super::keymap::{self, Action, Context};
use super::regions_view::RegionsView;
use super::registry_view::RegistryView;
use super::theme::Theme;
use crate::core::assess::Assessment;
use crate::core::decision::{Decision, PlanState};
use crate::core::funding::{RegistryIndex, Review, Verdict};
use crate::core::queue::{Queue, QueueRow, SortKey};
use crate::core::rules::Rules;
use crate::following::PlanCoordination;
use crate::i18n::Lang;
use crate::store::{Store, StoredPlan};
use anyhow::Result;
use crossterm::event::{Event, KeyEventKind};
use ratatui::layout::Size;
use tui_input::Input;

/// The tabs of the plan screen, in order: overview, disciplines, activities, assessment,
/// double funding, coordination, history.
pub const PLAN_TABS: usize = 7;
pub const ACTIVITIES_TAB: usize = 2;
pub const ASSESSMENT_TAB: usize = 3;
pub const FUNDING_TAB: usize = 4;
pub const COORDINATION_TAB: usize = 5;
pub const HISTORY_TAB: usize = 6;

/// A plan opened from the queue.
pub struct PlanView {
    pub stored: StoredPlan,
    /// Its assessment under the loaded rules and the buyer's manual inputs.
    pub assessment: Assessment,
    /// Its double-funding review, when the registry holds arrangements.
    pub review: Option<Review>,
    /// Selected flag on the double-funding tab.
    pub flag: usize,
    /// Selected row on the assessment tab: 0 is the summary, then the criteria in display
    /// order (see `assess_view::order`).
    pub criterion: usize,
    pub tab: usize,
    /// Scroll offset of the overview and disciplines tabs.
    pub scroll: u16,
    /// Selected activity on the activities tab.
    pub activity: usize,
    /// The selected activity opened full-screen, with its scroll offset.
    pub detail: Option<u16>,
    /// Decisions, versions and changes, snapshots and audit entries (the History tab).
    pub history: HistoryData,
    /// Its place between the insurers of its region (the Coordination tab).
    pub coordination: PlanCoordination,
}

pub enum Screen {
    Queue,
    Plan(Box<PlanView>),
    Registry(Box<RegistryView>),
    Regions(Box<RegionsView>),
    /// NZa's dashboard, with the Sampling screen over it when open.
    Nza(Box<NzaView>),
}

/// A popup that takes the keys until it closes.
pub enum Popup {
    /// Picking a manual score for the selected criterion.
    Score,
    /// Writing a note on the selected criterion.
    Note(Input),
    /// The reason for confirming or dismissing the selected double-funding flag.
    Reason(Verdict, Input),
    /// The decision form, and after a check its confirmation step.
    Decision(Box<DecisionForm>),
    /// Approving a pending decision as the second buyer.
    Approve(Box<Decision>),
}

pub struct App {
    pub store: Store,
    /// Guidance, policy and RHO regions the assessments use.
    pub rules: Rules,
    /// The registry of existing arrangements, prepared for matching.
    pub registry: RegistryIndex,
    /// Who is working (recorded with manual scores and notes).
    pub user: String,
    pub lang: Lang,
    pub theme: Theme,
    /// What the title bar says about the database (path, or "demo: ...").
    pub db_label: String,
    pub queue: Queue,
    /// Selected position in `queue.visible()`.
    pub selected: usize,
    /// First visible position of the queue table.
    pub offset: usize,
    pub screen: Screen,
    pub filtering: bool,
    pub help: bool,
    pub help_scroll: u16,
    pub popup: Option<Popup>,
    /// A one-line message for the status bar (errors from the store, mostly).
    pub message: Option<String>,
    /// A one-line confirmation for the status bar (e.g. "score stored").
    pub notice: Option<String>,
    pub size: Size,
    pub should_quit: bool,
    /// NZa: the yearly envelope the dashboard measures against.
    pub envelope_cents: i64,
}

impl App {
    pub fn new(store: Store, rules: Rules, lang: Lang, db_label: &str, theme: Theme) -> Result<App> {
        let mut rows = store.queue_rows()?;
        let registry = crate::assessing::load_registry(&store)?;
        crate::assessing::score_queue(&store, &rules, &registry, &mut rows)?;
        let mut app = App::with_rows(store, rules, rows, lang, db_label, theme);
        app.registry = registry;
        Ok(app)
    }

    /// An app over given queue rows (benchmarks build large queues without a database).
    pub fn with_rows(store: Store, rules: Rules, rows: Vec<QueueRow>, lang: Lang, db_label: &str, theme: Theme) -> App {
        let queue = Queue::new(rows);
        App {
            store,
            rules,
            registry: RegistryIndex::default(),
            user: "onbekend".to_string(),
            lang,
            theme,
            db_label: db_label.to_string(),
            queue,
            selected: 0,
            offset: 0,
            screen: Screen::Queue,
            filtering: false,
            help: false,
            help_scroll: 0,
            popup: None,
            message: None,
            notice: None,
            size: Size::new(80, 24),
            should_quit: false,
            envelope_cents: crate::core::nza::report::DEFAULT_ENVELOPE_CENTS,
        }
    }

    /// The keymap contexts active now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        if self.help {
            return vec![Context::Help];
        }
        if self.filtering {
            return vec![Context::Filter];
        }
        match (&self.popup, &self.screen) {
            (Some(Popup::Score), _) => vec![Context::Score],
            (Some(Popup::Note(_)), _) => vec![Context::Note],
            (Some(Popup::Reason(..)), _) => vec![Context::Reason],
            (Some(Popup::Decision(f)), _) if f.confirm.is_some() => vec![Context::DecisionConfirm],
            (Some(Popup::Decision(_)), _) => vec![Context::DecisionForm],
            (Some(Popup::Approve(_)), _) => vec![Context::Approve],
            (None, Screen::Registry(_)) => vec![Context::Registry, Context::Global],
            (None, Screen::Regions(_)) => vec![Context::Regions, Context::Global],
            (None, Screen::Nza(v)) if v.sampling.is_some() => vec![Context::Sampling, Context::Global],
            (None, Screen::Nza(_)) => vec![Context::Dashboard, Context::Global],
            (None, Screen::Queue) => vec![Context::Queue, Context::Global],
            (None, Screen::Plan(_)) if self.store.is_read_only() => vec![Context::Plan, Context::Global],
            (None, Screen::Plan(p)) if p.tab == ASSESSMENT_TAB => {
                vec![Context::Assessment, Context::Decide, Context::Plan, Context::Global]
            }
            (None, Screen::Plan(p)) if p.tab == FUNDING_TAB => {
                vec![Context::Funding, Context::Decide, Context::Plan, Context::Global]
            }
            (None, Screen::Plan(_)) => vec![Context::Decide, Context::Plan, Context::Global],
        }
    }

    /// Rows of the queue table that fit on screen (title, header, filter line, status bar).
    pub fn queue_page(&self) -> usize {
        (self.size.height as usize).saturating_sub(4).max(1)
    }

    pub fn resize(&mut self, size: Size) {
        self.size = size;
        self.keep_selection_visible();
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = keymap::resolve(&self.contexts(), key) {
                    self.update(action);
                }
            }
            Event::Resize(w, h) => self.resize(Size::new(*w, *h)),
            Event::Paste(text) => self.paste(text),
            _ => {}
        }
    }

    pub fn update(&mut self, action: Action) {
        self.message = None;
        self.notice = None;
        if self.help && matches!(action, Action::Down | Action::Up) {
            self.help_scroll = if action == Action::Down {
                self.help_scroll.saturating_add(1).min(super::help::max_scroll(self))
            } else {
                self.help_scroll.saturating_sub(1)
            };
            return;
        }
        if matches!(self.screen, Screen::Nza(_))
            && self.popup.is_none()
            && !matches!(action, Action::Quit | Action::ToggleHelp)
        {
            self.nza_action(action);
            return;
        }
        match action {
            Action::Quit => self.should_quit = true,
            Action::OpenNza => self.open_nza(),
            Action::OpenSampling
            | Action::ValueNext
            | Action::ValuePrev
            | Action::SampleDigitKey
            | Action::SampleDigit(_)
            | Action::SampleBackspace
            | Action::SampleDraw
            | Action::SampleExport => {}
            Action::ToggleHelp => {
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
            Action::CycleState => {
                let next = match self.queue.state_filter() {
                    None => Some(PlanState::ALL[0]),
                    Some(s) => PlanState::ALL
                        .iter()
                        .position(|x| *x == s)
                        .and_then(|i| PlanState::ALL.get(i + 1))
                        .copied(),
                };
                let current = self.current_plan_index();
                self.queue.set_state_filter(next);
                self.select_row(current);
            }
            Action::ConfirmFlag | Action::DismissFlag => self.funding_action(action),
            Action::NoteEdit(_) | Action::NoteSave | Action::ClosePopup
                if matches!(self.popup, Some(Popup::Reason(..))) =>
            {
                self.funding_action(action)
            }
            Action::OpenRegistry => {
                self.screen = Screen::Registry(Box::new(RegistryView::new(&self.registry)));
            }
            Action::OpenRegions => match crate::following::status_report(&self.store, &self.rules) {
                Ok(report) => self.screen = Screen::Regions(Box::new(RegionsView { report, selected: 0 })),
                Err(e) => self.message = Some(format!("{e:#}")),
            },
            Action::SetScore
            | Action::EditNote
            | Action::ClearManual
            | Action::ScoreDigit
            | Action::PickScore(_)
            | Action::ScoreClear
            | Action::ClosePopup
            | Action::NoteEdit(_)
            | Action::NoteSave => self.assessment_action(action),
            Action::Back => match &mut self.screen {
                Screen::Plan(p) if p.detail.is_some() => p.detail = None,
                _ => self.screen = Screen::Queue,
            },
            Action::StartFilter => self.filtering = true,
            Action::FilterChar(_) | Action::FilterBackspace | Action::FilterClear
                if matches!(self.screen, Screen::Registry(_)) =>
            {
                self.search_registry(action)
            }
            Action::FilterChar(c) => {
                let mut text = self.queue.filter().to_string();
                text.push(c);
                self.set_filter(&text);
            }
            Action::FilterBackspace => {
                let mut text = self.queue.filter().to_string();
                text.pop();
                self.set_filter(&text);
            }
            Action::FilterApply => self.filtering = false,
            Action::FilterClear => {
                if !self.filtering && self.queue.filter().is_empty() {
                    self.should_quit = true;
                } else {
                    self.filtering = false;
                    self.set_filter("");
                }
            }
            Action::SortBy(col) => {
                if let Some(&key) = SortKey::ALL.get(col) {
                    let current = self.current_plan_index();
                    self.queue.sort_by(key);
                    self.select_row(current);
                }
            }
            Action::SortColumn => {}
            Action::Open => match &mut self.screen {
                Screen::Plan(p) if p.tab == ACTIVITIES_TAB && !p.stored.plan.activities.is_empty() => {
                    p.detail = Some(0)
                }
                Screen::Plan(_) | Screen::Registry(_) | Screen::Regions(_) | Screen::Nza(_) => {}
                Screen::Queue => self.open_selected(),
            },
            Action::NextTab | Action::PrevTab => {
                if let Screen::Plan(p) = &mut self.screen {
                    p.tab = if action == Action::NextTab {
                        (p.tab + 1) % PLAN_TABS
                    } else {
                        (p.tab + PLAN_TABS - 1) % PLAN_TABS
                    };
                    p.scroll = 0;
                    p.detail = None;
                }
            }
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::First | Action::Last => {
                self.move_cursor(action)
            }
        }
    }

    /// Typing in the registry's search box.
    fn search_registry(&mut self, action: Action) {
        let Screen::Registry(r) = &mut self.screen else {
            return;
        };
        match action {
            Action::FilterChar(c) => r.search.push(c),
            Action::FilterBackspace => {
                r.search.pop();
            }
            _ => {
                self.filtering = false;
                r.search.clear();
            }
        }
        r.refilter(&self.registry);
    }

    fn set_filter(&mut self, text: &str) {
        let current = self.current_plan_index();
        self.queue.set_filter(text);
        self.select_row(current);
    }

    /// Index into the queue's rows of the selected plan.
    pub fn current_plan_index(&self) -> Option<usize> {
        self.queue.visible().get(self.selected).copied()
    }

    /// Keeps the same plan selected after a re-sort or re-filter, else the first row.
    pub(super) fn select_row(&mut self, row: Option<usize>) {
        self.selected = row
            .and_then(|r| self.queue.visible().iter().position(|&i| i == r))
            .unwrap_or(0);
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let len = self.queue.visible().len();
        self.selected = self.selected.min(len.saturating_sub(1));
        let page = self.queue_page();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }

    fn move_cursor(&mut self, action: Action) {
        let page = self.queue_page();
        let overview_last = match &self.screen {
            Screen::Plan(p) if p.tab == 0 => super::plan_view::overview_len(self, p).saturating_sub(1),
            _ => 0,
        };
        let registry_page = super::registry_view::page(self.size.height);
        let history_last = match &self.screen {
            Screen::Plan(p) if p.tab == HISTORY_TAB => super::history_view::lines(self, p).len().saturating_sub(1),
            Screen::Plan(p) if p.tab == COORDINATION_TAB => p.coordination.records.len() + 1,
            _ => 0,
        };
        match &mut self.screen {
            Screen::Queue => {
                let last = self.queue.visible().len().saturating_sub(1);
                self.selected = step(self.selected, last, page, action);
                self.keep_selection_visible();
            }
            Screen::Registry(r) => {
                let last = r.hits.len().saturating_sub(1);
                r.selected = step(r.selected, last, registry_page, action);
                r.scroll_to_selection(registry_page);
            }
            Screen::Regions(r) => {
                let last = r.report.overview.regions.len().saturating_sub(1);
                r.selected = step(r.selected, last, page, action);
            }
            Screen::Nza(_) => {}
            Screen::Plan(p) => {
                let plan = &p.stored.plan;
                if let Some(scroll) = &mut p.detail {
                    *scroll = step(*scroll as usize, 200, page, action) as u16;
                    return;
                }
                match p.tab {
                    0 => p.scroll = step(p.scroll as usize, overview_last, page, action) as u16,
                    1 => {
                        p.scroll = step(
                            p.scroll as usize,
                            plan.disciplines.len().saturating_sub(1),
                            page,
                            action,
                        ) as u16
                    }
                    HISTORY_TAB | COORDINATION_TAB => {
                        p.scroll = step(p.scroll as usize, history_last, page, action) as u16
                    }
                    ASSESSMENT_TAB => p.criterion = step(p.criterion, p.assessment.criteria.len(), page, action),
                    // j/k choose a flag; PgDn/PgUp scroll its evidence.
                    FUNDING_TAB if matches!(action, Action::PageDown | Action::PageUp) => {
                        p.scroll = step(p.scroll as usize, 60, 5, action) as u16;
                    }
                    FUNDING_TAB => {
                        let last = p.review.as_ref().map_or(0, |r| r.flags.len().saturating_sub(1));
                        p.flag = step(p.flag, last, page, action);
                        p.scroll = 0;
                    }
                    _ => p.activity = step(p.activity, plan.activities.len().saturating_sub(1), 5, action),
                }
            }
        }
    }

    fn open_selected(&mut self) {
        let Some(row) = self.current_plan_index() else {
            return;
        };
        let (id, state, days_left) = {
            let r = self.queue.row(row);
            (r.id.clone(), r.status, r.days_left)
        };
        let history = match HistoryData::load(&self.store, &id, Some(state), days_left) {
            Ok(h) => h,
            Err(e) => {
                self.message = Some(format!("{e:#}"));
                return;
            }
        };
        let assessed = crate::assessing::assess_stored(&self.store, &self.rules, &self.registry, &id);
        let with_coordination = assessed.and_then(|a| match a {
            Some(a) => {
                let c = crate::following::plan_coordination(&self.store, &self.rules, &a.stored, history.current())?;
                Ok(Some((a, c)))
            }
            None => Ok(None),
        });
        match with_coordination {
            Ok(Some((a, coordination))) => {
                self.screen = Screen::Plan(Box::new(PlanView {
                    stored: a.stored,
                    assessment: a.assessment,
                    review: a.review,
                    flag: 0,
                    criterion: 0,
                    tab: 0,
                    scroll: 0,
                    activity: 0,
                    detail: None,
                    history,
                    coordination,
                }));
            }
            Ok(None) => self.message = Some(crate::i18n::unknown_plan(&id, None, self.lang)),
            Err(e) => self.message = Some(format!("{e:#}")),
        }
    }
}

/// Moves a cursor within `0..=last`.
fn step(pos: usize, last: usize, page: usize, action: Action) -> usize {
    match action {
        Action::Down => (pos + 1).min(last),
        Action::Up => pos.saturating_sub(1),
        Action::PageDown => (pos + page).min(last),
        Action::PageUp => pos.saturating_sub(page),
        Action::First => 0,
        Action::Last => last,
        _ => pos,
    }
}
