//! Values that TOML allows but that no plan or rule file means: non-decimal integers,
//! signed zero, and dotted keys so deep that the TOML parser gives up. Each is refused with
//! a located diagnostic that says what was expected (issue 15, part 8).

use resv::core::diag::Diagnostic;
use resv::core::parse::parse_plan;
use std::fs;

const MINIMAL: &str = "tests/fixtures/valid/minimal.toml";

fn minimal_with(old: &str, new: &str) -> String {
    let text = fs::read_to_string(MINIMAL).expect("minimal plan");
    assert!(text.contains(old), "{old:?} not in the minimal plan");
    text.replacen(old, new, 1)
}

fn only_diag(text: &str) -> Diagnostic {
    let diags = parse_plan(text).expect_err("the plan must be refused");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    diags.into_iter().next().expect("one diagnostic")
}

fn line_of(text: &str, needle: &str) -> u32 {
    let at = text.find(needle).expect("needle in text");
    text[..at].matches('\n').count() as u32 + 1
}

#[test]
fn hexadecimal_octal_and_binary_amounts_are_refused() {
    for raw in ["0x10", "0o20", "0b10000"] {
        let text = minimal_with("annual_cost = 120000", &format!("annual_cost = {raw}"));
        let d = only_diag(&text);
        assert_eq!(d.path, "activities[0].annual_cost", "{d}");
        assert_eq!(d.line, Some(line_of(&text, "annual_cost")), "{d}");
        assert_eq!(d.column, Some(15), "{d}");
        assert!(d.message.contains(&format!("found integer {raw}")), "{d}");
        assert!(
            d.message.ends_with(&format!(
                "expected a non-negative amount in euros (at most 2 decimals), written in decimal (16, not {raw})"
            )),
            "{d}"
        );
    }
}

#[test]
fn signed_zero_and_signed_amounts_are_refused() {
    for raw in ["-0.0", "+0.0", "-0", "+120000", "nan", "inf", "-inf", "1.2e5"] {
        let text = minimal_with("total = 120000", &format!("total = {raw}"));
        let diags = parse_plan(&text).expect_err(raw);
        let d = diags
            .iter()
            .find(|d| d.path == "budget[0].total")
            .unwrap_or_else(|| panic!("{raw}: no diagnostic on the total: {diags:#?}"));
        assert_eq!(d.line, Some(line_of(&text, "total =")), "{raw}: {d}");
        assert!(d.message.contains("expected a non-negative amount"), "{raw}: {d}");
        if ["-0.0", "+0.0", "-0", "+120000"].contains(&raw) {
            assert!(d.message.ends_with(", without a sign"), "{raw}: {d}");
        }
    }
}

#[test]
fn non_decimal_integers_are_refused_everywhere() {
    let text = minimal_with("practices_in_region = 120", "practices_in_region = 0x78");
    let d = only_diag(&text);
    assert_eq!(d.path, "disciplines[0].practices_in_region", "{d}");
    assert!(d.message.contains("found integer 0x78"), "{d}");
}

#[test]
fn plain_amounts_still_read() {
    let text = minimal_with("annual_cost = 120000", "annual_cost = 120_000.00");
    assert!(parse_plan(&text).is_ok());
}

#[test]
fn a_rule_file_amount_in_hexadecimal_is_refused() {
    let guidance = resv::core::rules::guidance::parse_guidance(&fs::read_to_string("config/guidance.toml").unwrap())
        .expect("guidance");
    let policy = fs::read_to_string("config/policy.toml").unwrap();
    let old = "max_euro_per_inhabitant = 3.50";
    assert!(policy.contains(old));
    for raw in ["0x3", "-0.0"] {
        let text = policy.replace(old, &format!("max_euro_per_inhabitant = {raw}"));
        let diags = resv::core::rules::policy::parse_policy(&text, &guidance).expect_err(raw);
        let d = diags
            .iter()
            .find(|d| d.path == "thresholds.max_euro_per_inhabitant")
            .unwrap_or_else(|| panic!("{raw}: {diags:#?}"));
        assert_eq!(d.line, Some(line_of(&text, "max_euro_per_inhabitant =")), "{d}");
    }
}

#[test]
fn a_registry_amount_of_minus_zero_is_refused() {
    use resv::core::funding::registry::parse_amount;
    assert!(parse_amount("-0").is_err(), "the one amount parser refuses a sign");
    let csv = "id,funder,stream,recipient,description,start,end,annual_amount\n\
               R1,Gemeente X,wmo,Stichting X,Ondersteuning,2027-01-01,2027-12-31,-0\n";
    let diags = resv::io::registry_files::read_csv(csv).expect_err("-0 is refused");
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("found \"-0\", a negative amount")),
        "{diags:#?}"
    );
}

#[test]
fn a_dotted_key_of_a_hundred_parts_is_located() {
    let key: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
    let text = minimal_with("[participation]", &format!("{} = 1\n\n[participation]", key.join(".")));
    let d = only_diag(&text);
    assert_eq!(d.line, Some(line_of(&text, "k0.k1")), "{d}");
    assert_eq!(d.column, Some(1), "{d}");
    assert!(d.message.contains("a dotted key of 100 parts"), "{d}");
    assert!(d.message.contains("expected at most 79 parts"), "{d}");
}

#[test]
fn a_deep_dotted_key_in_a_table_header_or_inline_table_is_located() {
    let key: Vec<String> = (0..90).map(|i| format!("\"p.{i}\"")).collect();
    let header = minimal_with(
        "[participation]",
        &format!("[x.{}]\ny = 1\n\n[participation]", key.join(" . ")),
    );
    let d = only_diag(&header);
    assert_eq!(d.line, Some(line_of(&header, "[x.")), "{d}");
    assert_eq!(d.column, Some(2), "{d}");
    assert!(d.message.contains("a dotted key of 91 parts"), "{d}");
    let inline = minimal_with(
        "[participation]",
        &format!("x = {{ a = 1, {} = 2 }}\n\n[participation]", key.join(".")),
    );
    let d = only_diag(&inline);
    assert_eq!(d.line, Some(line_of(&inline, "x = {")), "{d}");
    assert!(d.message.contains("a dotted key of 90 parts"), "{d}");
}

#[test]
fn dots_in_strings_and_comments_do_not_count_as_key_parts() {
    let dots = ".".repeat(200);
    let text = minimal_with("[participation]", &format!("# {dots}\n[participation]\n")).replace(
        "Burgerpanel van 40 inwoners.",
        &format!("Burgerpanel{}", "a.".repeat(150)),
    );
    assert!(parse_plan(&text).is_ok());
}
