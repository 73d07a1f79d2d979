//! The regions screen's state: the report, loaded when the screen opens, and the selection.

use crate::app::follow::StatusReport;

/// The screen's state: the report, loaded when the screen opens, and the selected region.
pub struct RegionsView {
    pub report: StatusReport,
    pub selected: usize,
}
