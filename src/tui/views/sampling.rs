//! NZa's Sampling screen (from the dashboard, `s`): choose the method, strata, year,
//! planning parameters and seed; see the planned size; draw (stored with its snapshot),
//! browse the selected contracts and export them as CSV.

use crate::core::money::Cents;
use crate::core::nza::StrataBy;
use crate::core::sanitize::clip;
use crate::text;
use crate::text::Lang;
use crate::text::nza as tx;
use crate::tui::app::App;
use crate::tui::state::sampling::{
    CONFIDENCES, FIELDS, MATERIALITY_EUROS, METHODS, MODELS, RATES, SEED_FIELD, SIZE_FIELD, SamplingView,
};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Widget};

/// The value a field shows.
fn value(v: &SamplingView, field: usize, lang: Lang) -> String {
    let pct = |x: f64| format!("{}%", (x * 100.0).round());
    match field {
        0 => named(text::names::method(METHODS[v.method]), METHODS[v.method], lang),
        1 => text::names::strata(StrataBy::ALL[v.strata]).get(lang).to_string(),
        2 => text::names::allocation(v.fixed).get(lang).to_string(),
        3 => v
            .year()
            .map_or_else(|| tx::ALL_YEARS.get(lang).to_string(), |y| y.to_string()),
        4 => pct(CONFIDENCES[v.confidence]),
        5 => pct(RATES[v.rate]),
        6 => v.expected.to_string(),
        7 => named(text::names::model(MODELS[v.model]), MODELS[v.model], lang),
        8 => text::fmt::euros(lang, Cents(MATERIALITY_EUROS[v.materiality] * 100)),
        // The cursor while digits are typed into the field.
        SIZE_FIELD if v.typing && v.field == SIZE_FIELD => {
            format!("{}_", v.size.map_or(String::new(), |n| n.to_string()))
        }
        SEED_FIELD if v.typing && v.field == SEED_FIELD => format!("{}_", v.seed),
        SIZE_FIELD => match (v.size, v.planned(lang)) {
            (Some(n), _) => format!("{n} ({})", tx::TYPED.get(lang)),
            (None, Ok(n)) => format!("{n} ({})", tx::PLANNED.get(lang)),
            (None, Err(e)) => e,
        },
        _ => v.seed.to_string(),
    }
}

fn named(name: Option<text::T>, keyword: &str, lang: Lang) -> String {
    name.map_or_else(|| keyword.to_string(), |t| t.get(lang).to_string())
}

/// Fields that do not apply to the method are dimmed.
fn applies(v: &SamplingView, field: usize) -> bool {
    match field {
        1 | 2 => v.method == 3,
        5..=7 => !v.mus(),
        8 => v.mus(),
        _ => true,
    }
}

pub fn render(app: &App, v: &SamplingView, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let [form, result] =
        Layout::vertical([Constraint::Length(FIELDS.len() as u16 + 2), Constraint::Min(3)]).areas(area);
    let units = v.population();
    let total: i64 = crate::core::sampling::select::total_cents(&units).unwrap_or(i64::MAX);
    let rows: Vec<Row> = FIELDS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let style = if i == v.field {
                app.theme.selected()
            } else if applies(v, i) {
                ratatui::style::Style::default()
            } else {
                app.theme.dim()
            };
            let mark = if i == v.field { "›" } else { " " };
            Row::new(vec![
                Cell::from(format!("{mark}{}", name.get(lang))),
                Cell::from(clip(&value(v, i, lang), 46)),
            ])
            .style(style)
        })
        .collect();
    let title = format!(
        " {} · {} {} · {} ",
        tx::SAMPLE.get(lang),
        tx::POPULATION.get(lang),
        units.len(),
        text::fmt::euros(lang, Cents(total))
    );
    Table::new(rows, [Constraint::Length(32), Constraint::Min(10)])
        .block(Block::bordered().title(title))
        .render(form, buf);
    let Some((id, s)) = &v.drawn else {
        let folder = text::fill(
            tx::EXPORT_FOLDER.get(lang),
            &[("d", &app.out_dir.display().to_string())],
        );
        let hint = vec![
            Line::styled(tx::DRAW_HINT.get(lang), app.theme.dim()),
            Line::styled(crate::core::sanitize::clean(&folder).into_owned(), app.theme.dim()),
        ];
        Paragraph::new(hint)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(result, buf);
        return;
    };
    let (open, _) = v.open_items();
    let head = format!(
        " {} {} · {} · seed {} · {} {} · {} {open} ",
        tx::SAMPLE.get(lang),
        id.map_or("-".to_string(), |i| i.to_string()),
        named(text::names::method(&s.params.method), &s.params.method, lang),
        s.params.seed,
        tx::SELECTED.get(lang),
        s.items.len(),
        crate::text::evaluate::OPEN.get(lang)
    );
    let rows: Vec<Row> = s
        .items
        .iter()
        .map(|i| {
            let found = v.findings.get(&i.id).copied().unwrap_or("");
            Row::new(vec![
                Cell::from(clip(&i.id, 34)),
                Cell::from(clip(&i.stratum, 16)),
                Cell::from(format!("{:>15}", text::fmt::euros(lang, Cents(i.amount_cents)))),
                Cell::from(if i.hits > 1 {
                    format!("×{}", i.hits)
                } else {
                    String::new()
                }),
                Cell::from(named(text::names::finding(found), found, lang)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(35),
        Constraint::Length(17),
        Constraint::Length(16),
        Constraint::Length(4),
        Constraint::Length(10),
    ];
    // Every item shows while they fit; the chosen one (where a finding, o or v, goes) is
    // highlighted, and the table scrolls only to keep it on screen.
    let mut state = TableState::default().with_selected(Some(v.scroll));
    ratatui::widgets::StatefulWidget::render(
        Table::new(rows, widths)
            .block(Block::bordered().title(head))
            .row_highlight_style(app.theme.selected()),
        result,
        buf,
        &mut state,
    );
}
