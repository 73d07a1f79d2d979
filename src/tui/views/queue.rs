//! The queue screen: a table of plans, sortable, with a fuzzy filter. Only the rows on
//! screen are built, so a long queue draws as fast as a short one.

use crate::core::decision::PlanState;
use crate::core::queue::SortKey;
use crate::core::sanitize::clean;
use crate::text::summaries::MARK;
use crate::text::{self, T};
use crate::tui::app::App;
use crate::tui::state::queue::columns;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};

/// Column titles in sort-key order (the digit that sorts by it is its position + 1; the
/// eleventh, days to the deadline, sorts with `u`).
const TITLES: [T; 11] = [
    text::COL_STATUS,
    text::COL_ID,
    text::COL_NAME,
    text::COL_REGION,
    text::COL_SCENARIO,
    text::COL_REQUESTED,
    text::COL_SUBMITTED,
    text::COL_SCORE,
    text::COL_KO,
    text::COL_FLAGS,
    text::decision::COL_DUE,
];

/// The key that sorts by column `c`.
fn sort_key_label(c: usize) -> String {
    if c < 10 {
        ((c + 1) % 10).to_string()
    } else {
        "u".to_string()
    }
}

/// Plan text with the filter's matched characters highlighted.
fn highlighted(text: &str, matched: &[usize], style: Style) -> Line<'static> {
    let text = clean(text);
    if matched.is_empty() {
        return Line::raw(text.into_owned());
    }
    let spans: Vec<Span> = text
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if matched.contains(&i) {
                Span::styled(c.to_string(), style)
            } else {
                Span::raw(c.to_string())
            }
        })
        .collect();
    Line::from(spans)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let [table_area, info_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let lang = app.lang;
    let wide = area.width >= 110;
    let (sort, desc) = app.queue.sort_key();
    let shown = columns(area.width);
    // Wide, the plan column fits the longest plan id (up to a limit); at 80 columns the
    // names need the room, and a longer id keeps its end.
    let id_width = if wide {
        (0..app.queue.len())
            .map(|i| app.queue.row(i).id.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(ID_WIDTH, ID_WIDTH_WIDE_MAX) as u16
    } else {
        ID_WIDTH as u16
    };
    // A fixed column is at least as wide as its title, the sorted one with its marker
    // ("u Dagen▲"): the marker is never cut off, the names lose one column at most.
    let widths: Vec<Constraint> = shown
        .iter()
        .map(|&c| match width_of(c, wide, id_width) {
            Constraint::Length(n) => {
                let marker = usize::from(SortKey::ALL[c] == sort);
                let title = sort_key_label(c).chars().count() + 1 + TITLES[c].get(lang).chars().count();
                Constraint::Length(n.max((title + marker) as u16))
            }
            other => other,
        })
        .collect();
    // The name and region columns take the spare width; a name longer than its column
    // keeps its end ("Coöperatie…Twente"), so plans stay told apart.
    let laid = Layout::horizontal(widths.clone()).spacing(1).split(table_area);
    // The sort marker always shows (a title that still does not fit is shortened).
    let header = Row::new(shown.iter().enumerate().map(|(i, &c)| {
        let arrow = if SortKey::ALL[c] == sort {
            if desc { "▼" } else { "▲" }
        } else {
            ""
        };
        let key = format!("{} ", sort_key_label(c));
        let room = (laid[i].width as usize).saturating_sub(key.chars().count() + arrow.chars().count());
        Cell::from(format!(
            "{key}{}{arrow}",
            crate::core::sanitize::clip(TITLES[c].get(lang), room)
        ))
    }))
    .style(app.theme.header());
    let fit = |c: usize| shown.iter().position(|&x| x == c).map_or(0, |i| laid[i].width as usize);
    let (id_width, name_width, region_width) = (fit(1), fit(2), fit(3));
    let page = app.queue_page();
    let visible = app.queue.visible();
    let end = (app.offset + page).min(visible.len());
    let rows = visible[app.offset.min(end)..end].iter().enumerate().map(|(n, &i)| {
        let mut all = cells(app, i, wide, (id_width, name_width, region_width));
        let cells: Vec<Cell> = shown.iter().filter_map(|&c| all[c].take()).collect();
        let row = Row::new(cells);
        if app.offset + n == app.selected {
            row.style(app.theme.selected())
        } else {
            row
        }
    });
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .render(table_area, buf);

    if visible.is_empty() {
        let text = if app.queue.is_empty() {
            text::EMPTY_QUEUE
        } else {
            text::NO_MATCH
        };
        let msg_area = Rect {
            y: table_area.y + 2,
            height: 1,
            ..table_area
        };
        Paragraph::new(Span::styled(text.get(lang), app.theme.dim()))
            .centered()
            .render(msg_area, buf);
    }

    Paragraph::new(info_line(app, visible.len(), info_area.width)).render(info_area, buf);
}

/// The plan column's width: a plan id as the sample plans have them (`RESV-UTR-2027`).
const ID_WIDTH: usize = 13;
/// The widest the plan column grows on a wide screen for longer ids.
const ID_WIDTH_WIDE_MAX: usize = 24;

/// The width of column `c` (by sort-key position); names and regions share what is left.
fn width_of(c: usize, wide: bool, id_width: u16) -> Constraint {
    match (c, wide) {
        (0, _) => Constraint::Length(11),
        (1, _) => Constraint::Length(id_width),
        (2, _) => Constraint::Fill(3),
        (3, _) => Constraint::Fill(2),
        (4, _) => Constraint::Length(15),
        (5, true) => Constraint::Length(13),
        (5, false) => Constraint::Length(11),
        (6, _) => Constraint::Length(11),
        (7, _) => Constraint::Length(7),
        (8, _) => Constraint::Length(4),
        (9, _) => Constraint::Length(5),
        (_, true) => Constraint::Length(9),
        (_, false) => Constraint::Length(7),
    }
}

/// `text` in `width` columns: whole when it fits, else its start and its end around an
/// ellipsis; with the positions of `matched` moved along (those cut out are dropped).
fn fit_middle(text: &str, matched: &[usize], width: usize) -> (String, Vec<usize>) {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= width || width < 7 {
        return (text.to_string(), matched.to_vec());
    }
    let tail = (width - 1) / 2;
    let head = width - 1 - tail;
    let cut = chars.len() - tail;
    let shown: String = chars[..head]
        .iter()
        .chain(['…'].iter())
        .chain(chars[cut..].iter())
        .collect();
    let moved = matched
        .iter()
        .filter_map(|&i| match i {
            i if i < head => Some(i),
            i if i >= cut => Some(head + 1 + i - cut),
            _ => None,
        })
        .collect();
    (shown, moved)
}

/// The cells of queue row `i`, in sort-key order (the layout picks the ones shown).
fn cells(
    app: &App,
    i: usize,
    wide: bool,
    (id_w, name_w, region_w): (usize, usize, usize),
) -> [Option<Cell<'static>>; 11] {
    let lang = app.lang;
    let r = app.queue.row(i);
    let h = app.queue.highlights(i);
    let m = app.theme.matched();
    let scenario = if wide {
        text::scenario_label(r.scenario).0
    } else {
        text::scenario_short(r.scenario)
    };
    // Figures being recomputed: the last stored ones dimmed and marked, or only the mark.
    let recomputing = app.recompute.as_ref().is_some_and(|rc| rc.is_pending(&r.id));
    let (score, ko, flags) = if recomputing {
        let marked = |known: Option<String>| {
            let t = known.map_or_else(|| MARK.to_string(), |k| format!("{k}{MARK}"));
            Line::from(Span::styled(t, app.theme.dim()))
        };
        (
            marked(r.score.map(|s| text::fmt::tenths(lang, s))).right_aligned(),
            Cell::from(marked(r.knocked_out.map(|k| text::ko_glyph(Some(k)).to_string()))),
            Cell::from(marked(r.open_flags.map(|n| n.to_string())).right_aligned()),
        )
    } else {
        let ko_style = if r.knocked_out == Some(true) {
            app.theme.bad()
        } else {
            Style::new()
        };
        let flags = match r.open_flags {
            Some(0) => Cell::from(Line::raw("0").right_aligned()),
            Some(n) => Cell::from(Line::from(Span::styled(n.to_string(), app.theme.warn())).right_aligned()),
            None => Cell::from(Line::raw("-").right_aligned()),
        };
        (
            Line::raw(text::score_text(lang, r.score)).right_aligned(),
            Cell::from(Span::styled(text::ko_glyph(r.knocked_out), ko_style)),
            flags,
        )
    };
    let status = text::decision::status_short(r.status, r.outcome).get(lang);
    let status_style = match r.status {
        PlanState::Pending => app.theme.warn(),
        PlanState::Decided | PlanState::Returned => app.theme.dim(),
        _ => Style::new(),
    };
    let due_style = match r.days_left {
        Some(d) if d < 0 => app.theme.bad(),
        Some(d) if d <= 7 => app.theme.warn(),
        _ => Style::new(),
    };
    let due = text::fmt::days(lang, r.days_left, wide);
    [
        Some(Cell::from(Span::styled(status, status_style))),
        // A plan id longer than its column keeps its end too ("RESV-S…000123").
        Some(Cell::from({
            let (id, at) = fit_middle(&clean(&r.id), &h.id, id_w);
            highlighted(&id, &at, m)
        })),
        Some(Cell::from({
            let (name, at) = fit_middle(&clean(&r.name), &h.name, name_w);
            highlighted(&name, &at, m)
        })),
        Some(Cell::from({
            let (region, at) = fit_middle(&clean(&r.region), &h.region, region_w);
            highlighted(&region, &at, m)
        })),
        Some(Cell::from(scenario)),
        Some(Cell::from(
            Line::raw(text::fmt::euros(lang, r.requested_per_year)).right_aligned(),
        )),
        Some(Cell::from(Line::raw(text::fmt::day(lang, r.submitted)).right_aligned())),
        Some(Cell::from(score)),
        Some(ko),
        Some(flags),
        Some(Cell::from(Line::from(Span::styled(due, due_style)).right_aligned())),
    ]
}

/// The line under the table: how many plans show, the state and region filters and the
/// sort; the filter being typed. It fits `width`: the word "sortering" goes first, then
/// the hidden-column note and the sort (the header marks it), then the words "status:" and
/// "regio:", and only then is it cut.
fn info_line(app: &App, shown: usize, width: u16) -> Line<'static> {
    let lang = app.lang;
    let (sort, desc) = app.queue.sort_key();
    let arrow = if desc { "▼" } else { "▲" };
    let sort_col = SortKey::ALL.iter().position(|k| *k == sort).unwrap_or(0);
    let labelled = |label: text::T, value: &str, long: bool| {
        if long {
            format!(" · {}: {value}", label.get(lang))
        } else {
            format!(" · {value}")
        }
    };
    let filters = |long: bool| {
        let mut out = String::new();
        if let Some(s) = app.queue.state_filter() {
            out.push_str(&labelled(
                text::decision::STATE_FILTER,
                text::decision::state(s).get(lang),
                long,
            ));
        }
        if let Some(r) = app.queue.region_filter() {
            out.push_str(&labelled(text::workbench::REGION_FILTER, &clean(r), long));
        }
        out
    };
    let hidden = match app.sort_fallback {
        Some(k) => {
            let c = SortKey::ALL.iter().position(|x| *x == k).unwrap_or(0);
            let t = format!("{} {}", sort_key_label(c), TITLES[c].get(lang));
            format!(
                " ({})",
                text::fill(text::workbench::SORT_FELL_BACK.get(lang), &[("c", &t)])
            )
        }
        None => String::new(),
    };
    let sorted = format!("{} {}{arrow}", sort_key_label(sort_col), TITLES[sort_col].get(lang));
    let plans = format!(
        "{} {} {} {}",
        text::fmt::whole(lang, shown),
        text::OF.get(lang),
        text::fmt::whole(lang, app.queue.len()),
        text::PLANS.get(lang)
    );
    // While figures are recomputed, that comes first (what follows gives way to it).
    let lead = app.recompute.as_ref().map(|r| {
        let (done, total) = r.progress();
        text::fill(
            text::summaries::RECOMPUTING.get(lang),
            &[
                ("n", &text::fmt::whole(lang, done)),
                ("t", &text::fmt::whole(lang, total)),
            ],
        )
    });
    let lead_width = lead.as_ref().map_or(0, |t| t.chars().count() + 3);
    let typed = app.filtering || !app.queue.filter().is_empty();
    let cursor = if app.filtering { "█" } else { "" };
    let prefix = format!("/{} ", text::FILTER.get(lang));
    let filter = format!("{}{cursor}", clean(app.queue.filter()));
    // Room for the count: the filter and its brackets take theirs first.
    let room = if typed {
        (width as usize).saturating_sub(prefix.chars().count() + filter.chars().count() + 4)
    } else {
        width as usize
    }
    .saturating_sub(lead_width);
    let candidates = [
        format!(
            "{plans}{} · {}: {sorted}{hidden}",
            filters(true),
            text::SORTED_BY.get(lang)
        ),
        format!("{plans}{} · {sorted}{hidden}", filters(true)),
        format!("{plans}{} · {sorted}", filters(true)),
        format!("{plans}{}", filters(true)),
        format!("{plans}{}", filters(false)),
    ];
    let count = candidates
        .iter()
        .find(|c| c.chars().count() <= room)
        .cloned()
        .unwrap_or_else(|| crate::core::sanitize::clip(&candidates[4], room.max(1)));
    let mut spans = Vec::new();
    if typed {
        spans.push(Span::styled(prefix, app.theme.key()));
        spans.push(Span::raw(filter));
        spans.push(Span::raw("  "));
    }
    if let Some(lead) = lead {
        spans.push(Span::styled(lead, app.theme.warn()));
        spans.push(Span::styled(" · ", app.theme.dim()));
    }
    let count = if typed { format!("({count})") } else { count };
    spans.push(Span::styled(count, app.theme.dim()));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::fit_middle;

    #[test]
    fn a_long_name_keeps_its_start_and_its_end() {
        let (a, _) = fit_middle("Coöperatie Eerstelijn Twente", &[], 16);
        let (b, _) = fit_middle("Coöperatie Eerstelijn West-Brabant", &[], 16);
        assert_eq!(a.chars().count(), 16);
        assert_ne!(a, b, "{a} / {b}");
        assert!(a.starts_with("Coöperat") && a.ends_with(" Twente"), "{a}");
        let (short, at) = fit_middle("RESV Zeeland", &[0, 5], 16);
        assert_eq!((short.as_str(), at), ("RESV Zeeland", vec![0, 5]));
        let (_, at) = fit_middle("Coöperatie Eerstelijn Twente", &[0, 15, 27], 16);
        assert_eq!(at, vec![0, 15], "the cut-out match is dropped, the last one moved");
        let (b, _) = fit_middle("Coöperatie Eerstelijn West-Brabant", &[], 16);
        assert!(b.ends_with("Brabant"), "{b}");
    }
}
