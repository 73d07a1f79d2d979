//! The 13 checks of the assessment core (`resv::core::assess`), against the shipped rules.
//!
//! Every check gets plan variants that pass, warn, fail or need judgement. A variant is the
//! TOML text of a sample plan (mostly the sound `utrecht-stad.toml`) with exact text edits,
//! parsed like any plan file; each test asserts the status and that the Dutch explanation
//! quotes the plan fact it rests on. The verdict, manual inputs, properties and snapshots are
//! in `tests/assessment_scoring.rs`; rule-file errors and the command line in
//! `tests/assessment_cli.rs`. Every test uses `built_in_rules()`, so a user's configuration
//! folder cannot change it.

mod support;

use resv::core::assess::{Recommendation, Status};
use resv::core::rules::CheckId;
use support::plans::*;

// ---------------------------------------------------------------------------------------
// The reference plan passes every check
// ---------------------------------------------------------------------------------------

#[test]
fn the_reference_plan_passes_every_decidable_check() {
    let a = assessed(&parse(UTRECHT));
    assert_eq!(a.criteria.len(), CheckId::ALL.len());
    for c in &a.criteria {
        let expected = if c.id == CheckId::DoubleFunding {
            Status::Judgement
        } else {
            Status::Pass
        };
        assert_eq!(c.status, expected, "{}:\n{}", c.id.keyword(), nl(c));
        assert!(!c.explanation.is_empty(), "{} explains itself", c.id.keyword());
        for line in &c.explanation {
            assert!(
                !line.nl.is_empty() && !line.en.is_empty(),
                "{}: {line:?}",
                c.id.keyword()
            );
        }
    }
    assert_eq!(a.total_tenths, 1000);
    assert!(!a.knocked_out);
    assert_eq!(a.pending, vec![CheckId::DoubleFunding]);
    assert_eq!(a.recommendation, Recommendation::Approve);
}

// ---------------------------------------------------------------------------------------
// The 13 checks
// ---------------------------------------------------------------------------------------

#[test]
fn disciplines_check() {
    let c = expect(
        &parse(UTRECHT),
        CheckId::Disciplines,
        Status::Pass,
        &["✓ farmacie: gemandateerd, Coöperatie Utrechtse Apothekers U.A. (KvK 30345678)"],
    );
    assert_eq!(c.auto_score, Some(1000));
    // Social work must take part, mandated (issue 3: knock-out when missing or unmandated).
    let sw = SW_SEAT.replace("true", "false");
    let c = expect(
        &utrecht(&[(SW_SEAT, &sw)]),
        CheckId::Disciplines,
        Status::Fail,
        &["✗ sociaal werk neemt deel maar is niet gemandateerd (Stichting Sociaal Werk Utrecht (KvK 30456789))"],
    );
    assert_eq!(c.auto_score, Some(0));
    // Pharmacy must be mandated.
    let apo = APO_SEAT.replace("true", "false");
    expect(
        &utrecht(&[(APO_SEAT, &apo)]),
        CheckId::Disciplines,
        Status::Fail,
        &["✗ farmacie neemt deel maar is niet gemandateerd (Coöperatie Utrechtse Apothekers U.A. (KvK 30345678))"],
    );
    let c = expect(
        &utrecht(&[(APO_BLOCK, "")]),
        CheckId::Disciplines,
        Status::Fail,
        &["✗ farmacie ontbreekt in het plan"],
    );
    assert_eq!(c.auto_score, Some(0));
    // A missing mandated discipline outweighs a warning on another.
    expect(
        &utrecht(&[(APO_BLOCK, ""), (SW_SEAT, &sw)]),
        CheckId::Disciplines,
        Status::Fail,
        &["✗ farmacie ontbreekt"],
    );
}

#[test]
fn representation_check() {
    let gp = |joined: &str| utrecht(&[("practices_joined = 104", joined)]);
    let c = expect(
        &parse(UTRECHT),
        CheckId::Representation,
        Status::Pass,
        &[
            "✓ huisartsenzorg: 104 van 120 praktijken (86,6%), drempel 70%",
            "✓ fysiotherapie: 61 van 90 praktijken (67,7%), drempel 60%",
        ],
    );
    assert_eq!(c.auto_score, Some(1000));
    // Exactly at the GP threshold of 70% passes; one practice fewer fails (GPs are core).
    expect(
        &gp("practices_joined = 84"),
        CheckId::Representation,
        Status::Pass,
        &["84 van 120 praktijken (70%)"],
    );
    expect(
        &gp("practices_joined = 83"),
        CheckId::Representation,
        Status::Fail,
        &["✗ huisartsenzorg: 83 van 120 praktijken (69,1%), onder de drempel van 70%"],
    );
    // A non-core discipline below the default threshold only warns.
    let plan = utrecht(&[("practices_joined = 61", "practices_joined = 40")]);
    let c = expect(
        &plan,
        CheckId::Representation,
        Status::Warn,
        &["! fysiotherapie: 40 van 90 praktijken (44,4%), onder de drempel van 60%"],
    );
    // Mean over five disciplines of min(share / threshold, 1): 4 x 1000 + 4444 * 1000 / 6000.
    assert_eq!(c.auto_score, Some((4000 + 740) / 5));
}

#[test]
fn board_check() {
    expect(
        &parse(UTRECHT),
        CheckId::Board,
        Status::Pass,
        &["Bestuurszetels van 4 disciplines: huisartsenzorg, wijkverpleging, farmacie, sociaal werk (minimaal 3)"],
    );
    let no_apo = (
        "practices_joined = 35\nboard_seat = true",
        "practices_joined = 35\nboard_seat = false",
    );
    // The guidance imposes no composition: a required discipline that takes part, mandated,
    // without a board seat is no condition while three disciplines hold seats.
    let c = expect(
        &utrecht(&[no_apo]),
        CheckId::Board,
        Status::Pass,
        &[
            "Bestuurszetels van 3 disciplines: huisartsenzorg, wijkverpleging, sociaal werk (minimaal 3)",
            "✓ 3 disciplines in het bestuur, besluitvorming volgens scenario groeimodel",
        ],
    );
    assert_eq!(c.auto_score, Some(1000));
    assert!(!nl(&c).contains("farmacie"), "{}", nl(&c));
    // Whether the board can decide: a light network decides by consensus (seed 004).
    let light = utrecht(&[("scenario = \"groeimodel\"", "scenario = \"licht-netwerk\"")]);
    let c = expect(
        &light,
        CheckId::Board,
        Status::Warn,
        &["! licht netwerk: besluiten bij consensus, slagkracht laag; toets of het bestuur kan besluiten"],
    );
    assert_eq!(c.auto_score, Some(750));
    let no_sw = (
        "practices_joined = 3\nboard_seat = true",
        "practices_joined = 3\nboard_seat = false",
    );
    let c = expect(
        &utrecht(&[no_apo, no_sw]),
        CheckId::Board,
        Status::Fail,
        &[
            "Bestuurszetels van 2 disciplines: huisartsenzorg, wijkverpleging (minimaal 3)",
            "✗ minder dan 3 disciplines in het bestuur",
        ],
    );
    assert_eq!(c.auto_score, Some(2 * 500 / 3));
}

#[test]
fn participation_check() {
    let c = expect(
        &parse(UTRECHT),
        CheckId::Participation,
        Status::Pass,
        &[
            "Vorm: panel; \"Burgerpanel van 40 inwoners uit alle wijken;",
            "✓ concrete vorm",
        ],
    );
    assert_eq!(c.auto_score, Some(1000));
    let consult = utrecht(&[("form = \"panel\"", "form = \"raadpleging\"")]);
    expect(
        &consult,
        CheckId::Participation,
        Status::Warn,
        &["Vorm: raadpleging;", "! alleen raadpleging"],
    );
    // A new description; "\n#" turns the rest of the old line into a comment.
    let vague = "description = \"Een burgerpanel dat het bestuur geregeld adviseert.\"";
    let plan = utrecht(&[("description = \"Burgerpanel van 40", &format!("{vague}\n#"))]);
    let c = expect(
        &plan,
        CheckId::Participation,
        Status::Warn,
        &[
            "\"Een burgerpanel dat het bestuur geregeld adviseert.\"",
            "! niet concreet",
        ],
    );
    assert_eq!(c.auto_score, Some(600));
    let none = utrecht(&[("form = \"panel\"", "form = \"geen\"")]);
    let c = expect(
        &none,
        CheckId::Participation,
        Status::Fail,
        &["✗ geen vorm van burger- of patiëntenparticipatie"],
    );
    assert_eq!(c.auto_score, Some(0));
    // A long description is quoted shortened, with an ellipsis.
    let long = format!(
        "description = \"Panel van 12 inwoners. {}\"\n#",
        "Zeer uitgebreid. ".repeat(20)
    );
    let plan = utrecht(&[("description = \"Burgerpanel van 40", &long)]);
    let c = expect(
        &plan,
        CheckId::Participation,
        Status::Pass,
        &["\"Panel van 12 inwoners. Zeer uitgebreid."],
    );
    assert!(nl(&c).contains("…\""), "{}", nl(&c));
}

#[test]
fn agenda_check() {
    expect(
        &parse(UTRECHT),
        CheckId::Agenda,
        Status::Pass,
        &[
            "Regioplan: \"Regioplan IZA Utrecht Stad 2023-2026\"",
            "✓ verwijzing: \"IZA-tafel regio Utrecht, actielijn 2",
            // (1,300,000 - 90,000) / 1,300,000 of the cost over both years.
            "✓ gekoppeld aan de agenda: A1, A2, A3, A4 (93% van de kosten, minimaal 50%); niet gekoppeld: A5",
        ],
    );
    // Without a reference, a regioplan naming IZA is enough.
    expect(
        &utrecht(&[(REFERENCE, "")]),
        CheckId::Agenda,
        Status::Pass,
        &["✓ het regioplan noemt IZA/AZWA"],
    );
    let plan = utrecht(&[(REFERENCE, ""), ("Regioplan IZA Utrecht", "Regioplan Utrecht")]);
    let c = expect(
        &plan,
        CheckId::Agenda,
        Status::Warn,
        &["! geen verwijzing naar een IZA/AZWA-tafel"],
    );
    assert_eq!(c.auto_score, Some(500));
    // A2 and A4 off the agenda: (95,000 + 120,000) x 2 of 1,300,000 = 33.0% < 50%.
    let plan = utrecht(&[
        ("fte = 1.5\nagenda_link = true", "fte = 1.5\nagenda_link = false"),
        ("fte = 2.2\nagenda_link = true", "fte = 2.2\nagenda_link = false"),
    ]);
    expect(
        &plan,
        CheckId::Agenda,
        Status::Warn,
        &["! gekoppeld aan de agenda: A1, A3 (33% van de kosten, minimaal 50%); niet gekoppeld: A2, A4, A5"],
    );
    let plan = parse(&edit_every(UTRECHT, "agenda_link = true", "agenda_link = false", 4));
    let c = expect(
        &plan,
        CheckId::Agenda,
        Status::Fail,
        &["gekoppeld aan de agenda: - (0% van de kosten"],
    );
    assert_eq!(c.auto_score, Some(0));
}

#[test]
fn main_tasks_check() {
    let c = expect(
        &parse(UTRECHT),
        CheckId::MainTasks,
        Status::Pass,
        &[
            "✓ 2 Regionaal organiseren van capaciteit en toegankelijkheid: A2, € 180.000 per jaar",
            "✓ 5 van 5 hoofdtaken; verplicht in 2027: 1, 2",
        ],
    );
    assert_eq!(c.auto_score, Some(1000));
    // Four of five tasks still pass, with a lower score.
    let c = expect(
        &utrecht(&[("main_task = 5\nnature", "main_task = 4\nnature")]),
        CheckId::MainTasks,
        Status::Pass,
        &[
            "  5 Faciliteren en ondersteunen van eerstelijnszorgaanbieders: geen activiteiten",
            "✓ 4 van 5 hoofdtaken",
        ],
    );
    assert_eq!(c.auto_score, Some(800 + 200 * 3 / 4));
    // Task 2 is required by the policy.
    let c = expect(
        &utrecht(&[("main_task = 2\nnature", "main_task = 3\nnature")]),
        CheckId::MainTasks,
        Status::Fail,
        &["✗ verplichte hoofdtaak ontbreekt: 2"],
    );
    assert_eq!(c.auto_score, Some(0));
}

#[test]
fn coordination_only_check() {
    expect(
        &parse(UTRECHT),
        CheckId::CoordinationOnly,
        Status::Pass,
        &["✓ alle activiteiten zijn coördinatie of organisatie"],
    );
    // A5 costs 30,000 in 2027 (from July) and 60,000 in 2028.
    let c = expect(
        &utrecht(&[(A5_NATURE, A5_CARE)]),
        CheckId::CoordinationOnly,
        Status::Warn,
        &[
            "! A5 is zorgproductie zonder uitzondering: € 90.000 over de contractjaren uitgesloten van het te financieren bedrag",
        ],
    );
    assert_eq!(c.auto_score, Some(500));
    let c = expect(
        &utrecht(&[(A5_NATURE, A5_CARE), (A5_END, EXCEPTION)]),
        CheckId::CoordinationOnly,
        Status::Judgement,
        &[
            "? A5 is zorgproductie met een uitzondering op het hoofdaannemerschap (€ 90.000 over de contractjaren): \"Huisartsen en de preferente verzekeraar zien meerwaarde",
            "toets meerwaarde en gelijke toegang",
        ],
    );
    assert_eq!(c.auto_score, None);
}

#[test]
fn region_check() {
    expect(
        &parse(UTRECHT),
        CheckId::Region,
        Status::Pass,
        &[
            "RHO-regio Utrecht Stad (Huisartsen Utrecht Stad (HUS)): 1 gemeente; het plan noemt er 1",
            "✓ werkgebied gelijk aan de RHO-regio",
        ],
    );
    // Names compare without case and surrounding spaces.
    expect(
        &utrecht(&[("[\"Utrecht\"]", "[\" utrecht \"]")]),
        CheckId::Region,
        Status::Pass,
        &["✓ werkgebied gelijk"],
    );
    let larger = ("[\"Utrecht\"]", "[\"Utrecht\", \"Stichtse Vecht\"]");
    // Larger only for good regional reasons: without a justification it is never a pass
    // (nor a mere condition); it waits for the buyer's judgement.
    let c = expect(
        &utrecht(&[larger]),
        CheckId::Region,
        Status::Judgement,
        &[
            "! groter dan de RHO-regio, extra: Stichtse Vecht",
            "? geen onderbouwing: uw oordeel is nodig; vraag de regio waarom het gebied groter is",
        ],
    );
    assert_eq!(c.auto_score, None);
    let a = assessed(&utrecht(&[larger]));
    assert!(a.pending.contains(&CheckId::Region), "{:?}", a.pending);
    let why = (
        "inhabitants = 375000",
        "inhabitants = 375000\njustification = \"Maarssen valt voor spoedzorg onder Utrecht.\"",
    );
    expect(
        &utrecht(&[larger, why]),
        CheckId::Region,
        Status::Warn,
        &["onderbouwing: \"Maarssen valt voor spoedzorg onder Utrecht.\"; toets of dit goede regionale redenen zijn"],
    );
    let twente = parse(&edit(&sample_text("twente"), &[("\"Losser\", ", "")]));
    let c = expect(
        &twente,
        CheckId::Region,
        Status::Fail,
        &[
            "14 gemeenten; het plan noemt er 13",
            "✗ kleiner dan de RHO-regio, ontbreekt: Losser",
        ],
    );
    assert_eq!(c.auto_score, Some(0));
    let unknown = utrecht(&[("rho_region = \"Utrecht Stad\"", "rho_region = \"Utrecht Centrum\"")]);
    let c = expect(
        &unknown,
        CheckId::Region,
        Status::Judgement,
        &["? RHO-regio \"Utrecht Centrum\" staat niet in de referentielijst"],
    );
    assert_eq!(c.auto_score, None);
}

#[test]
fn contractable_check() {
    expect(
        &parse(UTRECHT),
        CheckId::Contractable,
        Status::Pass,
        &[
            "Scenario: groeimodel",
            "✓ contracteert via penvoerder Huisartsen Utrecht Stad (HUS) (KvK 30123456)",
        ],
    );
    let own = (
        "scenario = \"groeimodel\"",
        "scenario = \"rechtspersoon\"\nlegal_form = \"stichting\"\nkvk = \"30999999\"",
    );
    expect(
        &utrecht(&[own, (LEAD_PARTY, "")]),
        CheckId::Contractable,
        Status::Pass,
        &["✓ eigen rechtspersoon (stichting), KvK 30999999: contracteert zelf"],
    );
    let no_kvk = LEAD_PARTY.replace("kvk = \"30123456\"\n", "");
    let c = expect(
        &utrecht(&[(LEAD_PARTY, &no_kvk)]),
        CheckId::Contractable,
        Status::Fail,
        &["✗ penvoerder Huisartsen Utrecht Stad (HUS) heeft geen KvK-nummer: niet contracteerbaar"],
    );
    assert_eq!(c.auto_score, Some(0));
    expect(
        &utrecht(&[(LEAD_PARTY, "")]),
        CheckId::Contractable,
        Status::Fail,
        &["✗ geen eigen rechtspersoon en geen kassier of penvoerder: niemand om mee te contracteren"],
    );
    let entity = (
        "scenario = \"groeimodel\"",
        "scenario = \"rechtspersoon\"\nlegal_form = \"stichting\"",
    );
    expect(
        &utrecht(&[entity, (LEAD_PARTY, "")]),
        CheckId::Contractable,
        Status::Fail,
        &["✗ rechtspersoon zonder KvK-nummer en zonder kassier of penvoerder"],
    );
    expect(
        &sample("zeeland"),
        CheckId::Contractable,
        Status::Fail,
        &["Scenario: licht-netwerk", "niemand om mee te contracteren"],
    );
}

#[test]
fn budget_check() {
    let c = expect(
        &parse(UTRECHT),
        CheckId::Budget,
        Status::Pass,
        &[
            "✓ 2027: € 585.000 gevraagd, € 1,56 per inwoner (maximaal € 3,50)",
            "✓ 2028: € 615.000 gevraagd, € 1,64 per inwoner (maximaal € 3,50)",
            "✓ organisatie-overhead: 0% van de activiteitkosten (-), maximaal 15%",
        ],
    );
    assert_eq!(c.auto_score, Some(1000));
    let c = expect(
        &utrecht(&[("inhabitants = 375000", "inhabitants = 150000")]),
        CheckId::Budget,
        Status::Fail,
        &[
            "✗ 2027: € 585.000 gevraagd, € 3,90 per inwoner (maximaal € 3,50)",
            "✗ 2028: € 615.000 gevraagd, € 4,10 per inwoner (maximaal € 3,50)",
        ],
    );
    // Graded by how far over (docs/assessment.md): 615,000 against a limit of 525,000 is
    // 17.1% over: 500 x (1,050,000 - 615,000) / 525,000 = 414, plus 500 for the overhead.
    assert_eq!(c.auto_score, Some(914));
    // 2028 asks 615,000: 175,715 inhabitants x 3.50 = 615,002.50 is enough, 175,714 is not.
    expect(
        &utrecht(&[("inhabitants = 375000", "inhabitants = 175715")]),
        CheckId::Budget,
        Status::Pass,
        &["✓ 2028: € 615.000 gevraagd"],
    );
    expect(
        &utrecht(&[("inhabitants = 375000", "inhabitants = 175714")]),
        CheckId::Budget,
        Status::Fail,
        &["✗ 2028: € 615.000 gevraagd"],
    );
    // A1 as overhead: 190,000 of 1,300,000 = 14.6%, within 15%; A2: 27.6%, above.
    let a1 = (
        "fte = 0.8\nagenda_link = true",
        "fte = 0.8\nagenda_link = true\noverhead = true",
    );
    expect(
        &utrecht(&[a1]),
        CheckId::Budget,
        Status::Pass,
        &["✓ organisatie-overhead: 14,6% van de activiteitkosten (A1), maximaal 15%"],
    );
    let a2 = (
        "fte = 1.5\nagenda_link = true",
        "fte = 1.5\nagenda_link = true\noverhead = true",
    );
    let c = expect(
        &utrecht(&[a2]),
        CheckId::Budget,
        Status::Fail,
        &["✗ organisatie-overhead: 27,6% van de activiteitkosten (A2), maximaal 15%"],
    );
    assert_eq!(c.auto_score, Some(500));
    let c = expect(
        &utrecht(&[a2, ("inhabitants = 375000", "inhabitants = 150000")]),
        CheckId::Budget,
        Status::Fail,
        &[],
    );
    assert_eq!(c.auto_score, Some(414));
    // A higher activity cost with the budget totals kept consistent: A2 at 950,000 a year.
    let plan = utrecht(&[
        ("annual_cost = 180000", "annual_cost = 950000"),
        ("total = 635000", "total = 1405000"),
        ("total = 665000", "total = 1435000"),
    ]);
    expect(
        &plan,
        CheckId::Budget,
        Status::Fail,
        &["✗ 2027: € 1.355.000 gevraagd, € 3,62 per inwoner"],
    );
}

#[test]
fn monitoring_check() {
    expect(
        &parse(UTRECHT),
        CheckId::Monitoring,
        Status::Pass,
        &["✓ hoofdtaak 5: \"Scholingsbereik\""],
    );
    let c = expect(
        &utrecht(&[(LAST_KPI, "")]),
        CheckId::Monitoring,
        Status::Warn,
        &["! hoofdtaak 5: geen KPI"],
    );
    assert_eq!(c.auto_score, Some(800));
    let cut = UTRECHT.find("\n[[kpis]]").unwrap();
    let c = expect(
        &parse(&UTRECHT[..cut]),
        CheckId::Monitoring,
        Status::Fail,
        &["! hoofdtaak 1: geen KPI"],
    );
    assert_eq!(c.auto_score, Some(0));
}

#[test]
fn social_domain_check() {
    expect(
        &parse(UTRECHT),
        CheckId::SocialDomain,
        Status::Pass,
        &[
            "Activiteiten met sociaal werk of gemeenten: A3, A4",
            "✓ 2027: gemeentelijke cofinanciering € 50.000 (\"Gemeente Utrecht (wijkcoördinatie)\")",
        ],
    );
    let none = edit_every(UTRECHT, CO_FUNDING, "", 2);
    let c = expect(
        &parse(&none),
        CheckId::SocialDomain,
        Status::Warn,
        &["! geen gemeentelijke cofinanciering en geen uitleg waarom (agenda.social_domain)"],
    );
    assert_eq!(c.auto_score, Some(400));
    let why = "social_domain = \"De gemeente financiert het sociaal werk zelf uit de Wmo.\"\n";
    let explained = edit(&none, &[(REFERENCE, &format!("{REFERENCE}{why}"))]);
    let c = expect(
        &parse(&explained),
        CheckId::SocialDomain,
        Status::Pass,
        &[
            "✓ geen cofinanciering; het plan legt uit waarom: \"De gemeente financiert het sociaal werk zelf uit de Wmo.\"",
        ],
    );
    assert_eq!(c.auto_score, Some(800));
    // The funder decides when given; without one, the source's words do.
    let other = edit_every(UTRECHT, "funder = \"gemeente\"", "funder = \"overig\"", 2);
    expect(
        &parse(&other),
        CheckId::SocialDomain,
        Status::Warn,
        &["! geen gemeentelijke cofinanciering"],
    );
    let wmo = edit_every(
        UTRECHT,
        "source = \"Gemeente Utrecht (wijkcoördinatie)\"\nfunder = \"gemeente\"",
        "source = \"Wmo-budget wijkcoördinatie\"",
        2,
    );
    expect(
        &parse(&wmo),
        CheckId::SocialDomain,
        Status::Pass,
        &["gemeentelijke cofinanciering € 50.000 (\"Wmo-budget wijkcoördinatie\")"],
    );
    // No activity with social work or municipalities: nothing to ask.
    let a3 = "\"specialist-ouderengeneeskunde\", \"farmacie\", \"sociaal-werk\"]";
    let a4 = "[\"huisartsenzorg\", \"wijkverpleging\", \"sociaal-werk\", \"gemeente\"]";
    let plan = utrecht(&[
        (a3, "\"specialist-ouderengeneeskunde\", \"farmacie\"]"),
        (a4, "[\"huisartsenzorg\", \"wijkverpleging\"]"),
    ]);
    expect(
        &plan,
        CheckId::SocialDomain,
        Status::Pass,
        &["✓ geen activiteiten met sociaal werk of gemeenten"],
    );
}

#[test]
fn double_funding_check() {
    let c = expect(
        &parse(UTRECHT),
        CheckId::DoubleFunding,
        Status::Judgement,
        &["? geen register van bestaande regelingen geladen"],
    );
    assert_eq!((c.auto_score, c.score, c.explanation.len()), (None, None, 1));
    let gp = (
        "disciplines = [\"wijkverpleging\", \"farmacie\"]",
        "disciplines = [\"huisartsenzorg\", \"wijkverpleging\", \"farmacie\"]",
    );
    expect(
        &utrecht(&[gp]),
        CheckId::DoubleFunding,
        Status::Judgement,
        &[
            "! A1: mandaat en vertegenwoordiging huisartsenzorg via \"RESV Utrecht Stad\" (€ 190.000 over de contractjaren); de RHO ontvangt hiervoor mogelijk al O&I",
        ],
    );
    expect(
        &sample("rijnmond"),
        CheckId::DoubleFunding,
        Status::Judgement,
        &["! R1: mandaat en vertegenwoordiging huisartsenzorg via \"Huisartsenorganisatie Rijnmond (HOR)\""],
    );
}
