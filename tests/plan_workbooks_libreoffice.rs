//! The plan workbooks open in LibreOffice: the template and an exported plan are converted
//! headless to CSV (every sheet) and re-saved as .xlsx, which reads back to the same plan.
//! Skipped, with the reason printed, where LibreOffice (`soffice`) is not installed.

mod support;

use resv::io::plan_xlsx::{SHEETS, export_workbook, plan_from_workbook, template_workbook};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::plans::sample;

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|p| {
        Command::new(p)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs LibreOffice headless on `file` in `dir` (its profile there too), at most two minutes.
fn convert(program: &str, dir: &Path, file: &str, to: &str, out: &str) {
    let mut child = Command::new(program)
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir", out, file])
        .current_dir(dir)
        .env("HOME", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{program} --convert-to {to} {file}: {status}");
            return;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("{program} did not finish converting {file} within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Every sheet as CSV (UTF-8, the header row first).
const ALL_SHEETS_CSV: &str = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

#[test]
fn libreoffice_opens_the_template_and_an_exported_plan() {
    let Some(program) = soffice() else {
        println!("skipped: LibreOffice (soffice) is not installed, so the workbooks were not opened in it");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let plan = sample("utrecht-stad");
    std::fs::write(dir.path().join("template.xlsx"), template_workbook().unwrap()).unwrap();
    std::fs::write(dir.path().join("utrecht.xlsx"), export_workbook(&plan).unwrap()).unwrap();
    for name in ["template", "utrecht"] {
        convert(program, dir.path(), &format!("{name}.xlsx"), ALL_SHEETS_CSV, "csv");
        for sheet in SHEETS {
            let path = dir.path().join("csv").join(format!("{name}-{}.csv", sheet.name));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let headers: Vec<&str> = sheet.cols.iter().map(|c| c.header).collect();
            assert_eq!(
                text.lines().next(),
                Some(headers.join(",").as_str()),
                "{name}: {}",
                sheet.name
            );
        }
    }
    let csv =
        |sheet: &str| std::fs::read_to_string(dir.path().join("csv").join(format!("utrecht-{sheet}.csv"))).unwrap();
    assert!(
        csv("Activiteiten")
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("A1,Mandaat en vertegenwoordiging")
    );
    assert_eq!(csv("Activiteiten").lines().count(), 1 + plan.activities.len());

    // Saved again by LibreOffice, the plan reads back unchanged; the template stays empty.
    convert(program, dir.path(), "utrecht.xlsx", "xlsx", "resaved");
    let bytes = std::fs::read(dir.path().join("resaved/utrecht.xlsx")).unwrap();
    let (_, back) = plan_from_workbook(&bytes).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(back, plan);
    convert(program, dir.path(), "template.xlsx", "xlsx", "resaved");
    let bytes = std::fs::read(dir.path().join("resaved/template.xlsx")).unwrap();
    let problems = plan_from_workbook(&bytes).unwrap_err();
    assert!(
        problems.iter().all(|d| d.message.starts_with("missing")),
        "{problems:#?}"
    );
}
