//! NZa's Sampling screen state: the method, strata, year, planning parameters and seed the
//! fields hold, and the last sample drawn.

use crate::core::nza::{Contract, StrataBy, population};
use crate::core::sampling::plan::Planning;
use crate::core::sampling::record::{Params, Sample};
use crate::core::sampling::size::Model;
use crate::text::nza as tx;
use crate::text::{Lang, T};

pub const METHODS: [&str; 4] = ["random", "systematic", "mus", "stratified"];
pub const CONFIDENCES: [f64; 4] = [0.80, 0.90, 0.95, 0.99];
pub const RATES: [f64; 12] = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.15, 0.20];
pub const MODELS: [&str; 3] = ["binomial", "poisson", "hypergeometric"];
pub const MATERIALITY_EUROS: [i64; 7] = [50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000];

/// The fields, in order.
pub const FIELDS: [T; 11] = [
    T("Methode", "Method"),
    T("Strata", "Strata"),
    T("Allocatie", "Allocation"),
    T("Jaar", "Year"),
    T("Betrouwbaarheid", "Confidence"),
    T("Tolerabel afwijkingspercentage", "Tolerable deviation rate"),
    T("Verwachte afwijkingen", "Expected deviations"),
    T("Model", "Model"),
    T("Materialiteit (MUS)", "Materiality (MUS)"),
    T("Omvang", "Size"),
    T("Seed", "Seed"),
];
pub const SIZE_FIELD: usize = 9;
pub const SEED_FIELD: usize = 10;

pub struct SamplingView {
    pub contracts: Vec<Contract>,
    /// The report's years, for the year field (index 0 is every year).
    pub years: Vec<u16>,
    pub field: usize,
    pub method: usize,
    pub strata: usize,
    pub fixed: bool,
    pub year: usize,
    pub confidence: usize,
    pub rate: usize,
    pub expected: u64,
    pub model: usize,
    pub materiality: usize,
    /// A size typed by the user, over the planned one.
    pub size: Option<u64>,
    pub seed: u64,
    /// The last sample drawn, with its number once stored.
    pub drawn: Option<(Option<i64>, Sample)>,
    /// The chosen item (highlighted; the list scrolls to keep it on screen): the item
    /// `o`/`v` record a finding on.
    pub scroll: usize,
    /// The latest finding per item of the drawn sample (`ok`, `deviation`, `audited`).
    pub findings: std::collections::HashMap<String, &'static str>,
    /// Digits are being typed into the focused size or seed field: the first digit after
    /// the field got focus replaces its value, the next ones extend it.
    pub typing: bool,
}

impl SamplingView {
    pub fn new(contracts: Vec<Contract>, years: Vec<u16>, seed: u64) -> SamplingView {
        SamplingView {
            contracts,
            years,
            field: 0,
            method: 0,
            strata: 0,
            fixed: false,
            year: 0,
            confidence: 2,
            rate: 4,
            expected: 0,
            model: 0,
            materiality: 3,
            size: None,
            seed,
            drawn: None,
            scroll: 0,
            findings: std::collections::HashMap::new(),
            typing: false,
        }
    }

    /// Items of the drawn sample still without a finding, and all of them.
    pub fn open_items(&self) -> (usize, usize) {
        let items = self.drawn.as_ref().map_or(0, |d| d.1.items.len());
        (items.saturating_sub(self.findings.len()), items)
    }

    pub fn year(&self) -> Option<u16> {
        self.year.checked_sub(1).and_then(|i| self.years.get(i).copied())
    }

    pub fn strata_by(&self) -> Option<StrataBy> {
        (self.method == 3).then_some(StrataBy::ALL[self.strata])
    }

    pub fn mus(&self) -> bool {
        self.method == 2
    }

    pub fn population(&self) -> Vec<crate::core::sampling::select::Unit> {
        population(&self.contracts, self.year(), self.strata_by())
    }

    /// How the fields plan the size.
    fn planning(&self) -> Planning {
        let units = self.population();
        let confidence = CONFIDENCES[self.confidence];
        if self.mus() {
            Planning::Mus {
                confidence,
                materiality_cents: MATERIALITY_EUROS[self.materiality] * 100,
                total_cents: crate::core::sampling::select::total_cents(&units).unwrap_or(i64::MAX),
            }
        } else {
            Planning::Attribute {
                confidence,
                tolerable_rate: RATES[self.rate],
                expected: self.expected,
                model: match self.model {
                    0 => Model::Binomial,
                    1 => Model::Poisson,
                    _ => Model::Hypergeometric {
                        population: units.len() as u64,
                    },
                },
            }
        }
    }

    /// The planned size for the fields, or why there is none.
    pub fn planned(&self, lang: Lang) -> Result<u64, String> {
        self.planning().size().map_err(|e| tx::size_error(&e, lang))
    }

    /// The parameters a draw uses now, or why it cannot.
    pub fn params(&self, lang: Lang) -> Result<Params, String> {
        let (size, planned_by) = match self.size {
            Some(n) => (n, None),
            None => (self.planned(lang)?, Some(self.planning().describe(self.year()))),
        };
        Ok(Params {
            method: METHODS[self.method].to_string(),
            size,
            seed: self.seed,
            year: self.year(),
            strata: self.strata_by(),
            allocation: self
                .strata_by()
                .map(|_| if self.fixed { "fixed" } else { "proportional" }.to_string()),
            planned_by,
            cutoff: None,
        })
    }

    /// ←/→ on the focused field.
    pub fn change(&mut self, forward: bool) {
        let turn = |i: usize, n: usize| if forward { (i + 1) % n } else { (i + n - 1) % n };
        match self.field {
            0 => self.method = turn(self.method, METHODS.len()),
            1 => self.strata = turn(self.strata, StrataBy::ALL.len()),
            2 => self.fixed = !self.fixed,
            3 => self.year = turn(self.year, self.years.len() + 1),
            4 => self.confidence = turn(self.confidence, CONFIDENCES.len()),
            5 => self.rate = turn(self.rate, RATES.len()),
            6 => {
                self.expected = if forward {
                    (self.expected + 1).min(20)
                } else {
                    self.expected.saturating_sub(1)
                }
            }
            7 => self.model = turn(self.model, MODELS.len()),
            8 => self.materiality = turn(self.materiality, MATERIALITY_EUROS.len()),
            SIZE_FIELD => {
                let n = self.size.unwrap_or(0);
                self.size = Some(if forward { n + 1 } else { n.saturating_sub(1).max(1) });
            }
            _ => {
                self.seed = if forward {
                    self.seed.wrapping_add(1)
                } else {
                    self.seed.wrapping_sub(1)
                }
            }
        }
    }

    /// Moves the focus to `field` (a typed value is then kept as it is).
    pub fn focus(&mut self, field: usize) {
        self.field = field.min(FIELDS.len() - 1);
        self.typing = false;
    }

    /// A digit typed on the size or seed field: the first one replaces the value.
    pub fn digit(&mut self, d: u8) {
        if !self.typing && matches!(self.field, SIZE_FIELD | SEED_FIELD) {
            self.typing = true;
            match self.field {
                SIZE_FIELD => self.size = None,
                _ => self.seed = 0,
            }
        }
        match self.field {
            SIZE_FIELD => {
                self.size = Some(
                    self.size
                        .unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(d as u64)
                        .min(crate::core::sampling::size::MAX_SAMPLE_SIZE),
                )
            }
            SEED_FIELD => {
                self.seed = self
                    .seed
                    .checked_mul(10)
                    .and_then(|s| s.checked_add(d as u64))
                    .unwrap_or(self.seed)
            }
            _ => {}
        }
    }

    /// Backspace: the size goes back to the planned one digit by digit; so does the seed.
    pub fn backspace(&mut self) {
        self.typing = true;
        match self.field {
            SIZE_FIELD => self.size = self.size.map(|n| n / 10).filter(|n| *n > 0),
            SEED_FIELD => self.seed /= 10,
            _ => {}
        }
    }
}
