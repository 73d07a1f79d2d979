//! Writing a plan workbook: the empty template, or a plan filled in.

use super::{Col, Kind, SHEETS, Shape, SheetDef};
use crate::core::plan::Plan;
use anyhow::{Context, Result};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, ProtectionOptions, Workbook, Worksheet,
    XlsxError,
};
use toml::{Table, Value};

/// The rows the template's validations and formats cover (row 2 to this row).
const VALIDATED_ROWS: u32 = super::MAX_DATA_ROWS;

/// The empty plan template: seven sheets, Dutch headers with input messages, drop-downs and
/// number and date validation, frozen and protected header rows.
pub fn template_workbook() -> Result<Vec<u8>> {
    build(None)
}

/// A plan in the template's layout, so it reads back to the same plan.
pub fn export_workbook(plan: &Plan) -> Result<Vec<u8>> {
    let text = crate::core::plan_toml::to_toml(plan);
    let doc: Table = toml::from_str(&text).context("the plan's TOML text")?;
    build(Some(&doc))
}

fn build(doc: Option<&Table>) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // A fixed creation time: the same plan gives the same bytes (and the same SHA-256).
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let formats = Formats::new();
    for def in SHEETS {
        let ws = wb.add_worksheet();
        sheet(ws, def, &formats, doc).with_context(|| format!("sheet {}", def.name))?;
    }
    Ok(wb.save_to_buffer()?)
}

struct Formats {
    header: Format,
    text: Format,
    int: Format,
    amount: Format,
    fte: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let open = Format::new().set_unlocked();
        Formats {
            header: Format::new().set_bold().set_locked().set_background_color("#DDEBF7"),
            text: open.clone().set_num_format("@"),
            int: open.clone().set_num_format("0"),
            amount: open.clone().set_num_format("€ #,##0.00"),
            fte: open.clone().set_num_format("0.00"),
            date: open.set_num_format("dd-mm-yyyy"),
        }
    }

    fn for_kind(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Int(..) => &self.int,
            Kind::Amount => &self.amount,
            Kind::Fte => &self.fte,
            Kind::Date => &self.date,
            _ => &self.text,
        }
    }
}

fn sheet(ws: &mut Worksheet, def: &SheetDef, f: &Formats, doc: Option<&Table>) -> Result<(), XlsxError> {
    ws.set_name(def.name)?;
    for (i, c) in def.cols.iter().enumerate() {
        let i = i as u16;
        ws.write_string_with_format(0, i, c.header, &f.header)?;
        ws.set_column_width(i, (c.header.chars().count() as f64 + 4.0).max(14.0))?;
        ws.set_column_format(i, f.for_kind(c.kind))?;
        ws.add_data_validation(1, i, VALIDATED_ROWS, i, &validation(c)?)?;
    }
    ws.set_freeze_panes(1, 0)?;
    // The header row is locked; rows below it may be filled, inserted, deleted and sized.
    ws.protect_with_options(&ProtectionOptions {
        insert_rows: true,
        delete_rows: true,
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::default()
    });
    if let Some(doc) = doc {
        fill(ws, def, f, doc)?;
    }
    Ok(())
}

/// Excel's own check for a column, always with the column's input message.
fn validation(c: &Col) -> Result<DataValidation, XlsxError> {
    let v = DataValidation::new();
    let v = match c.kind {
        Kind::Keyword(all) => v.allow_list_strings(&all())?,
        Kind::Bool => v.allow_list_strings(&["ja", "nee"])?,
        Kind::Int(min, max) => v.allow_whole_number(DataValidationRule::Between(min, max)),
        Kind::Date => v.allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        )),
        Kind::Amount | Kind::Fte => v.allow_decimal_number(DataValidationRule::Between(0.0, 1e12)),
        _ => v.allow_any_value(),
    };
    v.set_input_title(c.header)?.set_input_message(c.help)
}

/// The plan's values, from its TOML document at each column's key.
fn fill(ws: &mut Worksheet, def: &SheetDef, f: &Formats, doc: &Table) -> Result<(), XlsxError> {
    match def.shape {
        Shape::One => {
            for (i, c) in def.cols.iter().enumerate() {
                let Some(v) = lookup(doc, c.key) else { continue };
                if matches!(c.kind, Kind::Names) {
                    for (r, name) in v.as_array().into_iter().flatten().enumerate() {
                        cell(ws, 1 + r as u32, i as u16, c.kind, name, f)?;
                    }
                } else {
                    cell(ws, 1, i as u16, c.kind, v, f)?;
                }
            }
        }
        Shape::Rows(array) => {
            for (r, item) in elements(doc, array).iter().enumerate() {
                row(ws, 1 + r as u32, def.cols, |key| lookup(item, key), f)?;
            }
        }
        Shape::Budget => {
            let mut r = 1u32;
            for year in elements(doc, "budget") {
                row(ws, r, def.cols, |key| lookup(year, key), f)?;
                let funds = elements(year, "co_funding");
                for (j, fund) in funds.iter().enumerate() {
                    let row_no = r + j as u32;
                    let inner = |key: &str| key.strip_prefix("co_funding.").and_then(|k| lookup(fund, k));
                    row(ws, row_no, def.cols, inner, f)?;
                }
                r += funds.len().max(1) as u32;
            }
        }
    }
    Ok(())
}

fn row<'a>(
    ws: &mut Worksheet,
    r: u32,
    cols: &[Col],
    get: impl Fn(&str) -> Option<&'a Value>,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (i, c) in cols.iter().enumerate() {
        if let Some(v) = get(c.key) {
            cell(ws, r, i as u16, c.kind, v, f)?;
        }
    }
    Ok(())
}

fn elements<'a>(t: &'a Table, key: &str) -> Vec<&'a Table> {
    t.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_table).collect())
        .unwrap_or_default()
}

fn lookup<'a>(t: &'a Table, key: &str) -> Option<&'a Value> {
    let mut parts = key.split('.');
    let mut v = t.get(parts.next()?)?;
    for p in parts {
        v = v.as_table()?.get(p)?;
    }
    Some(v)
}

/// One value as a person would type it: numbers as numbers, dates as date cells, yes/no as
/// `ja`/`nee`, lists joined by commas, text as text.
fn cell(ws: &mut Worksheet, r: u32, c: u16, kind: Kind, v: &Value, f: &Formats) -> Result<(), XlsxError> {
    let format = f.for_kind(kind);
    match v {
        Value::String(s) => ws.write_string_with_format(r, c, s, format)?,
        Value::Integer(i) => ws.write_number_with_format(r, c, *i as f64, format)?,
        Value::Float(x) => ws.write_number_with_format(r, c, *x, format)?,
        Value::Boolean(b) => ws.write_string_with_format(r, c, if *b { "ja" } else { "nee" }, format)?,
        Value::Datetime(dt) => {
            let d = dt.date.expect("plan dates are dates");
            let date = ExcelDateTime::from_ymd(d.year, d.month, d.day)?;
            ws.write_datetime_with_format(r, c, date, format)?
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            ws.write_string_with_format(r, c, parts.join(", "), format)?
        }
        Value::Table(_) => ws,
    };
    Ok(())
}
