//! `resv keys generate|show|rotate|trust|revoke|list`: this insurer's signing key and the
//! public keys of the other insurers this database trusts.
//!
//! Exit codes: 0 done; 2 errors (nothing recorded).

use super::context::Ctx;
use crate::app::keys as app;
use crate::core::plan::Date;
use crate::core::sanitize::clean;
use crate::store::StoredKey;
use crate::text::Lang;
use crate::text::keys as tx;
use anyhow::{Context, Result};
use clap::Subcommand;
use serde::Serialize;

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Make the signing key pair of your insurer (--insurer, RESV_INSURER or the policy's
    /// insurer_id); the private key goes to the config folder (mode 600, never overwritten),
    /// the public key is printed as the last line: INSURER_ID ed25519:BASE64
    Generate,
    /// Print your public key (the same line) and its fingerprint
    Show,
    /// Replace your key by a new one; the old file is kept as INSURER_ID.key.N. Others trust
    /// the new key from a date (`keys trust --from`) and end the old one (`keys revoke --from`)
    Rotate,
    /// Trust another insurer's public key (audited); several keys per insurer, each valid in
    /// a period
    Trust {
        /// The insurer's id in the market data
        insurer_id: String,
        /// Its public key as `resv keys generate` printed it: ed25519:BASE64
        public_key: String,
        /// First day the key may sign (YYYY-MM-DD) [default: always]
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        from: Option<Date>,
        /// Last day the key may sign (YYYY-MM-DD) [default: no end]
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        until: Option<Date>,
    },
    /// Revoke a trusted key from a date on (audited): what it signed on or after that date is
    /// refused
    Revoke {
        /// The key's fingerprint (see `resv keys list`)
        fingerprint: String,
        /// First day the key no longer counts (YYYY-MM-DD)
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        from: Date,
        /// Why (e.g. the private key leaked)
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// The trusted keys: insurer, fingerprint, validity, revocation
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

fn date_arg(text: &str) -> Result<Date, crate::core::bilingual::Text> {
    Date::parse(text).ok_or_else(super::report::date_expected)
}

impl KeysCommand {
    pub fn run(&self, ctx: &Ctx) -> Result<i32> {
        let lang = ctx.lang();
        let me =
            || -> Result<String> {
                ctx.rules_without_market()?.policy.insurer_id.clone().context(
                    "your insurer is not known; pass --insurer ID, set RESV_INSURER or the policy's insurer_id",
                )
            };
        match self {
            KeysCommand::Generate => {
                let me = me()?;
                let (path, key) = crate::io::keys::generate(&me)?;
                println!(
                    "{}: {} (600)",
                    tx::KEY_WRITTEN.get(lang),
                    clean(&path.display().to_string())
                );
                println!("{}: {}", tx::FINGERPRINT.get(lang), key.public().fingerprint());
                println!("{}", tx::SHARE_LINE.get(lang));
                println!("{}", app::public_line(&me, &key));
            }
            KeysCommand::Show => {
                let me = me()?;
                let key = crate::io::keys::load(&me)?;
                println!("{}: {}", tx::FINGERPRINT.get(lang), key.public().fingerprint());
                println!("{}", app::public_line(&me, &key));
            }
            KeysCommand::Rotate => {
                let me = me()?;
                let (old, path, key) = crate::io::keys::rotate(&me)?;
                println!("{}: {}", tx::KEY_RETIRED.get(lang), clean(&old.display().to_string()));
                println!(
                    "{}: {} (600)",
                    tx::KEY_WRITTEN.get(lang),
                    clean(&path.display().to_string())
                );
                println!("{}: {}", tx::FINGERPRINT.get(lang), key.public().fingerprint());
                println!("{}", tx::SHARE_LINE.get(lang));
                println!("{}", app::public_line(&me, &key));
            }
            KeysCommand::Trust {
                insurer_id,
                public_key,
                from,
                until,
            } => {
                let mut store = ctx.open_store()?;
                let k = app::trust(&mut store, insurer_id, public_key, (*from, *until), &ctx.user()?, lang)?;
                println!("{}: {}", tx::TRUSTED.get(lang), line(&k, lang));
            }
            KeysCommand::Revoke {
                fingerprint,
                from,
                reason,
            } => {
                let mut store = ctx.open_writer()?;
                let k = app::revoke(&mut store, fingerprint, *from, reason, &ctx.user()?, lang)?;
                println!("{}: {}", tx::REVOKED.get(lang), line(&k, lang));
            }
            KeysCommand::List { json } => list(&app::list(&ctx.open_existing()?)?, *json, lang)?,
        }
        Ok(0)
    }
}

fn line(k: &StoredKey, lang: Lang) -> String {
    let mut s = format!("{} {}", clean(&k.key.insurer_id), k.fingerprint);
    if let Some(f) = k.key.valid_from {
        s.push_str(&format!(" {} {f}", tx::FROM.get(lang)));
    }
    if let Some(u) = k.key.valid_until {
        s.push_str(&format!(" {} {u}", tx::UNTIL.get(lang)));
    }
    if let Some(r) = k.key.revoked_from {
        let why = k.revocation_reason.as_deref().unwrap_or_default();
        s.push_str(&format!(" {} {r} ({})", tx::REVOKED_FROM.get(lang), clean(why)));
    }
    s
}

#[derive(Serialize)]
struct KeyJson<'a> {
    insurer_id: &'a str,
    public_key: String,
    fingerprint: &'a str,
    valid_from: Option<String>,
    valid_until: Option<String>,
    revoked_from: Option<String>,
    revocation_reason: Option<&'a str>,
    trusted_by: &'a str,
    trusted_at: crate::core::time::Instant,
}

fn list(keys: &[StoredKey], json: bool, lang: Lang) -> Result<()> {
    if json {
        let rows: Vec<KeyJson<'_>> = keys
            .iter()
            .map(|k| KeyJson {
                insurer_id: &k.key.insurer_id,
                public_key: k.key.public_key.text(),
                fingerprint: &k.fingerprint,
                valid_from: k.key.valid_from.map(|d| d.to_string()),
                valid_until: k.key.valid_until.map(|d| d.to_string()),
                revoked_from: k.key.revoked_from.map(|d| d.to_string()),
                revocation_reason: k.revocation_reason.as_deref(),
                trusted_by: &k.trusted_by,
                trusted_at: k.trusted_at,
            })
            .collect();
        return super::print_json(&rows);
    }
    if keys.is_empty() {
        println!("{}", tx::NO_KEYS.get(lang));
    }
    for k in keys {
        println!("{}", line(k, lang));
    }
    Ok(())
}
