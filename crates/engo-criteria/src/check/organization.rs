//! The rules of an organisation: eligibility to take part, and the areas it declares.

use chrono::{Datelike, NaiveDate};
use engo_model::{
    Bin,
    classifier::{AreaCode, legal_forms},
    id::RecordRef,
    lifecycle::OrganizationStage,
};

use super::{Checker, dangling};
use crate::{Code, Finding, names::wire_name, pointer::Pointer};

/// What an organisation takes part in: the eligibility rules are asked for one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Purpose {
    /// A state social order.
    SocialOrder,
    /// A grant.
    Grant,
    /// An award.
    Award,
}

impl Checker<'_> {
    /// Whether the organisation `bin` may take part in `purpose` at `at`: legal form, registry
    /// status, NGO-database report, time since registration, disqualifications.
    ///
    /// ```
    /// use engo_criteria::{Checker, Purpose, profile_for};
    /// use engo_model::{Lang, example};
    ///
    /// let mut ds = example::dataset();
    /// ds.organizations[0].legal_form = "religious_association".parse()?;
    /// let at = chrono::NaiveDate::from_ymd_opt(2025, 9, 1).ok_or("date")?;
    /// let index = engo_model::DatasetIndex::new(&ds);
    /// let checker = Checker::new(&ds, &index, profile_for(at)?);
    /// let findings = checker.eligibility(&ds.organizations[0].bin, Purpose::SocialOrder, at, "/organizations/0");
    /// assert_eq!(findings.len(), 1);
    /// println!("{}", findings[0].message(Lang::Kk));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn eligibility(
        &self,
        bin: &Bin,
        purpose: Purpose,
        at: NaiveDate,
        path: &str,
    ) -> Vec<Finding> {
        self.eligibility_at(bin, purpose, at, Pointer::Text(path))
    }

    pub(super) fn eligibility_at(
        &self,
        bin: &Bin,
        purpose: Purpose,
        at: NaiveDate,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        let _ = purpose; // The same rules apply to orders, grants and awards today.
        let Some((_, org)) = self.index.organization(self.ds, bin.as_str()) else {
            return self.apply_profile(vec![dangling(path.to_string(), "organization", bin)]);
        };
        let record = || Some(RecordRef::from(bin));
        let mut out = Vec::new();
        let finding = |code: Code, params: Vec<(&str, String)>| {
            let mut all = vec![("bin", bin.to_string())];
            all.extend(params);
            Finding::new(code, path.to_string(), record(), all)
        };
        match legal_forms().at(org.legal_form.as_str(), at) {
            None => out.push(finding(
                Code::NgoLegalFormUnknown,
                vec![
                    ("legal_form", org.legal_form.to_string()),
                    ("date", at.to_string()),
                ],
            )),
            Some(form) if !form.attrs.ngo_eligible => out.push(finding(
                Code::NgoLegalFormExcluded,
                vec![("legal_form", org.legal_form.to_string())],
            )),
            Some(_) => {}
        }
        if org.status.stage != OrganizationStage::Active {
            out.push(finding(
                Code::NgoStatusNotActive,
                vec![("status", org.status.stage.to_string())],
            ));
        }
        let due = self.profile.params.database_due;
        let this_year_due = due.in_year(at.year());
        let year = if this_year_due.is_some_and(|due_date| at > due_date) {
            at.year() - 1
        } else {
            at.year() - 2
        };
        let existed = org.registered_on.year() <= year;
        let submitted = org
            .database_reports
            .iter()
            .any(|report| report.year == year && report.submitted_on.is_some_and(|on| on <= at));
        if existed && !submitted {
            let due_date = due
                .in_year(year + 1)
                .map(|date| date.to_string())
                .unwrap_or_default();
            out.push(finding(
                Code::NgoDatabaseNotSubmitted,
                vec![("year", year.to_string()), ("due", due_date)],
            ));
        }
        if let Some(min) = self.profile.params.registration_min_months {
            let old_enough = org
                .registered_on
                .checked_add_months(chrono::Months::new(min));
            if old_enough.is_none_or(|date| date > at) {
                out.push(finding(
                    Code::NgoRegistrationTooRecent,
                    vec![
                        ("registered_on", org.registered_on.to_string()),
                        ("min_months", min.to_string()),
                    ],
                ));
            }
        }
        for disqualification in org.disqualifications.iter().filter(|d| d.is_active_at(at)) {
            out.push(finding(
                Code::NgoDisqualified,
                vec![
                    ("kind", wire_name(&disqualification.kind)),
                    ("from", disqualification.from.to_string()),
                ],
            ));
        }
        self.apply_profile(out)
    }

    /// `ngo.area.not_declared`: the organisation has not declared `area` among its activities.
    pub fn area_declared(&self, bin: &Bin, area: &AreaCode, path: &str) -> Vec<Finding> {
        self.area_declared_at(bin, area, Pointer::Text(path))
    }

    pub(super) fn area_declared_at(
        &self,
        bin: &Bin,
        area: &AreaCode,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        match self.index.organization(self.ds, bin.as_str()) {
            Some((_, org)) if !org.areas.contains(area) => self.apply_profile(vec![Finding::new(
                Code::NgoAreaNotDeclared,
                path.to_string(),
                Some(RecordRef::from(bin)),
                [("bin", bin.to_string()), ("area", area.to_string())],
            )]),
            _ => Vec::new(),
        }
    }
}
