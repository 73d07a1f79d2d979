//! The everyday-work popup: the decision letter's preview, the decisions export, importing
//! plan files or a registry file from a typed path, and the stored samples. One scrollable
//! popup: what was done (results, diagnostics) first, then what it shows.

use std::path::PathBuf;
use tui_input::Input;

/// What the popup is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkKind {
    /// The plan's decision letter; `m`/`h` write it as Markdown or HTML.
    Letter { plan_id: String },
    /// Every current decision; `w`/`c` write them as JSON or CSV.
    Export,
    /// A path prompt; Enter imports the plan files (or folders) there.
    ImportPlans,
    /// A path prompt; Enter imports the registry file there (CSV, TOML or .xlsx).
    ImportRegistry,
    /// The stored samples, by id; Enter verifies the selected one.
    Samples { ids: Vec<i64> },
    /// The market leader's follow package for a plan; `w` writes (and records) it.
    Package { plan_id: String },
}

pub struct WorkPopup {
    pub kind: WorkKind,
    /// What was done: written files (absolute paths), import results, diagnostics.
    pub results: Vec<String>,
    /// What the popup shows: the letter's text, a summary, the samples.
    pub body: Vec<String>,
    pub scroll: u16,
    /// Samples: the selected row of `body`.
    pub selected: usize,
    /// Imports: the path being typed (None once it ran).
    pub prompt: Option<Input>,
    /// The folder files are written to, absolute (shown in the popup).
    pub folder: PathBuf,
}

impl WorkPopup {
    pub fn new(kind: WorkKind, body: Vec<String>, folder: PathBuf) -> WorkPopup {
        let prompt = matches!(kind, WorkKind::ImportPlans | WorkKind::ImportRegistry).then(Input::default);
        WorkPopup {
            kind,
            results: Vec::new(),
            body,
            scroll: 0,
            selected: 0,
            prompt,
            folder,
        }
    }

    /// Lines the popup holds (results, a blank line, the body), for scrolling.
    pub fn len(&self) -> usize {
        self.results.len() + usize::from(!self.results.is_empty()) + self.body.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Scrolls by `by` lines (negative: up), within what the popup holds.
    pub fn scroll_by(&mut self, by: i32) {
        let max = self.len().saturating_sub(1) as i32;
        self.scroll = (i32::from(self.scroll) + by).clamp(0, max.max(0)) as u16;
    }

    /// A new result first, scrolled to the top so it is seen.
    pub fn report(&mut self, lines: impl IntoIterator<Item = String>) {
        self.results = lines.into_iter().collect();
        self.scroll = 0;
    }
}

impl WorkPopup {
    /// The keymap contexts while the popup is open, most specific first.
    pub fn contexts(&self) -> Vec<crate::tui::keymap::Context> {
        use crate::tui::keymap::Context as C;
        if self.prompt.is_some() {
            return vec![C::WorkPrompt];
        }
        let own = match self.kind {
            WorkKind::Letter { .. } => Some(C::WorkLetter),
            WorkKind::Export => Some(C::WorkExport),
            WorkKind::Package { .. } => Some(C::WorkPackage),
            WorkKind::Samples { .. } => Some(C::WorkSamples),
            WorkKind::ImportPlans | WorkKind::ImportRegistry => None,
        };
        own.into_iter().chain([C::Work, C::Global]).collect()
    }
}
