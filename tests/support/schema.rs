//! The shipped migrations, as the store includes them, for tests that build a database of an
//! older schema and let resv upgrade it.
//!
//! A migration that has shipped is never edited (old databases were made by its text): each
//! is checked against the SHA-256 of the file as it shipped before a test uses it.

use sha2::{Digest, Sha256};

/// The SQL of migrations 1, 2, ... and the SHA-256 of each file as it shipped.
const SHIPPED: [(&str, &str); 10] = [
    (
        include_str!("../../src/store/migrations/0001_plans.sql"),
        "753326fd0f672e7e29e48293cdd52f54d368d5d2c76fc3860d73c0375093b3f6",
    ),
    (
        include_str!("../../src/store/migrations/0002_assessments.sql"),
        "cd9926d0c47110c13c19ffa184420936062b888900f06588e25bb3ca2cda6694",
    ),
    (
        include_str!("../../src/store/migrations/0003_registry.sql"),
        "b65b26d4ca9401382dacc754cfd50e1b26fcdb455b833c0131c349adfe4a71d1",
    ),
    (
        include_str!("../../src/store/migrations/0004_decisions_and_audit.sql"),
        "1ec01f78d7f9663358b4099cfc65df5a1027ae132ac4e27aea6d08c05f01d2f9",
    ),
    (
        include_str!("../../src/store/migrations/0005_coordination.sql"),
        "0407becb57cb81f5f6965df35a516b41ee16a0aa5165aa8e89c12bc40dc43436",
    ),
    (
        include_str!("../../src/store/migrations/0006_nza.sql"),
        "73d8a6000323e78422d319cd5e4df1026921b9c8653ae7f90f214a259229ba4b",
    ),
    (
        include_str!("../../src/store/migrations/0007_keys_and_receipts.sql"),
        "86cbb1f8ef28fa5f6f149f5dd61f54a3f57e4d92bb4b3bafbf5af0701e5765e0",
    ),
    (
        include_str!("../../src/store/migrations/0008_plan_originals.sql"),
        "bde63a84d6b1cf312bc30bc1ede1fbd63d0217b86bda3b9aa6eaa417e0b977b7",
    ),
    (
        include_str!("../../src/store/migrations/0009_nza_history_and_findings.sql"),
        "b56d1ce01117ce6a28ef116e86caaba99b43f42eeff98d7f86fdf1798baec736",
    ),
    (
        include_str!("../../src/store/migrations/0010_speed.sql"),
        "8d86df9102cd1ca135ef3d830ef02d570f4aa0529de13ccf5495ae5badcd9d43",
    ),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SQL of migration `n` (from 1), asserted unchanged since it shipped.
pub fn migration(n: usize) -> &'static str {
    let (sql, shipped) = SHIPPED[n - 1];
    let digest = hex(&Sha256::digest(sql.as_bytes()));
    assert_eq!(digest, shipped, "migration {n} was edited after it shipped");
    sql
}

/// Every shipped migration, asserted unchanged; there are at least `n`.
pub fn assert_shipped_unchanged(n: usize) {
    for i in 1..=SHIPPED.len() {
        migration(i);
    }
    assert!(resv::store::SCHEMA_VERSION as usize >= n && SHIPPED.len() >= n);
}
