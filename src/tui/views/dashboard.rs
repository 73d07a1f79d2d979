//! NZa's dashboard (from the queue, `n`): the national picture of the imported decisions.
//! A gauge of the envelope's use in the chosen year, the chosen breakdown (region, insurer,
//! main task, scenario) as a table and a bar chart, the outcomes, the flags and the
//! deviations from market leaders.

use crate::core::money::Cents;
use crate::core::sanitize::clip;
use crate::text;
use crate::text::nza as tx;
use crate::tui::app::App;
use crate::tui::state::NzaView;
use crate::tui::state::nza::BREAKDOWNS;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Cell, Gauge, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

fn key_name(v: &NzaView, key: &str) -> String {
    match v.breakdown {
        1 => v.name(key).to_string(),
        2 => tx::main_task(key),
        _ => key.to_string(),
    }
}

/// The trend over the contract years (`Per jaar: 2027 4,2% · 2028 3,1%`) and each insurer's
/// latest export, oldest first.
fn trend_and_freshness(v: &NzaView, lang: crate::text::Lang) -> [String; 2] {
    let years: Vec<String> = v
        .report
        .years
        .iter()
        .map(|y| format!("{} {}", y.year, text::fmt::permille(lang, y.used_permille())))
        .collect();
    let fresh: Vec<String> = v
        .freshness
        .iter()
        .map(|f| format!("{} {}", f.insurer, crate::text::fmt::day(lang, f.latest_export.date())))
        .collect();
    [
        format!("{}: {}", tx::TREND.get(lang), years.join(" · ")),
        format!("{}: {}", tx::FRESHNESS.get(lang), fresh.join(" · ")),
    ]
}

pub fn render(app: &App, v: &NzaView, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let r = &v.report;
    if v.contracts.is_empty() {
        Paragraph::new(tx::NO_POPULATION.get(lang))
            .wrap(Wrap { trim: false })
            .render(area, buf);
        return;
    }
    let [head, gauge, body, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(4),
        Constraint::Length(4),
    ])
    .areas(area);
    let names: Vec<&str> = r.insurers.iter().map(|i| v.name(i)).collect();
    let [trend, fresh] = trend_and_freshness(v, lang);
    Paragraph::new(vec![
        Line::styled(
            clip(
                &format!(
                    "{} · {} · {} · {}",
                    tx::NATIONAL.get(lang),
                    text::local::count(lang, r.decisions, text::local::DECISION, tx::CONTRACTS),
                    text::local::count(lang, r.plans, text::local::PLAN, text::PLANS),
                    names.join(", ")
                ),
                head.width as usize,
            ),
            app.theme.title(),
        ),
        Line::raw(clip(&trend, head.width as usize)),
        Line::raw(clip(&fresh, head.width as usize)),
    ])
    .render(head, buf);
    let year = r.years.get(v.year);
    if let Some(y) = year {
        let used = y.used_permille();
        let label = format!(
            "{} {}: {} / {} ({})",
            tx::YEAR.get(lang),
            y.year,
            text::fmt::euros(lang, Cents(y.paid_cents)),
            text::fmt::euros(lang, Cents(y.envelope_cents)),
            text::fmt::permille(lang, used)
        );
        // Above the envelope: red, and by how much in the title.
        let title = if used > 1000 {
            let over = tx::over_envelope(used - 1000, y.paid_cents - y.envelope_cents, lang);
            Line::styled(format!(" {}{over} ", tx::ENVELOPE.get(lang)), app.theme.bad())
        } else {
            Line::raw(format!(" {} ", tx::ENVELOPE.get(lang)))
        };
        Gauge::default()
            .block(Block::bordered().title(title))
            .gauge_style(if used > 1000 {
                app.theme.bad()
            } else {
                app.theme.selected()
            })
            .ratio((used.clamp(0, 1000) as f64) / 1000.0)
            .label(label)
            .render(gauge, buf);
    }
    breakdown(app, v, body, buf);
    let mut lines = vec![
        Line::raw(format!(
            "{}: {}",
            tx::OUTCOMES.get(lang),
            r.outcomes
                .iter()
                .map(|o| format!("{} {}", tx::outcome(&o.outcome, lang), o.decisions))
                .collect::<Vec<_>>()
                .join(" · ")
        )),
        Line::raw(format!("{}: {}", tx::FLAGS.get(lang), tx::flag_counts(r, lang))),
        Line::raw(format!("{}: {}", tx::DEVIATIONS.get(lang), r.deviations.len())),
    ];
    for d in r.deviations.iter().take(1) {
        lines.push(Line::styled(format!("  {}", tx::deviation(d, lang)), app.theme.warn()));
    }
    Paragraph::new(lines).render(foot, buf);
}

/// The chosen breakdown for the chosen year: a table, and bars beside it when there is room.
fn breakdown(app: &App, v: &NzaView, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rows = v.rows();
    let year = v.year;
    let title = format!(
        " {} · {} ",
        BREAKDOWNS[v.breakdown].get(lang),
        v.report.years.get(year).map_or(String::new(), |y| y.year.to_string())
    );
    let [left, right] = Layout::horizontal([Constraint::Length(48), Constraint::Min(0)]).areas(area);
    let table_rows: Vec<Row> = rows
        .iter()
        .map(|t| {
            Row::new(vec![
                Cell::from(clip(&key_name(v, &t.key), 28)),
                Cell::from(format!(
                    "{:>15}",
                    text::fmt::euros(lang, Cents(t.per_year_cents.get(year).copied().unwrap_or(0)))
                )),
            ])
        })
        .collect();
    // The selected row stays on screen: the table scrolls (j/k, the wheel; a click selects).
    let mut state = TableState::default().with_selected(Some(v.selected));
    StatefulWidget::render(
        Table::new(table_rows, [Constraint::Length(29), Constraint::Length(16)])
            .block(Block::bordered().title(title))
            .row_highlight_style(app.theme.selected()),
        left,
        buf,
        &mut state,
    );
    if right.width < 20 {
        return;
    }
    let bars: Vec<Bar> = rows
        .iter()
        .map(|t| {
            let cents = t.per_year_cents.get(year).copied().unwrap_or(0).max(0);
            Bar::default()
                .value((cents / 100) as u64)
                .text_value(String::new())
                .label(Line::raw(clip(&key_name(v, &t.key), 12)))
        })
        .collect();
    BarChart::default()
        .direction(Direction::Horizontal)
        .block(Block::bordered())
        .bar_width(1)
        .bar_gap(0)
        .bar_style(app.theme.selected())
        .data(BarGroup::default().bars(&bars))
        .render(right, buf);
}
