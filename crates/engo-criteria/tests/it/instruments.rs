//! The rules of the instruments added for issue 13 after the plans: the register of foreign
//! funding and volunteering.

use chrono::NaiveDate;
use engo_criteria::Code;
use engo_model::{Dataset, Lang, LocalizedText, Money, example, record::*};

use crate::{found, report};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Asserts that `ds` has exactly the findings `want` (code, path).
fn exactly(ds: &Dataset, want: &[(Code, &str)]) {
    let mut want: Vec<(Code, String)> = want.iter().map(|(c, p)| (*c, p.to_string())).collect();
    want.sort();
    assert_eq!(found(ds), want);
}

/// The register of foreign funding (Tax Code; kgd.gov.kz, law-sources §11): the example's entry
/// (the public association «Жастар бастамасы», first half of 2025, legal aid) is clean; a
/// recipient that is not an organisation of the dataset, an inverted period and an amount of
/// zero are each found.
#[test]
fn a_foreign_funding_entry_names_an_organisation_a_period_and_an_amount() {
    let mut ds = example::dataset();
    exactly(&ds, &[]);
    let entry = &ds.foreign_funding_entries[0];
    assert_eq!(
        entry.purpose_category,
        Some(ForeignFundingPurpose::LegalAid)
    );
    // Amount, period and purpose are not confirmed columns of the register: none is required.
    let bare = ForeignFundingEntry::new("FF-2025-H1-0002".parse().unwrap(), entry.recipient);
    ds.foreign_funding_entries.push(bare);
    exactly(&ds, &[]);
    // A state body is outside the reporting duty: only an organisation of the dataset resolves.
    ds.foreign_funding_entries[0].recipient = ds.state_bodies[0].bin;
    ds.foreign_funding_entries[0].period = Some(Period::new(d(2025, 6, 30), d(2025, 1, 1)));
    ds.foreign_funding_entries[1].amount = Some(Money::ZERO);
    exactly(
        &ds,
        &[
            (Code::RefDangling, "/foreign_funding_entries/0/recipient"),
            (
                Code::ProjectPeriodInverted,
                "/foreign_funding_entries/0/period",
            ),
            (
                Code::ForeignFundingAmountNotPositive,
                "/foreign_funding_entries/1/amount",
            ),
        ],
    );
    let zero = report(&ds)
        .group(Code::ForeignFundingAmountNotPositive)
        .unwrap()
        .findings[0]
        .clone();
    assert_eq!(
        zero.message(Lang::Kk),
        "Шетелдік қаржыландыру тізіліміндегі жазбаның сомасы нөлге тең."
    );
    // One tiyn received is a receipt.
    ds.foreign_funding_entries[1].amount = Some(Money::from_tiyn(1).unwrap());
    assert!(
        !found(&ds)
            .iter()
            .any(|(c, _)| *c == Code::ForeignFundingAmountNotPositive)
    );
}

/// Money received after the register was published cannot be in it; an IIN in an entry's id is
/// found as personal data.
#[test]
fn a_foreign_funding_entry_is_of_the_past_and_names_no_person() {
    let mut ds = example::dataset();
    ds.foreign_funding_entries[0].period = Some(Period::new(d(2025, 7, 1), d(2025, 12, 31)));
    ds.foreign_funding_entries[0].id = "FF-880101300123".parse().unwrap();
    exactly(
        &ds,
        &[
            (
                Code::CoherenceDateInFuture,
                "/foreign_funding_entries/0/period/end",
            ),
            (Code::PrivacyPersonalId, "/foreign_funding_entries/0/id"),
        ],
    );
}

/// Volunteering (Law 30.12.2016 No. 42-VI, law-sources §10): the example's action (a clean-up
/// on the banks of the Үлкен Алматы өзені by the volunteer organisation «Жастар бастамасы», 45
/// volunteers) is clean; an organiser the dataset lacks, an inverted period and a held action
/// with no volunteers counted are each found.
#[test]
fn a_volunteer_action_has_an_organiser_a_period_and_its_volunteers() {
    let mut ds = example::dataset();
    let action = &ds.volunteer_activities[0];
    assert_eq!(action.kind, VolunteerActivityKind::Action);
    assert!(
        action
            .title
            .get(Lang::Kk)
            .contains("Үлкен Алматы өзенінің жағалауын")
    );
    // A state body may organise volunteer activity too.
    ds.volunteer_activities[0].organizer = ds.state_bodies[1].bin;
    exactly(&ds, &[]);
    ds.volunteer_activities[0].organizer = "940140000385".parse().unwrap();
    let mut programme = ds.volunteer_activities[0].clone();
    programme.id = "VA-2025-0002".parse().unwrap();
    programme.kind = VolunteerActivityKind::Programme;
    programme.organizer = "000640002067".parse().unwrap();
    programme.period = Period::new(d(2025, 12, 31), d(2025, 3, 1));
    programme.status = VolunteerActivityStatus::Planned;
    programme.volunteers = 0;
    ds.volunteer_activities.push(programme);
    ds.volunteer_activities[0].volunteers = 0;
    exactly(
        &ds,
        &[
            (
                Code::VolunteeringHeldWithoutVolunteers,
                "/volunteer_activities/0/volunteers",
            ),
            (Code::RefDangling, "/volunteer_activities/1/organizer"),
            (
                Code::ProjectPeriodInverted,
                "/volunteer_activities/1/period",
            ),
        ],
    );
    let none = report(&ds)
        .group(Code::VolunteeringHeldWithoutVolunteers)
        .unwrap()
        .findings[0]
        .clone();
    assert_eq!(
        none.message(Lang::Kk),
        "Волонтерлік бағдарлама (акция) өткізілді деп көрсетілген, бірақ волонтерлер саны нөлге тең."
    );
    // Planned or cancelled, no volunteers is no finding: only a held one must count them.
    ds.volunteer_activities[0].status = VolunteerActivityStatus::Cancelled;
    assert!(
        !found(&ds)
            .iter()
            .any(|(c, _)| *c == Code::VolunteeringHeldWithoutVolunteers)
    );
}

/// A volunteer action said to be held after publication is in the future; a personal number
/// in its Kazakh title is personal data (engo publishes volunteers as a count, never by name or
/// number).
#[test]
fn a_volunteer_action_names_no_volunteer() {
    let mut ds = example::dataset();
    let day = d(2025, 12, 6);
    ds.volunteer_activities[0].period = Period::new(day, day);
    ds.volunteer_activities[0].title = LocalizedText::from_kk_ru(
        "Сенбілік үйлестірушісі: ЖСН 880101300123, Әлия Құрманғазықызы",
        "Субботник",
    )
    .unwrap();
    exactly(
        &ds,
        &[
            (
                Code::CoherenceDateInFuture,
                "/volunteer_activities/0/period/end",
            ),
            (Code::PrivacyPersonalId, "/volunteer_activities/0/title/kk"),
        ],
    );
    // Planned, the same days are no finding.
    ds.volunteer_activities[0].status = VolunteerActivityStatus::Planned;
    assert_eq!(
        found(&ds),
        [(
            Code::PrivacyPersonalId,
            "/volunteer_activities/0/title/kk".to_owned()
        )]
    );
}
