//! The rules of the instruments added for issue 13 beside the plans: the state order for
//! strategic partnership, the register of foreign funding, volunteering, and expert and
//! civil-society bodies.

use chrono::NaiveDate;
use engo_criteria::Code;
use engo_model::{Dataset, Lang, LocalizedText, Money, example, record::*};

use crate::{found, report};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The example's order is agreed on 1 March 2024 under Order 248-НҚ (in force, as engo reads
/// it, from its registration on 20 June 2023), with the ministry and a youth association.
#[test]
fn a_partnership_order_rests_on_the_rules_in_force_on_its_agreement_date() {
    let mut ds = example::dataset();
    assert!(found(&ds).is_empty());
    let order = &mut ds.partnership_orders[0];
    // Decree 1139 was repealed in July 2023: not the rules of an agreement of 2024.
    order.legal_basis = PartnershipRules::Decree1139;
    let want = [(
        Code::PartnershipLegalBasisNotInForce,
        "/partnership_orders/0/legal_basis".to_owned(),
    )];
    assert_eq!(found(&ds), want);
    let f = report(&ds)
        .group(Code::PartnershipLegalBasisNotInForce)
        .unwrap()
        .findings[0]
        .clone();
    assert_eq!(f.params["in_force"], "order_248");
    // In the first half of 2023 the decree was the rules, and the order not yet.
    ds.partnership_orders[0].agreement_date = d(2023, 2, 1);
    assert!(found(&ds).is_empty());
    ds.partnership_orders[0].legal_basis = PartnershipRules::Order248;
    assert_eq!(found(&ds), want);
    // Between the order's registration and the decree's repeal, either act is accepted.
    for act in PartnershipRules::ALL {
        ds.partnership_orders[0].legal_basis = act;
        ds.partnership_orders[0].agreement_date = d(2023, 7, 1);
        assert!(found(&ds).is_empty(), "{act}");
    }
}

/// Law 134-VII of 04.07.2022 brought the instrument in; its first rules came into force on
/// 1 January 2023: an agreement of the last day of 2022 is dated before the instrument.
#[test]
fn a_partnership_order_is_not_dated_before_the_instrument() {
    let mut ds = example::dataset();
    ds.partnership_orders[0].legal_basis = PartnershipRules::Decree1139;
    ds.partnership_orders[0].agreement_date = d(2023, 1, 1);
    assert!(found(&ds).is_empty());
    ds.partnership_orders[0].agreement_date = d(2022, 12, 31);
    assert_eq!(
        found(&ds),
        [(
            Code::PartnershipDateBeforeInstrument,
            "/partnership_orders/0/agreement_date".to_owned()
        )]
    );
    let f = report(&ds)
        .group(Code::PartnershipDateBeforeInstrument)
        .unwrap()
        .findings[0]
        .clone();
    assert_eq!(f.params["first"], "2023-01-01");
    // The message names both days, in Kazakh too.
    assert!(f.message(Lang::Kk).contains("2022-12-31 жасалған"));
}

#[test]
fn a_partnership_order_names_its_parties_and_keeps_its_period_and_amount() {
    let mut ds = example::dataset();
    let ministry = ds.state_bodies[0].bin;
    let ngo = ds.organizations[0].bin;
    let order = &mut ds.partnership_orders[0];
    // The customer must be a state body and the partner an organisation: swapped, both dangle.
    order.customer = ngo;
    order.partner = ministry;
    order.period = Period::new(d(2025, 12, 31), d(2024, 3, 15));
    order.amount = Money::ZERO;
    assert_eq!(
        found(&ds),
        [
            (
                Code::PartnershipAmountNotPositive,
                "/partnership_orders/0/amount".to_owned()
            ),
            (
                Code::ProjectPeriodInverted,
                "/partnership_orders/0/period".to_owned()
            ),
            (
                Code::RefDangling,
                "/partnership_orders/0/customer".to_owned()
            ),
            (
                Code::RefDangling,
                "/partnership_orders/0/partner".to_owned()
            ),
        ]
    );
}

#[test]
fn a_partnership_order_topic_is_scanned_for_personal_data_and_its_date_for_the_future() {
    let mut ds = example::dataset();
    let order = &mut ds.partnership_orders[0];
    order.topic = LocalizedText::from_kk_ru(
        "Үйлестіруші: aigul.seitqaliqyzy@mail.kz, Қызылорда өңірі",
        "Координатор: aigul.seitqaliqyzy@mail.kz",
    )
    .unwrap();
    order.agreement_date = d(2026, 1, 5);
    let codes: Vec<Code> = found(&ds).into_iter().map(|(c, _)| c).collect();
    assert!(codes.contains(&Code::PrivacyEmailInText), "{codes:?}");
    assert!(codes.contains(&Code::CoherenceDateInFuture), "{codes:?}");
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

/// Law 02.11.2015 No. 383-V Art. 9 (EN transl.): a ministry's public council has 15–30
/// members. The example's council is a region's (no bound read): moved to the ministry with its
/// three members, it is too small; with fifteen it is not.
#[test]
fn a_ministry_public_council_has_fifteen_to_thirty_members() {
    let mut ds = example::dataset();
    assert!(found(&ds).is_empty());
    ds.bodies[0].parent = ds.state_bodies[0].bin;
    let want = [(
        Code::BodyPublicCouncilSizeOutOfRange,
        "/bodies/0/members".to_owned(),
    )];
    assert_eq!(found(&ds), want);
    let since = d(2024, 2, 1);
    let role = LocalizedText::from_kk_ru("Қоғам қайраткері", "Общественный деятель").unwrap();
    while ds.bodies[0].members.len() < 15 {
        ds.bodies[0]
            .members
            .push(BodyMember::in_role(role.clone(), since));
    }
    assert!(found(&ds).is_empty());
    // A member who left before publication no longer counts.
    ds.bodies[0].members[3].until = Some(d(2025, 6, 30));
    assert_eq!(found(&ds), want);
    let f = report(&ds)
        .group(Code::BodyPublicCouncilSizeOutOfRange)
        .unwrap()
        .findings[0]
        .clone();
    assert_eq!(
        (f.params["found"].as_str(), f.params["min"].as_str()),
        ("14", "15")
    );
    while ds.bodies[0].members.len() < 32 {
        ds.bodies[0]
            .members
            .push(BodyMember::in_role(role.clone(), since));
    }
    assert_eq!(found(&ds), want);
}

/// Art. 9: one representative per non-commercial organisation; Art. 13: meetings are open.
#[test]
fn a_public_council_seats_one_representative_of_an_organisation_and_meets_in_the_open() {
    let mut ds = example::dataset();
    let council = &mut ds.bodies[0];
    let twice = council.members[0].clone();
    council.members.push(twice);
    council.meetings[0].open = false;
    assert_eq!(
        found(&ds),
        [
            (
                Code::BodyPublicCouncilMeetingClosed,
                "/bodies/0/meetings/0/open".to_owned()
            ),
            (
                Code::BodyPublicCouncilMemberRepeated,
                "/bodies/0/members/3/organization".to_owned()
            ),
        ]
    );
    // A representative who follows one who left is no repetition; an expert council has no
    // such rule, and may meet behind closed doors.
    ds.bodies[0].members[0].until = Some(d(2024, 12, 31));
    ds.bodies[0].members[3].since = d(2025, 1, 1);
    ds.bodies[0].kind = BodyKind::ExpertCouncil;
    assert!(found(&ds).is_empty());
}

#[test]
fn a_member_is_an_organisation_or_a_public_role_and_the_body_belongs_to_a_state_body() {
    let mut ds = example::dataset();
    let ngo = ds.organizations[0].bin;
    let body = &mut ds.bodies[0];
    body.parent = ngo;
    body.members[0].organization = None;
    body.members[1].organization = Some("000640002067".parse().unwrap());
    body.members[2].until = Some(d(2023, 1, 1));
    assert_eq!(
        found(&ds),
        [
            (
                Code::BodyMemberUnidentified,
                "/bodies/0/members/0".to_owned()
            ),
            (
                Code::ProjectPeriodInverted,
                "/bodies/0/members/2".to_owned()
            ),
            (
                Code::RefDangling,
                "/bodies/0/members/1/organization".to_owned()
            ),
            (Code::RefDangling, "/bodies/0/parent".to_owned()),
        ]
    );
}

#[test]
fn a_body_decision_is_scanned_for_personal_data_and_its_meeting_for_the_future() {
    let mut ds = example::dataset();
    ds.bodies[0].meetings[0].decisions[0].text = LocalizedText::from_kk_ru(
        "Хатшы Әлия Нұрғалиқызы, ЖСН 061211600012, қаралсын.",
        "Секретарь, ИИН 061211600012.",
    )
    .unwrap();
    ds.bodies[0].meetings[0].date = d(2026, 3, 1);
    let codes: Vec<Code> = found(&ds).into_iter().map(|(c, _)| c).collect();
    assert!(codes.contains(&Code::PrivacyPersonalId), "{codes:?}");
    assert!(codes.contains(&Code::CoherenceDateInFuture), "{codes:?}");
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
