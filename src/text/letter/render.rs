//! Rendering a [`Letter`] as Markdown and as one self-contained HTML page. Every piece of
//! text in the model is treated as outside input: control characters are removed and the
//! text is escaped for the format.

use super::{Block, Inline, Letter, Table};
use crate::text::Lang;

/// Characters that are invisible or reorder text (bidi controls, zero-width characters).
fn invisible(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        || matches!(c, '\u{FEFF}' | '\u{061C}')
        || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Outside text without control characters: a tab becomes a space, a line or paragraph
/// separator a newline, every other control and invisible character is dropped. Each line
/// is trimmed.
fn lines(text: &str) -> Vec<String> {
    let clean: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\u{2028}' | '\u{2029}' => Some('\n'),
            c if c.is_control() || invisible(c) => None,
            c => Some(c),
        })
        .collect();
    clean.split('\n').map(|l| l.trim().to_string()).collect()
}

/// The text on one line (list items, table cells, meta values, headings).
fn one_line(text: &str) -> String {
    lines(text)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The non-empty lines, for list items.
fn item_lines(text: &str) -> Vec<String> {
    lines(text).into_iter().filter(|l| !l.is_empty()).collect()
}

/// The lines of a paragraph, with runs of blank lines reduced to one.
fn para_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines(text) {
        if l.is_empty() && out.last().is_none_or(|p| p.is_empty()) {
            continue;
        }
        out.push(l);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// `rendered` with one space where the raw inline text began or ended with white space, so
/// runs of text keep their separation (`**Label:** value`).
fn padded(raw: &str, rendered: String) -> String {
    if rendered.is_empty() {
        let blank = raw.starts_with(char::is_whitespace);
        return if blank { " ".to_string() } else { rendered };
    }
    let lead = if raw.starts_with(char::is_whitespace) { " " } else { "" };
    let trail = if raw.ends_with(char::is_whitespace) { " " } else { "" };
    format!("{lead}{rendered}{trail}")
}

// ---------------------------------------------------------------------------------------
// Markdown

/// One line of clean text escaped for Markdown: the inline specials everywhere, and, when
/// the text starts a line, what would open a block there (list item, heading, thematic break,
/// setext underline, ordered list item).
fn md_at(line: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.char_indices() {
        let special = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~');
        if special || (c == '&' && entity_at(&line[i..])) {
            out.push('\\');
        }
        out.push(c);
    }
    if !line_start {
        return out;
    }
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &out[digits..];
    let marker = rest.starts_with(['.', ')']) && rest[1..].chars().next().is_none_or(char::is_whitespace);
    if digits > 0 && marker {
        out.insert(digits, '\\');
    }
    out
}

/// Whether `text` (starting with `&`) starts an HTML entity or character reference, which
/// Markdown would decode: `&amp;`, `&#38;`, `&#x26;`. A plain `O&I` stays as it is.
fn entity_at(text: &str) -> bool {
    let Some(end) = text.find(';') else {
        return false;
    };
    let name = &text[1..end];
    let (digits, hex) = match name.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(h) => (h, true),
            None => (n, false),
        },
        None => return !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()),
    };
    let digit = |b: u8| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() };
    !digits.is_empty() && digits.bytes().all(digit)
}

/// [`md_at`] for a whole line.
fn md(line: &str) -> String {
    md_at(line, true)
}

/// Inline text; `line_start` says whether its first line starts a Markdown line.
fn md_inline(inline: &Inline, line_start: bool) -> String {
    match inline {
        Inline::Text(t) => {
            let first = line_start && !t.starts_with(char::is_whitespace);
            let lines = para_lines(t);
            let mut out = String::new();
            for (i, l) in lines.iter().enumerate() {
                if i > 0 {
                    // A hard line break (two spaces) within a paragraph, as `<br>` in HTML.
                    let hard = !l.is_empty() && !lines[i - 1].is_empty();
                    out.push_str(if hard { "  \n" } else { "\n" });
                }
                out.push_str(&md_at(l, i > 0 || first));
            }
            padded(t, out)
        }
        Inline::Strong(t) => {
            let t = one_line(t);
            if t.is_empty() {
                String::new()
            } else {
                format!("**{}**", md_at(&t, false))
            }
        }
    }
}

fn md_inlines(inlines: &[Inline]) -> String {
    inlines.iter().enumerate().map(|(i, x)| md_inline(x, i == 0)).collect()
}

/// A list item: its lines, continuation lines indented under the marker.
fn md_item(marker: &str, content: &str) -> String {
    let indent = " ".repeat(marker.len());
    let body: Vec<&str> = content
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    // Hard line breaks (two spaces) between the lines, as `<br>` in HTML.
    format!("{marker}{}", body.join(&format!("  \n{indent}")))
}

fn md_table(t: &Table) -> String {
    let row = |cells: &[String], bold: bool| {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| {
                let c = md_at(&one_line(c), false);
                if bold && !c.is_empty() { format!("**{c}**") } else { c }
            })
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let rule: Vec<&str> = (0..t.head.len())
        .map(|i| {
            if t.numeric.get(i).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let mut out = vec![row(&t.head, false), format!("| {} |", rule.join(" | "))];
    out.extend(t.rows.iter().map(|r| row(r, false)));
    if let Some(total) = &t.total {
        out.push(row(total, true));
    }
    out.join("\n")
}

fn md_block(b: &Block) -> String {
    match b {
        Block::Paragraph(i) => md_inlines(i),
        Block::Notice(i) => md_inlines(i)
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Bullets(items) => items
            .iter()
            .map(|i| md_item("- ", &md_inlines(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Numbered(items) => items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let body: Vec<String> = item_lines(i).iter().map(|l| md(l)).collect();
                md_item(&format!("{}. ", n + 1), &body.join("\n"))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Table(t) => md_table(t),
    }
}

// ---------------------------------------------------------------------------------------
// HTML

/// Clean text escaped for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html_inline(inline: &Inline) -> String {
    match inline {
        Inline::Text(t) => padded(
            t,
            para_lines(t).iter().map(|l| esc(l)).collect::<Vec<_>>().join("<br>\n"),
        ),
        Inline::Strong(t) => format!("<strong>{}</strong>", esc(&one_line(t))),
    }
}

fn html_inlines(inlines: &[Inline]) -> String {
    inlines.iter().map(html_inline).collect()
}

fn html_table(t: &Table) -> String {
    let class = |i: usize| {
        if t.numeric.get(i).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        }
    };
    let cells = |row: &[String], tag: &str| -> String {
        row.iter()
            .enumerate()
            .map(|(i, c)| format!("<{tag}{}>{}</{tag}>", class(i), esc(&one_line(c))))
            .collect()
    };
    let mut out = format!("<table>\n<thead><tr>{}</tr></thead>\n<tbody>\n", cells(&t.head, "th"));
    for r in &t.rows {
        out.push_str(&format!("<tr>{}</tr>\n", cells(r, "td")));
    }
    out.push_str("</tbody>\n");
    if let Some(total) = &t.total {
        out.push_str(&format!(
            "<tfoot><tr class=\"total\">{}</tr></tfoot>\n",
            cells(total, "td")
        ));
    }
    out.push_str("</table>");
    out
}

fn html_block(b: &Block) -> String {
    let list = |tag: &str, items: Vec<String>| {
        let lis: String = items.iter().map(|i| format!("<li>{i}</li>\n")).collect();
        format!("<{tag}>\n{lis}</{tag}>")
    };
    match b {
        Block::Paragraph(i) => format!("<p>{}</p>", html_inlines(i)),
        Block::Notice(i) => format!("<p class=\"notice\">{}</p>", html_inlines(i)),
        Block::Bullets(items) => list("ul", items.iter().map(|i| html_inlines(i)).collect()),
        Block::Numbered(items) => list(
            "ol",
            items
                .iter()
                .map(|i| item_lines(i).iter().map(|l| esc(l)).collect::<Vec<_>>().join("<br>\n"))
                .collect(),
        ),
        Block::Table(t) => html_table(t),
    }
}

const STYLE: &str = "\
body { font-family: Georgia, \"Times New Roman\", Times, serif; font-size: 11pt; line-height: 1.45;
  color: #000; background: #fff; max-width: 170mm; margin: 2em auto; padding: 0 1em; }
.sender { font-size: 14pt; font-weight: bold; margin: 0 0 1.5em; }
h1 { font-size: 16pt; margin: 0 0 0.8em; }
h2 { font-size: 12.5pt; margin: 1.6em 0 0.5em; padding-bottom: 0.1em; border-bottom: 1px solid #888; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 10pt; }
th, td { border: 1px solid #555; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; }
table.meta { width: auto; font-size: 11pt; }
table.meta th, table.meta td { border: none; background: none; padding: 0.05em 1em 0.05em 0; }
table.meta th { font-weight: normal; color: #333; }
.notice { border: 2px solid #000; padding: 0.5em 0.8em; }
@page { size: A4; margin: 20mm 18mm 22mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, li, .notice { break-inside: avoid; page-break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

impl Letter {
    /// The letter as Markdown (CommonMark with GitHub tables), readable as plain text.
    pub fn markdown(&self) -> String {
        let mut out = vec![
            format!("**{}**", md_at(&one_line(&self.sender), false)),
            format!("# {}", md_at(&one_line(&self.title), false)),
        ];
        let meta: Vec<Vec<Inline>> = self
            .meta
            .iter()
            .map(|(k, v)| {
                vec![
                    Inline::Strong(format!("{k}:")),
                    Inline::Text(format!(" {}", one_line(v))),
                ]
            })
            .collect();
        if !meta.is_empty() {
            out.push(md_block(&Block::Bullets(meta)));
        }
        for s in &self.sections {
            if let Some(h) = &s.heading {
                out.push(format!("## {}", md_at(&one_line(h), false)));
            }
            out.extend(s.blocks.iter().map(md_block).filter(|b| !b.is_empty()));
        }
        let mut text = out.join("\n\n");
        text.push('\n');
        text
    }

    /// The letter as one self-contained HTML page that prints on A4: no external resources,
    /// no scripts.
    pub fn html(&self) -> String {
        let lang = match self.lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        };
        let title = esc(&one_line(&self.title));
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
        );
        out.push_str(&format!("<p class=\"sender\">{}</p>\n", esc(&one_line(&self.sender))));
        out.push_str(&format!("<h1>{title}</h1>\n"));
        if !self.meta.is_empty() {
            out.push_str("<table class=\"meta\">\n");
            for (k, v) in &self.meta {
                let (k, v) = (esc(&one_line(k)), esc(&one_line(v)));
                out.push_str(&format!("<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>\n"));
            }
            out.push_str("</table>\n");
        }
        for s in &self.sections {
            out.push_str("<section>\n");
            if let Some(h) = &s.heading {
                out.push_str(&format!("<h2>{}</h2>\n", esc(&one_line(h))));
            }
            for b in &s.blocks {
                out.push_str(&html_block(b));
                out.push('\n');
            }
            out.push_str("</section>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}
