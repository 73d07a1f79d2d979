//! One plan's registry looked up by key (`Store::registry_for`, the index over its
//! candidates only) raises exactly the flags the index over the whole registry raises, on
//! generated registries where some name words are common (no longer block keys) and others
//! rare, after imports that add and change arrangements. So does the index over the
//! candidates of several plans at once (`matcher::plans_lookup`, what the background
//! recomputation reads a chunk of plans with).

use proptest::prelude::*;
use resv::app::registry::Registry;
use resv::core::funding::{self, Arrangement, RegistryIndex, Stream};
use resv::core::money::Cents;
use resv::core::plan::{Date, Organisation, Plan};
use resv::store::Store;

const KINDS: &[&str] = &[
    "Huisartsen",
    "Zorggroep",
    "Stichting Welzijn",
    "Gezondheidscentrum",
    "ROS",
];
const TOWNS: &[&str] = &[
    "Veendam", "Zuidoost", "Twente", "Rijnmond", "Utrecht", "Nijmegen", "Deurne", "Assen",
];
const WHAT: &[&str] = &[
    "regiomanagement mandaat en vertegenwoordiging huisartsen",
    "ketenzorg diabetes en COPD",
    "welzijn op recept in de wijk",
    "GEZ samenwerking en wijkgericht werken",
    "ondersteuning van samenwerking en scholing",
];
const STREAMS: &[Stream] = &[
    Stream::OiHuisartsenzorg,
    Stream::Ketenzorg,
    Stream::GemeenteWmo,
    Stream::Gez,
    Stream::Ros,
];

fn date(y: u16) -> Date {
    Date::new(y, 1, 1).unwrap()
}

/// Arrangement `i` from a seed: few kinds and towns, so "huisartsen" and the towns are
/// common while the numbered names stay rare.
fn arrangement(i: usize, seed: usize) -> Arrangement {
    let k = (i * 7 + seed) % KINDS.len();
    let town = TOWNS[(i * 3 + seed / 5) % TOWNS.len()];
    let name = if i % 4 == 0 {
        format!("{} {town} {}", KINDS[k], i / 4)
    } else {
        format!("{} {town}", KINDS[k])
    };
    let start = 2024 + (i % 4) as u16;
    Arrangement {
        id: format!("GEN-{i:04}"),
        funder: "VGZ".into(),
        stream: STREAMS[k],
        recipient: Organisation {
            name,
            agb: (i % 3 == 0).then(|| format!("{:08}", 50_000_000 + i % 17)),
            kvk: (i % 2 == 0).then(|| format!("{:08}", 10_000_000 + i % 23)),
        },
        region: Some(["Utrecht Stad", "Twente", "Rijnmond"][i % 3].into()),
        municipalities: vec![town.into()],
        description: format!("{} {town}", WHAT[k]),
        main_tasks: vec![(k % 5 + 1) as u8],
        category: None,
        start: date(start),
        end: date(start + 3),
        annual_amount: Cents::from_euros(20_000 + (i as i64 * 7_919) % 200_000),
    }
}

/// The sample plans with executors drawn from the registry's names and identifiers.
fn plans(seed: usize) -> Vec<Plan> {
    resv::io::embedded::SAMPLE_PLANS
        .iter()
        .map(|(_, text)| {
            let mut plan = resv::core::parse::parse_plan(text).unwrap();
            for (j, act) in plan.activities.iter_mut().enumerate() {
                let a = arrangement(seed * 13 + j * 5, seed);
                act.executor = match j % 3 {
                    0 => a.recipient.clone(),
                    1 => Organisation {
                        name: format!("Stichting {}", a.recipient.name),
                        agb: None,
                        kvk: None,
                    },
                    _ => act.executor.clone(),
                };
            }
            plan
        })
        .collect()
}

fn import(store: &mut Store, items: &[Arrangement]) {
    resv::app::registry::import(store, items, "gen.csv", "tester", resv::text::Lang::En).unwrap();
}

/// Every plan matched three ways (the whole index, its own candidates, the candidates of
/// all `plans` together): the same review, flag for flag.
fn same_flags(store: &Store, plans: &[Plan]) -> usize {
    let whole = RegistryIndex::new(store.arrangements().unwrap());
    let (items, totals) = store.registry_for(&funding::matcher::plans_lookup(plans)).unwrap();
    let together = RegistryIndex::partial(items, totals);
    assert!(together.arrangements.len() <= whole.len());
    let mut flags = 0;
    for plan in plans {
        assert_eq!(
            funding::review(plan, &together, &[]),
            funding::review(plan, &whole, &[]),
            "plan {} in a chunk",
            plan.id
        );
        let expected = funding::review(plan, &whole, &[]);
        let lazy = Registry::default();
        let part = lazy.for_plan(store, plan).unwrap();
        assert!(part.arrangements.len() <= whole.len());
        let got = funding::review(plan, &part, &[]);
        assert_eq!(got, expected, "plan {}", plan.id);
        flags += got.flags.len();
    }
    flags
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_keyed_lookup_raises_the_flags_of_the_whole_index(
        n in 30usize..160,
        seed in 0usize..1000,
        changed in 0usize..20,
    ) {
        let mut store = Store::open_in_memory().unwrap();
        let items: Vec<Arrangement> = (0..n).map(|i| arrangement(i, seed)).collect();
        import(&mut store, &items);
        let plans = plans(seed);
        same_flags(&store, &plans);
        // A second import changes some arrangements (new names, amounts) and adds others.
        let mut next = items.clone();
        for a in next.iter_mut().take(changed) {
            a.recipient.name = format!("{} Noord", a.recipient.name);
            a.annual_amount = Cents(a.annual_amount.0 + 100);
        }
        next.extend((n..n + changed).map(|i| arrangement(i, seed)));
        import(&mut store, &next);
        same_flags(&store, &plans);
    }
}

#[test]
fn the_sample_registry_raises_the_same_flags_both_ways() {
    let mut store = Store::open_in_memory().unwrap();
    let items = resv::io::registry_files::read_csv(resv::io::embedded::SAMPLE_REGISTRY.1).unwrap();
    import(&mut store, &items);
    let plans: Vec<Plan> = resv::io::embedded::SAMPLE_PLANS
        .iter()
        .map(|(_, t)| resv::core::parse::parse_plan(t).unwrap())
        .collect();
    assert!(same_flags(&store, &plans) > 0, "the samples raise flags");
}

#[test]
fn a_plan_without_a_registry_gets_an_empty_index() {
    let store = Store::open_in_memory().unwrap();
    let plan = resv::core::parse::parse_plan(resv::io::embedded::SAMPLE_PLANS[0].1).unwrap();
    let lazy = Registry::default();
    let part = lazy.for_plan(&store, &plan).unwrap();
    assert!(part.is_empty());
    assert!(lazy.if_loaded().is_none(), "the whole registry was never read");
}
