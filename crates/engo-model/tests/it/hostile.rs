//! Hostile values (issue 7): identifiers, money and quantities refuse what is not theirs with
//! a typed error that quotes a bounded part of the input; typed records refuse duplicate
//! fields, numbers beyond their range and impossible dates. Nothing panics.

use engo_model::{Bin, Dataset, Iin, Kato, Money, OrgId, Quantity, example, id::ProjectId};

fn short_message<E: std::fmt::Display>(r: Result<impl std::fmt::Debug, E>) -> String {
    let e = r.expect_err("refused").to_string();
    assert!(
        e.len() < 300,
        "the message quotes too much: {} bytes",
        e.len()
    );
    e
}

#[test]
fn identifiers_refuse_huge_and_odd_strings_with_short_messages() {
    let huge = "9".repeat(1 << 20);
    for s in [
        huge.as_str(),
        "",
        " 940140000385",
        "940140000385\n",
        "９４０１４０００００３８５", // full-width digits
        "٩٤٠١٤٠٠٠٠٣٨٥",               // Arabic-Indic digits
        "94014000038\u{0}",
        "KZ-BIN-",
    ] {
        short_message(s.parse::<Bin>());
        short_message(s.parse::<Iin>());
        short_message(s.parse::<Kato>());
        short_message(s.parse::<OrgId>());
        short_message(s.parse::<Money>());
        short_message(s.parse::<Quantity>());
    }
    short_message(huge.parse::<ProjectId>());
    short_message(format!("KZ-BIN-{huge}").parse::<OrgId>());
}

#[test]
fn money_and_quantity_beyond_range_are_refused() {
    for s in [
        "99999999999999999999",
        "18446744073709551616",
        "9223372036854775808",
        "1e20",
        "-1",
        "1.234",
        "1.",
        ".5",
        "+5",
    ] {
        short_message(s.parse::<Money>());
    }
    for s in [
        "99999999999999999999",
        "9223372036854775.808",
        "-9999999999999999",
        "1e3",
        "--1",
        "1.2345",
    ] {
        short_message(s.parse::<Quantity>());
    }
    // The largest values print and parse back (Money's `Display` is for people, with spaces
    // and ₸; its exact text form is `to_decimal_string`).
    let m: Money = "999999999999999.99".parse().unwrap();
    assert_eq!(m.to_decimal_string().parse::<Money>().unwrap(), m);
    let q: Quantity = "-999999999999999.999".parse().unwrap();
    assert_eq!(q.to_string().parse::<Quantity>().unwrap(), q);
}

#[test]
fn iin_with_an_impossible_birth_date_is_refused() {
    // 30 February 2025 (century digit 5: born 2000-2099).
    let e = short_message("250230500000".parse::<Iin>());
    assert!(e.contains("birth date") && e.contains("250230"), "{e}");
}

#[test]
fn typed_records_refuse_duplicates_big_numbers_and_bad_dates() {
    let ds = example::dataset();
    let text = serde_json::to_string_pretty(&ds).unwrap();
    assert_eq!(serde_json::from_str::<Dataset>(&text).unwrap(), ds);
    // serde's derive refuses a repeated field of a struct.
    let doubled = text.replacen("\"bin\":", "\"bin\": \"940140000385\", \"bin\":", 1);
    let e = serde_json::from_str::<Dataset>(&doubled).unwrap_err();
    assert!(e.to_string().contains("duplicate field `bin`"), "{e}");
    let year = ds.social_orders[0].financial_year;
    let big = text.replacen(
        &format!("\"financial_year\": {year}"),
        "\"financial_year\": 99999999999999999999",
        1,
    );
    assert_ne!(big, text);
    let e = serde_json::from_str::<Dataset>(&big).unwrap_err();
    assert!(e.to_string().contains("expected i32"), "{e}");
    let date = ds.organizations[0].registered_on.to_string();
    let e = serde_json::from_str::<Dataset>(&text.replacen(&date, "2025-02-30", 1)).unwrap_err();
    assert!(e.to_string().contains("out of range"), "{e}");
}
