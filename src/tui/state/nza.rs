//! NZa's dashboard state: the imported contracts and their report, the chosen year and
//! breakdown, and the Sampling screen when it is open.

use super::sampling::SamplingView;
use crate::core::nza::Contract;
use crate::core::nza::report::{Report, Totals};
use crate::text::T;
use crate::text::nza as tx;

/// The breakdowns, in the order Tab cycles through them.
pub const BREAKDOWNS: [T; 4] = [tx::BY_REGION, tx::BY_INSURER, tx::BY_TASK, tx::BY_SCENARIO];

/// The screen's state: the imported contracts and their report, the chosen year (an index
/// into the report's years) and breakdown, and the sampling screen when it is open.
pub struct NzaView {
    pub contracts: Vec<Contract>,
    pub report: Report,
    pub year: usize,
    pub breakdown: usize,
    /// The selected row of the breakdown's table (j/k, the wheel, a click).
    pub selected: usize,
    pub sampling: Option<Box<SamplingView>>,
    /// Each insurer's name by its id (from its decisions), for showing names, not ids.
    pub names: std::collections::HashMap<String, String>,
    /// Per insurer the export time of its latest file, oldest first.
    pub freshness: Vec<crate::app::nza::Freshness>,
}

impl NzaView {
    /// An insurer's name, or its id when no name is known.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }

    /// Rows of the breakdown's table on a terminal `height` lines high: the body less the
    /// summary (3), the gauge (3), the outcomes (4) and the table's border.
    pub fn table_rows(height: u16) -> usize {
        height.saturating_sub(2 + 3 + 3 + 4 + 2).max(1) as usize
    }

    /// The first row the table shows when `visible` rows fit: the selected one stays on
    /// screen (as the table scrolls it).
    pub fn offset(&self, visible: usize) -> usize {
        (self.selected + 1).saturating_sub(visible.max(1))
    }

    pub fn rows(&self) -> &[Totals] {
        match self.breakdown {
            0 => &self.report.by_region,
            1 => &self.report.by_insurer,
            2 => &self.report.by_main_task,
            _ => &self.report.by_scenario,
        }
    }
}
