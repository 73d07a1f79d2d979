//! Hostile registry spreadsheets (issue 15, part 3): each bomb is built here, in the test, as
//! a small workbook. None may abort the process, take unbounded memory or print unbounded
//! errors: each ends in a clear refusal that names the file and, where there is one, the cell.

mod support;

use std::io::Write;
use support::{Env, assert_contains, stderr, stdout};
use zip::write::SimpleFileOptions;

const HEADER: [&str; 14] = [
    "id",
    "funder",
    "stream",
    "recipient",
    "agb",
    "kvk",
    "region",
    "municipalities",
    "description",
    "main_tasks",
    "category",
    "start",
    "end",
    "annual_amount",
];

const ROW: [&str; 14] = [
    "ROS-XLS-2025-01",
    "CZ",
    "ros",
    "Cooperatie Eerstelijnszorg West Brabant",
    "",
    "20123456",
    "West-Brabant",
    "Breda",
    "Regionaal dashboard eerstelijn",
    "2",
    "",
    "2025-07-01",
    "2027-06-30",
    "95000",
];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

fn column(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// One row of inline-string cells from column A.
fn row(r: usize, values: &[&str]) -> String {
    let cells: String = values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, v)| format!(r#"<c r="{}{r}" t="inlineStr"><is><t>{v}</t></is></c>"#, column(i)))
        .collect();
    format!(r#"<row r="{r}">{cells}</row>"#)
}

fn sheet_start(dimension: Option<&str>) -> String {
    let dim = dimension.map_or(String::new(), |d| format!(r#"<dimension ref="{d}"/>"#));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>"#
    )
}

const SHEET_END: &str = "</sheetData></worksheet>";

/// A part's content, in chunks.
type Chunks = Box<dyn Iterator<Item = Vec<u8>>>;

/// A workbook: the fixed parts, then `extra` parts, each written in chunks so a large part
/// never has to be one string.
fn workbook(extra: Vec<(&str, Chunks)>) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    for (name, chunks) in extra {
        z.start_file(name, opts).unwrap();
        for c in chunks {
            z.write_all(&c).unwrap();
        }
    }
    z.finish().unwrap().into_inner()
}

fn sheet(xml: String) -> Vec<(&'static str, Chunks)> {
    vec![("xl/worksheets/sheet1.xml", Box::new(std::iter::once(xml.into_bytes())))]
}

fn good_rows() -> String {
    row(1, &HEADER) + &row(2, &ROW)
}

/// Imports a workbook that must be refused (exit 1, nothing imported); returns stderr.
fn refused(env: &Env, name: &str, bytes: &[u8]) -> String {
    let path = env.path(name);
    std::fs::write(&path, bytes).unwrap();
    let out = env.resv(&["--lang", "en", "registry", "import", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout:\n{}\nstderr:\n{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
    assert!(!env.db().exists(), "a refused file creates no database");
    stderr(&out)
}

#[test]
fn a_value_in_cell_xfd1048576_is_refused_at_that_cell_not_an_abort() {
    let env = Env::new();
    let xml = sheet_start(None) + &good_rows() + r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"# + SHEET_END;
    let bytes = workbook(sheet(xml));
    assert!(bytes.len() < 4096, "a small file: {} bytes", bytes.len());
    let err = refused(&env, "last-cell.xlsx", &bytes);
    assert_contains(
        &err,
        &[
            "last-cell.xlsx:1048576: cell XFD1048576 of sheet Blad1: a value in row 1048576, past row 200000, \
             the last a registry sheet may use",
        ],
    );
}

#[test]
fn a_value_far_right_is_refused_at_its_column() {
    let env = Env::new();
    let xml = sheet_start(None) + &good_rows() + r#"<row r="3"><c r="XFD3"><v>1</v></c></row>"# + SHEET_END;
    let err = refused(&env, "far-right.xlsx", &workbook(sheet(xml)));
    assert_contains(
        &err,
        &["far-right.xlsx:3: cell XFD3 of sheet Blad1: a value in column XFD, past column BL (64 columns)"],
    );
}

#[test]
fn a_lying_dimension_is_ignored_the_used_range_is_the_cells_with_values() {
    // The declared dimension is the whole sheet; the cells are a header and one row, and a
    // formatted but empty cell in the last corner (Excel writes those) does not count.
    let env = Env::new();
    let xml = sheet_start(Some("A1:XFD1048576"))
        + &good_rows()
        + r#"<row r="1048576"><c r="XFD1048576" s="0"/></row>"#
        + SHEET_END;
    let path = env.path("dimension.xlsx");
    std::fs::write(&path, workbook(sheet(xml))).unwrap();
    let out = env.ok(&["--lang", "en", "registry", "import", path.to_str().unwrap()]);
    assert!(stdout(&out).contains("1 added"), "{}", stdout(&out));
    // A dimension of one cell does not hide a stray value either.
    let env = Env::new();
    let xml = sheet_start(Some("A1")) + &good_rows() + r#"<row r="9"><c r="BM9"><v>1</v></c></row>"# + SHEET_END;
    let err = refused(&env, "small-dimension.xlsx", &workbook(sheet(xml)));
    assert_contains(
        &err,
        &["small-dimension.xlsx:9: cell BM9 of sheet Blad1: a value in column BM"],
    );
}

#[test]
fn millions_of_tiny_rows_are_refused_at_the_first_row_past_the_limit() {
    let env = Env::new();
    let rows = (1..=300_000usize).map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#).into_bytes());
    let parts: Chunks = Box::new(
        std::iter::once(sheet_start(None).into_bytes())
            .chain(rows)
            .chain(std::iter::once(SHEET_END.as_bytes().to_vec())),
    );
    let err = refused(&env, "rows.xlsx", &workbook(vec![("xl/worksheets/sheet1.xml", parts)]));
    assert_eq!(err.lines().count(), 2, "{err}");
    assert_contains(
        &err,
        &["rows.xlsx:200001: cell A200001 of sheet Blad1: a value in row 200001, past row 200000"],
    );
}

#[test]
fn thousands_of_bad_rows_print_the_first_hundred_errors_then_a_count() {
    let env = Env::new();
    // Every data row lacks its funder, stream, recipient, dates and amount.
    let mut xml = sheet_start(None) + &row(1, &HEADER);
    for r in 2..=3_001 {
        xml += &row(r, &[&format!("X-{r}")]);
    }
    xml += SHEET_END;
    let err = refused(&env, "bad-rows.xlsx", &workbook(sheet(xml)));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1 + 100 + 1, "a head line, 100 errors, a count:\n{err}");
    let total: usize = lines[0]
        .rsplit_once('(')
        .and_then(|(_, n)| n.trim_end_matches(')').parse().ok())
        .unwrap_or_else(|| panic!("a count in the head line: {}", lines[0]));
    assert!(total > 3_000, "the head line counts every error: {}", lines[0]);
    assert!(
        lines[1].starts_with(&env.path("bad-rows.xlsx").display().to_string()),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[101],
        format!(
            "{}: ... and {} more errors",
            env.path("bad-rows.xlsx").display(),
            total - 100
        )
    );
}

/// Repeats `piece` in 1 MiB chunks until `total` bytes.
fn repeated(head: String, piece: &'static str, total: usize, tail: &'static str) -> Chunks {
    let chunk: Vec<u8> = piece.repeat((1 << 20) / piece.len()).into_bytes();
    let n = total / chunk.len() + 1;
    Box::new(
        std::iter::once(head.into_bytes())
            .chain(std::iter::repeat_n(chunk, n))
            .chain(std::iter::once(tail.as_bytes().to_vec())),
    )
}

#[test]
fn a_huge_shared_strings_table_is_refused_before_it_is_read() {
    let env = Env::new();
    let head = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_string();
    let mut parts = sheet(sheet_start(None) + &good_rows() + SHEET_END);
    parts.push((
        "xl/sharedStrings.xml",
        repeated(head, "<si><t>a</t></si>", 80 << 20, "</sst>"),
    ));
    let bytes = workbook(parts);
    assert!(bytes.len() < 5 << 20, "{} bytes", bytes.len());
    let err = refused(&env, "strings.xlsx", &bytes);
    assert_contains(
        &err,
        &[
            "strings.xlsx: the workbook unpacks to more than 64 MiB (its parts declare",
            "expected a registry workbook of at most 64 MiB unpacked",
        ],
    );
}

/// Sets the uncompressed size a zip declares for `name`, in its local header and its
/// central directory entry, to `size`.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let at: Vec<usize> = zip
        .windows(name.len())
        .enumerate()
        .filter(|(_, w)| *w == name.as_bytes())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 2, "the name is in the local header and the central directory");
    zip[at[0] - 30 + 22..at[0] - 30 + 26].copy_from_slice(&size.to_le_bytes());
    zip[at[1] - 46 + 24..at[1] - 46 + 28].copy_from_slice(&size.to_le_bytes());
}

#[test]
fn a_deflate_bomb_that_lies_about_its_size_is_refused() {
    let env = Env::new();
    let head = sheet_start(None) + &good_rows() + r#"<row r="3"><c r="A3" t="inlineStr"><is><t>"#;
    let parts = vec![(
        "xl/worksheets/sheet1.xml",
        repeated(
            head,
            "aaaaaaaaaaaaaaaa",
            200 << 20,
            "</t></is></c></row></sheetData></worksheet>",
        ),
    )];
    let mut bytes = workbook(parts);
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    // As made, its declared size gives it away.
    let err = refused(&env, "bomb.xlsx", &bytes);
    assert_contains(
        &err,
        &["bomb.xlsx: the workbook unpacks to more than 64 MiB (its parts declare"],
    );
    // Declaring a small size does not get it read.
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 1_000);
    let err = refused(&env, "lying-bomb.xlsx", &bytes);
    assert_contains(
        &err,
        &[
            "lying-bomb.xlsx: the workbook unpacks to more than 64 MiB (part xl/worksheets/sheet1.xml inflates past \
           the limit)",
        ],
    );
}

#[test]
fn an_overlong_cell_is_refused_at_its_cell() {
    let env = Env::new();
    let long = "a".repeat(40_000);
    let xml = sheet_start(None) + &good_rows() + &row(3, &["ROS-2", "CZ", "ros", &long]) + SHEET_END;
    let err = refused(&env, "long.xlsx", &workbook(sheet(xml)));
    assert_contains(
        &err,
        &["long.xlsx:3: cell D3 of sheet Blad1: 40000 characters, expected at most 32767"],
    );
}

#[test]
fn old_binary_formats_are_refused_with_what_to_do() {
    let env = Env::new();
    let err = refused(&env, "registry.ods", b"PK\x03\x04");
    assert_contains(
        &err,
        &["registry.ods: .ods workbooks are not read; save the sheet as .xlsx or .csv"],
    );
}

#[test]
fn a_csv_with_too_many_rows_or_too_long_a_line_is_refused_where() {
    let env = Env::new();
    let mut text = HEADER.join(",") + "\n";
    for r in 0..200_000 {
        text += &format!("X-{r}\n");
    }
    let err = refused(&env, "rows.csv", text.as_bytes());
    assert_contains(
        &err,
        &["rows.csv:200001: row 200001: more than 200000 rows, the most a registry file may have"],
    );
    let text = HEADER.join(",") + "\n" + &"a".repeat(2 << 20) + "\n";
    let err = refused(&env, "line.csv", text.as_bytes());
    assert_contains(
        &err,
        &["line.csv:2: row 2: 2097153 bytes in 1 fields, expected at most 1048576 bytes"],
    );
}

#[test]
fn a_toml_registry_with_thousands_of_errors_prints_the_first_hundred_then_a_count() {
    let env = Env::new();
    let mut text = String::from("format = 1\n");
    for i in 0..1_000 {
        text += &format!("\n[[arrangement]]\nid = \"X-{i}\"\n");
    }
    let err = refused(&env, "bad.toml", text.as_bytes());
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1 + 100 + 1, "{err}");
    assert!(
        lines[101].contains(": ... and ") && lines[101].ends_with(" more errors"),
        "{}",
        lines[101]
    );
}
