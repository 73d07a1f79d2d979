use super::*;

#[test]
fn collects_several_errors_with_locations() {
    let text = "name = 3\nsize = \"x\"\nextra = 1\n";
    let mut r = Reader::new(text);
    let doc = r.parse_document().unwrap();
    let mut t = r.root(&doc);
    r.text(&mut t, "name");
    r.int(&mut t, "size", 0..10, "a number 0-9");
    r.text(&mut t, "missing");
    r.finish(t);
    let got: Vec<String> = r.diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(
        got[0],
        "1:8: name: found integer 3, expected a non-empty text in quotes"
    );
    assert_eq!(got[1], "2:8: size: found text \"x\", expected a number 0-9");
    assert!(got[2].contains("missing: missing; expected"), "{}", got[2]);
    assert!(got[3].starts_with("3:1: extra: unknown key `extra`"), "{}", got[3]);
}

#[test]
fn suggests_close_keys() {
    assert_eq!(
        suggest("main_tsak", ["main_task", "nature"].into_iter()),
        Some("main_task")
    );
    assert_eq!(suggest("zzz", ["main_task"].into_iter()), None);
}

#[test]
fn syntax_errors_have_lines() {
    let mut r = Reader::new("a = 1\nb = \n");
    assert!(r.parse_document().is_none());
    assert_eq!(r.diags[0].line, Some(2), "{:?}", r.diags);
}
