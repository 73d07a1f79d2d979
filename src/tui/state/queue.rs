//! Which of the queue's columns a terminal of a given width shows (the keys must know, so
//! they never sort by a column nobody can see).

use crate::core::queue::SortKey;

/// Columns in screen order, by sort-key position (the digit that sorts by it is its
/// position + 1; the eleventh, days to the deadline, sorts with `u`). Narrower layouts drop
/// the submission date, then region and scenario, to keep the assessment and the deadline.
pub fn columns(width: u16) -> &'static [usize] {
    if width >= 140 {
        &[0, 1, 2, 3, 4, 7, 8, 9, 5, 10, 6]
    } else if width >= 110 {
        &[0, 1, 2, 3, 4, 7, 8, 9, 5, 10]
    } else {
        &[0, 1, 2, 7, 8, 9, 5, 10]
    }
}

/// Whether `key` is a column shown at `width`.
pub fn shown(key: SortKey, width: u16) -> bool {
    SortKey::ALL
        .iter()
        .position(|k| *k == key)
        .is_some_and(|c| columns(width).contains(&c))
}

/// The column a hidden sort falls back to: the days to the deadline (always shown).
pub const FALLBACK: SortKey = SortKey::Due;
