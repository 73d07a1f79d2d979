//! The registry in TOML: `format = 1` and one `[[arrangement]]` table per arrangement, read
//! with line and column and checked by the same rules as a spreadsheet ([`super::check_all`]).

use super::*;

/// Reads a registry in TOML: `format = 1` and one `[[arrangement]]` table per arrangement,
/// with the spreadsheet's column names as keys (`municipalities` and `main_tasks` as arrays).
pub fn parse_toml(text: &str) -> Result<Vec<Arrangement>, Vec<Diagnostic>> {
    let mut r = Reader::new(text);
    let Some(doc) = r.parse_document() else {
        return Err(r.diags);
    };
    let mut root = r.root(&doc);
    r.format_version(&mut root, 1, "registry");
    let mut items = Vec::new();
    for (index, (path, v)) in r
        .array(&mut root, "arrangement", true, "[[arrangement]] tables")
        .into_iter()
        .enumerate()
    {
        let Some(t) = r.table_value(path, v) else { continue };
        let line = r.locate(v.span().start).0;
        if let Some(a) = read_arrangement(&mut r, t) {
            let place = RowPlace {
                row: index + 1,
                line: Some(line),
            };
            items.push((place, a));
        }
    }
    r.finish(root);
    let mut diags = std::mem::take(&mut r.diags);
    check_all(&items, |row| format!("arrangement[{}]", row - 1), &mut diags);
    r.diags = diags;
    r.into_result()?;
    Ok(items.into_iter().map(|(_, a)| a).collect())
}

/// One `[[arrangement]]` table; `None` when a field it cannot do without is missing or not
/// valid (each problem is reported).
fn read_arrangement(r: &mut Reader<'_>, mut t: Table<'_, '_>) -> Option<Arrangement> {
    let id = r.text(&mut t, "id");
    let funder = r.text(&mut t, "funder");
    let stream = r.keyword(&mut t, "stream", Stream::from_keyword, &Stream::keywords());
    let name = r.text(&mut t, "recipient");
    let agb = r.digits_opt(&mut t, "agb", 8, "an AGB code");
    let kvk = r.text_opt(&mut t, "kvk").and_then(|k| {
        if (k.len() == 8 || k.len() == 12) && k.bytes().all(|b| b.is_ascii_digit()) {
            Some(k)
        } else {
            let msg = format!(
                "found \"{}\", expected a KvK number of 8 digits (a branch number: 12) in quotes",
                clean(&k)
            );
            r.error_at_field(&t.child("kvk"), msg);
            None
        }
    });
    let region = r.text_opt(&mut t, "region");
    let municipalities = r
        .array(&mut t, "municipalities", false, "an array of municipality names")
        .into_iter()
        .filter_map(|(p, v)| match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_string()),
            _ => {
                r.error(Some(v.span()), &p, "expected a municipality name in quotes");
                None
            }
        })
        .collect();
    let description = r.text(&mut t, "description");
    let mut main_tasks: Vec<u8> = r
        .array(&mut t, "main_tasks", false, "an array of main tasks 1-5")
        .into_iter()
        .filter_map(|(p, v)| r.int_value(&p, v, 1..6, "a main task 1 to 5").map(|n| n as u8))
        .collect();
    main_tasks.sort_unstable();
    main_tasks.dedup();
    let category = r.text_opt(&mut t, "category");
    let start = r.date(&mut t, "start");
    let end = r.date(&mut t, "end");
    let amount = r.money(&mut t, "annual_amount");
    r.text_opt(&mut t, "note");
    r.finish(t);
    // A table without an id was reported already; it must not also count as a duplicate.
    if let (false, Some(stream), Some(start), Some(end), Some(annual_amount)) =
        (id.is_empty(), stream, start, end, amount)
    {
        Some(Arrangement {
            id,
            funder,
            stream,
            recipient: Organisation { name, agb, kvk },
            region,
            municipalities,
            description,
            main_tasks,
            category,
            start,
            end,
            annual_amount,
        })
    } else {
        None
    }
}
