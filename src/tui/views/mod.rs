//! Drawing the workbench: the title bar, the screen, its popup and the status bar. A view
//! reads the state only: never the store, never the clock.

pub mod activities;
pub mod assess;
pub mod coordination;
pub mod dashboard;
pub mod funding;
pub mod history;
pub mod plan;
pub mod queue;
pub mod regions;
pub mod registry;
pub mod sampling;

use super::app::App;
use super::keymap;
use super::state::{Ask, Popup, Screen};
use super::widgets::decision_form::Recorder;
use super::widgets::{approve, confirm, decision_form, help};
use crate::core::sanitize::clean;
use crate::text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The smallest terminal the workbench draws in; below it, it says so.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// Draws the workbench into a frame, and puts the terminal's cursor at the insertion point
/// of the text field being typed into (a note, a reason, a path, the decision form's fields),
/// unless the help or a question covers it.
pub fn draw(frame: &mut ratatui::Frame, app: &App) {
    super::widgets::note::clear_cursor();
    frame.render_widget(app, frame.area());
    let covered = app.help || app.asking.is_some();
    if let Some(at) = super::widgets::note::cursor().filter(|_| !covered) {
        frame.set_cursor_position(at);
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            let (w, h) = (area.width.to_string(), area.height.to_string());
            let (mw, mh) = (MIN_SIZE.0.to_string(), MIN_SIZE.1.to_string());
            let says = text::fill(
                text::workbench::TOO_SMALL.get(self.lang),
                &[("w", &w), ("h", &h), ("mw", &mw), ("mh", &mh)],
            );
            Paragraph::new(says).wrap(Wrap { trim: true }).render(area, buf);
            return;
        }
        // A message longer than the screen is wide takes up to 4 rows: a refusal must be read
        // whole (what is wrong, where, what is expected), not cut at the right edge.
        let rows = status_rows(self, area.width).min(area.height.saturating_sub(2)).max(1);
        let [title, body, status] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(rows)]).areas(area);
        render_title(self, title, buf);
        match &self.screen {
            Screen::Queue => queue::render(self, body, buf),
            Screen::Plan(p) => plan::render(self, p, body, buf),
            Screen::Registry(r) => registry::render(self, r, body, buf),
            Screen::Regions(r) => regions::render(self, r, body, buf),
            Screen::Nza(v) => match &v.sampling {
                Some(s) => sampling::render(self, s, body, buf),
                None => dashboard::render(self, v, body, buf),
            },
        }
        match &self.popup {
            Some(Popup::Decision(form)) => {
                let by = Recorder {
                    user: &self.user,
                    now: self.now,
                };
                decision_form::render(self.look(), form, &by, body, buf)
            }
            Some(Popup::Approve(d)) => approve::render(self.look(), d, body, buf),
            Some(Popup::Work(w)) => super::widgets::work::render(self.look(), w, body, buf),
            _ => {}
        }
        if let Some(ask) = self.asking {
            render_ask(self, ask, body, buf);
        }
        render_status(self, status, buf);
        if self.help {
            help::render(
                self.look(),
                &self.help_content,
                self.help_scroll,
                self.help_max_scroll() > self.help_scroll,
                area,
                buf,
            );
        }
    }
}

/// The open question: what is at stake and the answers.
fn render_ask(app: &App, ask: Ask, area: Rect, buf: &mut Buffer) {
    use text::workbench as tx;
    let lang = app.lang;
    let (title, lines, answers) = match ask {
        Ask::QuitDemo => (
            tx::QUIT_DEMO_TITLE,
            vec![tx::QUIT_DEMO.get(lang).to_string()],
            vec![
                app.keep_hint(),
                tx::QUIT_DEMO_YES.get(lang).to_string(),
                tx::QUIT_DEMO_NO.get(lang).to_string(),
                String::new(),
                tx::QUIT_DEMO_LATER.get(lang).to_string(),
            ],
        ),
        Ask::ClearManual(id) => {
            let (score, name) = match &app.screen {
                Screen::Plan(p) => (
                    p.assessment
                        .criterion(id)
                        .and_then(|c| c.manual.as_ref())
                        .and_then(|m| m.score),
                    assess::name(&p.assessment, id, lang),
                ),
                _ => (None, id.keyword()),
            };
            let s = score.map_or_else(|| "-".to_string(), |s| s.to_string());
            let question = text::fill(tx::CLEAR_QUESTION.get(lang), &[("s", &s), ("c", name)]);
            let yes = format!("j/y  {}", tx::K_YES.get(lang));
            let no = format!("n/Esc  {}", tx::K_NO.get(lang));
            (tx::CLEAR_TITLE, vec![question], vec![yes, no])
        }
    };
    let lines: Vec<String> = lines.iter().map(|l| clean(l).into_owned()).collect();
    let answers: Vec<String> = answers.iter().map(|l| clean(l).into_owned()).collect();
    confirm::render(app.look(), title.get(lang), &lines, &answers, area, buf);
}

fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    let where_ = match &app.screen {
        Screen::Queue => text::QUEUE.get(app.lang).to_string(),
        Screen::Plan(p) => format!("{} {}", text::PLAN.get(app.lang), clean(&p.stored.plan.id)),
        Screen::Registry(_) => text::REGISTRY.get(app.lang).to_string(),
        Screen::Regions(_) => text::coordination::REGIONS.get(app.lang).to_string(),
        Screen::Nza(v) if v.sampling.is_some() => text::nza::CTX_SAMPLING.get(app.lang).to_string(),
        Screen::Nza(_) => text::nza::DASHBOARD.get(app.lang).to_string(),
    };
    // Who works, and as what; then the database, cut in the middle to what room is left.
    let who = format!("{} │ ", clean(&who_and_role(app)));
    let read_only = if app.read_only {
        format!("[{}] ", text::workbench::READ_ONLY_SHORT.get(app.lang))
    } else {
        String::new()
    };
    let used = 6 + where_.chars().count() + 5 + who.chars().count() + read_only.chars().count();
    let room = (area.width as usize).saturating_sub(used);
    let db = clean(&app.db_label).into_owned();
    let db = if db.chars().count() > room && room > 1 {
        let chars: Vec<char> = db.chars().collect();
        let tail = room - 1;
        format!("…{}", chars[chars.len() - tail..].iter().collect::<String>())
    } else {
        db
    };
    let spans = vec![
        Span::styled(" resv ", app.theme.title()),
        Span::raw(format!("│ {where_} │ ")),
        Span::raw(who),
        Span::styled(read_only, app.theme.warn()),
        Span::styled(db, app.theme.dim()),
    ];
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The title bar's "who": the user, then the role: NZa on NZa's screens, else the insurer
/// id (from the policy) and, on a plan, market leader or follower for it.
fn who_and_role(app: &App) -> String {
    let lang = app.lang;
    let mut parts = vec![app.user.clone()];
    match &app.screen {
        Screen::Nza(_) => parts.push(text::workbench::ROLE_NZA.get(lang).to_string()),
        screen => {
            if let Some(me) = crate::app::follow::me(&app.rules) {
                parts.push(me.to_string());
            }
            if let Screen::Plan(p) = screen {
                use crate::core::coordination::status::Role;
                if matches!(p.coordination.role, Role::Leader | Role::Follower { .. }) {
                    parts.push(
                        text::coordination::role_short(&p.coordination.role)
                            .get(lang)
                            .to_string(),
                    );
                }
            }
        }
    }
    parts.join(" · ")
}

/// The most rows a message in the status bar takes.
pub const MAX_STATUS_ROWS: u16 = 4;

/// Rows the status bar needs at `width`: a message or notice wrapped (at most
/// [`MAX_STATUS_ROWS`], with a spare row for word wrapping), else one.
fn status_rows(app: &App, width: u16) -> u16 {
    match app.message.as_ref().or(app.notice.as_ref()) {
        Some(msg) => {
            let line = Line::raw(clean(msg).into_owned());
            let rows = super::widgets::popup::wrapped_rows(&[line], width);
            if rows > 1 { rows + 1 } else { rows }.min(MAX_STATUS_ROWS)
        }
        None => 1,
    }
}

/// The keys that work here, from the keymap; or a message when there is one.
fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let shown = match (&app.message, &app.notice) {
        (Some(msg), _) => Some((msg, app.theme.bad())),
        (None, Some(msg)) => Some((msg, app.theme.good())),
        (None, None) => None,
    };
    if let Some((msg, style)) = shown {
        Paragraph::new(Span::styled(clean(msg).into_owned(), style))
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    let width = area.width as usize;
    // Two spaces between keys when every key fits so, else one.
    let (keys, gap) = match status_keys(app, width, 2) {
        (keys, true) => (keys, "  "),
        _ => (status_keys(app, width, 1).0, " "),
    };
    let mut spans = Vec::new();
    for (i, (label, desc)) in keys.into_iter().enumerate() {
        spans.push(Span::raw(if i == 0 { " " } else { gap }));
        spans.push(Span::styled(label, app.theme.key()));
        spans.push(Span::raw(format!(" {desc}")));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The status bar's keys: those marked for it that act in this state, each with its short
/// word (up to a parenthesis), as many as fit `width` with `gap` spaces between them; the
/// help key always, last. Also says whether every key fitted.
pub fn status_keys(app: &App, width: usize, gap: usize) -> (Vec<(&'static str, &'static str)>, bool) {
    let short = |d: &'static str| d.split(" (").next().unwrap_or(d);
    let all: Vec<&keymap::Binding> = keymap::bindings_for(&app.contexts()).collect();
    let help = all
        .iter()
        .find(|b| b.run == keymap::Action::ToggleHelp)
        .map(|b| (b.label, short(b.desc.get(app.lang))));
    let len = |(l, d): &(&str, &str)| l.chars().count() + d.chars().count() + 1 + gap;
    let mut used = help.as_ref().map_or(0, len);
    let mut keys = Vec::new();
    let mut all_fit = true;
    for b in all
        .iter()
        .filter(|b| b.status && b.run != keymap::Action::ToggleHelp && app.acts(b.run))
    {
        // q on NZa's dashboard quits when the dashboard is the top screen.
        let word = match b.run {
            keymap::Action::BackOrQuit if app.nza_home => text::K_QUIT,
            _ => keymap::status_word(b),
        };
        let item = (b.label, short(word.get(app.lang)));
        if used + len(&item) <= width {
            used += len(&item);
            keys.push(item);
        } else {
            all_fit = false;
        }
    }
    keys.extend(help);
    (keys, all_fit)
}
