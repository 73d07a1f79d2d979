//! The workbench's own words: live updates, quitting, sizes and roles.

use super::T;

/// Another process changed the open plan (the screen was reloaded).
pub const SOMEONE_CHANGED: T = T(
    "iemand anders heeft dit plan gewijzigd; het scherm is bijgewerkt",
    "someone else changed this plan; the screen was updated",
);
