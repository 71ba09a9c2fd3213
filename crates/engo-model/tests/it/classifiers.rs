use chrono::NaiveDate;
use engo_model::{
    Lang,
    classifier::{legal_forms, priority_areas, regions, state_body_levels},
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn twenty_current_regions_resolve_in_three_languages() {
    let today = d(2026, 11, 26);
    let current: Vec<_> = regions().valid_at(today).collect();
    assert_eq!(current.len(), 20);
    for r in &current {
        for lang in Lang::ALL {
            assert!(
                r.name.exact(lang).is_some(),
                "{} has no {lang} name",
                r.code
            );
        }
        assert_eq!(
            r.attrs.iso_3166_2.as_deref(),
            Some(format!("KZ-{}", r.code).as_str())
        );
        let kato: engo_model::Kato = format!("{}0000000", r.code).parse().unwrap();
        assert!(kato.is_region() && kato.is_valid_at(today));
    }
    for (code, kk) in [
        ("10", "Абай облысы"),
        ("33", "Жетісу облысы"),
        ("62", "Ұлытау облысы"),
    ] {
        assert_eq!(regions().at(code, today).unwrap().name.get(Lang::Kk), kk);
    }
    // Before the 2022 reform there were 17.
    assert_eq!(regions().valid_at(d(2022, 1, 1)).count(), 17);
    assert_eq!(
        regions()
            .at("51", d(2010, 1, 1))
            .unwrap()
            .name
            .get(Lang::En),
        "South Kazakhstan Region"
    );
}

#[test]
fn legal_forms_mark_who_can_be_an_ngo() {
    let today = d(2025, 1, 1);
    for code in [
        "political_party",
        "trade_union",
        "religious_association",
        "state_institution",
    ] {
        assert!(
            !legal_forms().at(code, today).unwrap().attrs.ngo_eligible,
            "{code}"
        );
    }
    for code in [
        "public_association",
        "foundation",
        "institution",
        "association_of_legal_entities",
    ] {
        assert!(
            legal_forms().at(code, today).unwrap().attrs.ngo_eligible,
            "{code}"
        );
    }
}

#[test]
fn areas_and_levels_have_three_languages() {
    for e in priority_areas().entries.iter() {
        assert!(
            Lang::ALL.iter().all(|l| e.name.exact(*l).is_some()),
            "{}",
            e.code
        );
    }
    assert_eq!(priority_areas().codes().count(), 14);
    assert_eq!(state_body_levels().codes().count(), 2);
}

#[test]
fn code_lookup_by_date() {
    let area: engo_model::classifier::AreaCode = "EDU".parse().unwrap();
    assert!(area.at(d(2025, 1, 1)).is_some());
    assert!(
        area.at(d(2000, 1, 1)).is_none(),
        "areas start with the 2005 law"
    );
}
