//! The rules of an award: the minimum amount and its laureate.

use engo_model::{id::RecordRef, record::Award};

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
        // The MRP in force when the award was made (1 January of its year without a date).
        let date = self.award_date(award).unwrap_or_default();
        match self.mrp_in_money(min_mrp, date, path) {
            Err(unknown_year) => out.push(unknown_year),
            Ok(minimum) if award.amount < minimum => out.push(Finding::new(
                Code::AwardAmountBelowMinimum,
                format!("{path}/amount"),
                record(),
                [
                    ("amount", award.amount.to_string()),
                    ("minimum", minimum.to_string()),
                    ("min_mrp", min_mrp.to_string()),
                    ("year", award.year.to_string()),
                ],
            )),
            Ok(_) => {}
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
