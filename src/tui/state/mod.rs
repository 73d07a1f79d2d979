//! What the workbench holds, per screen and popup: plain data, no ratatui types. Counts the
//! keys need (how far a tab scrolls, how tall the help is) are kept here, computed when the
//! data changes, so `update` never calls a render helper.

pub mod decision_form;
pub mod help;
pub mod history;
pub mod nza;
pub mod overview;
pub mod plan;
pub mod queue;
pub mod regions;
pub mod registry;
pub mod sampling;
pub mod work;

use crate::core::decision::Decision;
use crate::core::funding::Verdict;
use tui_input::Input;

pub use decision_form::DecisionForm;
pub use history::HistoryData;
pub use nza::NzaView;
pub use plan::{ACTIVITIES_TAB, ASSESSMENT_TAB, COORDINATION_TAB, FUNDING_TAB, HISTORY_TAB, PLAN_TABS, PlanView};
pub use regions::RegionsView;
pub use registry::RegistryView;
pub use sampling::SamplingView;

pub enum Screen {
    Queue,
    Plan(Box<PlanView>),
    Registry(Box<RegistryView>),
    Regions(Box<RegionsView>),
    /// NZa's dashboard, with the Sampling screen over it when open.
    Nza(Box<NzaView>),
}

/// A question over everything else (an open popup stays as it was), answered yes or no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Quitting the demo, whose database is temporary.
    QuitDemo,
    /// Clearing a criterion's manual score and note.
    ClearManual(crate::core::rules::CheckId),
}

/// A popup that takes the keys until it closes.
pub enum Popup {
    /// Picking a manual score for the selected criterion.
    Score,
    /// Writing a note on the selected criterion.
    Note(Input),
    /// The reason for confirming or dismissing the selected double-funding flag.
    Reason(Verdict, Input),
    /// The decision form, and after a check its confirmation step.
    Decision(Box<DecisionForm>),
    /// Approving a pending decision as the second buyer.
    Approve(Box<Decision>),
    /// Everyday work: the letter, the export, an import, the samples.
    Work(Box<work::WorkPopup>),
}
