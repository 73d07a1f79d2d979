//! The help overlay's content, built from the keymap for where the user is: the keys of the
//! current screen, tab and popup first (left), then the global ones (right). A key that
//! does something else on another screen is marked, and a note says so. The line count
//! bounds the overlay's scrolling, so the keys never draw it to learn its height.

use crate::text::{self, T};
use crate::tui::keymap::{BINDINGS, Binding, Context, Key};

/// One line of a help column.
#[derive(Clone, Copy)]
pub enum HelpLine {
    Title(T),
    /// A binding; `elsewhere` marks a key that means something else on another screen.
    Key(&'static Binding, bool),
    Blank,
    Note(T),
}

/// What help shows: the columns for the contexts the user was in when `?` was pressed.
#[derive(Clone, Default)]
pub struct HelpContent {
    pub left: Vec<HelpLine>,
    pub right: Vec<HelpLine>,
}

impl HelpContent {
    /// `here` is the context stack when help opened (most specific first); `read_only`
    /// leaves out the keys that change data.
    pub fn for_contexts(here: &[Context], read_only: bool) -> HelpContent {
        let mut specific: Vec<Context> = Vec::new();
        for &c in here.iter().filter(|c| **c != Context::Global) {
            specific.push(c);
            // Typing a filter or a search belongs with the screen that opens it.
            if matches!(c, Context::Queue | Context::Registry) {
                specific.push(Context::Filter);
            }
        }
        let mut left = column(&specific, read_only);
        if left.iter().any(|l| matches!(l, HelpLine::Key(_, true))) {
            left.push(HelpLine::Blank);
            left.push(HelpLine::Note(text::workbench::HELP_ELSEWHERE));
        }
        if specific.contains(&Context::Filter) {
            left.push(HelpLine::Blank);
            left.extend(text::workbench::FILTER_RULE.map(HelpLine::Note));
        }
        let global = if here.contains(&Context::Global) {
            vec![Context::Global, Context::Help]
        } else {
            vec![Context::Help]
        };
        HelpContent {
            left,
            right: column(&global, read_only),
        }
    }

    /// Lines the overlay needs: the taller column.
    pub fn lines(&self) -> u16 {
        self.left.len().max(self.right.len()) as u16
    }
}

/// Per context its title and bindings, a blank line between contexts; `read_only` leaves
/// out the keys that change data (and a context left without keys).
fn column(contexts: &[Context], read_only: bool) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for &ctx in contexts {
        let keys: Vec<&'static Binding> = BINDINGS
            .iter()
            .filter(|b| b.context == ctx && !(read_only && b.run.writes()))
            .collect();
        if keys.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Title(ctx.title()));
        lines.extend(keys.into_iter().map(|b| HelpLine::Key(b, means_else_elsewhere(b))));
    }
    lines
}

/// The contexts that are screens or tabs (where a letter's meaning could be confused;
/// popups and questions say their keys on screen).
const SCREENS: [Context; 9] = [
    Context::Queue,
    Context::Plan,
    Context::Assessment,
    Context::Funding,
    Context::Decide,
    Context::Registry,
    Context::Regions,
    Context::Dashboard,
    Context::Sampling,
];

/// Whether one of `b`'s letters runs another action on another screen.
fn means_else_elsewhere(b: &Binding) -> bool {
    if !SCREENS.contains(&b.context) {
        return false;
    }
    let letters = || b.on.iter().filter(|k| matches!(k, Key::Char(c) if c.is_alphabetic()));
    BINDINGS.iter().any(|o| {
        SCREENS.contains(&o.context) && o.context != b.context && o.run != b.run && letters().any(|k| o.on.contains(k))
    })
}

/// How far help of `lines` lines can scroll in a terminal `height` rows high.
pub fn max_scroll(lines: u16, height: u16) -> u16 {
    // A few lines of slack for descriptions that wrap in a narrow terminal.
    let room = height.saturating_sub(2);
    (lines + 3).saturating_sub(room)
}
