//! The instruments added to the model after its first records (issue 13), drawn for the
//! coherent [`super::dataset`]: plans of grants and of the social order.

use chrono::NaiveDate;
use proptest::{prelude::*, sample::Index};

use super::{area, localized_text};
use crate::{Dataset, LocalizedText, Money, classifier::AreaCode, lifecycle::*, record::*};

/// Choices that shape one plan.
#[derive(Debug, Clone)]
pub(super) struct PlanChoice {
    grant: bool,
    approver: Index,
    stage: PlanStage,
    title: LocalizedText,
    topics: Vec<(LocalizedText, AreaCode, u64)>,
    /// Calendar days of discussion beyond the fourteen that hold ten working days.
    longer: u64,
}

fn plan_choice() -> impl Strategy<Value = PlanChoice> {
    (
        any::<bool>(),
        any::<Index>(),
        prop::sample::select(vec![
            PlanStage::Drafted,
            PlanStage::PublicDiscussion,
            PlanStage::Approved,
            PlanStage::Amended,
            PlanStage::Cancelled,
        ]),
        localized_text(),
        prop::collection::vec((localized_text(), area(), 1_000_000u64..50_000_000), 0..4),
        0u64..10,
    )
        .prop_map(
            |(grant, approver, stage, title, topics, longer)| PlanChoice {
                grant,
                approver,
                stage,
                title,
                topics,
                longer,
            },
        )
}

/// Choices for every instrument of a dataset.
#[derive(Debug, Clone)]
pub(super) struct Instruments {
    plans: Vec<PlanChoice>,
}

/// The choices of a dataset's instruments.
pub(super) fn instruments() -> impl Strategy<Value = Instruments> {
    prop::collection::vec(plan_choice(), 0..3).prop_map(|plans| Instruments { plans })
}

/// Adds the instruments of `choices` for `year` to `ds`, whose organisations and state bodies
/// they refer to: each keeps the default criteria (a grant plan discussed for ten working days
/// or more, approved after its discussion, topics within the plan's budget).
pub(super) fn add(ds: &mut Dataset, year: i32, choices: Instruments) {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap();
    for (n, choice) in choices.plans.into_iter().enumerate() {
        let Some(approver) = ds
            .state_bodies
            .get(choice.approver.index(ds.state_bodies.len().max(1)))
        else {
            continue;
        };
        let topics: Vec<PlanTopic> = choice
            .topics
            .into_iter()
            .map(|(title, area, tenge)| PlanTopic {
                title,
                area,
                budget: Money::from_tenge(tenge).unwrap(),
                period: None,
                regions: approver.region.into_iter().collect(),
            })
            .collect();
        let budget = Money::checked_sum(topics.iter().map(|t| t.budget)).unwrap();
        let discussed = choice.stage != PlanStage::Drafted;
        let approved = matches!(choice.stage, PlanStage::Approved | PlanStage::Amended);
        // Fourteen calendar days hold ten working days, whatever the first.
        let start = day(1, 10);
        let end = start + chrono::Days::new(14 + choice.longer);
        ds.plans.push(Plan {
            id: format!("PL-{year}-{n:04}").parse().unwrap(),
            kind: if choice.grant {
                PlanKind::Grant
            } else {
                PlanKind::SocialOrder
            },
            approver: approver.bin,
            financial_year: year,
            title: choice.title,
            budget,
            topics,
            discussion: discussed.then(|| Period::new(start, end)),
            approved_on: approved.then(|| end + chrono::Days::new(3)),
            stage: choice.stage,
        });
    }
}
