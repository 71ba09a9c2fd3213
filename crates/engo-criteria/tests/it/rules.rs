//! For every rule: a record that triggers it, and one just inside the limit.

use chrono::NaiveDate;
use engo_criteria::{Checker, Code, Purpose, Severity};
use engo_model::{
    Dataset, LocalizedText, Money, MrpTable, example,
    lifecycle::{MilestoneStage, OrganizationStage},
    record::*,
};

use crate::{found, profile, report};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn tenge(t: u64) -> Money {
    Money::from_tenge(t).unwrap()
}

fn codes(ds: &Dataset) -> Vec<Code> {
    found(ds).into_iter().map(|(c, _)| c).collect()
}

/// Asserts that `ds` has exactly the findings `want` (code, path).
fn exactly(ds: &Dataset, want: &[(Code, &str)]) {
    let mut want: Vec<(Code, String)> = want.iter().map(|(c, p)| (*c, p.to_string())).collect();
    want.sort();
    assert_eq!(found(ds), want);
}

#[test]
fn the_example_is_clean() {
    let ds = example::dataset();
    let r = report(&ds);
    assert_eq!(
        r.totals.error + r.totals.warning,
        0,
        "{}",
        r.to_text(engo_model::Lang::En, 10)
    );
}

fn eligibility_codes(ds: &Dataset, i: usize, at: NaiveDate) -> Vec<Code> {
    let index = engo_model::DatasetIndex::new(ds);
    let checker = Checker::new(ds, &index, profile(ds));
    checker
        .eligibility(&ds.organizations[i].bin, Purpose::Grant, at, "/x")
        .into_iter()
        .map(|f| f.code)
        .collect()
}

#[test]
fn legal_form_excluded_and_unknown() {
    let mut ds = example::dataset();
    for form in [
        "political_party",
        "trade_union",
        "religious_association",
        "state_institution",
    ] {
        ds.organizations[1].legal_form = form.parse().unwrap();
        assert_eq!(
            eligibility_codes(&ds, 1, d(2025, 9, 1)),
            [Code::NgoLegalFormExcluded],
            "{form}"
        );
    }
    ds.organizations[1].legal_form = "cooperative_x".parse().unwrap();
    assert_eq!(
        eligibility_codes(&ds, 1, d(2025, 9, 1)),
        [Code::NgoLegalFormUnknown]
    );
    ds.organizations[1].legal_form = "foundation".parse().unwrap();
    assert!(eligibility_codes(&ds, 1, d(2025, 9, 1)).is_empty());
}

#[test]
fn status_not_active() {
    let mut ds = example::dataset();
    for stage in [
        OrganizationStage::Suspended,
        OrganizationStage::InLiquidation,
        OrganizationStage::Registered,
    ] {
        ds.organizations[1].status.stage = stage;
        assert_eq!(
            eligibility_codes(&ds, 1, d(2025, 9, 1)),
            [Code::NgoStatusNotActive]
        );
    }
}

#[test]
fn database_report_due_31_march() {
    let mut ds = example::dataset();
    // Due for 2024 on 31 March 2025: submitted that day is in time.
    ds.organizations[2]
        .database_reports
        .retain(|r| r.year != 2024);
    assert!(
        eligibility_codes(&ds, 2, d(2025, 3, 31)).is_empty(),
        "2024 not due yet on 31 March"
    );
    assert_eq!(
        eligibility_codes(&ds, 2, d(2025, 4, 1)),
        [Code::NgoDatabaseNotSubmitted]
    );
    // Submitted late (after the date asked about) does not count.
    let mut ds = example::dataset();
    ds.organizations[2]
        .database_reports
        .iter_mut()
        .filter(|r| r.year == 2024)
        .for_each(|r| r.submitted_on = Some(d(2025, 9, 2)));
    assert_eq!(
        eligibility_codes(&ds, 2, d(2025, 9, 1)),
        [Code::NgoDatabaseNotSubmitted]
    );
    assert!(eligibility_codes(&ds, 2, d(2025, 9, 2)).is_empty());
    // An organisation registered after the year reported on owes nothing for it.
    let mut ds = example::dataset();
    ds.organizations[2].registered_on = d(2025, 1, 10);
    ds.organizations[2].database_reports.clear();
    assert!(eligibility_codes(&ds, 2, d(2025, 9, 1)).is_empty());
}

#[test]
fn registration_too_recent_only_when_the_profile_sets_it() {
    let mut ds = example::dataset();
    ds.organizations[3].registered_on = d(2025, 3, 1);
    assert!(
        eligibility_codes(&ds, 3, d(2025, 9, 1)).is_empty(),
        "off by default"
    );
    let p = engo_criteria::Profiles::embedded()
        .parse_user(r#"{"extends":"kz-2025-07","params":{"registration_min_months":6}}"#)
        .unwrap();
    let index = engo_model::DatasetIndex::new(&ds);
    let checker = Checker::new(&ds, &index, &p);
    let at = |date| {
        checker
            .eligibility(&ds.organizations[3].bin, Purpose::Award, date, "")
            .into_iter()
            .map(|f| f.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(at(d(2025, 8, 31)), [Code::NgoRegistrationTooRecent]);
    assert!(
        at(d(2025, 9, 1)).is_empty(),
        "six whole months on 1 September"
    );
}

#[test]
fn disqualified_while_in_force() {
    let ds = example::dataset(); // ngo2: tax arrears 2021-04-01 .. 2021-06-30
    assert_eq!(
        eligibility_codes(&ds, 1, d(2021, 6, 30))
            .iter()
            .filter(|c| **c == Code::NgoDisqualified)
            .count(),
        1
    );
    assert!(!eligibility_codes(&ds, 1, d(2021, 7, 1)).contains(&Code::NgoDisqualified.to_owned()));
    let mut ds = example::dataset();
    ds.organizations[1]
        .disqualifications
        .push(Disqualification::new(
            DisqualificationKind::CourtBan,
            d(2025, 1, 1),
        ));
    assert_eq!(
        eligibility_codes(&ds, 1, d(2025, 9, 1)),
        [Code::NgoDisqualified]
    );
}

#[test]
fn area_not_declared_is_a_warning() {
    let mut ds = example::dataset();
    ds.organizations[1].areas.remove(&"YOUTH".parse().unwrap());
    exactly(&ds, &[(Code::NgoAreaNotDeclared, "/grants/0/recipient")]);
    assert_eq!(
        report(&ds)
            .group(Code::NgoAreaNotDeclared)
            .unwrap()
            .severity,
        Severity::Warning
    );
}

#[test]
fn order_rules() {
    let mut ds = example::dataset();
    ds.social_orders[0].customer = ds.organizations[0].bin;
    ds.social_orders[1].area = "NOPE".parse().unwrap();
    exactly(
        &ds,
        &[
            (Code::OrderCustomerNotStateBody, "/social_orders/0/customer"),
            (Code::OrderAreaUnknown, "/social_orders/1/area"),
        ],
    );
    // Abai region (10) exists from June 2022: unknown for a 2021 order, known for 2023.
    let mut ds = example::dataset();
    ds.social_orders[1].financial_year = 2022;
    exactly(
        &ds,
        &[(Code::OrderRegionUnknown, "/social_orders/1/regions")],
    );
    ds.social_orders[1].financial_year = 2023;
    exactly(&ds, &[]);
    let mut ds = example::dataset();
    ds.social_orders[1].budget = Money::ZERO;
    ds.projects[1].budget = Money::ZERO;
    ds.projects[1].tranches.clear();
    exactly(
        &ds,
        &[(Code::OrderBudgetNotPositive, "/social_orders/1/budget")],
    );
}

/// SSO Law Art. 1 1-1): "within one year and up to three years" — at most 36 months, no
/// minimum (a one-day social-order event was evaluated as such: aleumet-bko.gov.kz).
#[test]
fn project_duration_up_to_three_years() {
    let mut ds = example::dataset();
    let so = &mut ds.social_orders[0];
    so.period = Period::new(d(2025, 3, 1), d(2028, 2, 29)); // 36 months: inside
    exactly(&ds, &[]);
    ds.social_orders[0].period = Period::new(d(2025, 3, 1), d(2028, 3, 1)); // 36 months and a day
    exactly(
        &ds,
        &[(Code::ProjectDurationOutOfRange, "/social_orders/0/period")],
    );
    let f = report(&ds)
        .group(Code::ProjectDurationOutOfRange)
        .unwrap()
        .findings[0]
        .clone();
    assert_eq!(f.params["range"], "≤ 36");
    // A one-day event and an 11-month project are social projects too.
    ds.social_orders[0].period = Period::new(d(2025, 3, 2), d(2025, 3, 2));
    exactly(&ds, &[]);
    ds.social_orders[0].period = Period::new(d(2025, 3, 2), d(2026, 2, 28)); // 11 months
    exactly(&ds, &[]);
    ds.social_orders[0].period = Period::new(d(2026, 2, 28), d(2025, 3, 1));
    exactly(
        &ds,
        &[(Code::ProjectPeriodInverted, "/social_orders/0/period")],
    );
    // What the `formed` guard of the stage tables asks: the period rules alone.
    let index = engo_model::DatasetIndex::new(&ds);
    let checker = Checker::new(&ds, &index, profile(&ds));
    let period = |ds: &Dataset| {
        let f = checker.order_period(&ds.social_orders[0], "/social_orders/0");
        f.into_iter().map(|f| (f.code, f.path)).collect::<Vec<_>>()
    };
    let inverted = (
        Code::ProjectPeriodInverted.to_owned(),
        "/social_orders/0/period".to_owned(),
    );
    assert_eq!(period(&ds), [inverted]);
    assert_eq!(period(&example::dataset()), []);
}

#[test]
fn project_rules() {
    let mut ds = example::dataset();
    ds.projects[0].budget = tenge(12_000_001);
    ds.projects[0].indicators.clear();
    ds.projects[0].milestones[2].due_date = d(2026, 3, 1);
    exactly(
        &ds,
        &[
            (Code::ProjectAmountExceedsOrder, "/projects/0/budget"),
            (Code::ProjectIndicatorsMissing, "/projects/0/indicators"),
            (
                Code::ProjectMilestoneOutsidePeriod,
                "/projects/0/milestones/2/due_date",
            ),
        ],
    );
    ds.projects[0].budget = tenge(12_000_000);
    ds.projects[0].milestones[2].due_date = d(2026, 2, 28);
    exactly(
        &ds,
        &[(Code::ProjectIndicatorsMissing, "/projects/0/indicators")],
    );
    let mut ds = example::dataset();
    ds.social_orders[0].indicators.clear();
    exactly(
        &ds,
        &[(
            Code::ProjectIndicatorsMissing,
            "/social_orders/0/indicators",
        )],
    );
}

#[test]
fn grant_term_bands() {
    let mut ds = example::dataset();
    // Medium: 12–24 months, 3 000–10 000 MRP in force on the award date (2025: 3 932 ₸).
    ds.grants[0].period = Period::new(d(2025, 8, 1), d(2027, 7, 31)); // 24 months: inside
    let mrp = MrpTable::embedded();
    let awarded = d(2025, 7, 25);
    ds.grants[0].amount_awarded = Some(mrp.to_money(10_000, awarded).unwrap());
    ds.projects[2].budget = ds.grants[0].amount_awarded.unwrap();
    exactly(&ds, &[]);
    ds.grants[0].period = Period::new(d(2025, 8, 1), d(2027, 8, 1));
    ds.grants[0].amount_awarded = Some(
        mrp.to_money(10_000, awarded)
            .unwrap()
            .checked_add(Money::from_tiyn(1).unwrap())
            .unwrap(),
    );
    exactly(
        &ds,
        &[
            (Code::GrantTermDurationMismatch, "/grants/0/period"),
            (Code::GrantTermAmountOutOfRange, "/grants/0/amount_awarded"),
        ],
    );
    let f = report(&ds)
        .group(Code::GrantTermAmountOutOfRange)
        .unwrap()
        .findings[0]
        .clone();
    assert_eq!(f.params["mrp"], "10000.00 MRP");
    assert_eq!(f.params["date"], "2025-07-25");
    // The law divides state grants alone into terms (Art. 6-1 §2): a non-state grant of any
    // length and amount has no band.
    ds.grants[0].kind = GrantKind::NonState;
    ds.grants[0].funding = FundingSource::ExtraBudgetary;
    exactly(&ds, &[]);
}

/// The bands came with the 2023 competition ("for the first time", cisc.kz): a state grant
/// awarded in 2019 is judged by the rules of 2019, which had none; forced under the rules of
/// 2025 it would break them.
#[test]
fn grants_are_judged_by_the_rules_of_their_own_date() {
    let mut ds = example::dataset();
    let g = &mut ds.grants[0];
    g.award_date = Some(d(2019, 7, 25));
    g.period = Period::new(d(2019, 8, 1), d(2022, 7, 31)); // 36 months: no band in 2019
    g.amount_awarded = Some(tenge(1_000_000)); // 396 MRP of 2019 (2 525 ₸)
    ds.projects[2].budget = tenge(1_000_000);
    ds.projects[2].period = g.period;
    let index = engo_model::DatasetIndex::new(&ds);
    let profiles = engo_criteria::Profiles::embedded();
    let by_date = Checker::new(&ds, &index, profile(&ds)).by_date(profiles);
    let report = by_date.check();
    let banded = [
        Code::GrantTermDurationMismatch,
        Code::GrantTermAmountOutOfRange,
    ];
    assert!(
        report.findings().all(|f| !banded.contains(&f.code)),
        "{}",
        report.to_text(engo_model::Lang::En, 5)
    );
    // The example's other records are of 2024 and 2025: three periods judged it.
    assert_eq!(report.profiles, ["kz-2018-09", "kz-2023-01", "kz-2025-07"]);
    assert_eq!(report.profile, "kz-2025-07");
    // Forced under the 2025 rules, the same grant is a medium grant too long and too small.
    let forced = Checker::new(&ds, &index, profile(&ds)).check();
    for code in banded {
        assert!(forced.group(code).is_some(), "{code}");
    }
    // A record dated before every profile is not judged, and the report says so.
    ds.grants[0].award_date = Some(d(2017, 7, 25));
    let index = engo_model::DatasetIndex::new(&ds);
    let report = Checker::new(&ds, &index, profile(&ds))
        .by_date(profiles)
        .check();
    let none = report.group(Code::CriteriaProfileNone).unwrap();
    assert_eq!(none.findings[0].path, "/grants/0");
    assert_eq!(none.findings[0].params["date"], "2017-07-25");
}

#[test]
fn own_support_share() {
    let mut ds = example::dataset();
    ds.grants[0].own_support = tenge(1_500_000); // exactly 10 % of 15 000 000
    exactly(&ds, &[]);
    ds.grants[0].own_support = Money::from_tiyn(150_000_001).unwrap();
    exactly(
        &ds,
        &[(Code::GrantOwnSupportExceedsShare, "/grants/0/own_support")],
    );
}

#[test]
fn grant_language_and_funding() {
    let mut ds = example::dataset();
    ds.grants[0].language = engo_model::Lang::En;
    ds.grants[0].funding = FundingSource::ExtraBudgetary;
    exactly(
        &ds,
        &[
            (Code::GrantApplicationLanguage, "/grants/0/language"),
            (Code::GrantFundingMismatch, "/grants/0/funding"),
        ],
    );
    ds.grants[0].language = engo_model::Lang::Ru;
    ds.grants[0].kind = GrantKind::NonState;
    exactly(&ds, &[]);
}

#[test]
fn award_minimum_2000_mrp() {
    let mut ds = example::dataset();
    ds.awards[0].amount = tenge(7_864_000); // 2 000 × 3 932
    exactly(&ds, &[]);
    ds.awards[0].amount = Money::from_tiyn(786_399_999).unwrap();
    exactly(&ds, &[(Code::AwardAmountBelowMinimum, "/awards/0/amount")]);
}

/// A nomination's award shared equally: the 2017 call gave 59 laureates in 15 nominations, and
/// its rules set the minimum for the nomination («премия по одной номинации … делится между ними
/// поровну»). In 2018 (MRP 2 405 ₸) 2 000 MRP is 4 810 000 ₸: a fund of that amount shared by
/// four laureates gives each 1 202 500 ₸, which is not below the minimum.
#[test]
fn a_shared_nomination_is_judged_by_its_fund_and_equal_shares() {
    use engo_model::record::NominationShare;
    let mut ds = example::dataset();
    ds.awards[0].year = 2018;
    ds.awards[0].award_date = Some(d(2018, 11, 21));
    ds.awards[0].amount = tenge(1_202_500);
    // The laureate reported to the NGO database for 2017, as an applicant of 2018 must have.
    let laureate = ds.awards[0].laureate.unwrap();
    let org = ds
        .organizations
        .iter_mut()
        .find(|o| o.bin == laureate)
        .unwrap();
    let mut report_2017 = org.database_reports[0].clone();
    report_2017.year = 2017;
    report_2017.submitted_on = Some(d(2018, 3, 30));
    org.database_reports.insert(0, report_2017);
    // Alone, the share is below the minimum of a whole nomination.
    exactly(&ds, &[(Code::AwardAmountBelowMinimum, "/awards/0/amount")]);
    ds.awards[0].shared = Some(NominationShare::new(tenge(4_810_000), 4));
    exactly(&ds, &[]);
    // A fund below 2 000 MRP of 2018.
    ds.awards[0].shared = Some(NominationShare::new(tenge(4_809_999), 4));
    ds.awards[0].amount = Money::from_tiyn(120_249_975).unwrap();
    exactly(
        &ds,
        &[(Code::AwardAmountBelowMinimum, "/awards/0/shared/fund")],
    );
    // Not the equal share; the one tiyn of a remainder is equal: 4 810 000.03 ₸ / 4 is
    // 1 202 500.0075 ₸, so 1 202 500.00 ₸ and 1 202 500.01 ₸ are equal shares.
    ds.awards[0].shared = Some(NominationShare::new(
        Money::from_tiyn(481_000_003).unwrap(),
        4,
    ));
    ds.awards[0].amount = Money::from_tiyn(120_250_000).unwrap();
    exactly(&ds, &[]);
    ds.awards[0].amount = Money::from_tiyn(120_250_001).unwrap();
    exactly(&ds, &[]);
    ds.awards[0].amount = Money::from_tiyn(120_250_002).unwrap();
    exactly(&ds, &[(Code::AwardShareUnequal, "/awards/0/amount")]);
    ds.awards[0].amount = tenge(1_500_000);
    let found = report(&ds);
    let unequal = found.group(Code::AwardShareUnequal).unwrap();
    assert_eq!(unequal.findings[0].params["share"], "1 202 500.00 ₸");
}

/// 2022 had two MRPs (3 063 ₸ until 31 March, 3 180 ₸ from 1 April, by the amended budget law):
/// 6 200 000 ₸ is 2 000 MRP and more in March (minimum 6 126 000 ₸), less in May (6 360 000 ₸).
#[test]
fn the_mrp_in_force_on_the_award_date() {
    let mut ds = example::dataset();
    ds.awards[0].year = 2022;
    ds.awards[0].amount = tenge(6_200_000);
    ds.awards[0].award_date = Some(d(2022, 3, 15));
    assert!(!codes(&ds).contains(&Code::AwardAmountBelowMinimum));
    ds.awards[0].award_date = Some(d(2022, 5, 15));
    let found = report(&ds);
    let below = found.group(Code::AwardAmountBelowMinimum).unwrap();
    assert_eq!(below.findings[0].params["minimum"], "6 360 000.00 ₸");
}

#[test]
fn evaluation_rules_and_rating() {
    let mut ds = example::dataset();
    ds.evaluations[0].scores.pop();
    ds.evaluations[0].scores[0].score = 16;
    exactly(
        &ds,
        &[
            (Code::EvaluationCriteriaIncomplete, "/evaluations/0/scores"),
            (
                Code::EvaluationScoreOutOfScale,
                "/evaluations/0/scores/0/score",
            ),
            (Code::EvaluationTotalMismatch, "/evaluations/0/total"),
        ],
    );
    let mut ds = example::dataset();
    ds.experts[1].affiliations.insert(ds.organizations[1].bin); // EX-02 works for the implementer
    exactly(
        &ds,
        &[(
            Code::EvaluationExpertConflictOfInterest,
            "/evaluations/0/experts/1",
        )],
    );
    let mut ds = example::dataset();
    ds.evaluations[0].scale_max = 10;
    for s in &mut ds.evaluations[0].scores {
        s.score = 6;
    }
    ds.evaluations[0].total = 30;
    exactly(
        &ds,
        &[(Code::EvaluationScaleUnexpected, "/evaluations/0/scale_max")],
    );
    // Rating: 44/75 = 58 % is below the 60 % pass mark (info); 45/75 = 60 % passes.
    let mut ds = example::dataset();
    for (s, v) in ds.evaluations[0].scores.iter_mut().zip([9, 9, 9, 9, 8]) {
        s.score = v;
    }
    ds.evaluations[0].total = 44;
    exactly(
        &ds,
        &[(Code::EvaluationRatingBelowPassMark, "/evaluations/0/total")],
    );
    ds.evaluations[0].scores[4].score = 9;
    ds.evaluations[0].total = 45;
    let index = engo_model::DatasetIndex::new(&ds);
    let checker = Checker::new(&ds, &index, profile(&ds));
    assert_eq!(
        checker
            .rating(&ds.evaluations[0])
            .map(|r| (r.percent, r.passed)),
        Some((60, true))
    );
    exactly(&ds, &[]);
}

#[test]
fn application_scores_conflict_of_interest() {
    let mut ds = example::dataset();
    ds.experts[0].affiliations.insert(ds.organizations[3].bin);
    exactly(
        &ds,
        &[(
            Code::EvaluationExpertConflictOfInterest,
            "/applications/1/scores/0/expert",
        )],
    );
}

#[test]
fn dangling_references_and_duplicates() {
    let mut ds = example::dataset();
    ds.projects[2].source = ProjectSource::Grant("GR-NOPE".parse().unwrap());
    ds.applications[1].scores[0].expert = "EX-99".parse().unwrap();
    ds.projects[0].tranches[0].milestone = Some("M9".parse().unwrap());
    let award = ds.awards[0].clone();
    ds.awards.push(award);
    let milestone = ds.projects[0].milestones[0].clone();
    ds.projects[0].milestones.push(milestone);
    exactly(
        &ds,
        &[
            (Code::RefDangling, "/projects/2/source"),
            (Code::RefDangling, "/applications/1/scores/0/expert"),
            (Code::RefDangling, "/projects/0/tranches/0/milestone"),
            (Code::IdDuplicate, "/awards/1"),
            (Code::IdDuplicate, "/projects/0/milestones/3"),
        ],
    );
}

/// Law on mediation No. 401-IV, Art. 1 §3: mediation does not apply where a state body is a
/// party.
#[test]
fn a_state_body_is_never_a_party_to_mediation() {
    let mut ds = example::dataset();
    let body = ds.state_bodies[0].bin;
    ds.mediation_cases[0].parties.insert(body);
    exactly(
        &ds,
        &[(Code::MediationPartyStateBody, "/mediation_cases/0/parties")],
    );
    let f = report(&ds)
        .group(Code::MediationPartyStateBody)
        .unwrap()
        .findings[0]
        .clone();
    assert_eq!(f.params["bin"], body.to_string());
}

#[test]
fn a_mediator_is_no_party() {
    let mut ds = example::dataset();
    let party = *ds.mediation_cases[0].parties.first().unwrap();
    ds.mediation_cases[0].mediator = Some(party);
    exactly(
        &ds,
        &[(
            Code::MediationMediatorIsParty,
            "/mediation_cases/0/mediator",
        )],
    );
}

#[test]
fn tranches_and_milestones_coherence() {
    let mut ds = example::dataset();
    ds.projects[0].tranches[1].amount = tenge(8_400_000); // 3.6 M + 8.4 M = 12 M: inside
    exactly(&ds, &[]);
    ds.projects[0].tranches[1].amount = Money::from_tiyn(840_000_001).unwrap();
    ds.projects[0].milestones[2].status = MilestoneStage::PartiallyMet;
    exactly(
        &ds,
        &[
            (Code::CoherenceTranchesExceedAmount, "/projects/0/tranches"),
            (
                Code::CoherenceMilestoneMetWithoutDate,
                "/projects/0/milestones/2/date_met",
            ),
        ],
    );
}

#[test]
fn dates_after_publication_are_warnings() {
    let mut ds = example::dataset(); // published 2025-11-20
    ds.projects[0].tranches[1].date = d(2025, 11, 20);
    exactly(&ds, &[]);
    ds.projects[0].tranches[1].date = d(2025, 11, 21);
    exactly(
        &ds,
        &[(Code::CoherenceDateInFuture, "/projects/0/tranches/1/date")],
    );
    assert_eq!(report(&ds).totals.warning, 1);
}

#[test]
fn personal_data_in_text() {
    let mut ds = example::dataset();
    ds.projects[1].title =
        LocalizedText::from_kk_ru("Жетекші ЖСН 061211600012", "Руководитель: aigerim@mail.kz")
            .unwrap();
    exactly(
        &ds,
        &[
            (Code::PrivacyPersonalId, "/projects/1/title/kk"),
            (Code::PrivacyEmailInText, "/projects/1/title/ru"),
        ],
    );
    let r = report(&ds);
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        !json.contains("061211600012"),
        "the report never repeats the IIN"
    );
    let f = r.group(Code::PrivacyPersonalId).unwrap().findings[0].clone();
    assert_eq!(f.params["field"], "title");
    // A BIN is not an IIN; an invalid IIN-like number is not flagged.
    ds.projects[1].title =
        LocalizedText::from_kk_ru("БСН 940140000385, 061211600011", "тел. 8 701 123 45 67")
            .unwrap();
    exactly(&ds, &[]);
}

#[test]
fn shape_violations_become_findings() {
    let mut ds = example::dataset();
    ds.organizations[0].email = Some("жоқ".into());
    exactly(&ds, &[(Code::ShapeEmail, "/organizations/0/email")]);
    let f =
        engo_criteria::Finding::malformed("/grants/3", "missing field `term` at line 1 column 20");
    assert_eq!(f.code, Code::InputMalformed);
    assert!(
        f.message(engo_model::Lang::Kk)
            .starts_with("Жазба оқылмады")
    );
}

#[test]
fn one_bad_record_never_hides_the_others() {
    let mut ds = example::dataset();
    for o in &mut ds.organizations {
        o.status.stage = OrganizationStage::Suspended;
    }
    let r = report(&ds);
    // Every participation of every suspended organisation is reported.
    // Two applications, the grant, the award, and the 2024 project whose winner has no application.
    assert_eq!(r.group(Code::NgoStatusNotActive).unwrap().count, 5);
}

#[test]
fn profile_overrides_severity_and_disables() {
    let ds = {
        let mut ds = example::dataset();
        ds.organizations[1].areas.clear();
        ds
    };
    let p = engo_criteria::Profiles::embedded()
        .parse_user(r#"{"extends":"kz-2025-07","severity":{"ngo.area.not_declared":"error"}}"#)
        .unwrap();
    let r = Checker::new(&ds, &engo_model::DatasetIndex::new(&ds), &p).check();
    assert_eq!(r.totals.error, 1);
    let p = engo_criteria::Profiles::embedded()
        .parse_user(r#"{"extends":"kz-2025-07","disabled":["ngo.area.not_declared"]}"#)
        .unwrap();
    assert_eq!(
        Checker::new(&ds, &engo_model::DatasetIndex::new(&ds), &p)
            .check()
            .findings()
            .count(),
        0
    );
}
