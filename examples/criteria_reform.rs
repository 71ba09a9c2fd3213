//! A working group's proposal, written as data, and what it would do on a dataset: the findings
//! it adds and removes, the organisations that would lose (or gain) eligibility, the
//! applications and projects whose verdict would change, and the money involved, by region.
//!
//! The proposal is [`proposals/wg-2026-reform.json`](proposals/wg-2026-reform.json): it extends
//! the law in force (`kz-2025-07`) and changes three numbers — at most 5 % of a grant for the
//! organisation's own support (10 % today), registered for at least 12 months before applying
//! (no minimum today), and a pass mark of 70 % of the evaluation scale (60 % today). The same
//! file works on the command line: `engo profile check examples/proposals/wg-2026-reform.json`,
//! then `engo impact DATA --from kz-2025-07 --to examples/proposals/wg-2026-reform.json`.
//!
//! `cargo run -p engo-examples --example criteria_reform`

use engo::criteria::{Code, Profiles};
use engo::model::Lang;
use engo::sample::{Config, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A clean sample of 2 % of the national volume: about 900 organisations.
    let sample = generate(&Config::new(0.02, 2026, 0.0)?)?;
    let ds = &sample.dataset;

    let profiles = Profiles::embedded();
    let law = profiles.by_id("kz-2025-07")?;
    let proposal = profiles.parse_user(include_str!("proposals/wg-2026-reform.json"))?;

    let report = engo::impact::impact(ds, law, &proposal, profiles);
    print!("{}", engo::impact::to_text(&report, Lang::Ru));

    // Three stricter numbers only add findings, and each added finding is one of the three rules
    // the proposal changes.
    assert!(report.removed.is_empty(), "{:?}", report.removed.first());
    assert!(!report.added.is_empty());
    let changed = [
        Code::GrantOwnSupportExceedsShare,
        Code::NgoRegistrationTooRecent,
        Code::EvaluationRatingBelowPassMark,
    ];
    for f in &report.added {
        assert!(changed.contains(&f.code), "{}", f.code);
    }
    assert!(report.errors.after > report.errors.before);
    Ok(())
}
