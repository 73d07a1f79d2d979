//! A horizontal bar chart of amounts, each bar labelled and showing its euros.

use super::Look;
use crate::core::money::Cents;
use crate::text::Lang;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block};

/// The chart of `items` under `title`.
pub fn cents_chart(look: Look, items: Vec<(String, Cents)>, title: &str) -> BarChart<'static> {
    let max = items.iter().map(|(_, c)| c.0).max().unwrap_or(0).max(1);
    let sep = if look.lang == Lang::Nl { '.' } else { ',' };
    let bars: Vec<Bar> = items
        .into_iter()
        .map(|(label, c)| {
            Bar::default()
                .label(Line::raw(label))
                .value(scale(c, max))
                .text_value(c.fmt_euros(sep))
        })
        .collect();
    BarChart::horizontal(bars)
        .bar_gap(0)
        .bar_style(look.theme.bar())
        .value_style(look.theme.selected())
        .block(Block::bordered().title(format!(" {title} ")))
}

/// Bar length on a 0-1000 scale, so the chart works for any amounts.
fn scale(c: Cents, max: i64) -> u64 {
    (c.0.max(0) as u128 * 1000 / max as u128) as u64
}
