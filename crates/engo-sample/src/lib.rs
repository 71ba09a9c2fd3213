//! A deterministic synthetic dataset of the E-NGO portal at national scale.
//!
//! Scale 1 is Kazakhstan's volume: about 25 000 organisations with the 2023 mix of registry
//! statuses and activity areas, state bodies of all 20 regions, about 4 000 social orders,
//! 1 500 grants and 100 awards with their applications, evaluations and projects (milestones,
//! indicators, reports, tranches), and an audit log of hundreds of thousands of events that
//! replays cleanly. Names and texts are Kazakh and Russian; BINs carry valid check digits; KATO
//! codes are real regions. The same seed gives the same dataset, byte for byte; the sample never
//! reads the clock.
//!
//! With `faults` above zero, that share of records breaks a specific rule on purpose, and
//! [`Sample::faults`] says which record breaks which rule — for demonstrations and tests.
//!
//! ```
//! use engo_sample::{Config, generate};
//!
//! let sample = generate(&Config::new(0.01, 42, 0.0)?);
//! let ds = &sample.dataset;
//! assert_eq!(ds.organizations.len(), 250);
//! assert!(!ds.events.is_empty());
//! assert_eq!(generate(&Config::new(0.01, 42, 0.0)?).dataset, *ds); // deterministic
//! # Ok::<(), engo_sample::ConfigError>(())
//! ```

mod rng;
mod synth;
mod words;

use std::{collections::BTreeSet, str::FromStr};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use engo_criteria::Code;
use engo_model::{
    Bin, Dataset, Iin, Kato, Lang, LocalizedText, Money, MrpTable, Quantity,
    classifier::{AreaCode, LegalFormCode, regions},
    id::RecordRef,
    lifecycle::*,
    record::*,
};
pub use rng::Rng;
pub use synth::synthesize;

/// Why a configuration is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The scale is not in `0.0001..=10`.
    #[error("scale must be between 0.0001 and 10, found {0}")]
    Scale(f64),
    /// The share of faults is not in `0..=1`.
    #[error("faults must be a share between 0 and 1, found {0}")]
    Faults(f64),
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Scale in millionths of the national volume (1 000 000 = scale 1).
    scale_ppm: u64,
    /// Seed of the random stream.
    seed: u64,
    /// Share of records given a fault, in millionths.
    faults_ppm: u32,
}

impl Config {
    /// A configuration: `scale` 1 is the national volume, `faults` the share of records that
    /// break a rule on purpose.
    pub fn new(scale: f64, seed: u64, faults: f64) -> Result<Config, ConfigError> {
        if !(0.0001..=10.0).contains(&scale) {
            return Err(ConfigError::Scale(scale));
        }
        if !(0.0..=1.0).contains(&faults) {
            return Err(ConfigError::Faults(faults));
        }
        // Rounded once to integers: every later step is exact integer arithmetic.
        let scale_ppm = (scale * 1e6).round() as u64;
        let faults_ppm = (faults * 1e6).round() as u32;
        Ok(Config {
            scale_ppm,
            seed,
            faults_ppm,
        })
    }

    /// `base` records at this scale, at least one.
    fn count(&self, base: u64) -> usize {
        usize::try_from((base * self.scale_ppm / 1_000_000).max(1)).unwrap_or(1)
    }
}

/// A fault planted on purpose: the rule it breaks and the record that breaks it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlantedFault {
    /// The finding code the fault is made to raise.
    pub code: Code,
    /// The record that carries it.
    pub record: RecordRef,
}

/// A generated dataset and the faults planted in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The dataset, with its audit log.
    pub dataset: Dataset,
    /// Every planted fault.
    pub faults: Vec<PlantedFault>,
}

/// The moment the sample is published.
pub fn published_at() -> DateTime<FixedOffset> {
    almaty(date(2026, 11, 20), 10, 0)
}

fn almaty(day: NaiveDate, h: u32, m: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(5 * 3600)
        .and_then(|tz| {
            day.and_hms_opt(h, m, 0)
                .and_then(|t| tz.from_local_datetime(&t).single())
        })
        .unwrap_or_default()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn p<T: FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

fn text(kk: &str, ru: &str) -> Option<LocalizedText> {
    LocalizedText::from_kk_ru(kk, ru).ok()
}

fn tenge(t: u64) -> Money {
    Money::from_tenge(t).unwrap_or_default()
}

/// The period of `months` whole months from `start`.
fn months_from(start: NaiveDate, months: u32) -> Period {
    let end = start
        .checked_add_months(chrono::Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start);
    Period::new(start, end)
}

/// An organisation of the register, as the generator sees it.
#[derive(Debug, Clone, Copy)]
struct Participant {
    bin: Bin,
    index: usize,
}

/// A competition that applications answer.
struct Competition<'a> {
    target: ApplicationTarget,
    key: &'a str,
    submitted: NaiveDate,
    requested: Money,
    period: Period,
}

/// What a project is made from.
struct ProjectSpec {
    id: String,
    source: ProjectSource,
    implementer: Bin,
    payer: Bin,
    title: LocalizedText,
    period: Period,
    budget: Money,
    region: Kato,
    stage: ProjectStage,
}

/// The generator: the random stream, and what was already made.
struct Gen {
    rng: Rng,
    cfg: Config,
    used_bins: BTreeSet<Bin>,
    mrp: &'static MrpTable,
    regions: Vec<String>,
    ds: Dataset,
    /// Active organisations with every NGO-database report on time: those that take part.
    eligible: Vec<Participant>,
    faults: Vec<PlantedFault>,
}

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

/// The April 2023 registry (domain-kz.md §12): 18 204 active of 23 335, 2 217 inactive, 1 103
/// suspended, 68 in liquidation; the 1 742 registered without a BIN are shown as `registered`.
const STATUS_MIX: &[(OrganizationStage, u32)] = &[
    (OrganizationStage::Active, 18_204),
    (OrganizationStage::Inactive, 2_217),
    (OrganizationStage::Registered, 1_742),
    (OrganizationStage::Suspended, 1_103),
    (OrganizationStage::InLiquidation, 68),
    (OrganizationStage::Liquidated, 120),
];

const FORM_MIX: &[(&str, u32)] = &[
    ("public_association", 480),
    ("foundation", 260),
    ("institution", 150),
    ("association_of_legal_entities", 70),
    ("joint_stock_company", 5),
    ("consumer_cooperative", 10),
    ("religious_association", 20),
    ("trade_union", 4),
    ("political_party", 1),
];

impl Gen {
    fn chance(&mut self, percent: u32) -> bool {
        self.rng.below(100) < u64::from(percent)
    }

    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        self.rng.range(lo, hi)
    }

    fn small(&mut self, lo: u32, hi: u32) -> u32 {
        u32::try_from(self.rng.range(u64::from(lo), u64::from(hi))).unwrap_or(lo)
    }

    /// A fresh, unique BIN of a resident legal entity registered in `year`/`month`.
    fn bin(&mut self, year: i32, month: u32) -> Bin {
        let yy = year.rem_euclid(100);
        loop {
            let serial = self.rng.below(100_000);
            let first11 = format!("{yy:02}{month:02}40{serial:05}");
            for last in 0..10 {
                if let Some(bin) = p::<Bin>(&format!("{first11}{last}"))
                    && self.used_bins.insert(bin)
                {
                    return bin;
                }
            }
        }
    }

    fn day(&mut self, year: i32, from_month: u32, to_month: u32) -> NaiveDate {
        let m = self.small(from_month, to_month);
        let d = self.small(1, 28);
        date(year, m, d)
    }

    fn area(&mut self) -> Option<AreaCode> {
        self.rng.weighted(AREA_MIX).and_then(|c| p(c))
    }

    fn region(&mut self) -> Option<String> {
        self.rng.pick(&self.regions).cloned()
    }

    fn kato(region: &str) -> Option<Kato> {
        p(&format!("{region}0000000"))
    }

    fn indicators(&mut self, n: usize) -> Vec<Indicator> {
        (1..=n)
            .filter_map(|i| {
                let (tk, tr, uk, ur) = *self.rng.pick(words::INDICATORS)?;
                let mut indicator = Indicator::new(
                    p(&format!("IND-{i}"))?,
                    text(tk, tr)?,
                    text(uk, ur)?,
                    Quantity::from_int(i32::try_from(self.between(20, 2000)).unwrap_or(100)),
                );
                indicator.baseline = Some(Quantity::ZERO);
                Some(indicator)
            })
            .collect()
    }

    fn topic(&mut self, area: &AreaCode) -> Option<LocalizedText> {
        let (kk, ru) = *self.rng.pick(words::topics(area.as_str()))?;
        text(kk, ru)
    }

    fn participant(&mut self) -> Option<Participant> {
        self.rng.pick(&self.eligible).copied()
    }

    /// The organisations: names, legal forms, regions, statuses, areas, NGO-database reports.
    fn organizations(&mut self) {
        let n = self.cfg.count(25_000);
        for _ in 0..n {
            let Some((org, diligent)) = self.organization() else {
                continue;
            };
            if diligent {
                self.eligible.push(Participant {
                    bin: org.bin,
                    index: self.ds.organizations.len(),
                });
            }
            self.ds.organizations.push(org);
        }
    }

    /// An organisation, and whether it is diligent (eligible to take part).
    fn organization(&mut self) -> Option<(Organization, bool)> {
        let reg_year = i32::try_from(self.between(1995, 2024)).unwrap_or(2010);
        let registered_on = self.day(reg_year, 1, 12);
        let bin = self.bin(
            reg_year,
            registered_on.format("%m").to_string().parse().unwrap_or(1),
        );
        let form = *self.rng.weighted(FORM_MIX)?;
        let (name_kk, name_ru) = *self.rng.pick(words::ORG_NAMES)?;
        let (form_kk, form_ru) = words::form_words(form);
        let number = self.between(1, 999);
        let name = text(
            &format!("«{name_kk}-{number}» {form_kk}"),
            &format!("{form_ru} «{name_ru}-{number}»"),
        )?;
        let region = self.region()?;
        let stage = *self.rng.weighted(STATUS_MIX)?;
        let since_year = i32::try_from(self.between(u64::try_from(reg_year).unwrap_or(2010), 2025))
            .unwrap_or(reg_year);
        let since = if stage == OrganizationStage::Active {
            registered_on
        } else {
            self.day(since_year, 1, 12).max(registered_on)
        };
        let mut areas = BTreeSet::new();
        for _ in 0..self.between(1, 3) {
            areas.extend(self.area());
        }
        let eligible_form = matches!(
            form,
            "public_association" | "foundation" | "institution" | "association_of_legal_entities"
        );
        // About one active NGO in three reports to the NGO database every year on time (5 191 of
        // 18 204 did for 2022); those are the ones that can take part.
        let diligent = stage == OrganizationStage::Active
            && eligible_form
            && reg_year <= 2021
            && self.chance(40);
        let mut database_reports = Vec::new();
        for year in 2022..=2025 {
            if year < reg_year {
                continue;
            }
            let on_time = diligent || self.chance(25);
            if !on_time && !self.chance(30) {
                continue;
            }
            let submitted_on = if on_time {
                self.day(year + 1, 1, 3)
            } else {
                self.day(year + 1, 4, 10)
            };
            if submitted_on > published_at().date_naive() {
                continue;
            }
            let budget = tenge(self.between(0, 40) * 1_000_000);
            let donations = tenge(self.between(0, 3_000) * 1_000);
            let spending = budget.checked_add(donations).unwrap_or(budget);
            let mut report = DatabaseReport::new(
                year,
                if on_time {
                    NgoReportStage::Accepted
                } else {
                    NgoReportStage::SubmittedLate
                },
                self.small(1, 30),
                IncomeBySource::new(budget, Money::ZERO, donations, Money::ZERO),
                spending,
                self.small(0, 40),
                self.small(0, 300),
            );
            report.submitted_on = Some(submitted_on);
            database_reports.push(report);
        }
        let site = self.chance(40);
        let mut org = Organization::new(
            bin,
            name,
            p::<LegalFormCode>(form)?,
            registered_on,
            Self::kato(&region)?,
            RegistryStatus { stage, since },
        );
        org.areas = areas;
        org.charitable = self.chance(10);
        org.volunteer = self.chance(15);
        org.website = site.then(|| format!("https://ngo-{bin}.kz"));
        org.email = site.then(|| format!("info@ngo-{bin}.kz"));
        org.database_reports = database_reports;
        if self.chance(1) {
            let mut arrears =
                Disqualification::new(DisqualificationKind::TaxArrears, date(2020, 3, 1));
            arrears.to = Some(date(2020, 9, 30));
            org.disqualifications.push(arrears);
        }
        Some((org, diligent))
    }

    /// The ministry, the grant operator, central ministries and two departments of every region.
    fn state_bodies(&mut self) -> Option<()> {
        let central = [
            (
                "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
                "Министерство культуры и информации Республики Казахстан",
                false,
            ),
            (
                "«Азаматтық бастамаларды қолдау орталығы» КЕАҚ",
                "НАО «Центр поддержки гражданских инициатив»",
                true,
            ),
            (
                "Қазақстан Республикасы Оқу-ағарту министрлігі",
                "Министерство просвещения Республики Казахстан",
                false,
            ),
            (
                "Қазақстан Республикасы Денсаулық сақтау министрлігі",
                "Министерство здравоохранения Республики Казахстан",
                false,
            ),
            (
                "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",
                "Министерство труда и социальной защиты населения Республики Казахстан",
                false,
            ),
            (
                "Қазақстан Республикасы Экология және табиғи ресурстар министрлігі",
                "Министерство экологии и природных ресурсов Республики Казахстан",
                false,
            ),
        ];
        for (kk, ru, operator) in central {
            let year = 2000 + i32::try_from(self.between(0, 22)).unwrap_or(0);
            let bin = self.bin(year, 1);
            let mut body = StateBody::new(bin, text(kk, ru)?, p("central")?);
            body.grant_operator = operator;
            self.ds.state_bodies.push(body);
        }
        for code in self.regions.clone() {
            let region = regions().at(&code, published_at().date_naive())?;
            let (rk, rr) = (
                region.name.get(Lang::Kk).to_owned(),
                region.name.get(Lang::Ru).to_owned(),
            );
            for (dk, dr) in [
                (
                    "қоғамдық даму басқармасы",
                    "Управление общественного развития",
                ),
                (
                    "жастар саясаты мәселелері жөніндегі басқармасы",
                    "Управление по вопросам молодёжной политики",
                ),
            ] {
                let year = 2000 + i32::try_from(self.between(0, 22)).unwrap_or(0);
                let bin = self.bin(year, 6);
                let name = text(&format!("{rk} әкімдігінің {dk}"), &format!("{dr} ({rr})"))?;
                let mut body = StateBody::new(bin, name, p("local")?);
                body.region = Self::kato(&code);
                self.ds.state_bodies.push(body);
            }
        }
        Some(())
    }

    fn expert_ids(&mut self, n: usize) -> Vec<engo_model::id::ExpertId> {
        let total = self.ds.experts.len() as u64;
        let mut ids = BTreeSet::new();
        while ids.len() < n.min(self.ds.experts.len()) {
            let i = usize::try_from(self.rng.below(total)).unwrap_or(0);
            if let Some(e) = self.ds.experts.get(i) {
                ids.insert(e.id.clone());
            }
        }
        ids.into_iter().collect()
    }

    fn experts(&mut self) -> Option<()> {
        for i in 0..self.cfg.count(300).max(5) {
            // Experts work at universities and companies outside the NGO register.
            let affiliations = (0..self.between(0, 2)).map(|_| self.bin(2005, 9)).collect();
            let mut expert = Expert::new(p(&format!("EX-{i:05}"))?);
            expert.affiliations = affiliations;
            self.ds.experts.push(expert);
        }
        Some(())
    }

    /// Applications to a competition from eligible organisations: the winner (if any) first.
    fn applications(
        &mut self,
        c: &Competition<'_>,
        winner: Option<Participant>,
        stages: &[ApplicationStage],
    ) -> Option<()> {
        let Competition {
            target,
            key,
            submitted,
            requested,
            period,
        } = c;
        let (submitted, requested, period) = (*submitted, *requested, *period);
        let mut applicants: Vec<(Participant, ApplicationStage)> = Vec::new();
        if let Some(w) = winner {
            applicants.push((w, ApplicationStage::Winner));
        }
        for &stage in stages {
            let other = self.participant()?;
            if applicants.iter().all(|(a, _)| a.bin != other.bin) {
                applicants.push((other, stage));
            }
        }
        let grant = matches!(target, ApplicationTarget::Grant(_));
        for (n, (who, stage)) in applicants.into_iter().enumerate() {
            let at = almaty(submitted, 9 + u32::try_from(n % 8).unwrap_or(0), 15);
            let own = if grant {
                requested.checked_ratio(self.between(0, 10), 100).ok()?
            } else {
                Money::ZERO
            };
            let scored = matches!(
                stage,
                ApplicationStage::Scored
                    | ApplicationStage::Winner
                    | ApplicationStage::NotSelected
                    | ApplicationStage::Appealed
            );
            let scores = if scored {
                self.expert_ids(2)
                    .into_iter()
                    .map(|expert| ExpertScore {
                        expert,
                        score: self.small(40, 100),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let mut record = Application::new(
                p(&format!("APP-{key}-{}", n + 1))?,
                who.bin,
                target.clone(),
                if self.chance(60) { Lang::Kk } else { Lang::Ru },
                requested,
                period,
                stage,
            );
            record.submitted_at = (stage != ApplicationStage::Draft).then_some(at);
            let mut own_line = BudgetLine::new(
                text("Ұйымның өз қажеттіліктері", "Собственные нужды организации")?,
                own,
            );
            own_line.own_support = true;
            record.budget_lines = vec![
                BudgetLine::new(
                    text("Жоба шығыстары", "Расходы проекта")?,
                    requested.checked_sub(own).ok()?,
                ),
                own_line,
            ];
            record.indicators = self.indicators(1);
            record.scores = scores;
            self.ds.applications.push(record);
        }
        Some(())
    }

    /// A project with milestones, indicators, reports and tranches, as far as its stage goes.
    fn project(&mut self, spec: ProjectSpec) -> Option<()> {
        let ProjectSpec {
            id,
            source,
            implementer,
            payer,
            title,
            period,
            budget,
            region,
            stage,
        } = spec;
        let today = published_at().date_naive();
        let total_days = (period.end - period.start).num_days().max(3);
        let at = |share: i64| {
            period.start + chrono::Days::new(u64::try_from(total_days * share / 100).unwrap_or(0))
        };
        let finished = matches!(stage, ProjectStage::Completed | ProjectStage::Closed);
        let mut milestones = Vec::new();
        let plan = [
            (
                "M1",
                "Жобаны іске қосу",
                "Запуск проекта",
                MilestoneType::Delivery,
                20,
            ),
            (
                "M2",
                "Аралық есеп",
                "Промежуточный отчёт",
                MilestoneType::Reporting,
                55,
            ),
            (
                "M3",
                "Қорытынды есеп",
                "Итоговый отчёт",
                MilestoneType::Reporting,
                100,
            ),
        ];
        for (mid, kk, ru, kind, share) in plan {
            let due = at(share).min(period.end);
            let started = !matches!(stage, ProjectStage::Planned);
            let met = started && (finished || due < today) && stage != ProjectStage::Terminated;
            let (status, date_met) = if met {
                let late = self.chance(10);
                let when = if late {
                    due + chrono::Days::new(self.between(1, 20))
                } else {
                    due - chrono::Days::new(self.between(0, 10))
                };
                (
                    if late {
                        MilestoneStage::PartiallyMet
                    } else {
                        MilestoneStage::Met
                    },
                    Some(when.min(today).max(period.start)),
                )
            } else {
                (MilestoneStage::Scheduled, None)
            };
            let mut milestone = Milestone::new(p(mid)?, text(kk, ru)?, kind, due, status);
            milestone.date_met = date_met;
            milestones.push(milestone);
        }
        let mut reports = Vec::new();
        for m in milestones
            .iter()
            .filter(|m| m.kind == MilestoneType::Reporting)
        {
            if let Some(met) = m.date_met {
                let final_report = m.id.as_str() == "M3";
                let kind = if final_report {
                    ReportKind::Completion
                } else {
                    ReportKind::Progress
                };
                let mut report = ProjectReport::new(p(&format!("R-{}", m.id))?, kind, met);
                report.accepted_on =
                    Some((met + chrono::Days::new(self.between(3, 15))).min(today));
                report.milestone = Some(m.id.clone());
                reports.push(report);
            }
        }
        let mut tranches = Vec::new();
        if !matches!(stage, ProjectStage::Planned) {
            let first = budget.checked_ratio(30, 100).ok()?;
            tranches.push(Tranche::new(
                p("T1")?,
                period.start.min(today),
                first,
                payer,
                implementer,
            ));
            for (n, m) in milestones
                .iter()
                .filter(|m| m.date_met.is_some())
                .enumerate()
            {
                let share = if m.id.as_str() == "M3" { 30 } else { 20 };
                let mut tranche = Tranche::new(
                    p(&format!("T{}", n + 2))?,
                    m.date_met.unwrap_or(period.start),
                    budget.checked_ratio(share, 100).ok()?,
                    payer,
                    implementer,
                );
                tranche.milestone = Some(m.id.clone());
                tranches.push(tranche);
            }
        }
        let mut indicators = self.indicators(2);
        if finished {
            for ind in &mut indicators {
                ind.actuals.push(Observation {
                    period,
                    value: ind.target,
                });
            }
        }
        let mut record = Project::new(p(&id)?, source, implementer, title, period, budget, stage);
        record.regions = [region].into();
        record.milestones = milestones;
        record.indicators = indicators;
        record.reports = reports;
        record.tranches = tranches;
        self.ds.projects.push(record);
        Some(())
    }

    fn local_body(&mut self) -> Option<StateBody> {
        let locals: Vec<&StateBody> = self
            .ds
            .state_bodies
            .iter()
            .filter(|b| b.region.is_some())
            .collect();
        self.rng.pick(&locals).map(|b| (*b).clone())
    }

    /// Social orders with their applications, projects and evaluations.
    fn social_orders(&mut self) -> Option<()> {
        use SocialOrderStage as S;
        let by_year: [(i32, &[(S, u32)]); 3] = [
            (
                2024,
                &[
                    (S::Closed, 30),
                    (S::Evaluated, 25),
                    (S::Monitored, 10),
                    (S::Completed, 10),
                    (S::InImplementation, 15),
                    (S::Terminated, 4),
                    (S::Cancelled, 4),
                    (S::Failed, 2),
                ],
            ),
            (
                2025,
                &[
                    (S::InImplementation, 50),
                    (S::Contracted, 15),
                    (S::Completed, 8),
                    (S::Awarded, 5),
                    (S::BidReview, 5),
                    (S::OnAppeal, 2),
                    (S::Cancelled, 3),
                    (S::Terminated, 2),
                    (S::Announced, 5),
                    (S::Failed, 5),
                ],
            ),
            (
                2026,
                &[
                    (S::Proposed, 10),
                    (S::Formed, 15),
                    (S::PublicDiscussion, 15),
                    (S::Approved, 15),
                    (S::Announced, 15),
                    (S::BidReview, 10),
                    (S::Awarded, 5),
                    (S::Contracted, 10),
                    (S::InImplementation, 5),
                ],
            ),
        ];
        let by_year = by_year.map(|y| {
            (
                y,
                if y.0 == 2025 {
                    40u32
                } else if y.0 == 2024 {
                    35
                } else {
                    25
                },
            )
        });
        for n in 0..self.cfg.count(4_000) {
            let (year, mix) = *self.rng.weighted(&by_year)?;
            let stage = *self.rng.weighted(mix)?;
            let body = self.local_body()?;
            let region = body.region?;
            let area = self.area()?;
            let winner = self.participant()?;
            let title = self.topic(&area)?;
            let budget = tenge(self.between(2_000, 80_000) * 1_000);
            let months = *self.rng.weighted(&[(12u32, 60u32), (24, 25), (36, 15)])?;
            let period = months_from(self.day(year, 2, 4), months);
            let key = format!("SO-{year}-{n:05}");
            let id: engo_model::id::SocialOrderId = p(&key)?;
            let announced = !matches!(
                stage,
                S::Proposed | S::Formed | S::PublicDiscussion | S::Approved
            );
            let mut record = SocialOrder::new(
                id.clone(),
                body.bin,
                year,
                area.clone(),
                [region].into(),
                title.clone(),
                budget,
                period,
                stage,
            );
            record.description = text(
                &format!(
                    "{} бойынша әлеуметтік жоба: тұрғындарды қамту, іс-шаралар, есептілік.",
                    title.get(Lang::Kk)
                ),
                &format!(
                    "Социальный проект «{}»: охват жителей, мероприятия, отчётность.",
                    title.get(Lang::Ru)
                ),
            );
            record.indicators = self.indicators(2);
            record.procurement = announced.then(|| {
                Procurement::new(format!("{}{:06}-1", year % 100, n), ProcurementMethod::Open)
            });
            self.ds.social_orders.push(record);
            let awarded = matches!(
                stage,
                S::Awarded
                    | S::Contracted
                    | S::InImplementation
                    | S::Completed
                    | S::Monitored
                    | S::Evaluated
                    | S::Closed
                    | S::Terminated
            );
            let submitted = date(year, 1, 20).min(period.start);
            let c = Competition {
                target: ApplicationTarget::SocialOrder(id.clone()),
                key: &key,
                submitted,
                requested: budget,
                period,
            };
            match stage {
                _ if awarded => {
                    let losers = vec![
                        ApplicationStage::NotSelected;
                        usize::try_from(self.between(0, 2)).unwrap_or(0)
                    ];
                    self.applications(&c, Some(winner), &losers)?;
                }
                S::BidReview | S::Failed => {
                    let stages = [
                        ApplicationStage::Submitted,
                        ApplicationStage::Admitted,
                        ApplicationStage::Scored,
                    ];
                    let k = usize::try_from(self.between(1, 3)).unwrap_or(1);
                    self.applications(&c, None, stages.get(..k)?)?;
                }
                S::OnAppeal => self.applications(
                    &c,
                    None,
                    &[ApplicationStage::Appealed, ApplicationStage::NotSelected],
                )?,
                S::Announced => self.applications(&c, None, &[ApplicationStage::Submitted])?,
                _ => {}
            }
            if !awarded || stage == S::Awarded {
                continue;
            }
            let project_stage = match stage {
                S::Contracted => ProjectStage::Planned,
                S::InImplementation => {
                    if self.chance(20) {
                        ProjectStage::Reporting
                    } else {
                        ProjectStage::Active
                    }
                }
                S::Completed | S::Monitored | S::Evaluated => ProjectStage::Completed,
                S::Closed => ProjectStage::Closed,
                _ => ProjectStage::Terminated,
            };
            let amount = budget.checked_ratio(self.between(90, 100), 100).ok()?;
            let project_id = format!("PRJ-{key}");
            self.project(ProjectSpec {
                id: project_id.clone(),
                source: ProjectSource::SocialOrder(id),
                implementer: winner.bin,
                payer: body.bin,
                title,
                period,
                budget: amount,
                region,
                stage: project_stage,
            })?;
            if matches!(stage, S::Evaluated | S::Closed) {
                let scale_max = if self.chance(70) { 15 } else { 5 };
                let scores: Vec<CriterionScore> = EvaluationCriterion::ALL
                    .iter()
                    .map(|c| CriterionScore {
                        criterion: *c,
                        score: self.small(scale_max * 3 / 5, scale_max),
                    })
                    .collect();
                let total = scores.iter().map(|s| s.score).sum();
                let mut record = Evaluation::new(
                    p(&format!("EV-{key}"))?,
                    EvaluationSubject::Project(p(&project_id)?),
                    (period.end + chrono::Days::new(self.between(10, 60)))
                        .min(published_at().date_naive()),
                    scale_max,
                    scores,
                    total,
                    self.expert_ids(2),
                );
                record.conclusion = text(
                    "Оң. Жоба нәтижелері мақсатқа сәйкес келеді.",
                    "Положительно. Результаты проекта соответствуют цели.",
                );
                self.ds.evaluations.push(record);
            }
        }
        Some(())
    }

    /// Grants of the operator and of local bodies, with applications and projects.
    fn grants(&mut self) -> Option<()> {
        use GrantStage as G;
        let operator = self.ds.state_bodies.iter().find(|b| b.grant_operator)?.bin;
        let by_year: [(i32, &[(G, u32)]); 3] = [
            (
                2024,
                &[
                    (G::Closed, 40),
                    (G::EfficiencyEvaluated, 20),
                    (G::Monitoring, 15),
                    (G::InImplementation, 20),
                    (G::Cancelled, 5),
                ],
            ),
            (
                2025,
                &[
                    (G::InImplementation, 55),
                    (G::AgreementSigned, 20),
                    (G::Monitoring, 15),
                    (G::Decided, 5),
                    (G::Cancelled, 5),
                ],
            ),
            (
                2026,
                &[
                    (G::PlanDrafted, 10),
                    (G::PlanDiscussion, 10),
                    (G::PlanApproved, 10),
                    (G::CompetitionAnnounced, 10),
                    (G::ApplicationsOpen, 15),
                    (G::OperatorScreening, 10),
                    (G::ExpertEvaluation, 10),
                    (G::Decided, 5),
                    (G::AgreementSigned, 10),
                    (G::InImplementation, 10),
                ],
            ),
        ];
        let by_year = by_year.map(|y| {
            (
                y,
                if y.0 == 2025 {
                    40u32
                } else if y.0 == 2024 {
                    35
                } else {
                    25
                },
            )
        });
        for n in 0..self.cfg.count(1_500) {
            let (year, mix) = *self.rng.weighted(&by_year)?;
            let stage = *self.rng.weighted(mix)?;
            let term = *self.rng.weighted(&[
                (GrantTerm::Short, 40u32),
                (GrantTerm::Medium, 40),
                (GrantTerm::Long, 20),
            ])?;
            let (months, mrp_band) = match term {
                GrantTerm::Short => ((3, 12), (500, 3_000)),
                GrantTerm::Medium => ((12, 24), (3_000, 10_000)),
                GrantTerm::Long => ((24, 36), (10_000, 25_000)),
            };
            let months = self.small(months.0, months.1);
            let amount = self
                .mrp
                .to_money(self.between(mrp_band.0, mrp_band.1), year)
                .ok()?;
            let recipient = self.participant()?;
            let org = self.ds.organizations.get(recipient.index)?;
            let (declared, region) = (org.areas.first().cloned(), org.region);
            let area = match declared {
                Some(a) => a,
                None => self.area()?,
            };
            let local = self.chance(20);
            let funder = if local {
                self.local_body()?.bin
            } else {
                operator
            };
            let non_state = !local && self.chance(5);
            let decided = matches!(
                stage,
                G::Decided
                    | G::AgreementSigned
                    | G::InImplementation
                    | G::Monitoring
                    | G::EfficiencyEvaluated
                    | G::Closed
            );
            let award_date = date(year, 7, 25);
            let period = months_from(date(year, 8, 1), months);
            let key = format!("GR-{year}-{n:05}");
            let id: engo_model::id::GrantId = p(&key)?;
            let title = self.topic(&area)?;
            let disbursed = match stage {
                G::Closed | G::EfficiencyEvaluated => amount,
                G::InImplementation | G::Monitoring => amount.checked_ratio(50, 100).ok()?,
                _ => Money::ZERO,
            };
            // In the order the random stream has always been drawn: own support, then language.
            let own_support = if decided {
                amount.checked_ratio(self.between(0, 10), 100).ok()?
            } else {
                Money::ZERO
            };
            let language = if self.chance(60) { Lang::Kk } else { Lang::Ru };
            let mut record = Grant::new(
                id.clone(),
                funder,
                if non_state {
                    GrantKind::NonState
                } else {
                    GrantKind::State
                },
                if non_state {
                    FundingSource::ExtraBudgetary
                } else {
                    FundingSource::Budget
                },
                term,
                text("Азаматтық қоғамды дамыту", "Развитие гражданского общества")?,
                title.clone(),
                area.clone(),
                period,
                language,
                stage,
            );
            record.amount_requested = matches!(
                stage,
                G::PlanDrafted | G::PlanDiscussion | G::PlanApproved | G::CompetitionAnnounced
            )
            .then_some(())
            .map_or(Some(amount), |_| None);
            record.amount_awarded = decided.then_some(amount);
            record.amount_disbursed = disbursed;
            record.own_support = own_support;
            record.award_date = decided.then_some(award_date);
            record.recipient = decided.then_some(recipient.bin);
            record.regions = [region].into();
            self.ds.grants.push(record);
            let applied = !matches!(
                stage,
                G::PlanDrafted
                    | G::PlanDiscussion
                    | G::PlanApproved
                    | G::CompetitionAnnounced
                    | G::Cancelled
            );
            if applied {
                let c = Competition {
                    target: ApplicationTarget::Grant(id.clone()),
                    key: &key,
                    submitted: date(year, 5, 10),
                    requested: amount,
                    period,
                };
                let others = if decided {
                    vec![ApplicationStage::NotSelected]
                } else {
                    vec![ApplicationStage::Submitted]
                };
                self.applications(&c, decided.then_some(recipient), &others)?;
            }
            let project_stage = match stage {
                G::AgreementSigned => Some(ProjectStage::Planned),
                G::InImplementation | G::Monitoring => Some(ProjectStage::Active),
                G::EfficiencyEvaluated => Some(ProjectStage::Completed),
                G::Closed => Some(ProjectStage::Closed),
                _ => None,
            };
            if let Some(ps) = project_stage {
                self.project(ProjectSpec {
                    id: format!("PRJ-{key}"),
                    source: ProjectSource::Grant(id),
                    implementer: recipient.bin,
                    payer: funder,
                    title,
                    period,
                    budget: amount,
                    region,
                    stage: ps,
                })?;
            }
        }
        Some(())
    }

    /// Awards of the ministry in each nomination.
    fn awards(&mut self) -> Option<()> {
        use AwardStage as A;
        let ministry = self.ds.state_bodies.first()?.bin;
        for n in 0..self.cfg.count(100) {
            let year = *self
                .rng
                .weighted(&[(2024, 35u32), (2025, 40), (2026, 25)])?;
            let stage = if year < 2026 {
                *self
                    .rng
                    .weighted(&[(A::Closed, 60u32), (A::Paid, 30), (A::NotAwarded, 10)])?
            } else {
                *self.rng.weighted(&[
                    (A::Laureate, 30u32),
                    (A::Paid, 30),
                    (A::CommissionReview, 20),
                    (A::ApplicationsOpen, 10),
                    (A::CallAnnounced, 10),
                ])?
            };
            let named = matches!(stage, A::Laureate | A::Paid | A::Closed);
            let laureate = self.participant()?;
            let (kk, ru) = *self.rng.pick(words::NOMINATIONS)?;
            let key = format!("AW-{year}-{n:04}");
            let id: engo_model::id::AwardId = p(&key)?;
            let mut record = Award::new(
                id.clone(),
                ministry,
                year,
                text(kk, ru)?,
                self.mrp.to_money(self.between(2_000, 3_000), year).ok()?,
                stage,
            );
            record.laureate = named.then_some(laureate.bin);
            record.award_date = named.then(|| date(year, 10, 15));
            self.ds.awards.push(record);
            if !matches!(stage, A::CallAnnounced) {
                let stages = if named || stage == A::NotAwarded {
                    vec![ApplicationStage::NotSelected]
                } else {
                    vec![ApplicationStage::Submitted]
                };
                let period = Period::new(date(year, 1, 1), date(year, 12, 31));
                let c = Competition {
                    target: ApplicationTarget::Award(id),
                    key: &key,
                    submitted: date(year, 8, 1),
                    requested: Money::ZERO,
                    period,
                };
                self.applications(&c, named.then_some(laureate), &stages)?;
            }
        }
        Some(())
    }

    fn mediation_cases(&mut self) -> Option<()> {
        use MediationStage as M;
        for n in 0..self.cfg.count(50) {
            let a = self.participant()?;
            let b = self.participant()?;
            if a.bin == b.bin {
                continue;
            }
            let (kk, ru) = *self.rng.pick(words::DISPUTES)?;
            let record = MediationCase::new(
                p(&format!("MC-{n:04}"))?,
                [a.bin, b.bin].into(),
                text(kk, ru)?,
                self.day(2025, 1, 12),
                *self.rng.weighted(&[
                    (M::Closed, 40u32),
                    (M::Settled, 25),
                    (M::NotSettled, 10),
                    (M::InMediation, 10),
                    (M::MediatorAssigned, 5),
                    (M::Requested, 5),
                    (M::Withdrawn, 5),
                ])?,
            );
            self.ds.mediation_cases.push(record);
        }
        Some(())
    }

    /// Plants faults: each candidate record, with the configured probability, breaks one rule.
    fn plant_faults(&mut self) {
        let ppm = self.cfg.faults_ppm;
        if ppm == 0 {
            return;
        }
        let mut planted = Vec::new();
        for g in &mut self.ds.grants {
            if let Some(amount) = g.amount_awarded
                && self.rng.chance_ppm(ppm)
            {
                g.own_support = amount.checked_ratio(15, 100).unwrap_or(amount);
                planted.push(PlantedFault {
                    code: Code::GrantOwnSupportExceedsShare,
                    record: RecordRef::from(&g.id),
                });
            } else if self.rng.chance_ppm(ppm) {
                g.language = Lang::En;
                planted.push(PlantedFault {
                    code: Code::GrantApplicationLanguage,
                    record: RecordRef::from(&g.id),
                });
            }
        }
        for a in &mut self.ds.awards {
            if self.rng.chance_ppm(ppm) {
                a.amount = self.mrp.to_money(1_000, a.year).unwrap_or_default();
                planted.push(PlantedFault {
                    code: Code::AwardAmountBelowMinimum,
                    record: RecordRef::from(&a.id),
                });
            }
        }
        for e in &mut self.ds.evaluations {
            if self.rng.chance_ppm(ppm) {
                e.total += 1;
                planted.push(PlantedFault {
                    code: Code::EvaluationTotalMismatch,
                    record: RecordRef::from(&e.id),
                });
            }
        }
        for o in &mut self.ds.social_orders {
            if self.rng.chance_ppm(ppm) {
                o.period = months_from(o.period.start, 40);
                planted.push(PlantedFault {
                    code: Code::ProjectDurationOutOfRange,
                    record: RecordRef::from(&o.id),
                });
            }
        }
        // A valid IIN of the domain brief's test vectors, never a real person's.
        let iin = p::<Iin>("061211600012")
            .map(|i| i.to_string())
            .unwrap_or_default();
        for pr in &mut self.ds.projects {
            if pr.tranches.is_empty() {
                continue;
            }
            if self.rng.chance_ppm(ppm) {
                let over = pr.budget.checked_add(tenge(1_000_000)).unwrap_or(pr.budget);
                if let Some(t) = pr.tranches.first_mut() {
                    t.amount = over;
                }
                planted.push(PlantedFault {
                    code: Code::CoherenceTranchesExceedAmount,
                    record: RecordRef::from(&pr.id),
                });
            } else if self.rng.chance_ppm(ppm) {
                let kk = format!("{} (жетекші ЖСН {iin})", pr.title.get(Lang::Kk));
                if let Ok(t) = LocalizedText::from_kk_ru(kk, pr.title.get(Lang::Ru)) {
                    pr.title = t;
                    planted.push(PlantedFault {
                        code: Code::PrivacyPersonalId,
                        record: RecordRef::from(&pr.id),
                    });
                }
            } else if let Some(m) = pr.milestones.iter_mut().find(|m| m.date_met.is_some())
                && self.rng.chance_ppm(ppm)
            {
                m.date_met = None;
                planted.push(PlantedFault {
                    code: Code::CoherenceMilestoneMetWithoutDate,
                    record: RecordRef::from(&pr.id),
                });
            }
        }
        let winners: Vec<Bin> = self
            .ds
            .applications
            .iter()
            .filter(|a| a.stage == ApplicationStage::Winner)
            .map(|a| a.applicant)
            .collect();
        let mut suspended = BTreeSet::new();
        for bin in winners {
            if !suspended.contains(&bin)
                && self.rng.chance_ppm(ppm / 4)
                && let Some(o) = self.ds.organizations.iter_mut().find(|o| o.bin == bin)
            {
                o.status.stage = OrganizationStage::Suspended;
                suspended.insert(bin);
                planted.push(PlantedFault {
                    code: Code::NgoStatusNotActive,
                    record: RecordRef::from(&bin),
                });
            }
        }
        planted.sort();
        self.faults = planted;
    }
}

/// Generates the sample of `config`.
pub fn generate(config: &Config) -> Sample {
    // The publisher is the authorized body, as in the embedded example; its BIN is replaced by
    // the generated ministry's below.
    let publisher = engo_model::example::dataset().publisher;
    let mut g = Gen {
        rng: Rng::new(config.seed),
        cfg: *config,
        used_bins: BTreeSet::new(),
        mrp: MrpTable::embedded(),
        regions: region_codes(),
        ds: Dataset::new(publisher, published_at()),
        eligible: Vec::new(),
        faults: Vec::new(),
    };
    let _ = g.state_bodies();
    if let Some(ministry) = g.ds.state_bodies.first() {
        g.ds.publisher.org_id = ministry.bin.org_id();
    }
    g.organizations();
    let _ = g.experts();
    let _ = g.social_orders();
    let _ = g.grants();
    let _ = g.awards();
    let _ = g.mediation_cases();
    g.ds.events = synthesize(&g.ds);
    g.plant_faults();
    Sample {
        dataset: g.ds,
        faults: g.faults,
    }
}

/// Codes of the 20 regions in force at publication.
fn region_codes() -> Vec<String> {
    regions()
        .valid_at(published_at().date_naive())
        .map(|r| r.code.clone())
        .collect()
}
