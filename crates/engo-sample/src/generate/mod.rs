//! The generator: one module a kind of record, each step drawing from one random stream in a
//! fixed order, so the same seed gives the same sample, byte for byte.

mod applications;
mod awards;
mod bodies;
mod faults;
mod foreign_funding;
mod grants;
mod mediation;
mod organizations;
mod partnerships;
mod plans;
mod projects;
mod social_orders;
mod state_bodies;
mod values;
mod volunteering;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use engo_criteria::Code;
use engo_model::{
    Bin, Dataset, Kato, LocalizedText, MrpTable, Quantity,
    classifier::{AreaCode, regions},
    id::RecordRef,
    record::{Indicator, StateBody},
};

use crate::{
    Config, SampleError,
    error::{Cause, Step},
    rng::Rng,
    synthesize, words,
};
use values::{almaty, date, parse, pick, text, weighted};

pub use faults::{UNPLANTED, Unplanted, planted_rules};

/// A fault planted on purpose: the rule it breaks and the record that breaks it.
///
/// Validating the sample finds each: a finding of `code` whose record is `record` (a finding
/// that names no record, such as `ref.dangling` or a `shape.*` one, points into the record by
/// its path). A rule only the guards of the audit log check (`grant.plan_discussion.too_short`,
/// `stage.winner.unknown`) is found as the `stage.guard.failed` finding of the record, whose
/// `codes` name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlantedFault {
    /// The finding code the fault is made to raise.
    pub code: Code,
    /// The record the finding names: the one that carries the fault (the social order whose
    /// project exceeds its budget, the organisation that has not declared a grant's area).
    pub record: RecordRef,
}

/// A generated dataset and the faults planted in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The dataset, with its audit log.
    pub dataset: Dataset,
    /// Every planted fault, sorted.
    pub faults: Vec<PlantedFault>,
}

/// Generates the sample of `config`: the records of every kind, their audit log, and the faults
/// planted on purpose.
///
/// # Errors
///
/// A [`SampleError`] naming the step that failed and why: a text the model refuses, an
/// identifier that does not parse, an MRP year missing from the table… — a bug of the generator
/// or of its embedded data, never of the configuration.
pub fn generate(config: &Config) -> Result<Sample, SampleError> {
    let mut g = Generator::new(config).map_err(|cause| SampleError {
        step: Step::Setup,
        cause,
    })?;
    g.run(Step::StateBodies, Generator::state_bodies)?;
    // The publisher is the authorized body, as in the embedded example, by the generated
    // ministry's BIN.
    if let Some(ministry) = g.ds.state_bodies.first() {
        g.ds.publisher.org_id = ministry.bin.org_id();
    }
    g.run(Step::Organizations, Generator::organizations)?;
    g.run(Step::Experts, Generator::experts)?;
    g.run(Step::SocialOrders, Generator::social_orders)?;
    g.run(Step::Grants, Generator::grants)?;
    g.run(Step::Awards, Generator::awards)?;
    g.run(Step::MediationCases, Generator::mediation_cases)?;
    // The instruments added later (issue 13) draw from a stream of their own, so that the
    // records made before them, and the faults planted after, keep their bytes at a seed.
    let instruments = g.rng.fork(INSTRUMENTS_STREAM);
    let main = std::mem::replace(&mut g.rng, instruments);
    g.run(Step::Plans, Generator::plans)?;
    g.run(Step::PartnershipOrders, Generator::partnership_orders)?;
    g.run(Step::Bodies, Generator::bodies)?;
    // The register of foreign funding draws from a stream of its own, forked from the main
    // stream as it stands here, so that adding it kept the bytes of the instruments before it.
    g.rng = main.fork(FOREIGN_FUNDING_STREAM);
    g.run(Step::ForeignFunding, Generator::foreign_funding)?;
    g.rng = main.fork(VOLUNTEERING_STREAM);
    g.run(Step::Volunteering, Generator::volunteering)?;
    g.rng = main;
    g.ds.events = synthesize(&g.ds);
    g.run(Step::Faults, Generator::plant_faults)?;
    Ok(Sample {
        dataset: g.ds,
        faults: g.faults,
    })
}

/// An organisation of the register, as the generator sees it.
#[derive(Debug, Clone, Copy)]
struct Participant {
    bin: Bin,
    index: usize,
}

/// The years of the sample and their weights; [`Generator::year_and_stage`] draws from them.
const YEARS: &[(i32, u32)] = &[(2024, 35), (2025, 40), (2026, 25)];

/// The 2023 mix of activity areas of active NGOs (domain-kz.md §12), in hundredths of a per
/// cent, with youth and employment (absent from that table) added.
const AREA_MIX: &[(&str, u32)] = &[
    ("RIGHTS", 2005),
    ("EDU", 1568),
    ("YOUTH", 1400),
    ("HEALTH", 930),
    ("VULN", 778),
    ("ORPH", 484),
    ("UNITY", 360),
    ("OTHER", 341),
    ("EMPL", 217),
    ("DEMO", 200),
    ("GENDER", 193),
    ("CULT", 179),
    ("ENV", 177),
    ("HERIT", 168),
];

/// The stream of the instruments added after the first records (issue 13), forked from the main
/// stream.
const INSTRUMENTS_STREAM: u64 = 13;

/// The stream of the register of foreign funding, forked from the main stream.
const FOREIGN_FUNDING_STREAM: u64 = 1311;

/// The stream of volunteer programmes and actions, forked from the main stream.
const VOLUNTEERING_STREAM: u64 = 1312;

/// How many serial numbers the generator tries for a fresh BIN before it gives up.
const BIN_ATTEMPTS: u32 = 100_000;

/// The generator: the random stream, and what was already made.
struct Generator {
    rng: Rng,
    cfg: Config,
    /// The day the sample is published: nothing in it happens later.
    today: NaiveDate,
    used_bins: BTreeSet<Bin>,
    mrp: &'static MrpTable,
    /// Codes of the regions in force at publication.
    regions: Vec<String>,
    ds: Dataset,
    /// Active organisations with every NGO-database report on time: those that take part.
    eligible: Vec<Participant>,
    faults: Vec<PlantedFault>,
}

impl Generator {
    fn new(config: &Config) -> Result<Generator, Cause> {
        let published_at = almaty(date(2026, 11, 20)?, 10, 0)?;
        let today = published_at.date_naive();
        // The publisher of the embedded example (the authorized body).
        let publisher = engo_model::example::dataset().publisher;
        Ok(Generator {
            rng: Rng::new(config.seed),
            cfg: *config,
            today,
            used_bins: BTreeSet::new(),
            mrp: MrpTable::embedded(),
            regions: regions().valid_at(today).map(|r| r.code.clone()).collect(),
            ds: Dataset::new(publisher, published_at),
            eligible: Vec::new(),
            faults: Vec::new(),
        })
    }

    /// Runs one step, naming it in its error.
    fn run(
        &mut self,
        step: Step,
        make: fn(&mut Generator) -> Result<(), Cause>,
    ) -> Result<(), SampleError> {
        make(self).map_err(|cause| SampleError { step, cause })
    }

    /// `true` with probability `percent` %.
    fn chance(&mut self, percent: u32) -> bool {
        self.rng.below(100) < u64::from(percent)
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        self.rng.range(lo, hi)
    }

    /// A number in `lo..=hi`, as the type the record wants.
    fn number<T: TryFrom<u64, Error = std::num::TryFromIntError>>(
        &mut self,
        lo: u64,
        hi: u64,
    ) -> Result<T, Cause> {
        Ok(T::try_from(self.between(lo, hi))?)
    }

    /// A year of the sample (by [`YEARS`]) and a stage drawn from that year's mix in
    /// `mixes` (one a year, in the order of [`YEARS`]).
    fn year_and_stage<S: Copy>(
        &mut self,
        mixes: [&[(S, u32)]; 3],
        what: &'static str,
    ) -> Result<(i32, S), Cause> {
        let year = *weighted(&mut self.rng, YEARS, "years")?;
        let mix = YEARS
            .iter()
            .zip(mixes)
            .find_map(|((y, _), mix)| (*y == year).then_some(mix))
            .ok_or(Cause::Missing(what))?;
        Ok((year, *weighted(&mut self.rng, mix, what)?))
    }

    /// A fresh, unique BIN of a resident legal entity registered in `year`/`month`.
    fn bin(&mut self, year: i32, month: u32) -> Result<Bin, Cause> {
        let yy = year.rem_euclid(100);
        for _ in 0..BIN_ATTEMPTS {
            let serial = self.rng.below(100_000);
            let first11 = format!("{yy:02}{month:02}40{serial:05}");
            // The last digit is the check digit: one of the ten parses (none for the few
            // serials that have no check digit).
            for last in 0..10 {
                if let Ok(bin) = format!("{first11}{last}").parse::<Bin>()
                    && self.used_bins.insert(bin)
                {
                    return Ok(bin);
                }
            }
        }
        Err(Cause::BinsExhausted { year, month })
    }

    /// A day of `year` between the months `from_month` and `to_month` (the 28th at the latest).
    fn day(&mut self, year: i32, from_month: u32, to_month: u32) -> Result<NaiveDate, Cause> {
        let month = self.number(u64::from(from_month), u64::from(to_month))?;
        let day = self.number(1, 28)?;
        date(year, month, day)
    }

    /// An activity area, by [`AREA_MIX`].
    fn area(&mut self) -> Result<AreaCode, Cause> {
        parse(weighted(&mut self.rng, AREA_MIX, "activity areas")?)
    }

    /// The code of a region in force.
    fn region(&mut self) -> Result<String, Cause> {
        pick(&mut self.rng, &self.regions, "regions").cloned()
    }

    /// The KATO code of a whole region.
    fn kato(region: &str) -> Result<Kato, Cause> {
        parse(&format!("{region}0000000"))
    }

    /// `n` indicators (`IND-1`…) with a baseline of zero and a target.
    fn indicators(&mut self, n: usize) -> Result<Vec<Indicator>, Cause> {
        (1..=n)
            .map(|i| {
                let (title_kk, title_ru, unit_kk, unit_ru) =
                    *pick(&mut self.rng, words::INDICATORS, "indicators")?;
                let mut indicator = Indicator::new(
                    parse(&format!("IND-{i}"))?,
                    text(title_kk, title_ru)?,
                    text(unit_kk, unit_ru)?,
                    Quantity::from_int(self.number(20, 2000)?),
                );
                indicator.baseline = Some(Quantity::ZERO);
                Ok(indicator)
            })
            .collect()
    }

    /// The title of a social project in `area`.
    fn topic(&mut self, area: &AreaCode) -> Result<LocalizedText, Cause> {
        let (kk, ru) = *pick(&mut self.rng, words::topics(area.as_str()), "topics")?;
        text(kk, ru)
    }

    /// An eligible organisation; `None` when no organisation is eligible (at the smallest
    /// scales), and then no competition can be held.
    fn participant(&mut self) -> Option<Participant> {
        self.rng.pick(&self.eligible).copied()
    }

    /// A state body of a region.
    fn local_body(&mut self) -> Result<StateBody, Cause> {
        let locals: Vec<&StateBody> = self
            .ds
            .state_bodies
            .iter()
            .filter(|b| b.region.is_some())
            .collect();
        pick(&mut self.rng, &locals, "state body of a region").map(|b| (*b).clone())
    }
}
