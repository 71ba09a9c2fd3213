//! The strategy for whole, coherent datasets.

use std::collections::BTreeSet;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use proptest::{prelude::*, sample::Index};

use super::{indicator, localized_text, organization, state_body, value::months_from};
use crate::{
    Bin, Dataset, Lang, LocalizedText, Money, MrpTable, Publisher, Quantity, id, lifecycle::*,
    record::*,
};

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
            let amount = mrp.to_money(mrp_count, day(10, 15)).unwrap();
            ds.awards.push(Award {
                id: format!("AW-{year}-{n:02}").parse().unwrap(),
                funder,
                year,
                nomination,
                laureate: Some(laureate.bin),
                amount,
                // Every other nomination shared equally by three laureates.
                shared: (n % 2 == 1)
                    .then(|| NominationShare::new(amount.checked_mul(3).unwrap(), 3)),
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
            mediator: orgs.get(2).map(|c| c.bin),
            category: Some(MediationCategory::Contract),
            region: Some(a.region),
        });
    }
    ds.experts = experts;
    ds.organizations = orgs;
    ds.state_bodies = bodies;
    ds
}
