//! The Coordination tab of the plan screen: the region's market leader, this insurer's
//! role and status, the split over every insurer of the region as a table and a bar chart,
//! each insurer's follow status as far as this database knows, and what was recorded.

use crate::app::follow::{PlanCoordination, SplitOf};
use crate::core::coordination::status::{Kind, Role, Status};
use crate::core::money::Cents;
use crate::core::sanitize::{clean, clip};
use crate::text::{self, Lang, coordination as tx, decision as dt};
use crate::tui::app::App;
use crate::tui::state::PlanView;
use crate::tui::widgets::chart::cents_chart;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget, Wrap};

/// The lines above the split: region, leader, role, status and what to do next.
fn head_lines(app: &App, c: &PlanCoordination) -> Vec<Line<'static>> {
    let lang = app.lang;
    let m = &app.rules.market;
    let kv = |k: text::T, v: String| Line::raw(format!("{:<16}{v}", k.get(lang)));
    let mut out = vec![kv(tx::REGION, format!("{} (RHO)", clean(&c.rho_region)))];
    if let Some(r) = &c.region {
        out.push(kv(tx::LEADER, clean(m.name_of(&r.leader)).into_owned()));
    }
    out.push(kv(tx::YOUR_ROLE, tx::role(&c.role, m, lang)));
    if c.status != Status::None {
        out.push(Line::styled(
            format!("{:<16}{}", tx::STATUS.get(lang), tx::status(c.status).get(lang)),
            app.theme.title(),
        ));
    }
    let hint = match c.status {
        // The key that sends it (not under --read-only, where exporting is refused).
        Status::Decided { exported: false } if !app.read_only => Some(tx::HOW_TO_EXPORT),
        Status::AwaitingLeader => Some(tx::HOW_TO_FOLLOW),
        _ => None,
    };
    if let Some(h) = hint {
        out.push(Line::styled(h.get(lang), app.theme.dim()));
    }
    // The reason of the deviation that makes the status (the latest record, on the latest
    // version, as the status is derived), not an older one.
    let latest = c.records.iter().rfind(|r| r.kind != Kind::Export);
    if let Some(r) = latest.filter(|r| c.status == Status::Deviating && r.kind == Kind::Deviate) {
        out.push(Line::styled(
            format!(
                "{}: {}",
                tx::DEVIATING.get(lang),
                clean(r.reason.as_deref().unwrap_or(""))
            ),
            app.theme.warn(),
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        match c.split_of {
            SplitOf::Decision(id) => format!("{} #{id}", tx::SPLIT_OF_DECISION.get(lang)),
            SplitOf::Requested => tx::SPLIT_OF_REQUESTED.get(lang).to_string(),
        },
        app.theme.key(),
    ));
    out
}

/// What this database knows of an insurer's follow status.
fn insurer_status(app: &App, c: &PlanCoordination, insurer: &str) -> String {
    let lang = app.lang;
    let me = crate::app::follow::me(&app.rules);
    if Some(insurer) == me {
        return format!("{} ({})", tx::status(c.status).get(lang), you(lang));
    }
    if let Some(a) = c.answers.iter().find(|a| a.insurer_id == insurer) {
        return clip(&tx::answer_short(a, lang), 40);
    }
    match (&c.role, &c.package) {
        (Role::Follower { leader } | Role::NoShare { leader }, Some(p)) if leader == insurer => {
            let text = format!(
                "#{} {} · {}",
                p.decision.decision_id,
                crate::core::decision::Outcome::from_keyword(&p.decision.outcome)
                    .map_or("?", |o| dt::outcome(o).get(lang)),
                crate::text::fmt::day(lang, p.decision.decided_at.date())
            );
            let room = (app.size.width as usize).saturating_sub(name_width(app.size.width) as usize + 25);
            clip(&text, room.max(10))
        }
        _ => tx::UNKNOWN_STATUS.get(lang).to_string(),
    }
}

/// The insurer column: full names where there is room.
fn name_width(width: u16) -> u16 {
    if width >= 100 { 40 } else { 29 }
}

fn you(lang: Lang) -> &'static str {
    text::T("u", "you").get(lang)
}

/// The recorded exports, follows and deviations, newest first.
fn record_lines(app: &App, c: &PlanCoordination) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut out = vec![Line::raw(""), Line::styled(tx::RECORDS.get(lang), app.theme.key())];
    if c.records.is_empty() {
        out.push(Line::raw(format!(" {}", tx::NO_RECORDS.get(lang))));
    }
    for r in c.records.iter().rev() {
        out.push(Line::raw(format!(
            " {} · {} · v{} · {} #{} · {} · sha256 {}…",
            crate::text::local::local_time(app.lang, r.at),
            crate::text::names::record_kind(r.kind).get(lang),
            r.version_no,
            clean(app.rules.market.name_of(&r.leader)),
            r.leader_decision_id,
            clean(&r.by),
            clean(r.package_sha256.get(..12).unwrap_or(&r.package_sha256)),
        )));
    }
    out
}

pub fn render(app: &App, view: &PlanView, area: Rect, buf: &mut Buffer) {
    let c = &view.coordination;
    let lang = app.lang;
    // Each head line word-wrapped to the width (a long reason, a narrow terminal), its
    // style kept, so the head's height is the rows it takes.
    let head: Vec<Line> = head_lines(app, c)
        .into_iter()
        .flat_map(|l| {
            let style = l.spans.first().map_or(l.style, |s| l.style.patch(s.style));
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::tui::state::overview::wrap(&text, area.width.max(10) as usize)
                .into_iter()
                .map(move |r| Line::styled(r, style))
        })
        .collect();
    let name_width = name_width(area.width);
    let rows: Vec<Row> = c
        .parts
        .iter()
        .map(|p| {
            let mark = if p.leader { "*" } else { " " };
            Row::new(vec![
                Cell::from(clip(
                    &format!("{mark}{}", app.rules.market.name_of(&p.insurer_id)),
                    name_width as usize,
                )),
                Cell::from(format!("{:>7}", text::fmt::percent(lang, p.share_hundredths))),
                Cell::from(format!("{:>15}", text::fmt::cents(lang, Cents(p.total_cents)))),
                Cell::from(insurer_status(app, c, &p.insurer_id)),
            ])
        })
        .collect();
    let table_height = if rows.is_empty() { 0 } else { rows.len() as u16 + 2 };
    let chart_height = if area.height >= 30 && !c.parts.is_empty() {
        c.parts.len() as u16 + 2
    } else {
        0
    };
    let [head_area, table_area, chart_area, rest] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Length(table_height),
        Constraint::Length(chart_height),
        Constraint::Min(0),
    ])
    .areas(area);
    Paragraph::new(head).render(head_area, buf);
    Table::new(
        rows,
        [
            Constraint::Length(name_width),
            Constraint::Length(7),
            Constraint::Length(15),
            Constraint::Min(10),
        ],
    )
    .header(
        Row::new(vec![
            tx::INSURER.get(lang),
            tx::SHARE.get(lang),
            tx::AMOUNT.get(lang),
            tx::STATUS.get(lang),
        ])
        .style(app.theme.header()),
    )
    .render(table_area, buf);
    if table_height > 0 {
        let note = Rect {
            y: table_area.bottom() - 1,
            height: 1,
            ..table_area
        };
        Paragraph::new(Line::styled(tx::STATUS_NOTE.get(lang), app.theme.dim())).render(note, buf);
    }
    if chart_height > 0 {
        let items = c
            .parts
            .iter()
            .map(|p| (p.insurer_id.clone(), Cents(p.total_cents)))
            .collect();
        cents_chart(app.look(), items, tx::SPLIT.get(lang)).render(chart_area, buf);
    }
    Paragraph::new(record_lines(app, c))
        .wrap(Wrap { trim: false })
        .scroll((view.scroll, 0))
        .render(rest, buf);
}
