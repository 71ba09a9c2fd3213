//! The impact of a change of the criteria, on a dataset whose answer is worked out by hand.

use chrono::NaiveDate;
use engo::{
    criteria::{Code, Profiles},
    impact::{ChangedFinding, impact, to_html, to_text},
    model::{Lang, Money, example},
};

fn tenge(t: u64) -> Money {
    Money::from_tenge(t).unwrap()
}

/// The example (published 2025-11-20) under kz-2025-07 and under a proposal: at most 5 % of a
/// grant or an application for the organisation's own support (10 % today), and an
/// organisation registered for at least 120 months (none today).
#[test]
fn a_proposal_on_the_example_by_hand() {
    let mut ds = example::dataset();
    ds.events = engo::sample::synthesize(&ds);
    let profiles = Profiles::embedded();
    let law = profiles.by_id("kz-2025-07").unwrap();
    let proposal = profiles
        .parse_user(
            r#"{"extends": "kz-2025-07", "id": "wg-2026-11",
                "params": {"own_support_max_percent": 5, "registration_min_months": 120}}"#,
        )
        .unwrap();
    let r = impact(&ds, law, &proposal, profiles);
    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("kz-2025-07", "wg-2026-11")
    );
    assert_eq!(r.date, NaiveDate::from_ymd_opt(2025, 11, 20).unwrap());
    assert!(r.removed.is_empty(), "{:?}", r.removed);

    // By hand. GR-2025-0001: own support 1 200 000 of 15 000 000 ₸ = 8 % > 5 % (the share is a
    // rule of grants and grant applications; the example's applications are to a social
    // order). 170540090036, registered 2017-05-11, is 8 years old on 2025-11-20: under 120
    // months, so ineligible for everything, and its application APP-SO-2025-0001-2
    // (11 800 000 ₸, submitted 2025-01-22) fails too. The other three organisations were
    // registered in 1994, 2008 and 2012.
    let codes: Vec<Code> = r.added.iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [
            Code::GrantOwnSupportExceedsShare,
            Code::NgoRegistrationTooRecent
        ],
        "{:?}",
        r.added
    );
    assert!(r.added.contains(&ChangedFinding {
        code: Code::GrantOwnSupportExceedsShare,
        record: Some("GR-2025-0001".parse().unwrap()),
        path: "/grants/0/own_support".into(),
        severity: engo::criteria::Severity::Error,
    }));
    for change in [
        r.eligibility.social_order,
        r.eligibility.grant,
        r.eligibility.award,
    ] {
        assert_eq!((change.became_ineligible, change.became_eligible), (1, 0));
    }
    assert_eq!(r.applications.now_failing, 1);
    assert_eq!(r.applications.money_now_failing, tenge(11_800_000));
    assert_eq!(r.applications.now_passing, 0);
    assert_eq!(r.projects.now_failing + r.projects.now_passing, 0);
    assert_eq!(r.errors.after - r.errors.before, r.added.len());

    // The organisation that becomes ineligible: region 79 (Shymkent), an institution, 7 staff.
    let region = r
        .breakdowns
        .region
        .iter()
        .find(|row| row.key == "79")
        .unwrap();
    assert_eq!(region.organizations_ineligible, 1);
    assert!(region.name.is_some());
    let form = r
        .breakdowns
        .legal_form
        .iter()
        .find(|row| row.key == "institution")
        .unwrap();
    assert_eq!(form.organizations_ineligible, 1);
    let size = r
        .breakdowns
        .size
        .iter()
        .find(|row| row.key == "6-20")
        .unwrap();
    assert_eq!(size.organizations_ineligible, 1);
    // The application counts under its order's priority area with its money, and in 2025.
    let area_money: Money = r
        .breakdowns
        .priority_area
        .iter()
        .map(|row| row.money)
        .fold(Money::ZERO, |a, b| a.checked_add(b).unwrap());
    assert_eq!(area_money, tenge(11_800_000));
    let year = r
        .breakdowns
        .year
        .iter()
        .find(|row| row.key == "2025")
        .unwrap();
    assert_eq!((year.records_changed, year.money), (1, tenge(11_800_000)));

    // The summary and the page, in Kazakh.
    let text = to_text(&r, Lang::Kk);
    assert!(text.contains("11 800 000.00 ₸"), "{text}");
    let page = to_html(&r, Lang::Kk);
    assert!(page.contains(r#"<html lang="kk">"#) && page.contains("<svg"));
    assert!(!page.contains("<script"));
}

#[test]
fn the_same_profile_twice_changes_nothing() {
    let mut ds = example::dataset();
    ds.events = engo::sample::synthesize(&ds);
    let profiles = Profiles::embedded();
    for profile in profiles.all() {
        let r = impact(&ds, profile, profile, profiles);
        assert!(r.added.is_empty() && r.removed.is_empty(), "{}", profile.id);
        assert_eq!(r.errors.before, r.errors.after);
    }
}

/// Added and removed are exactly the difference between the two reports `engo validate
/// --profile A` and `--profile B` give.
#[test]
fn added_and_removed_are_the_difference_of_two_validations() {
    let sample =
        engo::sample::generate(&engo::sample::Config::new(0.01, 3, 0.05).unwrap()).unwrap();
    let ds = &sample.dataset;
    let profiles = Profiles::embedded();
    let old = profiles.by_id("kz-2018-09").unwrap();
    let new = profiles.by_id("kz-2025-07").unwrap();
    let r = impact(ds, old, new, profiles);
    let keys = |report: &engo::criteria::Report| {
        let mut v: Vec<(Code, String, Option<String>)> = report
            .findings()
            .map(|f| {
                (
                    f.code,
                    f.path.clone(),
                    f.record.as_ref().map(|r| r.to_string()),
                )
            })
            .collect();
        v.sort();
        v
    };
    let a = keys(&engo::validate(ds, engo::Rules::Forced(old), profiles, []));
    let b = keys(&engo::validate(ds, engo::Rules::Forced(new), profiles, []));
    let minus = |x: &[(Code, String, Option<String>)], y: &[(Code, String, Option<String>)]| {
        let mut y = y.to_vec();
        let mut out = Vec::new();
        for k in x {
            match y.iter().position(|z| z == k) {
                Some(i) => {
                    y.remove(i);
                }
                None => out.push(k.clone()),
            }
        }
        out
    };
    let changed = |v: &[ChangedFinding]| {
        let mut v: Vec<_> = v
            .iter()
            .map(|f| {
                (
                    f.code,
                    f.path.clone(),
                    f.record.as_ref().map(|r| r.to_string()),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(changed(&r.added), minus(&b, &a));
    assert_eq!(changed(&r.removed), minus(&a, &b));
}
