//! A criteria profile from JSON that changes a threshold, and the different verdict it gives on
//! the same data.
//!
//! `cargo run -p engo-examples --example custom_profile`

use engo::criteria::{Checker, Code, Profiles};
use engo::model::{Lang, example};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ds = example::dataset();
    let embedded = Profiles::embedded();
    let law = embedded.by_id("kz-2025-07")?;

    // The example's grant gives 8 % of its amount to the NGO's own support: within the 10 % of the
    // grant rules.
    let before = Checker::new(&ds, &engo::model::DatasetIndex::new(&ds), law).check();
    println!("{}: {} errors", law.id, before.totals.error);

    // An akimat that allows only 5 %: a profile that extends the law's and changes one number.
    let strict = embedded.parse_user(
        r#"{
            "extends": "kz-2025-07",
            "id": "akimat-strict-2026",
            "title": { "kk": "Қатаң профиль", "ru": "Строгий профиль", "en": "Strict profile" },
            "params": { "own_support_max_percent": 5 }
        }"#,
    )?;
    let after = Checker::new(&ds, &engo::model::DatasetIndex::new(&ds), &strict).check();
    println!("{}: {} errors", strict.id, after.totals.error);
    for f in after.findings() {
        println!(
            "  {} at {}\n    kk: {}\n    ru: {}",
            f.code,
            f.path,
            f.message(Lang::Kk),
            f.message(Lang::Ru)
        );
    }
    assert_eq!(before.totals.error, 0);
    assert_eq!(
        after
            .group(Code::GrantOwnSupportExceedsShare)
            .map(|g| g.count),
        Some(1)
    );
    Ok(())
}
