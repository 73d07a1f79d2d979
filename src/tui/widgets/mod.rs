//! What the screens draw with: popups, charts, the help overlay and the theme. A widget
//! gets what it shows as arguments and never reads the app, the store or the clock.

pub mod activity;
pub mod approve;
pub mod chart;
pub mod confirm;
pub mod decision_form;
pub mod help;
pub mod kv;
pub mod note;
pub mod popup;
pub mod reason;
pub mod score;
pub mod theme;
pub mod work;

use crate::text::Lang;
use theme::Theme;

/// How everything is drawn: the theme and the language.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub theme: Theme,
    pub lang: Lang,
}
