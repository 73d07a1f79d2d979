//! Everyday work without leaving the workbench, through the same services as the command
//! line and with the same diagnostics: the decision letter (`L` on a plan), the decisions
//! export (`E`) and plan imports (`I`) from the queue, a registry import (`I` in the
//! registry), the stored samples and their verification (`v` on the dashboard). Files are
//! written into the folder the popup shows (absolute), never over an existing file.

use super::super::app::App;
use super::super::keymap::{Action, EditKey};
use super::super::state::work::{WorkKind, WorkPopup};
use super::super::state::{COORDINATION_TAB, Popup, RegistryView, Screen};
use crate::app::context::Sources;
use crate::app::{documents, errors, reports};
use crate::core::decision::Outcome;
use crate::core::queue::Queue;
use crate::core::sanitize::clean;
use crate::text::{self, fill, work as tw};
use std::path::{Path, PathBuf};

/// The longest path the prompt takes.
const MAX_PATH_CHARS: usize = 4096;

impl App {
    fn sources(&self) -> Sources<'_> {
        Sources {
            store: &self.store,
            rules: &self.rules,
            registry: &self.registry,
        }
    }

    /// The folder files are written to ([`App::out_dir`]), absolute.
    fn work_folder(&self) -> PathBuf {
        std::path::absolute(&self.out_dir).unwrap_or_else(|_| self.out_dir.clone())
    }

    pub(super) fn open_work(&mut self, action: Action) {
        let lang = self.lang;
        let folder = self.work_folder();
        let shown_folder = format!("{}: {}", tw::FOLDER.get(lang), clean(&folder.display().to_string()));
        let popup = match action {
            Action::OpenLetter => {
                let Screen::Plan(p) = &self.screen else { return };
                let plan_id = p.stored.plan.id.clone();
                let mut w = WorkPopup::new(
                    WorkKind::Letter {
                        plan_id: plan_id.clone(),
                    },
                    Vec::new(),
                    folder,
                );
                match documents::letter(self.sources(), &plan_id, false, lang) {
                    Ok(md) => w.body = md.lines().map(|l| clean(l).into_owned()).collect(),
                    Err(e) => w.report(errors::render(&e, lang).lines().map(str::to_string)),
                }
                w.body.insert(0, shown_folder);
                w.body.insert(1, String::new());
                w
            }
            Action::OpenExport => {
                let mut body = vec![shown_folder, String::new()];
                body.extend(self.export_body());
                WorkPopup::new(WorkKind::Export, body, folder)
            }
            Action::OpenImportPlans | Action::OpenImportRegistry => {
                let (kind, prompt) = if action == Action::OpenImportPlans {
                    (WorkKind::ImportPlans, tw::PATH_PROMPT_PLANS)
                } else {
                    (WorkKind::ImportRegistry, tw::PATH_PROMPT_REGISTRY)
                };
                WorkPopup::new(kind, vec![prompt.get(lang).to_string(), shown_folder], folder)
            }
            Action::OpenPackage => {
                let Screen::Plan(p) = &self.screen else { return };
                if p.tab != COORDINATION_TAB {
                    self.message = Some(tw::ONLY_ON_COORDINATION.get(lang).to_string());
                    return;
                }
                let plan_id = p.stored.plan.id.clone();
                let body = vec![shown_folder, String::new(), tw::PACKAGE_INFO.get(lang).to_string()];
                WorkPopup::new(WorkKind::Package { plan_id }, body, folder)
            }
            Action::OpenSamples => match crate::app::nza::samples(&self.store) {
                Ok(samples) => {
                    let ids = samples.iter().map(|s| s.id).collect();
                    let mut body = reports::sample_lines(&samples, lang);
                    if body.is_empty() {
                        body.push(tw::NO_SAMPLES_STORED.get(lang).to_string());
                    }
                    WorkPopup::new(WorkKind::Samples { ids }, body, folder)
                }
                Err(e) => {
                    self.message = Some(errors::render(&e, lang));
                    return;
                }
            },
            _ => return,
        };
        self.popup = Some(Popup::Work(Box::new(popup)));
    }

    /// The export popup's list: how many current decisions, and each one's outcome and total.
    fn export_body(&self) -> Vec<String> {
        let lang = self.lang;
        let rows = match crate::app::export::decision_rows(self.sources()) {
            Ok(rows) => rows,
            Err(e) => return errors::render(&e, lang).lines().map(str::to_string).collect(),
        };
        let mut body = vec![crate::text::local::count(
            lang,
            rows.len() as u64,
            tw::EXPORT_ONE,
            tw::EXPORT_MANY,
        )];
        body.extend(rows.iter().map(|r| {
            let outcome = Outcome::from_keyword(&r.outcome).map_or_else(
                || clean(&r.outcome).into_owned(),
                |o| text::decision::outcome(o).get(lang).to_string(),
            );
            let total = text::fmt::euros(lang, crate::core::money::Cents(r.contracted_total_cents));
            format!("  {:<16} {:<18} {:>14}", clean(&r.plan_id), outcome, total)
        }));
        body
    }

    pub(super) fn work_action(&mut self, action: Action) {
        let Some(Popup::Work(w)) = &mut self.popup else { return };
        let page = i32::from(self.size.height.saturating_sub(6)).max(1);
        match (action, &w.kind) {
            (Action::ClosePopup, _) => self.popup = None,
            (Action::NoteEdit(key), _) => {
                if let Some(input) = &mut w.prompt
                    && !(matches!(key, EditKey::Char(_)) && input.value().chars().count() >= MAX_PATH_CHARS)
                {
                    input.handle(super::edit::request(key));
                }
            }
            (Action::Down | Action::Up, WorkKind::Samples { ids }) if w.results.is_empty() => {
                let last = ids.len().saturating_sub(1);
                w.selected = if action == Action::Down {
                    (w.selected + 1).min(last)
                } else {
                    w.selected.saturating_sub(1)
                };
            }
            (Action::Down, _) => w.scroll_by(1),
            (Action::Up, _) => w.scroll_by(-1),
            (Action::PageDown, _) => w.scroll_by(page),
            (Action::PageUp, _) => w.scroll_by(-page),
            (Action::First, _) => w.scroll = 0,
            (Action::Last, _) => w.scroll_by(i32::MAX / 2),
            (Action::WorkPrimary | Action::WorkSecondary, _) => self.work_write(action == Action::WorkSecondary),
            (Action::WorkRun, _) => self.work_run(),
            _ => {}
        }
    }

    /// Writes the letter or the export in the chosen format into the shown folder.
    fn work_write(&mut self, second: bool) {
        let lang = self.lang;
        let Some(Popup::Work(w)) = &self.popup else { return };
        let (kind, folder) = (w.kind.clone(), w.folder.clone());
        let today = text::fmt::date(self.now.date());
        let mut warning = None;
        let made = match &kind {
            WorkKind::Letter { plan_id } => documents::named_letter(self.sources(), plan_id, second, lang),
            WorkKind::Export => {
                let inc = crate::app::export::Increment::default();
                documents::decisions_signed_in(self.sources(), second, &inc, self.keys_folder.as_deref()).map(
                    |(t, signed)| {
                        // The command line's warning, word for word: NZa refuses an unsigned export.
                        if !second && !signed {
                            warning = Some(text::keys::UNSIGNED_EXPORT.get(lang).to_string());
                        }
                        (format!("besluiten-{today}.{}", if second { "csv" } else { "json" }), t)
                    },
                )
            }
            WorkKind::Package { plan_id } => {
                let lines = self.write_package(plan_id, &folder);
                if let Some(Popup::Work(w)) = &mut self.popup {
                    w.report(lines);
                }
                return;
            }
            _ => return,
        };
        let lines: Vec<String> = match made.and_then(|(name, t)| documents::write_new(&folder, &name, &t)) {
            Ok(path) => std::iter::once(format!(
                "{}: {}",
                tw::WRITTEN.get(lang),
                clean(&path.display().to_string())
            ))
            .chain(warning)
            .collect(),
            Err(e) => errors::render(&e, lang).lines().map(str::to_string).collect(),
        };
        if let Some(Popup::Work(w)) = &mut self.popup {
            w.report(lines);
        }
    }

    /// Writes the leader's follow package and records the export (as `resv follow export`).
    fn write_package(&mut self, plan_id: &str, folder: &Path) -> Vec<String> {
        let lang = self.lang;
        let out = folder.join(format!("{plan_id}-volgpakket.json"));
        let done = crate::app::follow::export_to(
            &mut self.store,
            &self.rules,
            plan_id,
            &out,
            &self.user,
            self.keys_folder.as_deref(),
        );
        let lines = match done {
            Ok(Ok((e, recorded))) => {
                let mut lines = crate::app::follow::package_lines(&e, &out, &self.rules, lang);
                if recorded.is_none() {
                    lines.push(text::coordination::NOT_RECORDED_READ_ONLY.get(lang).to_string());
                }
                lines
            }
            Ok(Err(r)) => vec![format!(
                "{}: {}",
                text::coordination::EXPORT_REFUSED.get(lang),
                text::coordination::export_refusal(&r, &self.rules.market, lang)
            )],
            Err(e) => errors::render(&e, lang).lines().map(str::to_string).collect(),
        };
        self.refresh_plan(plan_id);
        lines
    }

    /// Imports the typed path, or verifies the selected sample.
    fn work_run(&mut self) {
        let lang = self.lang;
        let Some(Popup::Work(w)) = &self.popup else { return };
        let kind = w.kind.clone();
        let typed = w.prompt.as_ref().map(|i| i.value().trim().to_string());
        let selected = w.selected;
        let lines = match (&kind, typed) {
            (WorkKind::ImportPlans | WorkKind::ImportRegistry, Some(path)) if path.is_empty() => {
                vec![tw::EMPTY_PATH.get(lang).to_string()]
            }
            (WorkKind::ImportPlans, Some(path)) => self.import_plans(Path::new(&path)),
            (WorkKind::ImportRegistry, Some(path)) => self.import_registry(Path::new(&path)),
            (WorkKind::Samples { ids }, _) => match ids.get(selected) {
                Some(&id) => self.verify_sample(id),
                None => return,
            },
            _ => return,
        };
        if let Some(Popup::Work(w)) = &mut self.popup {
            w.report(lines);
        }
    }

    fn import_plans(&mut self, path: &Path) -> Vec<String> {
        let lang = self.lang;
        if let Err(e) = crate::app::writable(&self.store, lang) {
            return vec![errors::render(&e, lang)];
        }
        // A folder: its own plan files only (not its subfolders), at most a bounded number.
        let items = if path.is_dir() {
            let items = crate::io::intake::folder_items(path);
            let max = crate::io::intake::MAX_FOLDER_PLANS;
            if items.len() > max {
                let shown = clean(&path.display().to_string()).into_owned();
                let n = items.len().to_string();
                return vec![fill(
                    tw::TOO_MANY_IN_FOLDER.get(lang),
                    &[("path", &shown), ("n", &n), ("max", &max.to_string())],
                )];
            }
            items
        } else {
            crate::io::intake::expand_paths(&[path.to_path_buf()])
        };
        let reports = crate::app::import::import_items(&mut self.store, items, &self.user);
        let lines = reports::import_lines(&reports, lang)
            .into_iter()
            .map(|l| l.text)
            .collect();
        match crate::app::assess::scored_queue(&self.store, &self.rules, &self.registry, None) {
            Ok(rows) => {
                self.queue = Queue::new(rows);
                self.select_row(None);
            }
            Err(e) => self.message = Some(errors::render(&e, lang)),
        }
        lines
    }

    fn import_registry(&mut self, path: &Path) -> Vec<String> {
        let lang = self.lang;
        let items = match reports::registry_file(path, lang) {
            Ok(items) => items,
            Err(lines) => return lines.into_iter().map(|l| l.text).collect(),
        };
        let source = path.display().to_string();
        let stored = crate::app::registry::import(&mut self.store, &items, &source, &self.user, lang).and_then(|r| {
            self.registry.reset();
            // The list is read again only for the registry screen.
            if let Screen::Registry(_) = self.screen {
                let all = self.registry.arrangements(&self.store)?;
                self.screen = Screen::Registry(Box::new(RegistryView::new(all)));
            }
            Ok(r)
        });
        match stored {
            Ok(r) => {
                vec![reports::registry_summary(path, &r, lang)]
            }
            Err(e) => errors::render(&e, lang).lines().map(str::to_string).collect(),
        }
    }

    fn verify_sample(&self, id: i64) -> Vec<String> {
        let lang = self.lang;
        let head = fill(tw::VERIFYING.get(lang), &[("id", &id.to_string())]);
        let checked = crate::app::nza::sample(&self.store, id).and_then(|s| match s {
            Some(s) => reports::verify_lines(&self.store, &s, lang).map(|(_, lines)| lines),
            None => Ok(vec![format!("{}: {id}", text::nza::UNKNOWN_SAMPLE.get(lang))]),
        });
        match checked {
            Ok(lines) => std::iter::once(head).chain(lines).collect(),
            Err(e) => vec![head, errors::render(&e, lang)],
        }
    }
}
