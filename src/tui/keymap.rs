//! The keymap as data. A key is first resolved to an [`Action`] (a pure lookup); the app's
//! `update` then executes it. The help overlay and the status bar are built from the same
//! table, so they cannot drift from the real keys.

use crate::text::{self, T};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can make the workbench do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    /// `q` on NZa's dashboard: back to the queue, or quit when the dashboard is the top
    /// screen (a database with NZa imports and no plans).
    BackOrQuit,
    ToggleHelp,
    Down,
    Up,
    PageDown,
    PageUp,
    /// Half a page down / up (Ctrl-d, Ctrl-u).
    HalfDown,
    HalfUp,
    First,
    Last,
    Open,
    StartFilter,
    /// Sort by the column of the pressed digit (resolved to [`Action::SortBy`]).
    SortColumn,
    SortBy(usize),
    NextTab,
    PrevTab,
    FilterChar(char),
    FilterBackspace,
    FilterApply,
    FilterClear,
    /// Ctrl-u while typing a filter: empties the line, typing goes on.
    FilterErase,
    /// On the assessment tab: open the score picker, the note editor; clear manual input.
    SetScore,
    EditNote,
    ClearManual,
    /// A digit in the score picker (resolved to [`Action::PickScore`]).
    ScoreDigit,
    PickScore(u8),
    ScoreClear,
    ClosePopup,
    NoteEdit(EditKey),
    NoteSave,
    /// On the double-funding tab: confirm or dismiss the selected flag (asks a reason).
    ConfirmFlag,
    DismissFlag,
    /// From the queue: the registry of existing arrangements.
    OpenRegistry,
    /// From the queue: the regions and their market leaders.
    OpenRegions,
    /// From the queue: NZa's dashboard; from there the Sampling screen.
    OpenNza,
    OpenSampling,
    /// ←/→ on the dashboard (the year) and the Sampling screen (the field's value).
    ValueNext,
    ValuePrev,
    /// A digit on the Sampling screen (resolved to [`Action::SampleDigit`]).
    SampleDigitKey,
    SampleDigit(u8),
    SampleBackspace,
    SampleDraw,
    SampleExport,
    /// The drawn sample's items: the next or previous one, and a finding on it.
    SampleItemNext,
    SampleItemPrev,
    SampleMarkOk,
    SampleMarkDeviation,
    /// On the queue: show only plans in the next state (then all again); `S` steps back.
    CycleState,
    CycleStateBack,
    /// On the plan screen: the decision form, and approving a pending decision.
    OpenDecision,
    OpenApprove,
    ApproveYes,
    /// In the decision form: next/previous field, check, record, back from the check.
    FormNext,
    FormPrev,
    FormSubmit,
    FormRecord,
    FormBack,
    /// Everyday work in a popup: the letter (plan), the export and imports (queue), a
    /// registry import (registry), the stored samples (dashboard).
    OpenLetter,
    OpenExport,
    OpenImportPlans,
    OpenImportRegistry,
    OpenSamples,
    OpenPackage,
    /// In the work popup: write the first or second format (Markdown/HTML, JSON/CSV); run
    /// (import the typed path, verify the selected sample).
    WorkPrimary,
    WorkSecondary,
    WorkRun,
    /// In a question (quitting the demo, clearing a score): yes, no, keep a copy.
    ConfirmYes,
    ConfirmNo,
    ConfirmKeep,
}

/// An editing key in the note editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    DeleteWord,
    DeleteLine,
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Global,
    Queue,
    Plan,
    /// The assessment tab of the plan screen (editing keys; absent when read-only).
    Assessment,
    Score,
    Note,
    /// The double-funding tab of the plan screen (judging keys; absent when read-only).
    Funding,
    /// The reason editor for a flag judgement.
    Reason,
    Registry,
    Regions,
    /// NZa's dashboard and its Sampling screen.
    Dashboard,
    Sampling,
    Filter,
    Help,
    /// The plan screen's decision keys (absent when read-only).
    Decide,
    /// The decision form with the focus on the outcome (no text field: `?` is help there).
    DecisionOutcome,
    DecisionForm,
    DecisionConfirm,
    Approve,
    /// The everyday-work popup, and its letter, export, samples and path-prompt keys.
    Work,
    WorkLetter,
    WorkExport,
    WorkSamples,
    WorkPrompt,
    WorkPackage,
    /// A yes/no question over everything (quitting the demo, clearing a real score).
    Confirm,
}

impl Action {
    /// Whether the action changes the database (or writes a record of it): under
    /// `--read-only` its keys are hidden from help and the status bar, and pressing one
    /// says why nothing happens.
    pub fn writes(self) -> bool {
        matches!(
            self,
            A::OpenDecision
                | A::OpenApprove
                | A::SetScore
                | A::EditNote
                | A::ClearManual
                | A::ConfirmFlag
                | A::DismissFlag
                | A::OpenImportPlans
                | A::OpenImportRegistry
                | A::OpenPackage
                | A::SampleMarkOk
                | A::SampleMarkDeviation
                | A::SampleDraw
        )
    }
}

impl Context {
    pub fn title(self) -> T {
        match self {
            Context::Global => text::CTX_GLOBAL,
            Context::Queue => text::CTX_QUEUE,
            Context::Plan => text::CTX_PLAN,
            Context::Assessment => text::TAB_ASSESSMENT,
            Context::Score => text::CTX_SCORE,
            Context::Note => text::CTX_NOTE,
            Context::Funding => text::CTX_FUNDING,
            Context::Reason => text::CTX_REASON,
            Context::Registry => text::CTX_REGISTRY,
            Context::Regions => text::coordination::CTX_REGIONS,
            Context::Dashboard => text::nza::DASHBOARD,
            Context::Sampling => text::nza::CTX_SAMPLING,
            Context::Filter => text::CTX_FILTER,
            Context::Help => text::HELP_TITLE,
            Context::Decide => text::decision::DECISIONS,
            Context::DecisionOutcome => text::decision::CTX_OUTCOME,
            Context::DecisionForm => text::decision::FORM_TITLE,
            Context::DecisionConfirm => text::decision::CONFIRM_TITLE,
            Context::Approve => text::decision::APPROVE_TITLE,
            Context::Work => text::work::CTX_WORK,
            Context::WorkLetter => text::work::LETTER_TITLE,
            Context::WorkExport => text::work::EXPORT_TITLE,
            Context::WorkSamples => text::work::SAMPLES_TITLE,
            Context::WorkPrompt => text::work::IMPORT_PLANS_TITLE,
            Context::WorkPackage => text::work::PACKAGE_TITLE,
            Context::Confirm => text::workbench::CTX_CONFIRM,
        }
    }
}

/// A key as the keymap names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
}

/// One binding: `on` keys, in `context`, `run` an action; `desc` is what help shows.
pub struct Binding {
    pub context: Context,
    pub on: &'static [Key],
    /// How the keys are written in help and the status bar.
    pub label: &'static str,
    pub run: Action,
    pub desc: T,
    /// Shown in the status bar (the most useful keys only, to fit 80 columns).
    pub status: bool,
}

use Action as A;
use Context as C;
use Key::{Char, Code, Ctrl};

const fn b(context: Context, on: &'static [Key], label: &'static str, run: Action, desc: T, status: bool) -> Binding {
    Binding {
        context,
        on,
        label,
        run,
        desc,
        status,
    }
}

#[rustfmt::skip]
const DIGITS: [Key; 10] = [
    Char('0'), Char('1'), Char('2'), Char('3'), Char('4'), Char('5'), Char('6'), Char('7'), Char('8'), Char('9'),
];

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    b(C::Help, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    b(C::Filter, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    // Described for help only: any other printable key is typed into the filter (see resolve).
    b(C::Filter, &[], "abc…", A::FilterChar(' '), text::K_TYPE, false),
    b(C::Help, &[Code(KeyCode::Esc), Char('q'), Char('?')], "Esc/q/?", A::ToggleHelp, text::K_CLOSE_HELP, true),
    b(C::Filter, &[Code(KeyCode::Enter)], "Enter", A::FilterApply, text::K_APPLY_FILTER, true),
    b(C::Filter, &[Code(KeyCode::Esc)], "Esc", A::FilterClear, text::K_CLEAR_FILTER, true),
    b(C::Filter, &[Code(KeyCode::Backspace)], "Backspace", A::FilterBackspace, text::K_DELETE_CHAR, false),
    b(C::Filter, &[Ctrl('u')], "Ctrl-u", A::FilterErase, text::workbench::K_ERASE_LINE, false),
    b(C::Filter, &[Code(KeyCode::Down), Ctrl('n')], "↓/Ctrl-n", A::Down, text::K_DOWN, false),
    b(C::Filter, &[Code(KeyCode::Up), Ctrl('p')], "↑/Ctrl-p", A::Up, text::K_UP, false),
    b(C::Queue, &[Code(KeyCode::Enter)], "Enter", A::Open, text::K_OPEN, true),
    b(C::Queue, &[Char('/')], "/", A::StartFilter, text::K_FILTER, true),
    b(C::Queue, &DIGITS, "1-9,0", A::SortColumn, text::K_SORT, false),
    b(C::Queue, &[Char('r')], "r", A::OpenRegistry, text::K_REGISTRY, true),
    b(C::Queue, &[Char('m')], "m", A::OpenRegions, text::coordination::K_REGIONS, true),
    b(C::Queue, &[Char('n')], "n", A::OpenNza, text::nza::K_NZA, true),
    b(C::Dashboard, &[Code(KeyCode::Tab)], "Tab", A::NextTab, text::nza::K_BREAKDOWN, true),
    b(C::Dashboard, &[Code(KeyCode::BackTab)], "S-Tab", A::PrevTab, text::nza::K_BREAKDOWN, false),
    b(C::Dashboard, &[Code(KeyCode::Left), Char('h')], "←/h", A::ValuePrev, text::nza::K_YEAR, false),
    b(C::Dashboard, &[Code(KeyCode::Right), Char('l')], "→/l", A::ValueNext, text::nza::K_YEAR, true),
    b(C::Dashboard, &[Char('s')], "s", A::OpenSampling, text::nza::K_SAMPLING, true),
    b(C::Dashboard, &[Code(KeyCode::Esc)], "Esc", A::Back, text::K_BACK, false),
    b(C::Dashboard, &[Char('q')], "q", A::BackOrQuit, text::workbench::K_BACK_OR_QUIT, true),
    b(C::Sampling, &[Code(KeyCode::Left), Char('h')], "←/h", A::ValuePrev, text::nza::K_CHANGE, false),
    b(C::Sampling, &[Code(KeyCode::Right), Char('l')], "→/l", A::ValueNext, text::nza::K_CHANGE, true),
    b(C::Sampling, &DIGITS, "0-9", A::SampleDigitKey, text::nza::K_DIGITS, false),
    b(C::Sampling, &[Code(KeyCode::Backspace)], "Backspace", A::SampleBackspace, text::nza::K_BACKSPACE, false),
    b(C::Sampling, &[Char('d')], "d", A::SampleDraw, text::nza::K_DRAW, true),
    b(C::Sampling, &[Char('x')], "x", A::SampleExport, text::nza::K_EXPORT, true),
    b(C::Sampling, &[Char(']')], "]", A::SampleItemNext, text::evaluate::K_ITEM_NEXT, true),
    b(C::Sampling, &[Char('[')], "[", A::SampleItemPrev, text::evaluate::K_ITEM_PREV, false),
    b(C::Sampling, &[Char('o')], "o", A::SampleMarkOk, text::evaluate::K_MARK_OK, true),
    b(C::Sampling, &[Char('v')], "v", A::SampleMarkDeviation, text::evaluate::K_MARK_DEVIATION, true),
    b(C::Sampling, &[Code(KeyCode::Esc), Char('q')], "Esc/q", A::Back, text::K_BACK, true),
    b(C::Queue, &[Char('s')], "s", A::CycleState, text::decision::K_STATE_FILTER, true),
    b(C::Queue, &[Char('S')], "S", A::CycleStateBack, text::workbench::K_STATE_BACK, false),
    b(C::Queue, &[Char('u')], "u", A::SortBy(10), text::decision::K_SORT_DUE, false),
    b(C::Decide, &[Char('d')], "d", A::OpenDecision, text::decision::K_DECIDE, true),
    b(C::Decide, &[Char('a')], "a", A::OpenApprove, text::decision::K_APPROVE, true),
    // On the outcome `?` is help; in the text fields it is typed (a question ends in one), F1 is help.
    b(C::DecisionOutcome, &[Char('?')], "?", A::ToggleHelp, text::K_HELP, true),
    // Described for help only: they reach the form's editing (see resolve).
    b(C::DecisionOutcome, &[], "←/→", A::NoteEdit(EditKey::Right), text::decision::K_PICK_OUTCOME, false),
    b(C::DecisionForm, &[Code(KeyCode::F(1))], "F1", A::ToggleHelp, text::K_HELP, true),
    // Described for help only: other keys edit the focused field (see resolve).
    b(C::DecisionForm, &[], "abc…/←/→", A::NoteEdit(EditKey::End), text::decision::K_EDIT_FIELD, false),
    b(C::DecisionForm, &[Code(KeyCode::Tab), Code(KeyCode::Down)], "Tab/↓", A::FormNext, text::decision::K_NEXT_FIELD, true),
    b(C::DecisionForm, &[Code(KeyCode::BackTab), Code(KeyCode::Up)], "S-Tab/↑", A::FormPrev, text::decision::K_PREV_FIELD, false),
    b(C::DecisionForm, &[Code(KeyCode::Enter)], "Enter", A::FormSubmit, text::decision::K_CHECK, true),
    b(C::DecisionForm, &[Code(KeyCode::Esc)], "Esc", A::ClosePopup, text::K_CANCEL, true),
    b(C::DecisionForm, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    b(C::DecisionConfirm, &[Char('j'), Char('y'), Code(KeyCode::Enter)], "j/y/Enter", A::FormRecord, text::decision::K_RECORD, true),
    b(C::DecisionConfirm, &[Char('n'), Code(KeyCode::Esc)], "n/Esc", A::FormBack, text::decision::K_BACK_TO_FORM, true),
    b(C::DecisionConfirm, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    b(C::Approve, &[Char('j'), Char('y'), Code(KeyCode::Enter)], "j/y/Enter", A::ApproveYes, text::decision::K_APPROVE, true),
    b(C::Approve, &[Char('n'), Code(KeyCode::Esc)], "n/Esc", A::ClosePopup, text::K_CANCEL, true),
    b(C::Approve, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    b(C::Queue, &[Char('q')], "q", A::Quit, text::K_QUIT, true),
    b(C::Registry, &[Char('/')], "/", A::StartFilter, text::K_SEARCH, true),
    b(C::Regions, &[Code(KeyCode::Enter)], "Enter", A::Open, text::workbench::K_REGION_PLANS, true),
    b(C::Regions, &[Code(KeyCode::Esc), Char('q')], "Esc/q", A::Back, text::K_BACK, true),
    b(C::Registry, &[Code(KeyCode::Esc), Char('q')], "Esc/q", A::Back, text::K_BACK, true),
    b(C::Queue, &[Code(KeyCode::Esc)], "Esc", A::FilterClear, text::K_CLEAR_FILTERS, false),
    b(C::Plan, &[Code(KeyCode::Enter)], "Enter", A::Open, text::K_ACTIVITY, false),
    b(C::Plan, &[Code(KeyCode::Tab), Code(KeyCode::Right), Char('l')], "Tab/→/l", A::NextTab, text::K_NEXT_TAB, true),
    b(C::Plan, &[Code(KeyCode::BackTab), Code(KeyCode::Left), Char('h')], "S-Tab/←/h", A::PrevTab, text::K_PREV_TAB, false),
    b(C::Plan, &[Code(KeyCode::Esc), Char('q')], "Esc/q", A::Back, text::K_BACK, true),
    b(C::Global, &[Char('j'), Code(KeyCode::Down)], "j/↓", A::Down, text::K_DOWN, false),
    b(C::Global, &[Char('k'), Code(KeyCode::Up)], "k/↑", A::Up, text::K_UP, false),
    b(C::Global, &[Code(KeyCode::PageDown), Ctrl('f')], "PgDn/C-f", A::PageDown, text::K_PAGE_DOWN, false),
    b(C::Global, &[Code(KeyCode::PageUp), Ctrl('b')], "PgUp/C-b", A::PageUp, text::K_PAGE_UP, false),
    b(C::Global, &[Ctrl('d')], "C-d", A::HalfDown, text::workbench::K_HALF_DOWN, false),
    b(C::Global, &[Ctrl('u')], "C-u", A::HalfUp, text::workbench::K_HALF_UP, false),
    b(C::Global, &[Code(KeyCode::Home), Char('g')], "Home/g", A::First, text::K_FIRST, false),
    b(C::Global, &[Code(KeyCode::End), Char('G')], "End/G", A::Last, text::K_LAST, false),
    b(C::Assessment, &[Char('s')], "s", A::SetScore, text::K_SCORE, true),
    b(C::Assessment, &[Char('n')], "n", A::EditNote, text::K_NOTE, true),
    b(C::Assessment, &[Char('x')], "x", A::ClearManual, text::K_CLEAR_SCORE, false),
    b(C::Funding, &[Char('c')], "c", A::ConfirmFlag, text::K_CONFIRM_FLAG, true),
    b(C::Funding, &[Char('x')], "x", A::DismissFlag, text::K_DISMISS_FLAG, true),
    // Described for help only: other keys edit the reason (see resolve).
    b(C::Reason, &[], "abc…/←/→", A::NoteEdit(EditKey::End), text::K_EDIT_REASON, false),
    b(C::Reason, &[Code(KeyCode::Enter)], "Enter", A::NoteSave, text::K_SAVE, true),
    b(C::Reason, &[Code(KeyCode::Esc)], "Esc", A::ClosePopup, text::K_CANCEL, true),
    b(C::Reason, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    b(C::Score, &DIGITS, "0-9", A::ScoreDigit, text::K_PICK_SCORE, true),
    b(C::Score, &[Code(KeyCode::Backspace), Code(KeyCode::Delete)], "Backspace", A::ScoreClear, text::K_CLEAR_SCORE_ONLY, true),
    b(C::Score, &[Code(KeyCode::Esc)], "Esc", A::ClosePopup, text::K_CANCEL, true),
    b(C::Score, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    // Described for help only: other keys edit the note (see resolve).
    b(C::Note, &[], "abc…/←/→", A::NoteEdit(EditKey::End), text::K_EDIT_NOTE, false),
    b(C::Note, &[Code(KeyCode::Enter)], "Enter", A::NoteSave, text::K_SAVE, true),
    b(C::Note, &[Code(KeyCode::Esc)], "Esc", A::ClosePopup, text::K_CANCEL, true),
    b(C::Note, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    b(C::Help, &[Char('j'), Code(KeyCode::Down)], "j/↓", A::Down, text::K_SCROLL_DOWN, false),
    b(C::Help, &[Char('k'), Code(KeyCode::Up)], "k/↑", A::Up, text::K_SCROLL_UP, false),
    b(C::Help, &[Code(KeyCode::PageDown), Ctrl('f'), Ctrl('d')], "PgDn", A::PageDown, text::K_PAGE_DOWN, false),
    b(C::Help, &[Code(KeyCode::PageUp), Ctrl('b'), Ctrl('u')], "PgUp", A::PageUp, text::K_PAGE_UP, false),
    b(C::Help, &[Code(KeyCode::Home), Char('g')], "Home/g", A::First, text::K_FIRST, false),
    b(C::Help, &[Code(KeyCode::End), Char('G')], "End/G", A::Last, text::K_LAST, false),
    b(C::Global, &[Char('?')], "?", A::ToggleHelp, text::K_HELP, true),
    b(C::Global, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    // Everyday work in a popup (letter, export, imports, samples), one line per binding.
    b(C::Plan, &[Char('L')], "L", A::OpenLetter, text::work::K_LETTER, false),
    b(C::Queue, &[Char('E')], "E", A::OpenExport, text::work::K_EXPORT, false),
    b(C::Queue, &[Char('I')], "I", A::OpenImportPlans, text::work::K_IMPORT_PLANS, false),
    b(C::Registry, &[Char('I')], "I", A::OpenImportRegistry, text::work::K_IMPORT_REGISTRY, false),
    b(C::Dashboard, &[Char('v')], "v", A::OpenSamples, text::work::K_SAMPLES, false),
    // In the status bar where it acts: the leader's Coordination tab, once decided.
    b(C::Plan, &[Char('P')], "P", A::OpenPackage, text::work::K_PACKAGE, true),
    b(C::WorkPackage, &[Char('w')], "w", A::WorkPrimary, text::work::K_WRITE_PACKAGE, true),
    b(C::WorkLetter, &[Char('m')], "m", A::WorkPrimary, text::work::K_WRITE_MD, true),
    b(C::WorkLetter, &[Char('h')], "h", A::WorkSecondary, text::work::K_WRITE_HTML, true),
    b(C::WorkExport, &[Char('w')], "w", A::WorkPrimary, text::work::K_WRITE_JSON, true),
    b(C::WorkExport, &[Char('c')], "c", A::WorkSecondary, text::work::K_WRITE_CSV, true),
    b(C::WorkSamples, &[Code(KeyCode::Enter)], "Enter", A::WorkRun, text::work::K_VERIFY, true),
    b(C::WorkPrompt, &[], "abc…/←/→", A::NoteEdit(EditKey::End), text::work::K_EDIT_PATH, false),
    b(C::WorkPrompt, &[Code(KeyCode::Enter)], "Enter", A::WorkRun, text::work::K_IMPORT_RUN, true),
    b(C::WorkPrompt, &[Code(KeyCode::Esc)], "Esc", A::ClosePopup, text::work::K_CLOSE, true),
    b(C::WorkPrompt, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
    b(C::Work, &[Code(KeyCode::Esc), Char('q')], "Esc/q", A::ClosePopup, text::work::K_CLOSE, true),
    // Only the explicit letter answers yes: Enter is no default for losing work.
    b(C::Confirm, &[Char('j'), Char('y')], "j/y", A::ConfirmYes, text::workbench::K_YES, true),
    b(C::Confirm, &[Char('b')], "b", A::ConfirmKeep, text::workbench::K_KEEP, true),
    b(C::Confirm, &[Char('n'), Code(KeyCode::Esc)], "n/Esc", A::ConfirmNo, text::workbench::K_NO, true),
    b(C::Confirm, &[Ctrl('c')], "Ctrl-c", A::Quit, text::K_QUIT, false),
];

/// The status bar's short words for actions whose help text is long (help shows the
/// full text), so the bar fits 80 columns.
#[rustfmt::skip]
pub static STATUS_WORDS: &[(T, T)] = &[
    (text::K_OPEN, text::workbench::S_OPEN),
    (text::K_FILTER, text::workbench::S_FILTER),
    (text::K_REGISTRY, text::workbench::S_REGISTRY),
    (text::coordination::K_REGIONS, text::workbench::S_REGIONS),
    (text::nza::K_NZA, text::workbench::S_NZA),
    (text::decision::K_STATE_FILTER, text::workbench::S_STATE),
    (text::K_NEXT_TAB, text::workbench::S_TAB),
    (text::K_SCORE, text::workbench::S_SCORE),
    (text::K_CONFIRM_FLAG, text::workbench::S_CONFIRM),
    (text::K_DISMISS_FLAG, text::workbench::S_DISMISS),
    (text::work::K_PACKAGE, text::workbench::S_PACKAGE),
];

/// The word the status bar shows for a binding (its help text when short enough).
pub fn status_word(b: &Binding) -> T {
    STATUS_WORDS
        .iter()
        .find(|(long, _)| *long == b.desc)
        .map_or(b.desc, |(_, short)| *short)
}

fn matches(key: Key, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match key {
        Char(c) => !ctrl && ev.code == KeyCode::Char(c),
        Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
        Code(code) => ev.code == code,
    }
}

/// Resolves a key in a stack of contexts (most specific first). In the filter context an
/// unbound printable character is typed into the filter.
pub fn resolve(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    for &ctx in contexts {
        for binding in BINDINGS.iter().filter(|b| b.context == ctx) {
            if let Some(key) = binding.on.iter().find(|k| matches(**k, ev)) {
                return Some(match (binding.run, key) {
                    // Digits 1-9 sort by columns 1-9, and 0 by the tenth.
                    (A::SortColumn, Char(d)) => A::SortBy((d.to_digit(10).unwrap_or(1) as usize + 9) % 10),
                    (A::ScoreDigit, Char(d)) => A::PickScore(d.to_digit(10).unwrap_or(0) as u8),
                    (A::SampleDigitKey, Char(d)) => A::SampleDigit(d.to_digit(10).unwrap_or(0) as u8),
                    (run, _) => run,
                });
            }
        }
        if ctx == C::Filter {
            if let KeyCode::Char(c) = ev.code {
                if !ev.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() {
                    return Some(A::FilterChar(c));
                }
            }
            // Nothing else reaches the screen while typing.
            return None;
        }
        if matches!(ctx, C::Note | C::Reason | C::DecisionForm | C::WorkPrompt) {
            return note_edit(ev).map(A::NoteEdit);
        }
        if matches!(ctx, C::Help | C::Score | C::DecisionConfirm | C::Approve | C::Confirm) {
            return None;
        }
    }
    None
}

/// The note editor's keys that are not in the table: typing and moving the cursor.
fn note_edit(ev: &KeyEvent) -> Option<EditKey> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    Some(match ev.code {
        KeyCode::Char('w') if ctrl => EditKey::DeleteWord,
        KeyCode::Char('u') if ctrl => EditKey::DeleteLine,
        KeyCode::Char('a') if ctrl => EditKey::Home,
        KeyCode::Char('e') if ctrl => EditKey::End,
        KeyCode::Char(c) if !ctrl && !c.is_control() => EditKey::Char(c),
        KeyCode::Backspace => EditKey::Backspace,
        KeyCode::Delete => EditKey::Delete,
        KeyCode::Left => EditKey::Left,
        KeyCode::Right => EditKey::Right,
        KeyCode::Home => EditKey::Home,
        KeyCode::End => EditKey::End,
        _ => return None,
    })
}

/// The bindings of these contexts, for help and the status bar.
pub fn bindings_for(contexts: &[Context]) -> impl Iterator<Item = &'static Binding> + '_ {
    contexts
        .iter()
        .flat_map(|&c| BINDINGS.iter().filter(move |b| b.context == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn resolves_by_context() {
        let queue = [C::Queue, C::Global];
        assert_eq!(resolve(&queue, &key(KeyCode::Char('j'))), Some(A::Down));
        assert_eq!(resolve(&queue, &key(KeyCode::Char('3'))), Some(A::SortBy(2)));
        assert_eq!(resolve(&queue, &key(KeyCode::Char('q'))), Some(A::Quit));
        assert_eq!(resolve(&[C::Plan, C::Global], &key(KeyCode::Char('q'))), Some(A::Back));
        let filter = [C::Filter];
        assert_eq!(resolve(&filter, &key(KeyCode::Char('q'))), Some(A::FilterChar('q')));
        assert_eq!(resolve(&filter, &key(KeyCode::Char('j'))), Some(A::FilterChar('j')));
        assert_eq!(resolve(&filter, &key(KeyCode::Esc)), Some(A::FilterClear));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(resolve(&queue, &ctrl_c), Some(A::Quit));
        assert_eq!(
            resolve(&[C::Help], &key(KeyCode::Char('j'))),
            Some(A::Down),
            "help scrolls"
        );
        assert_eq!(resolve(&[C::Help], &key(KeyCode::Char('x'))), None);
        let score = [C::Score];
        assert_eq!(resolve(&score, &key(KeyCode::Char('3'))), Some(A::PickScore(3)));
        assert_eq!(
            resolve(&score, &key(KeyCode::Char('q'))),
            None,
            "nothing else in the picker"
        );
        let note = [C::Note];
        assert_eq!(
            resolve(&note, &key(KeyCode::Char('q'))),
            Some(A::NoteEdit(EditKey::Char('q')))
        );
        assert_eq!(resolve(&note, &key(KeyCode::Enter)), Some(A::NoteSave));
        assert_eq!(resolve(&note, &key(KeyCode::Left)), Some(A::NoteEdit(EditKey::Left)));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.on {
                        assert!(!b.on.contains(k), "{k:?} bound twice in {:?}", a.context);
                    }
                }
            }
        }
    }
}
