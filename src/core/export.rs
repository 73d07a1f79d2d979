//! The decisions export (`resv export decisions --json`): the one definition of its format.
//! The insurer's side writes it (`app::export`), NZa reads it back (`nza::parse_export`).
//!
//! Field names and their order are a stable interface (`docs/cli.md`): serde writes the
//! fields in the order declared here. The fields NZa does not use are
//! `skip_deserializing`: the reader ignores them whether present or not, so a file only
//! needs what NZa checks, and what NZa checks is in `nza::parse_export`.

use crate::time::Instant;
use serde::{Deserialize, Serialize};

/// The format's name, in every export's `format` field.
pub const FORMAT: &str = "resv-decisions";
/// The format's version (2 added `insurer_id`, `paid_cents` and `audit_head`); NZa reads
/// only this version.
pub const FORMAT_VERSION: u32 = 2;

/// The export document: who exported, when, the audit head, and the decisions. NZa reads
/// the decisions as JSON values first (`D = serde_json::Value`), to name each one's place
/// and hash it as written, then each as a [`DecisionExport`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document<D = DecisionExport> {
    /// [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    pub insurer: String,
    /// The insurer's id in the market data (NZa keys its population on it).
    pub insurer_id: Option<String>,
    pub exported_at: Instant,
    /// The newest audit entry of the database exported from, `SEQ:HASH`; resv always writes
    /// it, files written before it did lack it.
    pub audit_head: Option<String>,
    pub decisions: Vec<D>,
}

/// One contract year of an exported decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportYear {
    pub year: u16,
    #[serde(skip_deserializing)]
    pub requested_cents: i64,
    #[serde(skip_deserializing)]
    pub fundable_cents: i64,
    #[serde(skip_deserializing)]
    pub double_funded_cents: i64,
    pub contracted_cents: i64,
    /// What this insurer pays of the contracted amount: a leader's own share by the market
    /// data (it decides for the whole region), else the contracted amount itself.
    pub paid_cents: i64,
}

/// One exported decision: a plan's current decision with its plan facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionExport {
    pub plan_id: String,
    pub plan_version: u32,
    pub plan_sha256: String,
    pub resv_name: String,
    pub region: String,
    pub rho_region: String,
    pub scenario: String,
    /// The plan's state now (a newer version after the decision makes it `resubmitted`).
    #[serde(skip_deserializing)]
    pub plan_state: String,
    pub decision_id: i64,
    /// Read by NZa to follow an insurer's decisions over the years (issue 19).
    #[serde(default)]
    pub supersedes: Option<i64>,
    pub outcome: String,
    #[serde(skip_deserializing)]
    pub needs_approval: bool,
    pub pending_approval: bool,
    #[serde(skip_deserializing)]
    pub approved_by: Option<String>,
    #[serde(skip_deserializing)]
    pub approved_at: Option<Instant>,
    #[serde(skip_deserializing)]
    pub decided_by: String,
    pub decided_at: Instant,
    pub contracted_total_cents: i64,
    pub years: Vec<ExportYear>,
    #[serde(skip_deserializing)]
    pub conditions: Vec<String>,
    #[serde(skip_deserializing)]
    pub questions: Vec<String>,
    #[serde(skip_deserializing)]
    pub reasoning: String,
    #[serde(skip_deserializing)]
    pub override_reason: Option<String>,
    #[serde(skip_deserializing)]
    pub total_score: f64,
    #[serde(skip_deserializing)]
    pub knocked_out: bool,
    #[serde(skip_deserializing)]
    pub recommendation: String,
    /// Activity cost per main task 1-5, mean per contract year (from the snapshot).
    pub per_main_task_cents: [i64; 5],
    pub open_flags: u64,
    pub confirmed_flags: u64,
    #[serde(skip_deserializing)]
    pub policy_version: String,
    #[serde(skip_deserializing)]
    pub guidance_sha256: String,
    #[serde(skip_deserializing)]
    pub policy_sha256: String,
    #[serde(skip_deserializing)]
    pub regions_sha256: String,
    /// The market leader rule: this insurer's role in the region (`leader`, `follower`,
    /// `no-share`, `no-market-data`, `unknown`), the leader's insurer id, the plan's
    /// coordination status (see `follow status`), and a deviation's reason.
    pub market_role: String,
    pub market_leader: Option<String>,
    pub coordination_status: String,
    pub deviation_reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision() -> DecisionExport {
        DecisionExport {
            plan_id: "P1".into(),
            plan_version: 2,
            plan_sha256: "a".repeat(64),
            resv_name: "RESV".into(),
            region: "Regio".into(),
            rho_region: "Utrecht Stad".into(),
            scenario: "groeimodel".into(),
            plan_state: "decided".into(),
            decision_id: 7,
            supersedes: Some(3),
            outcome: "approve".into(),
            needs_approval: true,
            pending_approval: false,
            approved_by: Some("b".into()),
            approved_at: Some(Instant::parse("2026-11-02T09:00:00Z").unwrap()),
            decided_by: "a".into(),
            decided_at: Instant::parse("2026-11-01T09:00:00Z").unwrap(),
            contracted_total_cents: 900,
            years: vec![ExportYear {
                year: 2027,
                requested_cents: 1000,
                fundable_cents: 950,
                double_funded_cents: 50,
                contracted_cents: 900,
                paid_cents: 400,
            }],
            conditions: vec!["c".into()],
            questions: vec![],
            reasoning: "r".into(),
            override_reason: None,
            total_score: 7.5,
            knocked_out: false,
            recommendation: "approve".into(),
            per_main_task_cents: [1, 2, 3, 4, 5],
            open_flags: 1,
            confirmed_flags: 0,
            policy_version: "2027.1".into(),
            guidance_sha256: "g".into(),
            policy_sha256: "p".into(),
            regions_sha256: "r".into(),
            market_role: "leader".into(),
            market_leader: Some("voorbeeld".into()),
            coordination_status: "exported".into(),
            deviation_reason: None,
        }
    }

    #[test]
    fn writes_every_field_in_the_documented_order() {
        let doc = Document {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            insurer: "Voorbeeld".into(),
            insurer_id: Some("voorbeeld".into()),
            exported_at: Instant::parse("2026-11-03T09:00:00Z").unwrap(),
            audit_head: Some("4:abc".into()),
            decisions: vec![decision()],
        };
        let json = serde_json::to_string(&doc).unwrap();
        let a = "a".repeat(64);
        let expected = format!(
            concat!(
                r#"{{"format":"resv-decisions","format_version":2,"insurer":"Voorbeeld","insurer_id":"voorbeeld","#,
                r#""exported_at":"2026-11-03T09:00:00Z","audit_head":"4:abc","decisions":[{{"plan_id":"P1","plan_version":2,"#,
                r#""plan_sha256":"{a}","resv_name":"RESV","region":"Regio","rho_region":"Utrecht Stad","#,
                r#""scenario":"groeimodel","plan_state":"decided","decision_id":7,"supersedes":3,"#,
                r#""outcome":"approve","needs_approval":true,"pending_approval":false,"approved_by":"b","#,
                r#""approved_at":"2026-11-02T09:00:00Z","decided_by":"a","decided_at":"2026-11-01T09:00:00Z","contracted_total_cents":900,"#,
                r#""years":[{{"year":2027,"requested_cents":1000,"fundable_cents":950,"#,
                r#""double_funded_cents":50,"contracted_cents":900,"paid_cents":400}}],"#,
                r#""conditions":["c"],"questions":[],"reasoning":"r","override_reason":null,"#,
                r#""total_score":7.5,"knocked_out":false,"recommendation":"approve","#,
                r#""per_main_task_cents":[1,2,3,4,5],"open_flags":1,"confirmed_flags":0,"#,
                r#""policy_version":"2027.1","guidance_sha256":"g","policy_sha256":"p","#,
                r#""regions_sha256":"r","market_role":"leader","market_leader":"voorbeeld","#,
                r#""coordination_status":"exported","deviation_reason":null}}]}}"#
            ),
            a = a
        );
        assert_eq!(json, expected);
    }

    #[test]
    fn reads_back_what_nza_uses_and_ignores_the_rest() {
        let written = serde_json::to_value(decision()).unwrap();
        let read: DecisionExport = serde_json::from_value(written.clone()).unwrap();
        // What NZa uses comes back as written.
        let d = decision();
        assert_eq!(
            (&read.plan_id, read.plan_version, &read.scenario, &read.outcome),
            (&d.plan_id, d.plan_version, &d.scenario, &d.outcome)
        );
        assert_eq!((read.years[0].contracted_cents, read.years[0].paid_cents), (900, 400));
        assert_eq!(read.market_leader.as_deref(), Some("voorbeeld"));
        // What it does not use is neither read nor required, whatever its type.
        assert_eq!(
            (read.total_score, read.reasoning.as_str(), read.years[0].requested_cents),
            (0.0, "", 0)
        );
        let mut odd = written;
        let object = odd.as_object_mut().unwrap();
        object.remove("reasoning");
        object.remove("decided_by");
        object.insert("total_score".into(), serde_json::json!("not a number"));
        object.insert("something_else".into(), serde_json::json!(1));
        assert!(serde_json::from_value::<DecisionExport>(odd).is_ok());
    }
}
