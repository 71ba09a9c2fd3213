use engo_model::{Money, MoneyError, MrpError, MrpTable, Quantity, testing};
use proptest::prelude::*;

#[test]
fn mrp_by_year() {
    let t = MrpTable::embedded();
    for (year, tenge) in [(2024, 3_692), (2025, 3_932), (2026, 4_325)] {
        assert_eq!(t.value(year).unwrap(), Money::from_tenge(tenge).unwrap());
    }
    // AW-01: an award of at least 2 000 MRP in 2025 is 7 864 000 ₸.
    assert_eq!(
        t.to_money(2_000, 2025).unwrap().to_string(),
        "7 864 000.00 ₸"
    );
    let one_tiyn_short = t
        .to_money(2_000, 2025)
        .unwrap()
        .checked_sub(Money::from_tiyn(1).unwrap())
        .unwrap();
    assert_eq!(t.to_mrp(one_tiyn_short, 2025).unwrap().whole(), 1_999);
    assert_eq!(
        t.to_mrp(Money::from_tenge(5_000).unwrap(), 2026)
            .unwrap()
            .to_string(),
        "1.15 MRP"
    );
    assert!(matches!(
        t.value(2019),
        Err(MrpError::UnknownYear { year: 2019, .. })
    ));
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
    fn mrp_conversion_inverts(count in 0u64..1_000_000, year in 2024i32..=2026) {
        let t = MrpTable::embedded();
        let m = t.to_money(count, year).unwrap();
        prop_assert_eq!(t.to_mrp(m, year).unwrap().hundredths(), count * 100);
    }

    #[test]
    fn quantity_round_trips(q in testing::quantity()) {
        prop_assert_eq!(q.to_string().parse::<Quantity>().unwrap(), q);
    }
}
