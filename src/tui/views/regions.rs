//! The regions screen (from the queue, `m`): per region of the market data the market
//! leader, this insurer's role, the plans the leader decided, followed, deviating and
//! pending, and this insurer's commitment; below, the total commitment per year.

use crate::core::coordination::status::Role;
use crate::core::sanitize::clip;
use crate::text::{self, coordination as tx};
use crate::tui::app::App;
use crate::tui::state::RegionsView;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

pub fn render(app: &App, view: &RegionsView, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let o = &view.report.overview;
    let wide = area.width >= 110;
    let rows: Vec<Row> = o
        .regions
        .iter()
        .map(|r| {
            let leader = app.rules.market.name_of(&r.leader);
            let leader = if r.role == Role::Leader {
                format!("* {leader}")
            } else {
                leader.to_string()
            };
            let (rw, lw) = if wide { (28, 38) } else { (21, 20) };
            let mut cells = vec![
                Cell::from(clip(&r.rho_region, rw)),
                Cell::from(clip(&leader, lw)),
                Cell::from(format!("{:>3}", r.plans)),
                Cell::from(format!("{:>3}", r.leader_decided)),
                Cell::from(format!("{:>3}", tx::count(r.exported))),
                Cell::from(format!("{:>3}", tx::count(r.followed))),
                Cell::from(format!("{:>3}", tx::count(r.deviating))),
                Cell::from(format!("{:>3}", r.pending)),
            ];
            if wide {
                let total = r.commitment.iter().map(|a| a.amount).sum();
                cells.push(Cell::from(format!("{:>16}", text::fmt::euros(lang, total))));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(if wide { 28 } else { 21 }),
        Constraint::Length(if wide { 38 } else { 20 }),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
    ];
    let mut header = vec![tx::REGION.get(lang).to_string(), tx::LEADER.get(lang).to_string()];
    header.extend(tx::SHORT_HEADS.iter().map(|t| t.get(lang).to_string()));
    if wide {
        widths.push(Constraint::Length(17));
        header.push(format!("{:>17}", tx::COMMITMENT_SHORT.get(lang)));
    }
    let mut foot = vec![Line::styled(
        format!("{}: {}", tx::COMMITMENT.get(lang), tx::per_year(lang, &o.total)),
        app.theme.title(),
    )];
    if o.without_market > 0 {
        foot.push(Line::raw(format!(
            "{} {}",
            o.without_market,
            tx::WITHOUT_MARKET.get(lang)
        )));
    }
    let answers: Vec<_> = view.report.plans.iter().flat_map(|p| &p.answers).collect();
    if !answers.is_empty() {
        let n = |w: &str| answers.iter().filter(|a| a.status() == w).count();
        foot.push(Line::raw(tx::answers_summary(
            (n("followed"), n("deviated"), n("pending")),
            lang,
        )));
    }
    // The legend wraps: room for it in full.
    foot.push(Line::styled(tx::LEGEND.get(lang), app.theme.dim()));
    let foot_height = view.foot_rows(lang, area.width);
    let [table_area, foot_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(foot_height)]).areas(area);
    let mut state = TableState::default().with_selected(Some(view.selected));
    StatefulWidget::render(
        Table::new(rows, widths)
            .header(Row::new(header).style(app.theme.header()))
            .row_highlight_style(app.theme.selected()),
        table_area,
        buf,
        &mut state,
    );
    Paragraph::new(foot).wrap(Wrap { trim: false }).render(foot_area, buf);
}
