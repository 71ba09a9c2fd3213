//! The instruments added to the model after its first records (issue 13), drawn for the
//! coherent [`super::dataset`]: plans of grants and of the social order, state orders for
//! strategic partnership, entries of the register of foreign funding, volunteer programmes and
//! actions, and expert and civil-society bodies.

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

/// Choices that shape one entry of the register of foreign funding: its recipient, and which of
/// its optional facts are known (the second half-year or the first, an amount in tenge, a
/// purpose).
#[derive(Debug, Clone)]
pub(super) struct ForeignFundingChoice {
    recipient: Index,
    half: Option<bool>,
    tenge: Option<u64>,
    purpose: Option<ForeignFundingPurpose>,
}

fn foreign_funding_choice() -> impl Strategy<Value = ForeignFundingChoice> {
    (
        any::<Index>(),
        prop::option::of(any::<bool>()),
        prop::option::of(1u64..500_000_000),
        prop::option::of(prop::sample::select(vec![
            ForeignFundingPurpose::LegalAid,
            ForeignFundingPurpose::Polls,
            ForeignFundingPurpose::Information,
        ])),
    )
        .prop_map(|(recipient, half, tenge, purpose)| ForeignFundingChoice {
            recipient,
            half,
            tenge,
            purpose,
        })
}

/// Choices that shape one volunteer programme or action: its organiser, kind, title, area,
/// length in days beyond the first, status and number of volunteers.
#[derive(Debug, Clone)]
pub(super) struct VolunteerChoice {
    organizer: Index,
    programme: bool,
    title: LocalizedText,
    area: AreaCode,
    longer: u64,
    status: VolunteerActivityStatus,
    volunteers: u32,
}

fn volunteer_choice() -> impl Strategy<Value = VolunteerChoice> {
    (
        any::<Index>(),
        any::<bool>(),
        localized_text(),
        area(),
        0u64..200,
        prop::sample::select(vec![
            VolunteerActivityStatus::Planned,
            VolunteerActivityStatus::Held,
            VolunteerActivityStatus::Cancelled,
        ]),
        1u32..1000,
    )
        .prop_map(
            |(organizer, programme, title, area, longer, status, volunteers)| VolunteerChoice {
                organizer,
                programme,
                title,
                area,
                longer,
                status,
                volunteers,
            },
        )
}

/// Choices for every instrument of a dataset.
#[derive(Debug, Clone)]
pub(super) struct Instruments {
    plans: Vec<PlanChoice>,
    partnership_orders: Vec<PartnershipChoice>,
    foreign_funding: Vec<ForeignFundingChoice>,
    volunteering: Vec<VolunteerChoice>,
    bodies: Vec<BodyChoice>,
}

/// Choices that shape one expert or civil-society body.
#[derive(Debug, Clone)]
pub(super) struct BodyChoice {
    kind: BodyKind,
    parent: Index,
    name: LocalizedText,
    /// Which organisations are members (each at most once).
    organizations: Vec<Index>,
    roles: Vec<LocalizedText>,
    meetings: Vec<(u32, bool, Option<bool>, Vec<LocalizedText>)>,
}

fn body_choice() -> impl Strategy<Value = BodyChoice> {
    (
        prop::sample::select(BodyKind::ALL.to_vec()),
        any::<Index>(),
        localized_text(),
        prop::collection::vec(any::<Index>(), 0..4),
        prop::collection::vec(localized_text(), 0..3),
        prop::collection::vec(
            (
                1u32..=12,
                any::<bool>(),
                prop::option::of(any::<bool>()),
                prop::collection::vec(localized_text(), 0..3),
            ),
            0..3,
        ),
    )
        .prop_map(
            |(kind, parent, name, organizations, roles, meetings)| BodyChoice {
                kind,
                parent,
                name,
                organizations,
                roles,
                meetings,
            },
        )
}

/// Choices that shape one state order for strategic partnership.
#[derive(Debug, Clone)]
pub(super) struct PartnershipChoice {
    customer: Index,
    partner: Index,
    stage: PartnershipOrderStage,
    topic: LocalizedText,
    tenge: u64,
    /// Months of the partnership.
    months: u32,
}

fn partnership_choice() -> impl Strategy<Value = PartnershipChoice> {
    (
        any::<Index>(),
        any::<Index>(),
        prop::sample::select(PartnershipOrderStage::ALL.to_vec()),
        localized_text(),
        1_000_000u64..500_000_000,
        1u32..36,
    )
        .prop_map(
            |(customer, partner, stage, topic, tenge, months)| PartnershipChoice {
                customer,
                partner,
                stage,
                topic,
                tenge,
                months,
            },
        )
}

/// The choices of a dataset's instruments.
pub(super) fn instruments() -> impl Strategy<Value = Instruments> {
    (
        prop::collection::vec(plan_choice(), 0..3),
        prop::collection::vec(partnership_choice(), 0..3),
        prop::collection::vec(foreign_funding_choice(), 0..3),
        prop::collection::vec(volunteer_choice(), 0..3),
        prop::collection::vec(body_choice(), 0..3),
    )
        .prop_map(
            |(plans, partnership_orders, foreign_funding, volunteering, bodies)| Instruments {
                plans,
                partnership_orders,
                foreign_funding,
                volunteering,
                bodies,
            },
        )
}

/// Adds the instruments of `choices` for `year` to `ds`, whose organisations and state bodies
/// they refer to: each keeps the default criteria (a grant plan discussed for ten working days
/// or more, approved after its discussion, topics within the plan's budget; foreign funding of
/// an organisation of the dataset, in a half-year of `year`, of a positive amount).
pub(super) fn add(ds: &mut Dataset, year: i32, choices: Instruments) {
    add_foreign_funding(ds, year, choices.foreign_funding);
    add_volunteering(ds, year, choices.volunteering);
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
    for (n, choice) in choices.partnership_orders.into_iter().enumerate() {
        let customer = ds
            .state_bodies
            .get(choice.customer.index(ds.state_bodies.len().max(1)));
        let partner = ds
            .organizations
            .get(choice.partner.index(ds.organizations.len().max(1)));
        let (Some(customer), Some(partner)) = (customer, partner) else {
            continue;
        };
        // The rules of Order 248-НҚ are in force from 20 June 2023: every year drawn is later.
        let agreed = day(3, 1);
        let start = day(3, 15);
        let end = start + chrono::Months::new(choice.months);
        ds.partnership_orders.push(PartnershipOrder {
            id: format!("SP-{year}-{n:04}").parse().unwrap(),
            legal_basis: PartnershipRules::Order248,
            customer: customer.bin,
            partner: partner.bin,
            agreement_number: format!("{n}-СӘ"),
            agreement_date: agreed,
            period: Period::new(start, end),
            amount: Money::from_tenge(choice.tenge).unwrap(),
            topic: choice.topic,
            stage: choice.stage,
        });
    }
    for (n, choice) in choices.bodies.into_iter().enumerate() {
        let Some(parent) = ds
            .state_bodies
            .get(choice.parent.index(ds.state_bodies.len().max(1)))
        else {
            continue;
        };
        let mut body = Body::new(
            format!("BD-{year}-{n:04}").parse().unwrap(),
            choice.kind,
            choice.name,
            parent.bin,
        );
        let since = day(1, 15);
        let mut seated = std::collections::BTreeSet::new();
        for i in choice.organizations {
            if let Some(org) = ds.organizations.get(i.index(ds.organizations.len().max(1)))
                && seated.insert(org.bin)
            {
                body.members
                    .push(BodyMember::of_organization(org.bin, since));
            }
        }
        for role in choice.roles {
            body.members.push(BodyMember::in_role(role, since));
        }
        // A public council meets in the open; the others as the choice says.
        let public = choice.kind == BodyKind::PublicCouncil;
        for (month, open, quorum_met, decisions) in choice.meetings {
            let mut meeting = Meeting::new(day(month, 20), open || public);
            meeting.quorum_met = quorum_met;
            meeting.decisions = decisions.into_iter().map(Decision::new).collect();
            body.meetings.push(meeting);
        }
        ds.bodies.push(body);
    }
}

/// Adds an entry of the register of foreign funding for each of `choices`, received by an
/// organisation of `ds` in a half-year of `year` (both ended before any publication date the
/// dataset strategy draws).
fn add_foreign_funding(ds: &mut Dataset, year: i32, choices: Vec<ForeignFundingChoice>) {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap();
    for (n, choice) in choices.into_iter().enumerate() {
        let Some(recipient) = ds
            .organizations
            .get(choice.recipient.index(ds.organizations.len().max(1)))
        else {
            continue;
        };
        let mut entry =
            ForeignFundingEntry::new(format!("FF-{year}-{n:04}").parse().unwrap(), recipient.bin);
        entry.period = choice.half.map(|second| {
            if second {
                Period::new(day(7, 1), day(12, 31))
            } else {
                Period::new(day(1, 1), day(6, 30))
            }
        });
        entry.amount = choice.tenge.map(|t| Money::from_tenge(t).unwrap());
        entry.purpose_category = choice.purpose;
        ds.foreign_funding_entries.push(entry);
    }
}

/// Adds a volunteer programme or action for each of `choices`, organised by an organisation of
/// `ds` in its region, from 1 June of `year`; a held one counts its volunteers.
fn add_volunteering(ds: &mut Dataset, year: i32, choices: Vec<VolunteerChoice>) {
    let start = NaiveDate::from_ymd_opt(year, 6, 1).unwrap();
    for (n, choice) in choices.into_iter().enumerate() {
        let Some(organizer) = ds
            .organizations
            .get(choice.organizer.index(ds.organizations.len().max(1)))
        else {
            continue;
        };
        let (kind, days) = if choice.programme {
            (VolunteerActivityKind::Programme, 30 + choice.longer)
        } else {
            (VolunteerActivityKind::Action, choice.longer % 3)
        };
        let mut activity = VolunteerActivity::new(
            format!("VA-{year}-{n:04}").parse().unwrap(),
            kind,
            organizer.bin,
            choice.title,
            organizer.region,
            Period::new(start, start + chrono::Days::new(days)),
            choice.area,
            choice.status,
        );
        activity.volunteers = choice.volunteers;
        ds.volunteer_activities.push(activity);
    }
}
