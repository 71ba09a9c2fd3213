//! The rules of an award: the minimum amount of its nomination, the equal share of a shared
//! nomination, and its laureate.

use engo_model::{Money, id::RecordRef, record::Award};

use super::{Checker, Purpose, dangling};
use crate::{Code, Finding, pointer::Pointer};

impl Checker<'_> {
    /// The rules of an award: the minimum amount, references, the laureate's eligibility.
    pub fn award_rules(&self, award: &Award, path: &str) -> Vec<Finding> {
        self.award_rules_at(award, Pointer::Text(path))
    }

    pub(super) fn award_rules_at(&self, award: &Award, path: Pointer<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&award.id));
        let mut out = Vec::new();
        if self
            .index
            .state_body(self.ds, award.funder.as_str())
            .is_none()
        {
            out.push(dangling(
                format!("{path}/funder"),
                "state_body",
                award.funder,
            ));
        }
        let min_mrp = self.profile.params.award_min_mrp;
        // The minimum is the nomination's: a shared nomination's fund, or the award itself.
        let (nomination, nomination_path) = match &award.shared {
            Some(shared) => (shared.fund, format!("{path}/shared/fund")),
            None => (award.amount, format!("{path}/amount")),
        };
        // The MRP in force when the award was made (1 January of its year without a date).
        let date = self.award_date(award).unwrap_or_default();
        match self.mrp_in_money(min_mrp, date, path) {
            Err(unknown_year) => out.push(unknown_year),
            Ok(minimum) if nomination < minimum => out.push(Finding::new(
                Code::AwardAmountBelowMinimum,
                nomination_path,
                record(),
                [
                    ("amount", nomination.to_string()),
                    ("minimum", minimum.to_string()),
                    ("min_mrp", min_mrp.to_string()),
                    ("year", award.year.to_string()),
                ],
            )),
            Ok(_) => {}
        }
        // Each laureate of a shared nomination gets the equal share, to the tiyn (the fund's
        // remainder of the division may go to any of them: one tiyn more is equal).
        if let Some(shared) = &award.shared
            && let Some(share) = shared.equal_share()
        {
            let one_more = share.checked_add(Money::from_tiyn(1).unwrap_or(Money::ZERO));
            if award.amount != share && one_more.is_ok_and(|m| award.amount != m) {
                out.push(Finding::new(
                    Code::AwardShareUnequal,
                    format!("{path}/amount"),
                    record(),
                    [
                        ("amount", award.amount.to_string()),
                        ("share", share.to_string()),
                        ("fund", shared.fund.to_string()),
                        ("laureates", shared.laureates.to_string()),
                    ],
                ));
            }
        }
        if let Some(laureate) = &award.laureate {
            let laureate_path = Pointer::Field(&path, "laureate");
            match award.award_date {
                Some(date) => {
                    out.extend(self.eligibility_at(laureate, Purpose::Award, date, laureate_path))
                }
                None if self
                    .index
                    .organization(self.ds, laureate.as_str())
                    .is_none() =>
                {
                    out.push(dangling(
                        laureate_path.to_string(),
                        "organization",
                        laureate,
                    ))
                }
                None => {}
            }
        }
        self.apply_profile(out)
    }
}
