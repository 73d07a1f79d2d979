//! What the NZa keys do: open the dashboard, choose year and breakdown, open the Sampling
//! screen, set its fields, draw (and store) a sample and export it, record findings on its
//! items.

use crate::app::nza::{self, SampleRow};
use crate::core::nza::report::report;
use crate::core::sampling::record::{SampleError, take};
use crate::io::output::{self, Existing};
use crate::store::{Finding, Store};
use crate::text::Lang;
use crate::text::nza as tx;
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::state::nza::BREAKDOWNS;
use crate::tui::state::sampling::FIELDS;
use crate::tui::state::{NzaView, SamplingView, Screen};

impl App {
    pub(crate) fn open_nza(&mut self) {
        match nza::contracts(&self.store) {
            Ok(contracts) => {
                let report = match report(&contracts, self.envelope_cents) {
                    Ok(r) => r,
                    Err(e) => {
                        self.message = Some(e.to_string());
                        return;
                    }
                };
                let names = contracts
                    .iter()
                    .map(|c| (c.insurer_id.clone(), c.insurer_name.clone()))
                    .collect();
                let freshness = nza::freshness(&self.store).unwrap_or_default();
                self.screen = Screen::Nza(Box::new(NzaView {
                    contracts,
                    report,
                    year: 0,
                    breakdown: 0,
                    selected: 0,
                    sampling: None,
                    names,
                    freshness,
                }))
            }
            Err(e) => self.message = Some(crate::app::errors::render(&e, self.lang)),
        }
    }

    pub(super) fn nza_action(&mut self, action: Action) {
        let page = crate::tui::state::NzaView::table_rows(self.size.height);
        let Screen::Nza(v) = &mut self.screen else { return };
        if v.sampling.is_some() {
            self.sampling_action(action);
            return;
        }
        match action {
            // At the top (no plans, NZa imports) Esc has nowhere to go and q quits.
            Action::Back if self.nza_home => {}
            Action::BackOrQuit if self.nza_home => self.quit(),
            Action::Back | Action::BackOrQuit => self.screen = Screen::Queue,
            Action::NextTab => {
                v.breakdown = (v.breakdown + 1) % BREAKDOWNS.len();
                v.selected = 0;
            }
            Action::PrevTab => {
                v.breakdown = (v.breakdown + BREAKDOWNS.len() - 1) % BREAKDOWNS.len();
                v.selected = 0;
            }
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::HalfDown
            | Action::HalfUp
            | Action::First
            | Action::Last => {
                let last = v.rows().len().saturating_sub(1);
                v.selected = super::navigate::step(v.selected, last, page, action);
            }
            Action::ValueNext => v.year = (v.year + 1).min(v.report.years.len().saturating_sub(1)),
            Action::ValuePrev => v.year = v.year.saturating_sub(1),
            Action::OpenSampling => {
                let years = v.report.years.iter().map(|y| y.year).collect();
                v.sampling = Some(Box::new(SamplingView::new(v.contracts.clone(), years, 1)));
            }
            _ => {}
        }
    }

    /// The Sampling screen's keys: the fields, the list of drawn contracts, draw and export.
    fn sampling_action(&mut self, action: Action) {
        let lang = self.lang;
        let Screen::Nza(v) = &mut self.screen else { return };
        let Some(s) = &mut v.sampling else { return };
        match action {
            Action::Back | Action::BackOrQuit => v.sampling = None,
            Action::Down => s.focus(s.field + 1),
            Action::Up => s.focus(s.field.saturating_sub(1)),
            Action::First => s.focus(0),
            Action::Last => s.focus(FIELDS.len() - 1),
            Action::PageDown => {
                let n = s.drawn.as_ref().map_or(0, |d| d.1.items.len());
                s.scroll = (s.scroll + 5).min(n.saturating_sub(1));
            }
            Action::PageUp => s.scroll = s.scroll.saturating_sub(5),
            Action::ValueNext | Action::ValuePrev => {
                s.typing = false;
                s.change(action == Action::ValueNext)
            }
            Action::SampleDigit(d) => s.digit(d),
            Action::SampleBackspace => s.backspace(),
            Action::SampleDraw => {
                let said = draw(s, &mut self.store, &self.user, lang);
                self.say(said)
            }
            Action::SampleExport => {
                let said = export(s, &self.store, &self.out_dir, lang);
                self.say(said)
            }
            Action::SampleItemNext => {
                let n = s.drawn.as_ref().map_or(0, |d| d.1.items.len());
                s.scroll = (s.scroll + 1).min(n.saturating_sub(1));
            }
            Action::SampleItemPrev => s.scroll = s.scroll.saturating_sub(1),
            Action::SampleMarkOk | Action::SampleMarkDeviation => {
                let finding = if action == Action::SampleMarkOk {
                    Finding::Ok
                } else {
                    Finding::Deviation
                };
                let said = mark(s, &mut self.store, &self.user, finding, lang);
                self.say(said)
            }
            _ => {}
        }
    }

    /// A notice for the status bar, or a message saying why not.
    fn say(&mut self, said: Result<String, String>) {
        match said {
            Ok(notice) => self.notice = Some(notice),
            Err(message) => self.message = Some(message),
        }
    }
}

/// Draws a sample with the fields' parameters and stores it (unless the database is
/// read-only); says what happened.
fn draw(s: &mut SamplingView, store: &mut Store, user: &str, lang: Lang) -> Result<String, String> {
    let mut params = s.params(lang)?;
    // As of today and the imports held now, so later imports never break the sample.
    let today = Some(store.today().to_string());
    params.cutoff = Some(nza::cutoff_now(store, today).map_err(|e| format!("{e:#}"))?);
    let sample = match take(&s.population(), params) {
        Ok(sample) => sample,
        Err(SampleError::Draw(e)) => return Err(tx::draw_error(&e, lang)),
        Err(SampleError::Params(e)) => return Err(e),
    };
    let (id, notice) = match nza::store_sample(store, &sample, user) {
        Ok(None) => (None, tx::NOT_STORED.get(lang).to_string()),
        Ok(Some(id)) => (Some(id), format!("{} {id}", tx::SAMPLE_STORED.get(lang))),
        Err(e) => return Err(crate::app::errors::render(&e, lang)),
    };
    s.drawn = Some((id, sample));
    s.scroll = 0;
    s.findings.clear();
    Ok(notice)
}

/// Records a finding on the selected item of the drawn, stored sample (the same service as
/// `resv sample record`); says what happened.
fn mark(s: &mut SamplingView, store: &mut Store, user: &str, finding: Finding, lang: Lang) -> Result<String, String> {
    use crate::text::evaluate as ev;
    let Some((id, sample)) = &s.drawn else {
        return Err(tx::DRAW_FIRST.get(lang).to_string());
    };
    let Some(id) = id else {
        return Err(ev::NOT_STORED_NO_FINDINGS.get(lang).to_string());
    };
    let Some(item) = sample.items.get(s.scroll) else {
        return Err(tx::DRAW_FIRST.get(lang).to_string());
    };
    if sample.params.method == "mus" && finding == Finding::Deviation {
        return Err(format!(
            "{} {}",
            ev::MUS_NEEDS_AMOUNT.get(lang),
            ev::MUS_IN_CLI.get(lang)
        ));
    }
    let stored = match crate::app::nza::sample(store, *id) {
        Ok(Some(stored)) => stored,
        Ok(None) => return Err(format!("{}: {id}", tx::UNKNOWN_SAMPLE.get(lang))),
        Err(e) => return Err(format!("{e:#}")),
    };
    let item_id = item.id.clone();
    match crate::app::findings::record(store, &stored, &item_id, finding, "", user, lang) {
        Ok(Ok(n)) => {
            s.findings.insert(item_id, finding.keyword());
            let n_items = sample.items.len();
            s.scroll = (s.scroll + 1).min(n_items.saturating_sub(1));
            let (open, items) = s.open_items();
            Ok(format!(
                "{} {n} · {}",
                ev::FINDING_STORED.get(lang),
                ev::open_items_left(open, items, lang)
            ))
        }
        Ok(Err(refusal)) => Err(refusal),
        Err(e) => Err(format!("{e:#}")),
    }
}

/// Exports the drawn sample as CSV in the output folder; says where, as an absolute path.
fn export(s: &SamplingView, store: &Store, dir: &std::path::Path, lang: Lang) -> Result<String, String> {
    let Some((id, sample)) = &s.drawn else {
        return Err(tx::DRAW_FIRST.get(lang).to_string());
    };
    let name = dir.join(format!(
        "resv-steekproef-{}-seed-{}.csv",
        id.unwrap_or(0),
        sample.params.seed
    ));
    let rows = nza::sample_rows(sample, &s.contracts);
    let head = nza::audit_head(store);
    match head.and_then(|head| write_csv(&name, &rows, &head)) {
        Ok(()) => Ok(format!("{}: {}", tx::EXPORTED.get(lang), name.display())),
        Err(e) => Err(crate::app::errors::render(&e, lang)),
    }
}

/// The sample's rows as `resv sample show --csv` prints them ([`nza::sample_csv`]: the ten
/// columns of a row, then NZa's audit head) in a new file: never overwriting one, never
/// through a symbolic link, 0600.
fn write_csv(path: &std::path::Path, rows: &[SampleRow<'_>], audit_head: &str) -> anyhow::Result<()> {
    output::write(path, nza::sample_csv(rows, audit_head)?.as_bytes(), Existing::Never)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile_row() -> SampleRow<'static> {
        SampleRow {
            id: "zk/RESV-\u{1b}]52;c;eA==\u{7}",
            insurer_id: "zk",
            plan_id: "RESV-\u{1b}]52;c;eA==\u{7}",
            resv_name: "@SUM(A1)",
            rho_region: "Utrecht",
            scenario: "groeimodel",
            amount_cents: 12_345,
            hits: 1,
            stratum: "=1+1\u{202e}",
            sha256: "ab",
        }
    }

    #[test]
    fn the_sample_csv_has_the_columns_of_sample_show_csv() {
        // The workbench wrote five columns and the audit head, `sample show --csv` ten and
        // the audit head: now both write the same text.
        let dir = tempfile::tempdir().unwrap();
        let rows = [hostile_row()];
        let path = dir.path().join("steekproef.csv");
        write_csv(&path, &rows, "3:ab").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, nza::sample_csv(&rows, "3:ab").unwrap());
        assert_eq!(
            text,
            "id,insurer_id,plan_id,resv_name,rho_region,scenario,amount,hits,stratum,sha256,audit_head\n\
             zk/RESV-\u{241B}]52;c;eA==\u{2407},zk,RESV-\u{241B}]52;c;eA==\u{2407},'@SUM(A1),Utrecht,groeimodel,123.45,1,'=1+1\u{FFFD},ab,3:ab\n"
        );
    }

    #[test]
    fn the_sample_csv_is_new_and_never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let rows = [hostile_row()];
        let path = dir.path().join("steekproef.csv");
        write_csv(&path, &rows, "3:ab").unwrap();
        let err = write_csv(&path, &rows, "3:ab").unwrap_err().to_string();
        assert!(
            err.ends_with("exists; resv never overwrites a file: choose another name"),
            "{err}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(dir.path().join("elders.csv"), &link).unwrap();
            assert!(write_csv(&link, &rows, "3:ab").is_err());
            assert!(!dir.path().join("elders.csv").exists());
        }
    }
}
