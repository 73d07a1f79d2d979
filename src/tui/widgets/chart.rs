//! A horizontal bar chart of amounts, each bar labelled and showing its euros.

use super::Look;
use crate::core::money::Cents;
use crate::text::Lang;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block};

/// The chart of `items` under `title`. Each row reads `label  amount  bar`: the amount
/// stands beside its bar, never on it, so every bar shows its whole length from zero
/// (an amount drawn over a bar hid a short bar entirely).
pub fn cents_chart(look: Look, items: Vec<(String, Cents)>, title: &str) -> BarChart<'static> {
    let max = items.iter().map(|(_, c)| c.0).max().unwrap_or(0).max(1);
    let sep = if look.lang == Lang::Nl { '.' } else { ',' };
    let amounts: Vec<String> = items.iter().map(|(_, c)| c.fmt_euros(sep)).collect();
    let label_w = items.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    let amount_w = amounts.iter().map(|a| a.chars().count()).max().unwrap_or(0);
    let bars: Vec<Bar> = items
        .into_iter()
        .zip(amounts)
        .map(|((label, c), amount)| {
            let pad = label_w - label.chars().count();
            Bar::default()
                .label(Line::raw(format!("{label}{} {amount:>amount_w$}", " ".repeat(pad))))
                .value(scale(c, max))
                .text_value(String::new())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::theme::Theme;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    #[test]
    fn bars_start_from_zero_and_the_amounts_do_not_hide_them() {
        let look = Look {
            theme: Theme { color: false },
            lang: Lang::Nl,
        };
        let items = vec![
            ("1 Mandaat".to_string(), Cents(9_000_000)),
            ("5 Faciliteren".to_string(), Cents(4_500_000)),
        ];
        let area = Rect::new(0, 0, 60, 4);
        let mut buf = Buffer::empty(area);
        cents_chart(look, items, "Begroting").render(area, &mut buf);
        let row = |y: u16| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        };
        let blocks = |y: u16| row(y).matches('█').count();
        let (big, small) = (blocks(1), blocks(2));
        assert!(
            row(1).contains("90.000") && row(2).contains("45.000"),
            "{}\n{}",
            row(1),
            row(2)
        );
        assert!(small > 0, "the smallest amount has a bar: {}", row(2));
        // 45.000 is half of 90.000: half the bar, give or take a cell.
        assert!(small * 2 >= big - 1 && small * 2 <= big + 1, "{big} vs {small}");
    }
}
