//! The regions screen's state: the report, loaded when the screen opens, and the selection.

use crate::app::follow::StatusReport;
use crate::text::{Lang, coordination as tx};

/// The screen's state: the report, loaded when the screen opens, and the selected region.
pub struct RegionsView {
    pub report: StatusReport,
    pub selected: usize,
}

impl RegionsView {
    /// The rows under the table: the commitment, the plans without market data and the
    /// answers when there are any, and the legend wrapped to `width`.
    pub fn foot_rows(&self, lang: Lang, width: u16) -> u16 {
        let o = &self.report.overview;
        let without = usize::from(o.without_market > 0);
        let answers = usize::from(self.report.plans.iter().any(|p| !p.answers.is_empty()));
        let legend = tx::LEGEND
            .get(lang)
            .chars()
            .count()
            .div_ceil((width as usize).saturating_sub(4).max(20));
        (1 + without + answers + legend) as u16 + 1
    }

    /// The first region the table shows when `visible` rows fit under its header: the
    /// selected one stays on screen (as the table scrolls it).
    pub fn offset(&self, visible: usize) -> usize {
        (self.selected + 1).saturating_sub(visible.max(1))
    }
}
