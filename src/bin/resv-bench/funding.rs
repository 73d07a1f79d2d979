//! The benchmark's double-funding part: a synthetic registry of 100,000 arrangements and
//! synthetic plans whose executors are drawn from it (by identifier, by a name variant, or
//! unknown), so the matcher does real work on every activity.

use anyhow::Result;
use resv::core::funding::{Arrangement, RegistryIndex, Stream, matcher};
use resv::core::money::Cents;
use resv::core::parse::parse_plan;
use resv::core::plan::{Activity, Date, Discipline, Nature, Organisation, Plan};
use std::time::Instant;

const KINDS: &[(&str, Stream, u8, &str)] = &[
    (
        "Huisartsen",
        Stream::OiHuisartsenzorg,
        1,
        "regiomanagement mandaat en vertegenwoordiging huisartsen",
    ),
    (
        "Zorggroep",
        Stream::Ketenzorg,
        3,
        "ketenzorg diabetes COPD en cardiovasculair risicomanagement",
    ),
    (
        "Stichting Welzijn",
        Stream::GemeenteWmo,
        3,
        "welzijn op recept en sociaal werk in de wijk",
    ),
    (
        "Wijkverpleging",
        Stream::IzaAzwa,
        4,
        "hechte wijkverbanden en multidisciplinair overleg in de wijk",
    ),
    (
        "Gezondheidscentrum",
        Stream::Gez,
        4,
        "GEZ samenwerking en wijkgericht werken",
    ),
    (
        "Apotheek",
        Stream::Overig,
        3,
        "medicatieoverdracht en medicatieveiligheid",
    ),
    (
        "ROS",
        Stream::Ros,
        5,
        "ondersteuning van samenwerking scholing en kwaliteit",
    ),
    (
        "Fysiotherapie",
        Stream::Zonmw,
        2,
        "voorbereiding regionale samenwerking eerstelijn",
    ),
];

const SYLLABLES: &[&str] = &[
    "aa", "bor", "cul", "dor", "ees", "fra", "gel", "hoe", "ijs", "jut", "kam", "lem", "mor", "nij", "oos", "pel",
    "ros", "sle", "ter", "uit", "val", "wes", "zan", "bra", "dal", "hee", "kap", "lin", "mee", "nor",
];

/// A made-up place name, distinct for each `i` below 27,000.
fn place(i: usize) -> String {
    let n = SYLLABLES.len();
    let mut s = format!(
        "{}{}{}",
        SYLLABLES[i % n],
        SYLLABLES[(i / n) % n],
        SYLLABLES[(i / n / n) % n]
    );
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap_or(Date {
        year: y,
        month: 1,
        day: 1,
    })
}

/// Arrangement `i` of the synthetic registry: organisation `i / 3` (three arrangements each).
pub fn arrangement(i: usize) -> Arrangement {
    let org = i / 3;
    let (kind, stream, task, what) = KINDS[org % KINDS.len()];
    let town = place(org / KINDS.len());
    let start_year = 2024 + (i % 4) as u16;
    Arrangement {
        id: format!("SYN-{i:06}"),
        funder: ["Zilveren Kruis", "VGZ", "CZ", "Menzis", "Gemeente"][i % 5].to_string(),
        stream,
        recipient: Organisation {
            name: format!("{kind} {town}"),
            agb: (org % 2 == 0).then(|| format!("{:08}", 50_000_000 + org)),
            kvk: Some(format!("{:08}", 10_000_000 + org)),
        },
        region: Some(format!("Regio {}", org % 40)),
        municipalities: vec![town.clone()],
        description: format!("{what} {town}"),
        main_tasks: vec![if i % 3 == 2 { task % 5 + 1 } else { task }],
        category: None,
        start: date(start_year, 1, 1),
        end: date(start_year + 2, 12, 31),
        annual_amount: Cents::from_euros(20_000 + (i as i64 * 7_919) % 400_000),
    }
}

/// A plan of `n` activities; executor `k` is registry organisation `seed * 7919 + k * 31`
/// (mod the organisations), given by KvK, by a name variant, or under an unknown name.
fn plan(template: &Plan, seed: usize, n: usize, orgs: usize) -> Plan {
    let mut p = template.clone();
    p.id = format!("RESV-BENCH-{seed:04}");
    p.activities = (0..n)
        .map(|k| {
            let org = (seed * 7919 + k * 31) % orgs;
            let (kind, _, task, what) = KINDS[org % KINDS.len()];
            let town = place(org / KINDS.len());
            let executor = match k % 3 {
                0 => Organisation {
                    name: format!("Stichting {kind} {town}"),
                    agb: None,
                    kvk: Some(format!("{:08}", 10_000_000 + org)),
                },
                1 => Organisation {
                    name: format!("{kind} {town} B.V."),
                    agb: None,
                    kvk: None,
                },
                _ => Organisation {
                    name: format!("Nieuw Initiatief {k} {seed}"),
                    agb: None,
                    kvk: None,
                },
            };
            Activity {
                id: format!("A{k}"),
                title: format!("{what} {town}"),
                description: format!("Regionale afspraken: {what}."),
                main_task: task,
                nature: Nature::Coordinatie,
                disciplines: vec![Discipline::Huisartsenzorg, Discipline::Wijkverpleging],
                executor,
                start: date(2027, 1, 1),
                end: date(2028, 12, 31),
                annual_cost: Cents::from_euros(50_000 + (k as i64 % 7) * 10_000),
                fte_hundredths: 100,
                agenda_link: true,
                exception: None,
                overhead: false,
            }
        })
        .collect();
    p
}

/// Peak resident memory of this process so far (Linux), in MiB.
pub fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(registry_size: usize) -> Result<()> {
    let template = parse_plan(crate::synthetic::TEMPLATE).map_err(|d| anyhow::anyhow!("template: {d:?}"))?;
    let t = Instant::now();
    let arrangements: Vec<Arrangement> = (0..registry_size).map(arrangement).collect();
    let made = t.elapsed();
    let before = peak_mib().unwrap_or(0.0);
    let t = Instant::now();
    let ix = RegistryIndex::new(arrangements);
    println!(
        "registry of {registry_size}: generated in {:.0} ms, indexed in {:.0} ms (largest name block {} of at most {})",
        made.as_secs_f64() * 1000.0,
        t.elapsed().as_secs_f64() * 1000.0,
        ix.largest_block(),
        ix.rare_limit()
    );
    println!(
        "  peak memory: {before:.0} MiB with the arrangements generated, {:.0} MiB once indexed",
        peak_mib().unwrap_or(0.0)
    );
    let orgs = registry_size / 3;
    let big = plan(&template, 1, 200, orgs.max(1));
    let reps = 20;
    let t = Instant::now();
    let mut flags = 0;
    for _ in 0..reps {
        flags = std::hint::black_box(matcher::match_plan(&big, &ix)).len();
    }
    println!(
        "double funding: one plan of 200 activities against {registry_size}: {:.2} ms ({flags} flags)  [target <= 20 ms]",
        t.elapsed().as_secs_f64() * 1000.0 / reps as f64
    );
    let queue: Vec<Plan> = (0..500).map(|s| plan(&template, s + 2, 8, orgs.max(1))).collect();
    let t = Instant::now();
    let total: usize = queue.iter().map(|p| matcher::match_plan(p, &ix).len()).sum();
    println!(
        "double funding: queue of 500 plans (8 activities each) against {registry_size}: {:.0} ms ({total} flags)  [target <= 2000 ms]",
        t.elapsed().as_secs_f64() * 1000.0
    );
    if let Some(mib) = peak_mib() {
        println!("peak memory so far (VmHWM): {mib:.0} MiB  [target <= 200 MB]");
    }
    baseline(&template, &ix, orgs.max(1));
    Ok(())
}

/// The blocked matcher against the all-pairs comparison on the same plan and registry:
/// the same flags, and how many times faster.
fn baseline(template: &Plan, ix: &RegistryIndex, orgs: usize) {
    let p = plan(template, 3, 20, orgs);
    let t = Instant::now();
    let all = matcher::match_plan_all_pairs(&p, ix);
    let slow = t.elapsed().as_secs_f64();
    let reps = 20;
    let t = Instant::now();
    let mut blocked = Vec::new();
    for _ in 0..reps {
        blocked = std::hint::black_box(matcher::match_plan(&p, ix));
    }
    let fast = t.elapsed().as_secs_f64() / reps as f64;
    println!(
        "double funding baseline: one plan of 20 activities, all pairs {:.0} ms, blocked {:.3} ms: {:.0}x faster, same flags: {} ({} flags)  [target >= 100x]",
        slow * 1000.0,
        fast * 1000.0,
        slow / fast,
        all == blocked,
        blocked.len()
    );
}
