//! The workbench's state root: the store and rules it works on, the queue, the open screen
//! and popup, and what the status bar says. Keys become actions in the keymap; `update`
//! (in the actions) changes this state; the views only read it.

use super::keymap::Context;
use super::state::plan::{TextContext, order};
use super::state::{ASSESSMENT_TAB, FUNDING_TAB, Popup, Screen, help};
use super::widgets::Look;
use super::widgets::theme::Theme;
use crate::core::queue::{Queue, QueueRow};
use crate::core::rules::{CheckId, Rules};
use crate::store::Store;
use crate::text::Lang;
use anyhow::Result;
use ratatui::layout::Size;

pub struct App {
    pub store: Store,
    /// Guidance, policy and RHO regions the assessments use.
    pub rules: Rules,
    /// The registry of existing arrangements, prepared for matching.
    /// Read and indexed the first time something needs it.
    pub registry: crate::app::registry::Registry,
    /// Who is working (recorded with manual scores and notes).
    pub user: String,
    pub lang: Lang,
    pub theme: Theme,
    /// What the title bar says about the database (path, or "demo: ...").
    pub db_label: String,
    /// The database was opened read-only (it stays so while the workbench runs).
    pub read_only: bool,
    /// The time as of the last key (UTC, RFC 3339), for what the screens show as "now".
    pub now: crate::core::time::Instant,
    pub queue: Queue,
    /// Selected position in `queue.visible()`.
    pub selected: usize,
    /// First visible position of the queue table.
    pub offset: usize,
    pub screen: Screen,
    pub filtering: bool,
    pub help: bool,
    pub help_scroll: u16,
    /// What the help overlay shows: the keys of where `?` was pressed, then the global
    /// ones (built from the keymap when help opens).
    pub help_content: help::HelpContent,
    pub popup: Option<Popup>,
    /// A one-line message for the status bar (errors from the store, mostly).
    pub message: Option<String>,
    /// A one-line confirmation for the status bar (e.g. "score stored").
    pub notice: Option<String>,
    pub size: Size,
    pub should_quit: bool,
    /// NZa: the yearly envelope the dashboard measures against.
    pub envelope_cents: i64,
    /// Where the leader's private signing key is read from; None: the config folder.
    pub keys_folder: Option<std::path::PathBuf>,
    /// Whether the database changed since the screen was last loaded (own writes and
    /// other processes'); `None` when the store cannot say.
    pub watcher: Option<crate::app::live::Watcher>,
    /// A question asked over everything (quitting the demo, clearing a real score).
    pub asking: Option<super::state::Ask>,
    /// The workbench runs on the demo's temporary database: quitting asks first.
    pub demo: bool,
    /// The folder files written from the workbench go to (absolute; shown where they are
    /// written).
    pub out_dir: std::path::PathBuf,
    /// The sort column that was hidden at this width, replaced by the fallback (the queue's
    /// info line says so until the user sorts).
    pub sort_fallback: Option<crate::core::queue::SortKey>,
    /// Wheel and clicks act (off with `--no-mouse`).
    pub mouse: bool,
    /// NZa's dashboard is the top screen (a database with NZa imports and no plans).
    pub nza_home: bool,
    /// Where `b` keeps the demo's database, named when the quit question opens.
    pub keep_path: Option<std::path::PathBuf>,
    /// Where the demo's database was kept on quitting, if it was.
    pub kept: Option<std::path::PathBuf>,
    /// Stale queue figures being recomputed in the background (their rows drawn marked).
    pub recompute: Option<crate::app::recompute::Recompute>,
}

impl App {
    pub fn new(store: Store, rules: Rules, lang: Lang, db_label: &str, theme: Theme) -> Result<App> {
        // The registry is read only if some plan's stored summary is stale.
        // Many stale summaries (after a registry import) are computed in the background:
        // the queue shows at once, their rows marked until the figures arrive.
        let registry = crate::app::registry::Registry::default();
        let known = crate::app::recompute::known_queue(&store, &rules, &registry, None)?;
        let mut app = App::with_rows(store, rules, known.rows, lang, db_label, theme);
        app.registry = registry;
        app.adopt_deferred(known.registry_version, known.deferred, known.restart);
        // NZa staff land on their dashboard: imports and no plans of their own.
        if app.queue.is_empty() && !crate::app::nza::contracts(&app.store)?.is_empty() {
            app.open_nza();
            app.nza_home = matches!(app.screen, Screen::Nza(_));
        }
        Ok(app)
    }

    /// An app over given queue rows (benchmarks build large queues without a database).
    pub fn with_rows(store: Store, rules: Rules, rows: Vec<QueueRow>, lang: Lang, db_label: &str, theme: Theme) -> App {
        let queue = Queue::new(rows);
        App {
            watcher: crate::app::live::Watcher::new(&store).ok(),
            asking: None,
            demo: false,
            out_dir: std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("/")),
            kept: None,
            recompute: None,
            keep_path: None,
            nza_home: false,
            mouse: true,
            sort_fallback: None,
            read_only: store.is_read_only(),
            now: store.now(),
            store,
            rules,
            registry: crate::app::registry::Registry::default(),
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
            help_content: help::HelpContent::default(),
            popup: None,
            message: None,
            notice: None,
            size: Size::new(80, 24),
            should_quit: false,
            envelope_cents: crate::core::nza::report::DEFAULT_ENVELOPE_CENTS,
            keys_folder: None,
        }
    }

    /// How the widgets draw: theme and language.
    pub fn look(&self) -> Look {
        Look {
            theme: self.theme,
            lang: self.lang,
        }
    }

    /// What a plan's tab text depends on besides the plan.
    pub(super) fn text_context(&self) -> TextContext {
        TextContext {
            lang: self.lang,
            deadline: self.rules.policy.decisions.deadline,
            width: self.size.width,
        }
    }

    /// The yearly envelope NZa's dashboard measures against; an open dashboard follows.
    pub fn set_envelope(&mut self, cents: i64) {
        self.envelope_cents = cents;
        if matches!(self.screen, Screen::Nza(_)) {
            self.reload_dashboard();
        }
    }

    /// The keymap contexts active now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        if self.asking.is_some() {
            return vec![Context::Confirm];
        }
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
            (Some(Popup::Decision(f)), _) if f.focus == 0 => vec![Context::DecisionOutcome, Context::DecisionForm],
            (Some(Popup::Decision(_)), _) => vec![Context::DecisionForm],
            (Some(Popup::Approve(_)), _) => vec![Context::Approve],
            (Some(Popup::Work(w)), _) => w.contexts(),
            (None, Screen::Registry(_)) => vec![Context::Registry, Context::Global],
            (None, Screen::Regions(_)) => vec![Context::Regions, Context::Global],
            (None, Screen::Nza(v)) if v.sampling.is_some() => vec![Context::Sampling, Context::Global],
            (None, Screen::Nza(_)) => vec![Context::Dashboard, Context::Global],
            (None, Screen::Queue) => vec![Context::Queue, Context::Global],
            (None, Screen::Plan(p)) if p.tab == ASSESSMENT_TAB => {
                vec![Context::Assessment, Context::Decide, Context::Plan, Context::Global]
            }
            (None, Screen::Plan(p)) if p.tab == FUNDING_TAB => {
                vec![Context::Funding, Context::Decide, Context::Plan, Context::Global]
            }
            (None, Screen::Plan(_)) => vec![Context::Decide, Context::Plan, Context::Global],
        }
    }

    /// Whether `action` does something in the current state (the status bar shows only
    /// keys that do).
    pub fn acts(&self, action: super::keymap::Action) -> bool {
        use super::keymap::Action as A;
        let plan = match &self.screen {
            Screen::Plan(p) => Some(p),
            _ => None,
        };
        match action {
            a if a.writes() && self.read_only => false,
            A::Open => match &self.screen {
                Screen::Queue => !self.queue.visible().is_empty(),
                Screen::Plan(p) => p.tab == super::state::ACTIVITIES_TAB && p.detail.is_none(),
                _ => true,
            },
            A::OpenApprove => plan.is_some_and(|p| p.history.current().is_some_and(|d| d.is_pending())),
            // A knock-out takes a note, never a score.
            A::SetScore => self.selected_criterion().is_some_and(|id| {
                plan.and_then(|p| p.assessment.criterion(id))
                    .is_some_and(|c| c.kind == crate::core::rules::Kind::Weighted)
            }),
            A::EditNote => self.selected_criterion().is_some(),
            A::ClearManual => self.selected_criterion().is_some_and(|id| {
                plan.and_then(|p| p.assessment.criterion(id))
                    .is_some_and(|c| c.manual.is_some())
            }),
            A::ConfirmFlag | A::DismissFlag => {
                plan.is_some_and(|p| p.review.as_ref().is_some_and(|r| !r.flags.is_empty()))
            }
            A::OpenPackage => plan.is_some_and(|p| {
                p.tab == super::state::COORDINATION_TAB
                    && matches!(
                        p.coordination.status,
                        crate::core::coordination::status::Status::Decided { .. }
                    )
            }),
            A::SampleExport | A::SampleItemNext | A::SampleItemPrev => self.sample_drawn(),
            // Marking records a finding: not on a read-only database.
            A::SampleMarkOk | A::SampleMarkDeviation => self.sample_drawn() && !self.read_only,
            A::ConfirmKeep => self.asking == Some(super::state::Ask::QuitDemo),
            _ => true,
        }
    }

    /// Whether the Sampling screen holds a drawn sample (its items can be gone through).
    fn sample_drawn(&self) -> bool {
        match &self.screen {
            Screen::Nza(v) => v.sampling.as_ref().is_some_and(|s| s.drawn.is_some()),
            _ => false,
        }
    }

    /// Rows of the queue table that fit on screen (title, header, filter line, status bar).
    pub fn queue_page(&self) -> usize {
        (self.size.height as usize).saturating_sub(4).max(1)
    }

    /// How far the help overlay scrolls in this terminal.
    pub fn help_max_scroll(&self) -> u16 {
        help::max_scroll(self.help_content.lines(), self.size.height)
    }

    /// A new terminal size: the queue keeps its selection on screen, and an open plan
    /// recounts the lines its overview takes at the new width.
    pub fn resize(&mut self, size: Size) {
        let new_width = size.width != self.size.width;
        self.size = size;
        self.keep_sort_visible();
        self.keep_selection_visible();
        if let (true, Screen::Plan(p)) = (new_width, &mut self.screen) {
            p.resize(size.width);
        }
    }

    /// Never sorts by a hidden column: at a width that hides it, the queue falls back to
    /// the days to the deadline, and says so.
    fn keep_sort_visible(&mut self) {
        let (key, _) = self.queue.sort_key();
        if super::state::queue::shown(key, self.size.width) {
            return;
        }
        // The top row stays the top row (the workbench starts there); a plan chosen further
        // down stays chosen.
        let current = self.current_plan_index().filter(|_| self.selected > 0);
        self.queue.sort_by(super::state::queue::FALLBACK);
        self.select_row(current);
        self.sort_fallback = Some(key);
    }

    /// "Column N is not shown at this width; sorted by ...".
    pub(super) fn hidden_column_text(&self, hidden: crate::core::queue::SortKey) -> String {
        use crate::core::queue::SortKey;
        let digit = |k: SortKey| {
            let c = SortKey::ALL.iter().position(|x| *x == k).unwrap_or(0);
            if c < 10 {
                ((c + 1) % 10).to_string()
            } else {
                "u".to_string()
            }
        };
        let (now, _) = self.queue.sort_key();
        crate::text::fill(
            crate::text::workbench::SORT_HIDDEN.get(self.lang),
            &[
                ("c", &digit(hidden)),
                ("w", &self.size.width.to_string()),
                ("k", &digit(now)),
            ],
        )
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

    pub(super) fn keep_selection_visible(&mut self) {
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

    /// The criterion selected on the assessment tab, if a criterion (not the summary) is.
    pub fn selected_criterion(&self) -> Option<CheckId> {
        match &self.screen {
            Screen::Plan(p) if p.tab == ASSESSMENT_TAB && p.criterion > 0 => order(&p.assessment)
                .get(p.criterion - 1)
                .map(|&i| p.assessment.criteria[i].id),
            _ => None,
        }
    }
}
