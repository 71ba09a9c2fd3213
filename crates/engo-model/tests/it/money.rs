use chrono::NaiveDate;
use engo_model::{Money, MoneyError, MrpError, MrpTable, Quantity, testing};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every value of the table, by the numbers of its sources (budget laws, as quoted).
#[test]
fn mrp_by_date() {
    let t = MrpTable::embedded();
    for (date, tenge) in [
        (day(2018, 1, 1), 2_405),
        (day(2019, 6, 30), 2_525),
        (day(2020, 3, 31), 2_651),
        (day(2020, 4, 1), 2_778),
        (day(2021, 12, 31), 2_917),
        (day(2022, 1, 1), 3_063),
        (day(2022, 3, 31), 3_063),
        (day(2022, 4, 1), 3_180),
        (day(2022, 12, 31), 3_180),
        (day(2023, 7, 1), 3_450),
        (day(2024, 1, 1), 3_692),
        (day(2025, 9, 1), 3_932),
        (day(2026, 1, 1), 4_325),
    ] {
        assert_eq!(
            t.value_on(date).unwrap(),
            Money::from_tenge(tenge).unwrap(),
            "{date}"
        );
    }
    // AW-01: an award of at least 2 000 MRP in 2025 is 7 864 000 ₸.
    assert_eq!(
        t.to_money(2_000, day(2025, 9, 1)).unwrap().to_string(),
        "7 864 000.00 ₸"
    );
    let one_tiyn_short = t
        .to_money(2_000, day(2025, 9, 1))
        .unwrap()
        .checked_sub(Money::from_tiyn(1).unwrap())
        .unwrap();
    assert_eq!(
        t.to_mrp(one_tiyn_short, day(2025, 9, 1)).unwrap().whole(),
        1_999
    );
    assert_eq!(
        t.to_mrp(Money::from_tenge(5_000).unwrap(), day(2026, 2, 1))
            .unwrap()
            .to_string(),
        "1.15 MRP"
    );
    assert!(matches!(
        t.value_on(day(2017, 12, 31)),
        Err(MrpError::UnknownDate { .. })
    ));
    // Every value names its sources.
    assert!(t.values.iter().all(|v| !v.sources.is_empty()));
}

#[test]
fn mrp_values_out_of_order_are_refused() {
    let json = r#"{"format_version": "1", "title": {"kk": "АЕК", "ru": "МРП"},
        "values": [{"from": "2024-01-01", "tenge": 3692, "evidence": "V", "sources": ["a"]},
                   {"from": "2023-01-01", "tenge": 3450, "evidence": "V", "sources": ["b"]}]}"#;
    let err = MrpTable::from_json(json).unwrap_err().to_string();
    assert!(err.contains("2024-01-01 then 2023-01-01"), "{err}");
}

#[test]
fn money_is_exact_through_json() {
    let m: Money = "123456789012345.67".parse().unwrap();
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(json, "\"123456789012345.67\"");
    assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    // Floats are refused on input.
    assert!(serde_json::from_str::<Money>("1.1").is_err());
    assert!(matches!(
        "1.234".parse::<Money>(),
        Err(MoneyError::Syntax { .. })
    ));
}

proptest! {
    #[test]
    fn money_round_trips(m in testing::money()) {
        prop_assert_eq!(m.to_decimal_string().parse::<Money>().unwrap(), m);
        prop_assert_eq!(serde_json::from_str::<Money>(&serde_json::to_string(&m).unwrap()).unwrap(), m);
    }

    #[test]
    fn addition_is_exact(a in 0u64..1_000_000_000_000, b in 0u64..1_000_000_000_000) {
        let sum = Money::from_tiyn(a).unwrap().checked_add(Money::from_tiyn(b).unwrap()).unwrap();
        prop_assert_eq!(sum.tiyn(), a + b);
        prop_assert_eq!(sum.checked_sub(Money::from_tiyn(b).unwrap()).unwrap().tiyn(), a);
    }

    #[test]
    fn mrp_conversion_inverts(count in 0u64..1_000_000, days in 0u64..3_000) {
        let t = MrpTable::embedded();
        let date = day(2018, 1, 1) + chrono::Days::new(days);
        let m = t.to_money(count, date).unwrap();
        prop_assert_eq!(t.to_mrp(m, date).unwrap().hundredths(), count * 100);
    }

    #[test]
    fn quantity_round_trips(q in testing::quantity()) {
        prop_assert_eq!(q.to_string().parse::<Quantity>().unwrap(), q);
    }
}
