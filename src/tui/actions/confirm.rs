//! Questions before something is lost: quitting the demo (its database is temporary; `b`
//! keeps a copy in the output folder) and clearing a criterion's manual input.

use crate::app::assess::Change::Set;
use crate::io::output::Existing;
use crate::text::{self, fill, workbench as tx};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::state::Ask;

impl App {
    /// `q` on the top screen, Ctrl-c anywhere: quits, but in the demo asks first.
    pub(super) fn quit(&mut self) {
        if self.demo && self.asking != Some(Ask::QuitDemo) {
            self.asking = Some(Ask::QuitDemo);
            // Named once: the file the question shows is the file `b` writes.
            self.keep_path = Some(self.demo_copy_path());
        } else {
            self.should_quit = true;
        }
    }

    /// Where `b` keeps the demo's database: a new file in the output folder.
    pub fn demo_copy_path(&self) -> std::path::PathBuf {
        let stamp: String = self
            .now
            .to_string()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        self.out_dir.join(format!("resv-demo-{stamp}.db"))
    }

    /// The answer to the open question.
    pub(super) fn answer(&mut self, action: Action) {
        let Some(ask) = self.asking.take() else {
            return;
        };
        match (ask, action) {
            (Ask::QuitDemo, Action::ConfirmYes) => self.should_quit = true,
            (Ask::QuitDemo, Action::ConfirmKeep) => {
                let path = self.keep_path.clone().unwrap_or_else(|| self.demo_copy_path());
                match crate::app::audit::backup(&self.store, &path, Existing::Never) {
                    Ok(()) => {
                        self.kept = Some(path);
                        self.should_quit = true;
                    }
                    Err(e) => self.message = Some(format!("{e:#}")),
                }
            }
            (Ask::ClearManual(id), Action::ConfirmYes) => self.record(id, Set(None), Set(None), text::CLEARED),
            (_, Action::ConfirmNo) => {}
            // A key that is no answer to this question leaves it open.
            (ask, _) => self.asking = Some(ask),
        }
    }

    /// What the demo's quit question offers to write, for the popup.
    pub fn keep_hint(&self) -> String {
        let p = self.keep_path.clone().unwrap_or_else(|| self.demo_copy_path());
        let p = p.display().to_string();
        fill(tx::QUIT_DEMO_KEEP.get(self.lang), &[("p", &p)])
    }
}
