//! Check an organisation's eligibility for a social order and print the findings in Kazakh,
//! Russian and English.
//!
//! `cargo run -p engo-examples --example eligibility`

use chrono::NaiveDate;
use engo::criteria::{Checker, Purpose, profile_for};
use engo::model::{
    Lang, example,
    lifecycle::OrganizationStage,
    record::{Disqualification, DisqualificationKind},
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The embedded example: a small dataset in Kazakh and Russian.
    let mut ds = example::dataset();

    // Make the public association «Жастар бастамасы» unfit: suspended, no NGO-database report
    // for 2024, and tax arrears from August 2025.
    let org = ds
        .organizations
        .first_mut()
        .ok_or("the example has organisations")?;
    org.status.stage = OrganizationStage::Suspended;
    org.database_reports.retain(|r| r.year != 2024);
    org.disqualifications.push(Disqualification::new(
        DisqualificationKind::TaxArrears,
        NaiveDate::from_ymd_opt(2025, 8, 1).ok_or("date")?,
    ));
    let bin = org.bin;

    // The day the competition is decided, and the criteria in force that day.
    let at = NaiveDate::from_ymd_opt(2025, 9, 1).ok_or("date")?;
    let profile = profile_for(at)?;
    println!("{} — {}\n", profile.id, profile.title.get(Lang::Kk));

    let index = engo::model::DatasetIndex::new(&ds);

    let checker = Checker::new(&ds, &index, profile);
    let findings = checker.eligibility(&bin, Purpose::SocialOrder, at, "/organizations/0");
    if findings.is_empty() {
        println!("{bin}: eligible");
    }
    for f in &findings {
        println!("[{}] {}", f.severity.as_str(), f.code);
        for lang in Lang::ALL {
            println!("  {lang}: {}", f.message(lang));
        }
    }
    // The example must show all three problems.
    assert_eq!(findings.len(), 3);
    Ok(())
}
