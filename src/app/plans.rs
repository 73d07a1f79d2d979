//! Stored plans as `resv show` and the checks before a decision read them.

use crate::store::{Store, StoredPlan};
use crate::text::{self, Lang};
use anyhow::{Result, bail};

/// The plan's latest version, or `None` when there is no such plan.
pub fn latest(store: &Store, plan_id: &str) -> Result<Option<StoredPlan>> {
    store.latest_plan(plan_id)
}

/// An error naming the plan, in `lang`, when the database holds no plan with this id.
pub fn require(store: &Store, plan_id: &str, lang: Lang) -> Result<()> {
    if latest(store, plan_id)?.is_none() {
        bail!("{}", text::unknown_plan(plan_id, None, lang));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_plan_is_named_in_the_users_language_and_a_known_one_passes() {
        let mut store = Store::open_in_memory().unwrap();
        crate::app::import::load_samples(&mut store, "inkoper").unwrap();
        let id = store.queue_rows().unwrap().remove(0).id;
        require(&store, &id, Lang::Nl).unwrap();
        assert_eq!(latest(&store, &id).unwrap().unwrap().plan.id, id);
        assert!(latest(&store, "RESV-NERGENS").unwrap().is_none());
        for lang in [Lang::Nl, Lang::En] {
            let e = require(&store, "RESV-NERGENS", lang).unwrap_err().to_string();
            assert_eq!(e, text::unknown_plan("RESV-NERGENS", None, lang));
        }
    }
}
