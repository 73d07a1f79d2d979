//! The plan screen's double-funding tab: the flags by severity, and the evidence, the
//! arrangement and the buyer's judgement of the selected one. Only reads the state.

use crate::core::funding::{Evidence, Field, Reviewed, Severity, Stream, Verdict};
use crate::core::sanitize::clean;
use crate::text::{self, Lang};
use crate::tui::app::App;
use crate::tui::state::overview::org_text;
use crate::tui::state::{PlanView, Popup};
use crate::tui::widgets::reason;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

pub fn render(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let Some(review) = &view.review else {
        Paragraph::new(text::NO_REGISTRY.get(lang))
            .style(app.theme.dim())
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    };
    let [head, main] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    let years: Vec<String> = review
        .total_at_risk
        .iter()
        .map(|y| format!("{} {}", y.year, text::fmt::euros(lang, y.amount)))
        .collect();
    // What the assessment takes off (care production it excluded already counts once).
    let lowered: Vec<String> = view
        .assessment
        .years
        .iter()
        .map(|y| format!("{} {}", y.year, text::fmt::euros(lang, y.double_funded)))
        .collect();
    let open = review.open_count();
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(format!("{}: ", text::REGISTRY_SHORT.get(lang)), app.theme.key()),
            Span::raw(format!(
                "{} · {} · {open} {}",
                text::local::count(
                    lang,
                    review.registry_size as u64,
                    text::local::ARRANGEMENT,
                    text::ARRANGEMENTS
                ),
                text::local::count(lang, review.flags.len() as u64, text::local::FLAG, text::FLAGS_WORD),
                text::OPEN.get(lang)
            )),
        ]),
        Line::from(vec![
            Span::styled(format!("{}: ", text::TOTAL_AT_RISK.get(lang)), app.theme.key()),
            Span::raw(years.join(", ")),
        ]),
        Line::from(vec![
            Span::styled(format!("{}: ", text::LOWERED.get(lang)), app.theme.key()),
            Span::raw(lowered.join(", ")),
        ]),
    ])
    .render(head, buf);
    if review.flags.is_empty() {
        Paragraph::new(text::NO_FLAGS.get(lang))
            .style(app.theme.good())
            .render(main, buf);
        return;
    }
    let left_width = (main.width * 2 / 5).clamp(30, 46);
    let [list_area, detail_area] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(main);
    render_list(app, view, &review.flags, list_area, buf);
    let block = Block::bordered();
    let inner = block.inner(detail_area);
    block.render(detail_area, buf);
    if let Some(f) = review.flags.get(view.flag) {
        render_detail(app, view, f, inner, buf);
    }
    if let Some(Popup::Reason(verdict, input)) = &app.popup
        && let Some(f) = review.flags.get(view.flag)
    {
        let pair = format!("{} ↔ {}", f.flag.activity_id, f.flag.arrangement_id);
        reason::render(app.look(), *verdict, &pair, input, area, buf);
    }
}

/// The glyph and style of a flag: what it means for the money now.
pub fn mark(app: &App, f: &Reviewed) -> (&'static str, Style) {
    match (f.verdict(), f.flag.severity) {
        (Some(Verdict::Confirmed), _) | (None, Severity::Certain) => ("✗", app.theme.bad()),
        (Some(Verdict::Dismissed), _) => ("·", app.theme.dim()),
        (None, _) => ("?", app.theme.warn()),
    }
}

fn render_list(app: &App, view: &PlanView, flags: &[Reviewed], area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut last = None;
    for (i, f) in flags.iter().enumerate() {
        if last != Some(f.flag.severity) {
            let head = text::severity_label(f.flag.severity).get(lang).to_uppercase();
            lines.push(Line::from(Span::styled(head, app.theme.header())));
            last = Some(f.flag.severity);
        }
        let (glyph, style) = mark(app, f);
        let pair = clean(&format!("{} ↔ {}", f.flag.activity_id, f.flag.arrangement_id)).into_owned();
        let amount = text::fmt::euros(lang, f.flag.amount_at_risk);
        let width = area.width as usize;
        let room = width.saturating_sub(amount.chars().count() + 3);
        let pair: String = pair.chars().take(room).collect();
        let pad = width.saturating_sub(pair.chars().count() + amount.chars().count() + 2);
        let line = Line::from(vec![
            Span::styled(glyph, style),
            Span::raw(format!(" {pair}{}{amount}", " ".repeat(pad))),
        ]);
        if i == view.flag {
            selected_line = lines.len();
            lines.push(line.style(app.theme.selected()));
        } else {
            lines.push(line);
        }
    }
    lines.push(Line::raw(""));
    for legend in text::FLAG_LEGEND.get(lang).split(" · ") {
        lines.push(Line::from(Span::styled(legend, app.theme.dim())));
    }
    if app.read_only {
        lines.push(Line::from(Span::styled(
            text::READ_ONLY_SHORT.get(lang),
            app.theme.warn(),
        )));
    }
    let offset = (selected_line + 1).saturating_sub(area.height as usize);
    Paragraph::new(lines).scroll((offset as u16, 0)).render(area, buf);
}

fn render_detail(app: &App, view: &PlanView, f: &Reviewed, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let fl = &f.flag;
    let a = &fl.arrangement;
    let key = |t: text::T| Span::styled(format!("{}: ", t.get(lang)), app.theme.key());
    let act_title = view
        .stored
        .plan
        .activities
        .iter()
        .find(|x| x.id == fl.activity_id)
        .map(|x| clean(&x.title).into_owned())
        .unwrap_or_default();
    let (glyph, style) = mark(app, f);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{glyph} "), style),
            Span::styled(
                format!(
                    "{} · {} · {} {}",
                    text::severity_label(fl.severity).get(lang),
                    text::verdict_label(f.verdict()).get(lang),
                    text::SCORE_WORD.get(lang),
                    text::fmt::tenths(lang, (fl.score * 10.0).round().max(0.0) as u32)
                ),
                style,
            ),
        ]),
        Line::from(vec![
            key(text::ACTIVITY),
            Span::raw(format!("{} {act_title}", clean(&fl.activity_id))),
        ]),
        Line::from(vec![
            key(text::ARRANGEMENT),
            Span::raw(format!(
                "{} · {} · {}",
                clean(&a.id),
                text::names::stream(a.stream).get(lang),
                clean(&a.funder)
            )),
        ]),
        Line::from(vec![key(text::RECIPIENT), Span::raw(org_text(&a.recipient))]),
        Line::from(vec![key(text::AT_RISK), Span::raw(at_risk(lang, f))]),
        Line::from(Span::styled(text::EVIDENCE.get(lang), app.theme.header())),
    ];
    lines.extend(evidence_and_judgement(app, f));
    lines.push(Line::from(vec![
        key(text::PERIOD),
        Span::raw(format!(
            "{} · {} {}",
            text::fmt::period(lang, a.start, a.end),
            text::ANNUAL.get(lang),
            text::fmt::euros(lang, a.annual_amount)
        )),
    ]));
    lines.push(Line::from(vec![
        key(text::DESCRIPTION),
        Span::raw(clean(&a.description).into_owned()),
    ]));
    // Say when the pane holds more than it shows (PgDn/PgUp scroll it).
    // Never scrolled past its end: the last lines stay on screen.
    let total = crate::tui::widgets::popup::wrapped_rows(&lines, area.width) + 1;
    let scroll = view.scroll.min(total.saturating_sub(area.height));
    let more = total > area.height + scroll;
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(area, buf);
    if more && area.height > 0 {
        let hint = format!(" ↓ PgDn: {} ", text::MORE.get(lang));
        let x = area.x + area.width.saturating_sub(hint.chars().count() as u16);
        buf.set_string(x, area.y + area.height - 1, hint, app.theme.key());
    }
}

/// The evidence behind a flag, and the buyer's judgement of it when there is one.
fn evidence_and_judgement(app: &App, f: &Reviewed) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut lines = Vec::new();
    for e in &f.flag.evidence {
        let sim = e
            .similarity
            .map(|s| format!(" {}", text::fmt::decimal(lang, s, 2)))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(format!("{:>5} ", text::fmt::signed(lang, e.weight, 1))),
            Span::styled(format!("{}: ", text::field_label(e.field).get(lang)), app.theme.key()),
            Span::raw(format!(
                "{}{sim} · {}",
                text::level_label(&e.level, lang),
                clean(&evidence_detail(lang, e))
            )),
        ]));
    }
    if let Some(j) = &f.judgement {
        lines.push(Line::from(Span::styled(text::JUDGED.get(lang), app.theme.header())));
        lines.push(Line::raw(format!(
            "{} {} {} {}: {}",
            text::verdict_label(Some(j.verdict)).get(lang),
            text::BY.get(lang),
            clean(&j.by),
            text::local::local_time(lang, j.at),
            clean(&j.reason)
        )));
    }
    lines
}

/// An evidence detail as a person reads it: a stream by its name, not its keyword.
fn evidence_detail(lang: Lang, e: &Evidence) -> String {
    match Stream::from_keyword(&e.detail) {
        Some(s) if e.field == Field::Stream => text::names::stream(s).get(lang).to_string(),
        _ => e.detail.clone(),
    }
}

fn at_risk(lang: Lang, f: &Reviewed) -> String {
    let years: Vec<String> = f
        .flag
        .years
        .iter()
        .filter(|y| y.amount.0 > 0)
        .map(|y| format!("{} {}", y.year, text::fmt::euros(lang, y.amount)))
        .collect();
    format!(
        "{} ({} {})",
        years.join(", "),
        f.flag.overlap_months,
        text::MONTHS_OVERLAP.get(lang)
    )
}
