//! An error in the user's language, for the command line and the workbench alike. Errors
//! travel as `anyhow` chains; the layers that know both languages carry them as typed values
//! (a store conflict or refusal, a [`Text`] from the store or the file layer, an amount
//! error, an OS error), and this is the one place that words them, `outer: inner: ...` as
//! `{:#}` would.

use crate::core::bilingual::Text;
use crate::core::diag::Diagnostic;
use crate::core::money::AmountError;
use crate::store::{AlreadyRecorded, ApprovalRefused, Conflict};
use crate::text::{self, Lang, T};
use std::error::Error;

/// The error chain joined with `: `, each layer in `lang` where it has a translation.
pub fn render(e: &anyhow::Error, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        parts.push(layer(cause, lang));
    }
    parts.join(": ")
}

fn layer(cause: &(dyn Error + 'static), lang: Lang) -> String {
    let en = lang == Lang::En;
    if let Some(t) = cause.downcast_ref::<Text>() {
        return file_message(t.get(en), lang);
    }
    if let Some(c) = cause.downcast_ref::<Conflict>() {
        let (plan_id, expected) = match c {
            Conflict::Decided { plan_id, expected, .. } => (plan_id, *expected),
            Conflict::NoDecision { plan_id, expected } => (plan_id, Some(*expected)),
            Conflict::PlanChanged { plan_id, .. } => (plan_id, None),
        };
        return text::decision::conflict_cli(c, plan_id, expected, lang);
    }
    if let Some(r) = cause.downcast_ref::<ApprovalRefused>() {
        return text::decision::approval_refusal(&r.0, lang);
    }
    if let Some(a) = cause.downcast_ref::<AlreadyRecorded>() {
        return text::coordination::already(a, lang);
    }
    if let Some(a) = cause.downcast_ref::<AmountError>() {
        return a.text().get(en).to_string();
    }
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        return os_error(io, lang);
    }
    cause.to_string()
}

/// An operating-system error: the common kinds in words, the rest as the system says them.
pub fn os_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let t = match e.kind() {
        K::NotFound => T("bestand of map bestaat niet", "No such file or directory"),
        K::PermissionDenied => T("geen toegang (rechten)", "Permission denied"),
        K::AlreadyExists => T("bestaat al", "File exists"),
        K::IsADirectory => T("is een map", "Is a directory"),
        K::NotADirectory => T("is geen map", "Not a directory"),
        K::StorageFull => T("schijf vol", "No space left on device"),
        K::ReadOnlyFilesystem => T("bestandssysteem is alleen-lezen", "Read-only file system"),
        _ => return e.to_string(),
    };
    match lang {
        Lang::Nl => t.get(lang).to_string(),
        // English keeps the system's own words (and its error number).
        Lang::En => e.to_string(),
    }
}

/// The file layer's words for a whole file or folder (`io::files`, `io::intake`), in Dutch.
/// Diagnostics inside a file (line, field) stay as the readers word them.
const FILE_PHRASES: [(&str, &str); 23] = [
    ("cannot read the file: ", "kan het bestand niet lezen: "),
    ("is a folder, expected ", "is een map; verwacht "),
    ("unknown file type \"", "onbekend bestandstype \""),
    ("\", expected a registry", "\"; verwacht a registry"),
    ("a plan file (TOML or .xlsx)", "een planbestand (TOML of .xlsx)"),
    ("a plan workbook (.xlsx)", "een planwerkmap (.xlsx)"),
    (
        "a registry file (.csv, .xlsx or .toml)",
        "een registerbestand (.csv, .xlsx of .toml)",
    ),
    (
        " workbooks are not read; save the sheet as .xlsx or .csv",
        "-werkmappen worden niet gelezen; sla het blad op als .xlsx of .csv",
    ),
    ("cannot read the folder: ", "kan de map niet lezen: "),
    ("holds more than ", "bevat meer dan "),
    (
        " *.toml files (with its subfolders), expected at most ",
        " *.toml-bestanden (met submappen); verwacht ten hoogste ",
    ),
    (
        ": import its subfolders one by one",
        ": importeer de submappen één voor één",
    ),
    ("is nested more than ", "ligt meer dan "),
    (
        " folders deep, expected at most ",
        " mappen diep; verwacht ten hoogste ",
    ),
    (": not searched", ": niet doorzocht"),
    ("not a regular file, expected ", "geen gewoon bestand; verwacht "),
    ("file is larger than ", "het bestand is groter dan "),
    (" bytes, expected at most ", " bytes; verwacht ten hoogste "),
    (" MiB for ", " MiB voor "),
    (
        "found no *.toml files in this folder, expected plan files (name workbooks one by one)",
        "geen *.toml-bestanden in deze map gevonden; verwacht planbestanden (noem werkmappen één voor één)",
    ),
    (
        "found no *.toml files in this folder, expected plan files",
        "geen *.toml-bestanden in deze map gevonden; verwacht planbestanden",
    ),
    (
        "found bytes that are not UTF-8 at byte ",
        "bytes gevonden die geen UTF-8 zijn, op byte ",
    ),
    (", expected a UTF-8 text file", "; verwacht een UTF-8-tekstbestand"),
];

/// One file's diagnostics as `FILE:LINE:COL: PATH: MESSAGE` lines; in Dutch, the problems
/// with the file as a whole are worded in Dutch (its OS error too).
pub fn diagnostics(file: &str, diags: &[Diagnostic], lang: Lang) -> String {
    if lang == Lang::En {
        return crate::core::diag::render(file, diags);
    }
    let local: Vec<Diagnostic> = diags
        .iter()
        .map(|d| Diagnostic {
            message: file_message(&d.message, lang),
            ..d.clone()
        })
        .collect();
    crate::core::diag::render(file, &local)
}

/// A message of the file layer in `lang`: its phrases, and an OS error at its end.
pub fn file_message(message: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    let mut out = message.to_string();
    for (en, nl) in FILE_PHRASES {
        out = out.replace(en, nl);
    }
    // `... (os error 2)`: the OS's own words, in Dutch where resv knows the kind.
    if let Some((head, tail)) = out.rsplit_once(": ")
        && let Some(code) = tail
            .strip_suffix(')')
            .and_then(|t| t.rsplit_once("(os error "))
            .map(|(_, n)| n)
        && let Ok(code) = code.parse::<i32>()
    {
        return format!("{head}: {}", os_error(&std::io::Error::from_raw_os_error(code), lang));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn each_layer_in_the_language() {
        let inner: anyhow::Result<()> = Err(Text::new("bestaat niet", "does not exist").into());
        let e = inner.context("database /tmp/x.db").unwrap_err();
        assert_eq!(render(&e, Lang::Nl), "database /tmp/x.db: bestaat niet");
        assert_eq!(render(&e, Lang::En), "database /tmp/x.db: does not exist");
        let io: anyhow::Error = std::io::Error::from(std::io::ErrorKind::NotFound).into();
        assert_eq!(render(&io, Lang::Nl), "bestand of map bestaat niet");
    }

    #[test]
    fn the_file_layers_refusals_in_dutch() {
        let missing =
            crate::io::files::read_text_file(std::path::Path::new("/nonexistent/x.toml"), "a plan file").unwrap_err();
        assert_eq!(
            diagnostics("x.toml", &missing, Lang::Nl),
            "x.toml: kan het bestand niet lezen: bestand of map bestaat niet\n"
        );
        let dir = tempfile::tempdir().unwrap();
        let folder = crate::io::files::read_text_file(dir.path(), "a plan file (TOML)").unwrap_err();
        assert_eq!(
            diagnostics("d", &folder, Lang::Nl),
            "d: geen gewoon bestand; verwacht a plan file (TOML)\n"
        );
        // The plan and registry readers' own words for what they expect, in Dutch.
        let plan = crate::io::intake::read_plan_file(dir.path()).map(|_| ()).unwrap_err();
        assert_eq!(
            diagnostics("d", &plan, Lang::Nl),
            "d: geen gewoon bestand; verwacht een planbestand (TOML of .xlsx)\n"
        );
        let registry = crate::io::registry_files::read_registry(dir.path()).unwrap_err();
        assert_eq!(
            diagnostics("d", &registry, Lang::Nl),
            "d: is een map; verwacht een registerbestand (.csv, .xlsx of .toml)\n"
        );
        let dat = dir.path().join("x.dat");
        std::fs::write(&dat, "x").unwrap();
        let unknown = crate::io::registry_files::read_registry(&dat).unwrap_err();
        assert_eq!(
            diagnostics("x.dat", &unknown, Lang::Nl),
            "x.dat: onbekend bestandstype \"dat\"; verwacht een registerbestand (.csv, .xlsx of .toml)\n"
        );
        assert_eq!(
            diagnostics("x.dat", &unknown, Lang::En),
            "x.dat: unknown file type \"dat\", expected a registry file (.csv, .xlsx or .toml)\n"
        );
        let bad = crate::io::files::utf8(vec![b'a', 0xff]).unwrap_err();
        assert!(diagnostics("b", &bad, Lang::Nl).contains("bytes gevonden die geen UTF-8 zijn, op byte 1; verwacht"));
        let items = crate::io::intake::expand_paths(&[dir.path().to_path_buf()]);
        let crate::io::intake::Item::Problem(_, message) = &items[0] else {
            panic!("an empty folder is a problem")
        };
        assert_eq!(
            file_message(message, Lang::Nl),
            "geen *.toml-bestanden in deze map gevonden; verwacht planbestanden (noem werkmappen één voor één)"
        );
    }
}
