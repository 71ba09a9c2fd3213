//! Proptest strategies that generate valid values, with Kazakh and Russian text (feature
//! `proptest`).
//!
//! Every identifier strategy produces values that parse; [`dataset`] produces whole datasets
//! whose references resolve and whose records keep the rules of the default criteria (eligible,
//! active NGOs with their NGO-database reports, grant terms within their bands, evaluations that
//! add up), so other crates can assert that valid input raises no error.
//!
//! ```
//! use proptest::prelude::*;
//! use engo_model::testing;
//!
//! proptest!(|(bin in testing::bin())| {
//!     prop_assert_eq!(bin.as_str().parse::<engo_model::Bin>().unwrap(), bin);
//! });
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// Strategies build values from parts the strategies themselves made valid; a failure here is a
// bug in the strategy, and proptest reports it as such.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};
use proptest::{prelude::*, sample::Index};

use crate::{
    Bin, Dataset, Iin, Kato, Lang, LocalizedText, Money, MrpTable, OrgId, Publisher, Quantity,
    classifier::{AreaCode, priority_areas, regions},
    id::{self, check_digit},
    lifecycle::*,
    record::*,
};

/// Kazakh words with every letter particular to Kazakh (ә ғ қ ң ө ұ ү һ і).
const KK_WORDS: &[&str] = &[
    "әлеуметтік",
    "жоба",
    "ғылым",
    "қоғамдық",
    "бірлестік",
    "жастар",
    "өңір",
    "ұйым",
    "үкіметтік",
    "емес",
    "қор",
    "білім",
    "денсаулық",
    "мәдениет",
    "Һәм",
    "ауыл",
    "көшбасшы",
    "отбасы",
    "мұра",
    "құқық",
    "тәрбие",
    "еріктілер",
    "қайырымдылық",
    "Алматы",
    "Астана",
    "Шымкент",
    "Түркістан",
    "Ұлытау",
    "Жетісу",
    "Маңғыстау",
    "Өскемен",
    "бағдарлама",
    "орталығы",
];

/// Russian words.
const RU_WORDS: &[&str] = &[
    "социальный",
    "проект",
    "общественное",
    "объединение",
    "фонд",
    "молодёжь",
    "поддержка",
    "образование",
    "здоровье",
    "культура",
    "наследие",
    "права",
    "волонтёры",
    "благотворительность",
    "семья",
    "программа",
    "развитие",
    "центр",
    "региона",
    "Алматы",
    "Астана",
    "Шымкент",
];

fn words(
    list: &'static [&'static str],
    n: std::ops::RangeInclusive<usize>,
) -> BoxedStrategy<String> {
    prop::collection::vec(prop::sample::select(list), n)
        .prop_map(|w| w.join(" "))
        .boxed()
}

/// Kazakh text of a few words.
pub fn kk_text() -> BoxedStrategy<String> {
    words(KK_WORDS, 1..=8)
}

/// Russian text of a few words.
pub fn ru_text() -> BoxedStrategy<String> {
    words(RU_WORDS, 1..=8)
}

/// Text with Kazakh, Russian, both, and sometimes English.
pub fn localized_text() -> BoxedStrategy<LocalizedText> {
    (
        prop::option::of(kk_text()),
        ru_text(),
        any::<bool>(),
        prop::option::of("[A-Z][a-z]{2,12}( [a-z]{2,10}){0,4}"),
    )
        .prop_map(|(kk, ru, keep_ru, en)| {
            let ru = (kk.is_none() || keep_ru).then_some(ru);
            LocalizedText::from_parts(kk, ru, en).unwrap()
        })
        .boxed()
}

/// A language.
pub fn lang() -> BoxedStrategy<Lang> {
    prop::sample::select(Lang::ALL.to_vec()).boxed()
}

/// Completes 11 digits with their check digit, or `None` when none exists.
fn with_check(first11: String) -> Option<String> {
    check_digit(first11.as_bytes()).map(|c| format!("{first11}{c}"))
}

/// A valid BIN.
pub fn bin() -> BoxedStrategy<Bin> {
    (0u8..100, 1u8..=12, 4u8..=6, 0u8..=3, 0u32..100_000)
        .prop_filter_map("no check digit", |(yy, mm, e, u, serial)| {
            with_check(format!("{yy:02}{mm:02}{e}{u}{serial:05}")).map(|s| s.parse().unwrap())
        })
        .boxed()
}

/// A valid IIN.
pub fn iin() -> BoxedStrategy<Iin> {
    (
        NaiveDate::from_ymd_opt(1900, 1, 1)
            .unwrap()
            .num_days_from_ce()
            ..NaiveDate::from_ymd_opt(2025, 12, 31)
                .unwrap()
                .num_days_from_ce(),
        any::<bool>(),
        0u32..10_000,
    )
        .prop_filter_map("no check digit", |(days, male, serial)| {
            let d = NaiveDate::from_num_days_from_ce_opt(days)?;
            let c = match (d.year() >= 2000, male) {
                (false, true) => 3,
                (false, false) => 4,
                (true, true) => 5,
                (true, false) => 6,
            };
            let s = format!(
                "{:02}{:02}{:02}{c}{serial:04}",
                d.year() % 100,
                d.month(),
                d.day()
            );
            with_check(s).map(|s| s.parse().unwrap())
        })
        .boxed()
}

/// Codes of the regions in force today.
fn current_region_codes() -> Vec<String> {
    let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    regions().valid_at(today).map(|r| r.code.clone()).collect()
}

/// A KATO code of a current region: the region itself or a place in it.
pub fn kato() -> BoxedStrategy<Kato> {
    (
        prop::sample::select(current_region_codes()),
        0u32..10_000_000,
        any::<bool>(),
    )
        .prop_map(|(r, rest, whole)| {
            let rest = if whole { 0 } else { rest };
            format!("{r}{rest:07}").parse().unwrap()
        })
        .boxed()
}

/// An org-id.
pub fn org_id() -> BoxedStrategy<OrgId> {
    bin().prop_map(OrgId::from).boxed()
}

/// A record id of any record-id type, matching the documented pattern.
pub fn record_id<T: std::str::FromStr + std::fmt::Debug + 'static>() -> BoxedStrategy<T>
where
    T::Err: std::fmt::Debug,
{
    "[A-Za-z0-9][A-Za-z0-9._-]{0,20}"
        .prop_map(|s| s.parse().unwrap())
        .boxed()
}

/// An amount up to a billion tenge.
pub fn money() -> BoxedStrategy<Money> {
    (0u64..=100_000_000_000)
        .prop_map(|t| Money::from_tiyn(t).unwrap())
        .boxed()
}

/// A quantity with up to three decimals.
pub fn quantity() -> BoxedStrategy<Quantity> {
    (0i64..1_000_000_000)
        .prop_map(|t| format!("{}.{:03}", t / 1000, t % 1000).parse().unwrap())
        .boxed()
}

/// A date between 2015 and 2030.
pub fn date() -> BoxedStrategy<NaiveDate> {
    (NaiveDate::from_ymd_opt(2015, 1, 1)
        .unwrap()
        .num_days_from_ce()
        ..NaiveDate::from_ymd_opt(2030, 12, 31)
            .unwrap()
            .num_days_from_ce())
        .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
        .boxed()
}

/// An ordered period of 1 to 36 months.
pub fn period() -> BoxedStrategy<Period> {
    (date(), 1u32..=36)
        .prop_map(|(start, months)| months_from(start, months))
        .boxed()
}

/// The period of `months` whole months from `start`.
fn months_from(start: NaiveDate, months: u32) -> Period {
    let end = start
        .checked_add_months(chrono::Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap();
    Period::new(start, end)
}

/// A priority area in force in 2025.
pub fn area() -> BoxedStrategy<AreaCode> {
    let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let codes: Vec<String> = priority_areas()
        .valid_at(today)
        .map(|a| a.code.clone())
        .collect();
    prop::sample::select(codes)
        .prop_map(|c| c.parse().unwrap())
        .boxed()
}

/// An indicator with a target and some actuals.
pub fn indicator() -> BoxedStrategy<Indicator> {
    (
        record_id(),
        localized_text(),
        localized_text(),
        prop::option::of(quantity()),
        quantity(),
        prop::collection::vec((period(), quantity()), 0..3),
    )
        .prop_map(|(id, title, unit, baseline, target, actuals)| Indicator {
            id,
            title,
            unit,
            baseline,
            target,
            actuals: actuals
                .into_iter()
                .map(|(period, value)| Observation { period, value })
                .collect(),
        })
        .boxed()
}

/// An organisation: eligible legal form, active, with its NGO-database reports for the years
/// before `year` submitted on time.
pub fn organization(year: i32) -> BoxedStrategy<Organization> {
    let forms = [
        "public_association",
        "foundation",
        "institution",
        "association_of_legal_entities",
    ];
    (
        bin(),
        localized_text(),
        prop::sample::select(forms.to_vec()),
        2000i32..=2015,
        kato(),
        prop::collection::btree_set(area(), 1..4),
        any::<(bool, bool)>(),
        prop::option::of("[a-z]{3,10}"),
    )
        .prop_map(
            move |(bin, name, form, reg_year, region, areas, (charitable, volunteer), site)| {
                let registered_on = NaiveDate::from_ymd_opt(reg_year, 5, 17).unwrap();
                let database_reports = (year - 2..year)
                    .map(|y| DatabaseReport {
                        year: y,
                        submitted_on: NaiveDate::from_ymd_opt(y + 1, 3, 15),
                        stage: NgoReportStage::Accepted,
                        founders: 3,
                        income: IncomeBySource {
                            budget: Money::from_tenge(5_000_000).unwrap(),
                            ..IncomeBySource::default()
                        },
                        spending: Money::from_tenge(4_900_000).unwrap(),
                        staff: 4,
                        volunteers: 12,
                    })
                    .collect();
                Organization {
                    bin,
                    name,
                    legal_form: form.parse().unwrap(),
                    registered_on,
                    region,
                    areas,
                    status: RegistryStatus {
                        stage: OrganizationStage::Active,
                        since: registered_on,
                    },
                    charitable,
                    volunteer,
                    website: site.as_ref().map(|s| format!("https://{s}.kz")),
                    email: site.map(|s| format!("info@{s}.kz")),
                    database_reports,
                    disqualifications: Vec::new(),
                }
            },
        )
        .boxed()
}

/// A state body; `operator` makes it the grant operator (central).
pub fn state_body(operator: bool) -> BoxedStrategy<StateBody> {
    (bin(), localized_text(), kato())
        .prop_map(move |(bin, name, region)| StateBody {
            bin,
            name,
            level: if operator { "central" } else { "local" }.parse().unwrap(),
            region: (!operator).then_some(region),
            grant_operator: operator,
        })
        .boxed()
}

/// Choices that shape one social order with its project, applications and evaluation.
#[derive(Debug, Clone)]
struct OrderPlan {
    customer: Index,
    winner: Index,
    loser: Option<Index>,
    months: u32,
    budget_tenge: u64,
    title: LocalizedText,
    indicator: Indicator,
    stage: usize,
    scores: [u32; 5],
}

fn order_plan() -> impl Strategy<Value = OrderPlan> {
    (
        any::<Index>(),
        any::<Index>(),
        prop::option::of(any::<Index>()),
        12u32..=36,
        1_000_000u64..50_000_000,
        localized_text(),
        indicator(),
        0usize..4,
        prop::array::uniform5(0u32..=15),
    )
        .prop_map(
            |(customer, winner, loser, months, budget_tenge, title, indicator, stage, scores)| {
                OrderPlan {
                    customer,
                    winner,
                    loser,
                    months,
                    budget_tenge,
                    title,
                    indicator,
                    stage,
                    scores,
                }
            },
        )
}

/// Choices for one grant.
#[derive(Debug, Clone)]
struct GrantPlan {
    recipient: Index,
    term: GrantTerm,
    months_pick: Index,
    mrp_pick: Index,
    own_support_percent: u64,
    language: Lang,
    programme: LocalizedText,
    title: LocalizedText,
}

fn grant_plan() -> impl Strategy<Value = GrantPlan> {
    (
        any::<Index>(),
        prop::sample::select(vec![GrantTerm::Short, GrantTerm::Medium, GrantTerm::Long]),
        any::<Index>(),
        any::<Index>(),
        0u64..=10,
        prop::sample::select(vec![Lang::Kk, Lang::Ru]),
        localized_text(),
        localized_text(),
    )
        .prop_map(
            |(
                recipient,
                term,
                months_pick,
                mrp_pick,
                own_support_percent,
                language,
                programme,
                title,
            )| GrantPlan {
                recipient,
                term,
                months_pick,
                mrp_pick,
                own_support_percent,
                language,
                programme,
                title,
            },
        )
}

/// A whole, coherent dataset: organisations, state bodies (one of them the grant operator),
/// social orders with their winning applications, projects (milestones, indicators, reports,
/// tranches) and evaluations, grants with their projects, awards, experts and a mediation case.
///
/// References resolve, ids are unique, amounts and periods keep the default criteria of the
/// year, and all text is Kazakh and Russian.
pub fn dataset() -> BoxedStrategy<Dataset> {
    (2024i32..=2025)
        .prop_flat_map(|year| {
            (
                Just(year),
                prop::collection::vec(organization(year), 2..6),
                prop::collection::vec(state_body(false), 1..3),
                state_body(true),
                prop::collection::vec(order_plan(), 0..4),
                prop::collection::vec(grant_plan(), 0..3),
                prop::collection::vec((any::<Index>(), 2000u64..=4000, localized_text()), 0..3),
                localized_text(),
            )
        })
        .prop_map(
            |(year, orgs, bodies, operator, orders, grants, awards, subject)| {
                build(
                    year, orgs, bodies, operator, orders, grants, awards, subject,
                )
            },
        )
        .boxed()
}

/// Removes records whose BIN repeats an earlier one (generated BINs may collide).
fn unique_bins<T>(items: Vec<T>, bin: impl Fn(&T) -> Bin, seen: &mut BTreeSet<Bin>) -> Vec<T> {
    items.into_iter().filter(|i| seen.insert(bin(i))).collect()
}

#[allow(clippy::too_many_arguments)]
fn build(
    year: i32,
    orgs: Vec<Organization>,
    bodies: Vec<StateBody>,
    operator: StateBody,
    orders: Vec<OrderPlan>,
    grants: Vec<GrantPlan>,
    awards: Vec<(Index, u64, LocalizedText)>,
    subject: LocalizedText,
) -> Dataset {
    let mut seen = BTreeSet::new();
    let orgs = unique_bins(orgs, |o| o.bin, &mut seen);
    let mut bodies = unique_bins(bodies, |b| b.bin, &mut seen);
    let operator = unique_bins(vec![operator], |b| b.bin, &mut seen);
    let operator_bin = operator
        .first()
        .map(|b| b.bin)
        .or_else(|| bodies.first().map(|b| b.bin));
    bodies.extend(operator);
    let publisher = Publisher {
        name: LocalizedText::from_kk_ru(
            "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
            "Министерство культуры и информации Республики Казахстан",
        )
        .unwrap(),
        org_id: bodies
            .first()
            .map(|b| b.bin)
            .unwrap_or_else(Bin::example)
            .org_id(),
    };
    let almaty = FixedOffset::east_opt(5 * 3600).unwrap();
    let published_at = almaty.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
    let mut ds = Dataset::new(publisher, published_at);
    let mrp = MrpTable::embedded();
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap();

    let experts = vec![
        Expert {
            id: "EX-1".parse().unwrap(),
            affiliations: BTreeSet::new(),
        },
        Expert {
            id: "EX-2".parse().unwrap(),
            affiliations: BTreeSet::new(),
        },
    ];

    let locals: Vec<&StateBody> = bodies.iter().filter(|b| !b.grant_operator).collect();
    for (n, plan) in orders.iter().enumerate() {
        let (Some(customer), Some(winner)) = (
            locals.get(plan.customer.index(locals.len().max(1))),
            orgs.get(plan.winner.index(orgs.len())),
        ) else {
            continue;
        };
        let order_id: id::SocialOrderId = format!("SO-{year}-{n:04}").parse().unwrap();
        let period = months_from(day(3, 1), plan.months);
        let budget = Money::from_tenge(plan.budget_tenge).unwrap();
        let region = customer.region.unwrap_or(winner.region);
        let area = winner
            .areas
            .first()
            .cloned()
            .unwrap_or_else(|| "OTHER".parse().unwrap());
        let (order_stage, project_stage) = [
            (SocialOrderStage::Announced, None),
            (SocialOrderStage::Contracted, Some(ProjectStage::Planned)),
            (
                SocialOrderStage::InImplementation,
                Some(ProjectStage::Active),
            ),
            (SocialOrderStage::Evaluated, Some(ProjectStage::Closed)),
        ][plan.stage % 4];
        ds.social_orders.push(SocialOrder {
            id: order_id.clone(),
            customer: customer.bin,
            financial_year: year,
            area,
            regions: [region].into(),
            title: plan.title.clone(),
            description: None,
            budget,
            period,
            indicators: vec![plan.indicator.clone()],
            procurement: Some(Procurement {
                announcement: format!("{year}{n:06}-1"),
                method: ProcurementMethod::Open,
            }),
            stage: order_stage,
        });
        let submitted_at = almaty.with_ymd_and_hms(year, 1, 20, 11, 0, 0).unwrap();
        let application = |id: String, applicant: Bin, stage| Application {
            id: id.parse().unwrap(),
            applicant,
            target: ApplicationTarget::SocialOrder(order_id.clone()),
            submitted_at: Some(submitted_at),
            language: Lang::Kk,
            requested: budget,
            budget_lines: vec![BudgetLine {
                title: plan.title.clone(),
                amount: budget,
                own_support: false,
            }],
            period,
            indicators: vec![plan.indicator.clone()],
            scores: vec![ExpertScore {
                expert: "EX-1".parse().unwrap(),
                score: 80,
            }],
            stage,
        };
        let awarded = project_stage.is_some();
        ds.applications.push(application(
            format!("APP-{order_id}-1"),
            winner.bin,
            if awarded {
                ApplicationStage::Winner
            } else {
                ApplicationStage::Submitted
            },
        ));
        if let Some(loser) = plan
            .loser
            .and_then(|i| orgs.get(i.index(orgs.len())))
            .filter(|o| o.bin != winner.bin)
        {
            ds.applications.push(application(
                format!("APP-{order_id}-2"),
                loser.bin,
                if awarded {
                    ApplicationStage::NotSelected
                } else {
                    ApplicationStage::Submitted
                },
            ));
        }
        let Some(project_stage) = project_stage else {
            continue;
        };
        let project_id: id::ProjectId = format!("PRJ-{order_id}").parse().unwrap();
        let closed = project_stage == ProjectStage::Closed;
        let half = budget.checked_ratio(1, 2).unwrap();
        ds.projects.push(Project {
            id: project_id.clone(),
            source: ProjectSource::SocialOrder(order_id.clone()),
            implementer: winner.bin,
            title: plan.title.clone(),
            period,
            budget,
            regions: [region].into(),
            milestones: vec![Milestone {
                id: "M1".parse().unwrap(),
                title: plan.title.clone(),
                kind: MilestoneType::Delivery,
                due_date: period.end,
                status: if closed {
                    MilestoneStage::Met
                } else {
                    MilestoneStage::Scheduled
                },
                date_met: closed.then_some(period.end),
            }],
            indicators: vec![plan.indicator.clone()],
            reports: if closed {
                vec![ProjectReport {
                    id: "R1".parse().unwrap(),
                    kind: ReportKind::Completion,
                    submitted_on: period.end,
                    accepted_on: Some(period.end),
                    url: None,
                    milestone: Some("M1".parse().unwrap()),
                }]
            } else {
                Vec::new()
            },
            tranches: if project_stage == ProjectStage::Planned {
                Vec::new()
            } else {
                vec![Tranche {
                    id: "T1".parse().unwrap(),
                    date: period.start,
                    amount: half,
                    payer: customer.bin,
                    payee: winner.bin,
                    milestone: None,
                }]
            },
            stage: project_stage,
        });
        if closed {
            let scale_max = 15;
            let scores: Vec<CriterionScore> = EvaluationCriterion::ALL
                .iter()
                .zip(plan.scores)
                .map(|(criterion, score)| CriterionScore {
                    criterion: *criterion,
                    score: score.min(scale_max),
                })
                .collect();
            ds.evaluations.push(Evaluation {
                id: format!("EV-{order_id}").parse().unwrap(),
                subject: EvaluationSubject::Project(project_id),
                date: period.end.succ_opt().unwrap(),
                scale_max,
                total: scores.iter().map(|s| s.score).sum(),
                scores,
                conclusion: None,
                experts: vec!["EX-1".parse().unwrap(), "EX-2".parse().unwrap()],
            });
        }
    }

    if let Some(funder) = operator_bin {
        for (n, plan) in grants.iter().enumerate() {
            let Some(recipient) = orgs.get(plan.recipient.index(orgs.len())) else {
                continue;
            };
            let (months, mrp_band) = match plan.term {
                GrantTerm::Short => (3u32..=12, 500u64..=3_000),
                GrantTerm::Medium => (12..=24, 3_000..=10_000),
                GrantTerm::Long => (24..=36, 10_000..=30_000),
            };
            let months = months
                .clone()
                .nth(plan.months_pick.index(months.count()))
                .unwrap();
            let mrp_count = mrp_band
                .clone()
                .nth(plan.mrp_pick.index(mrp_band.count()))
                .unwrap();
            let award_date = day(7, 25);
            let awarded = mrp.to_money(mrp_count, award_date).unwrap();
            let grant_id: id::GrantId = format!("GR-{year}-{n:04}").parse().unwrap();
            let period = months_from(day(8, 1), months);
            ds.grants.push(Grant {
                id: grant_id.clone(),
                funder,
                kind: GrantKind::State,
                funding: FundingSource::Budget,
                term: plan.term,
                programme: plan.programme.clone(),
                title: plan.title.clone(),
                area: recipient
                    .areas
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "OTHER".parse().unwrap()),
                amount_requested: Some(awarded),
                amount_awarded: Some(awarded),
                amount_disbursed: Money::ZERO,
                own_support: awarded
                    .checked_ratio(plan.own_support_percent, 100)
                    .unwrap(),
                award_date: Some(award_date),
                period,
                recipient: Some(recipient.bin),
                language: plan.language,
                regions: [recipient.region].into(),
                stage: GrantStage::AgreementSigned,
            });
            ds.projects.push(Project {
                id: format!("PRJ-{grant_id}").parse().unwrap(),
                source: ProjectSource::Grant(grant_id),
                implementer: recipient.bin,
                title: plan.title.clone(),
                period,
                budget: awarded,
                regions: [recipient.region].into(),
                milestones: Vec::new(),
                indicators: vec![Indicator {
                    id: "IND-1".parse().unwrap(),
                    title: plan.title.clone(),
                    unit: LocalizedText::from_kk_ru("адам", "человек").unwrap(),
                    baseline: None,
                    target: Quantity::from_int(100),
                    actuals: Vec::new(),
                }],
                reports: Vec::new(),
                tranches: Vec::new(),
                stage: ProjectStage::Planned,
            });
        }
        for (n, (laureate, mrp_count, nomination)) in awards.into_iter().enumerate() {
            let Some(laureate) = orgs.get(laureate.index(orgs.len())) else {
                continue;
            };
            ds.awards.push(Award {
                id: format!("AW-{year}-{n:02}").parse().unwrap(),
                funder,
                year,
                nomination,
                laureate: Some(laureate.bin),
                amount: mrp.to_money(mrp_count, day(10, 15)).unwrap(),
                award_date: Some(day(10, 15)),
                stage: AwardStage::Paid,
            });
        }
    }

    if let [a, b, ..] = orgs.as_slice() {
        ds.mediation_cases.push(MediationCase {
            id: format!("MC-{year}-001").parse().unwrap(),
            parties: [a.bin, b.bin].into(),
            subject,
            requested_on: day(4, 2),
            stage: MediationStage::Settled,
        });
    }
    ds.experts = experts;
    ds.organizations = orgs;
    ds.state_bodies = bodies;
    ds
}

/// A timestamp in Asia/Almaty (+05:00) between 2015 and 2030.
pub fn timestamp() -> BoxedStrategy<DateTime<FixedOffset>> {
    (date(), 0u32..86_400)
        .prop_map(|(d, s)| {
            let almaty = FixedOffset::east_opt(5 * 3600).unwrap();
            let naive = d.and_hms_opt(s / 3600, (s / 60) % 60, s % 60).unwrap();
            almaty.from_local_datetime(&naive).unwrap()
        })
        .boxed()
}

/// Defines a strategy for one kind of record, drawn from coherent [`dataset`]s (so the record is
/// valid in the context it references).
macro_rules! from_dataset {
    ($($(#[$doc:meta])* $name:ident -> $ty:ty = $field:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name() -> BoxedStrategy<$ty> {
            dataset()
                .prop_filter_map(concat!("a dataset without ", stringify!($field)), |ds| ds.$field.into_iter().next())
                .boxed()
        }
    )*};
}

from_dataset! {
    /// A valid social order.
    social_order -> SocialOrder = social_orders;
    /// A valid grant.
    grant -> Grant = grants;
    /// A valid award.
    award -> Award = awards;
    /// A valid application.
    application -> Application = applications;
    /// A valid evaluation.
    evaluation -> Evaluation = evaluations;
    /// A valid expert.
    expert -> Expert = experts;
    /// A valid project with milestones, indicators, reports and tranches.
    project -> Project = projects;
    /// A valid mediation case.
    mediation_case -> MediationCase = mediation_cases;
}
