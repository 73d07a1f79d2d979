//! The registry screen's state: the search, the arrangements it shows and the selection.

use crate::core::funding::Arrangement;
use crate::core::queue::closeness;

/// The registry screen's state: the search and which arrangements it shows.
#[derive(Debug, Default)]
pub struct RegistryView {
    pub search: String,
    /// Indexes into the registry's arrangements, best match first (all, in id order, when
    /// there is no search).
    pub hits: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
}

/// The text the search looks in.
fn haystack(a: &Arrangement) -> String {
    format!(
        "{} {} {} {} {}",
        a.id,
        a.recipient.name,
        a.funder,
        a.stream.keyword(),
        a.description
    )
}

impl RegistryView {
    pub fn new(all: &[Arrangement]) -> RegistryView {
        let mut v = RegistryView::default();
        v.refilter(all);
        v
    }

    /// Applies the search: the queue's rule ([`closeness`]: characters close together, in
    /// whole words or at word starts), best match first.
    pub fn refilter(&mut self, all: &[Arrangement]) {
        if self.search.trim().is_empty() {
            self.hits = (0..all.len()).collect();
        } else {
            let mut scored: Vec<(u32, usize)> = all
                .iter()
                .enumerate()
                .filter_map(|(i, a)| closeness(self.search.trim(), &haystack(a)).map(|c| (c.score, i)))
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.hits = scored.into_iter().map(|(_, i)| i).collect();
        }
        self.selected = 0;
        self.offset = 0;
    }

    /// Keeps the selection on screen for a table of `page` rows.
    pub fn scroll_to_selection(&mut self, page: usize) {
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }
}

/// Rows of the table on a screen of `height` lines (title, header, search, detail, status).
pub fn page(height: u16) -> usize {
    (height as usize).saturating_sub(4 + DETAIL_HEIGHT as usize).max(1)
}

/// Rows of the selected arrangement's detail below the table.
pub const DETAIL_HEIGHT: u16 = 7;
