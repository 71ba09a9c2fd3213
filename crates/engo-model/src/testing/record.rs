//! Strategies for records: indicators, organisations and state bodies made whole, and every
//! other kind drawn from coherent datasets.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{area, bin, dataset, kato, localized_text, period, quantity, record_id};
use crate::{Money, lifecycle::*, record::*};

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
    /// A valid plan of grants or of the social order, with its topics.
    plan -> Plan = plans;
    /// A valid state order for strategic partnership.
    partnership_order -> PartnershipOrder = partnership_orders;
    /// A valid entry of the register of foreign funding.
    foreign_funding_entry -> ForeignFundingEntry = foreign_funding_entries;
    /// A valid expert or civil-society body, with its members and meetings.
    body -> Body = bodies;
    /// A valid volunteer programme or action.
    volunteer_activity -> VolunteerActivity = volunteer_activities;
}
