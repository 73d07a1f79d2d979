//! The store's records as the sentence builders in `text` read them: `text` knows no store
//! (the store calls `text`), so the few texts about stored records take these views.

use crate::store::{AlreadyRecorded, Conflict, SnapshotInfo, VersionInfo};
use crate::text::coordination::AlreadyFacts;
use crate::text::decision::ConflictFacts;
use crate::text::history::{SnapshotFacts, VersionFacts};

impl<'a> From<&'a Conflict> for ConflictFacts<'a> {
    fn from(c: &'a Conflict) -> Self {
        match c {
            Conflict::Decided { latest, .. } => ConflictFacts::Decided(latest),
            Conflict::NoDecision { expected, .. } => ConflictFacts::NoDecision { expected: *expected },
            Conflict::PlanChanged { version_no, .. } => ConflictFacts::PlanChanged {
                version_no: *version_no,
            },
        }
    }
}

impl<'a> From<&'a AlreadyRecorded> for AlreadyFacts<'a> {
    fn from(a: &'a AlreadyRecorded) -> Self {
        AlreadyFacts {
            kind: a.kind,
            plan_id: &a.plan_id,
            by: &a.by,
            at: &a.at,
            newer_sequence: a.newer_sequence,
        }
    }
}

impl VersionFacts for VersionInfo {
    fn version_no(&self) -> u32 {
        self.version_no
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn imported_at(&self) -> &str {
        &self.imported_at
    }
    fn imported_by(&self) -> &str {
        &self.imported_by
    }
    fn sha256(&self) -> &str {
        &self.sha256
    }
}

impl SnapshotFacts for SnapshotInfo {
    fn version_no(&self) -> u32 {
        self.version_no
    }
    fn total_tenths(&self) -> u32 {
        self.total_tenths
    }
    fn knocked_out(&self) -> bool {
        self.knocked_out
    }
    fn recommendation(&self) -> &str {
        &self.recommendation
    }
    fn by(&self) -> &str {
        &self.by
    }
    fn at(&self) -> &str {
        &self.at
    }
}
