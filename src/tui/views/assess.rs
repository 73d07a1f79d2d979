//! The assessment tab (Beoordeling): the total as a gauge and the verdict on top; on the
//! left the summary and the criteria (knock-outs first), on the right the selected item:
//! the advice with its reasons, amounts and charts, or one criterion with its explanation,
//! scores and the buyer's note. Plan text in explanations goes through `clean`.

use crate::core::assess::{Assessment, CriterionResult};
use crate::core::money::Cents;
use crate::core::rules::Kind;
use crate::core::sanitize::clean;
use crate::text::{self, Lang};
use crate::tui::app::App;
use crate::tui::state::plan::order;
use crate::tui::state::{PlanView, Popup};
use crate::tui::widgets::chart::cents_chart;
use crate::tui::widgets::{note, score};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph, Widget, Wrap};

fn status_style(app: &App, c: &CriterionResult) -> Style {
    use crate::core::assess::Status;
    // A manual score counts instead: the automatic mark is dimmed.
    if c.overridden() {
        return app.theme.dim();
    }
    match c.status {
        Status::Pass => app.theme.good(),
        Status::Warn | Status::Judgement => app.theme.warn(),
        Status::Fail => app.theme.bad(),
    }
}

pub fn render(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    let a = &view.assessment;
    let lang = app.lang;
    let [gauge_area, verdict_area, main] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let provisional = text::provisional_suffix(lang, a);
    LineGauge::default()
        .ratio((a.total_tenths.min(1000) as f64) / 1000.0)
        .label(format!(
            "{} {} / 100{provisional} ",
            text::TOTAL_SCORE.get(lang),
            text::fmt::tenths(lang, a.total_tenths)
        ))
        .filled_style(app.theme.bar())
        .render(gauge_area, buf);
    let ko = if a.knocked_out {
        let titles: Vec<String> = a
            .knock_outs
            .iter()
            .filter_map(|id| a.criterion(*id))
            .map(|c| clean(title(lang, c)).into_owned())
            .collect();
        Span::styled(
            format!("✗ {}: {}", text::KNOCKED_OUT.get(lang), titles.join(", ")),
            app.theme.bad(),
        )
    } else {
        Span::styled(format!("✓ {}", text::NOT_KNOCKED_OUT.get(lang)), app.theme.good())
    };
    Paragraph::new(Line::from(vec![
        ko,
        Span::raw(" · "),
        Span::styled(format!("{}: ", text::ADVICE.get(lang)), app.theme.key()),
        Span::raw(text::recommendation_label(a.recommendation).get(lang)),
    ]))
    .render(verdict_area, buf);

    let left_width = (main.width * 2 / 5).clamp(30, 48);
    let [list_area, detail_area] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(main);
    render_list(app, view, list_area, buf);
    let block = Block::bordered();
    let inner = block.inner(detail_area);
    block.render(detail_area, buf);
    let order = order(a);
    match view.criterion.checked_sub(1).and_then(|i| order.get(i)) {
        Some(&i) => render_criterion(app, &a.criteria[i], inner, buf),
        None => render_summary(app, a, inner, buf),
    }
    match (&app.popup, app.selected_criterion()) {
        (Some(Popup::Score), Some(id)) => {
            score::render(app.look(), name(a, id, lang), &app.rules.policy.scale, area, buf)
        }
        (Some(Popup::Note(input)), Some(id)) => note::render(app.look(), name(a, id, lang), input, area, buf),
        _ => {}
    }
}

/// A criterion by its title (its id only if the assessment lacks it).
pub(super) fn name(a: &Assessment, id: crate::core::rules::CheckId, lang: Lang) -> &str {
    a.criterion(id).map_or(id.keyword(), |c| title(lang, c))
}

fn title(lang: Lang, c: &CriterionResult) -> &str {
    if lang == Lang::En { &c.title_en } else { &c.title }
}

/// Score as shown in the list: 0-100 or `-`, and a mark for manual input.
fn score_cell(c: &CriterionResult) -> String {
    let score = match (c.kind, c.score) {
        (Kind::KnockOut, _) => "KO".to_string(),
        (_, Some(s)) => format!("{}", (s + 5) / 10),
        (_, None) => "-".to_string(),
    };
    let mark = match &c.manual {
        Some(m) if m.stale => '~',
        Some(m) if m.score.is_some() => '*',
        Some(_) => '+',
        None => ' ',
    };
    format!("{score:>3}{mark}")
}

fn render_list(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    let a = &view.assessment;
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let summary_style = if view.criterion == 0 {
        app.theme.selected()
    } else {
        app.theme.key()
    };
    lines.push(Line::from(Span::styled(
        format!("▸ {}", text::SUMMARY_ITEM.get(lang)),
        summary_style,
    )));
    if app.read_only {
        lines.push(Line::from(Span::styled(
            text::READ_ONLY_SHORT.get(lang),
            app.theme.warn(),
        )));
    }
    let mut last_kind = None;
    for (n, &i) in order(a).iter().enumerate() {
        let c = &a.criteria[i];
        if last_kind != Some(c.kind) {
            let head = match c.kind {
                Kind::KnockOut => text::KNOCK_OUTS,
                Kind::Weighted => text::WEIGHTED,
            };
            lines.push(Line::from(Span::styled(head.get(lang), app.theme.header())));
            last_kind = Some(c.kind);
        }
        if view.criterion == n + 1 {
            selected_line = lines.len();
        }
        let line = Line::from(vec![
            Span::styled(text::status_glyph(c.status), status_style(app, c)),
            Span::raw(format!(" {} ", score_cell(c))),
            Span::raw(clean(title(lang, c)).into_owned()),
        ]);
        lines.push(if view.criterion == n + 1 {
            line.style(app.theme.selected())
        } else {
            line
        });
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(text::LIST_LEGEND.get(lang), app.theme.dim())));
    let height = area.height as usize;
    let offset = (selected_line + 1).saturating_sub(height);
    Paragraph::new(lines).scroll((offset as u16, 0)).render(area, buf);
}

fn render_criterion(app: &App, c: &CriterionResult, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let en = lang == Lang::En;
    let mut lines = vec![Line::from(Span::styled(
        clean(title(lang, c)).into_owned(),
        app.theme.header(),
    ))];
    let kind = match c.kind {
        Kind::KnockOut => "knock-out".to_string(),
        Kind::Weighted => format!("{} {}", text::WEIGHT.get(lang), c.weight),
    };
    lines.push(Line::from(Span::styled(
        format!("{} · {kind}", clean(&c.source)),
        app.theme.dim(),
    )));
    let pts = |s: Option<u32>| text::score_text(lang, s);
    lines.push(Line::from(vec![
        Span::styled(
            format!(
                "{} {}{}",
                text::status_glyph(c.status),
                text::status_word(c.status).get(lang),
                if c.overridden() {
                    format!(" ({})", text::OVERRIDDEN.get(lang))
                } else {
                    String::new()
                }
            ),
            status_style(app, c),
        ),
        Span::raw(format!(
            " · {} {} · score {}",
            text::AUTO.get(lang),
            pts(c.auto_score),
            pts(c.score)
        )),
    ]));
    lines.push(Line::raw(""));
    for t in &c.explanation {
        lines.push(Line::raw(clean(t.get(en)).into_owned()));
    }
    if let Some(m) = &c.manual {
        lines.push(Line::raw(""));
        let score = m
            .score
            .map(|s| format!("{s} {}", app.rules.policy.scale.label(s).unwrap_or("")))
            .unwrap_or_else(|| "-".into());
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", text::MANUAL.get(lang)), app.theme.key()),
            Span::raw(format!(
                "{} ({} {}, {})",
                clean(&score),
                text::BY.get(lang),
                clean(&m.by),
                crate::text::local::local_time(app.lang, m.at)
            )),
        ]));
        if m.stale {
            lines.push(Line::from(Span::styled(text::STALE.get(lang), app.theme.warn())));
        }
        if let Some(n) = &m.note {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", text::NOTE.get(lang)), app.theme.key()),
                Span::raw(clean(n).into_owned()),
            ]));
        }
    }
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
}

fn render_summary(app: &App, a: &Assessment, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let en = lang == Lang::En;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{}: ", text::ADVICE.get(lang)), app.theme.key()),
        Span::styled(
            text::recommendation_label(a.recommendation).get(lang),
            app.theme.header(),
        ),
    ])];
    for r in &a.reasons {
        lines.push(Line::raw(format!("- {}", clean(r.get(en)))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(text::AMOUNTS.get(lang), app.theme.key())));
    for y in &a.years {
        let double = if y.double_funded.0 > 0 {
            format!(
                " · {} {}",
                text::DOUBLE_FUNDED.get(lang).to_lowercase(),
                text::fmt::euros(lang, y.double_funded)
            )
        } else {
            String::new()
        };
        lines.push(Line::raw(format!(
            "{} {} {} · {} {}{double} · {} {}",
            y.year,
            text::REQUESTED.get(lang),
            text::fmt::euros(lang, y.requested),
            text::EXCLUDED.get(lang).to_lowercase(),
            text::fmt::euros(lang, y.excluded),
            text::FUNDABLE.get(lang).to_lowercase(),
            text::fmt::euros(lang, y.fundable)
        )));
    }
    // Rows the wrapped text takes (word wrapping can need a little more than this).
    let width = area.width.max(1) as usize;
    let needed: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum::<usize>() + 1;
    let [text_area, charts] = Layout::vertical([Constraint::Length(needed as u16), Constraint::Min(0)]).areas(area);
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(text_area, buf);
    // Charts where there is room: fundable vs excluded, then budget per main task.
    if charts.height >= 4 {
        let mut split: Vec<(String, Cents)> = vec![
            (text::FUNDABLE.get(lang).to_string(), a.fundable_per_year()),
            (text::EXCLUDED.get(lang).to_string(), a.excluded_per_year()),
        ];
        let double = a.double_funded_per_year();
        if double.0 > 0 && charts.height >= 5 {
            split.push((text::DOUBLE_FUNDED.get(lang).to_string(), double));
        }
        let bars = split.len() as u16 + 2;
        let [c1, c2] = Layout::vertical([Constraint::Length(bars), Constraint::Min(0)]).areas(charts);
        cents_chart(app.look(), split, text::FUNDABLE_VS_EXCLUDED.get(lang)).render(c1, buf);
        if c2.height >= 7 {
            let per_task: Vec<(String, Cents)> = a
                .per_task
                .iter()
                .enumerate()
                .map(|(i, c)| (text::MAIN_TASKS[i].get(lang).to_string(), *c))
                .collect();
            cents_chart(app.look(), per_task, text::BUDGET_PER_TASK.get(lang)).render(Rect { height: 7, ..c2 }, buf);
        }
    }
}
