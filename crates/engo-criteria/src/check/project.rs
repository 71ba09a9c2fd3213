//! The rules of a project: its source, period, amount, indicators, milestones, reports and
//! tranches, and its implementer's eligibility.

use std::collections::BTreeSet;

use engo_model::{
    Money, id::RecordRef, lifecycle::ApplicationStage, lifecycle::MilestoneStage, record::*,
};

use super::{BEYOND_MONEY, Checker, Purpose, dangling, duplicate, inverted_period};
use crate::{Code, Finding, pointer::Pointer};

impl Checker<'_> {
    /// `project.period.inverted` and `project.duration.out_of_range` of a social project's period.
    pub(super) fn project_period(
        &self,
        period: &Period,
        path: Pointer<'_>,
        record: &dyn Fn() -> Option<RecordRef>,
    ) -> Vec<Finding> {
        if let Some(inverted) = inverted_period(period, path, record) {
            return vec![inverted];
        }
        let range = self.profile.params.project_months;
        let months = period.months();
        if period.lasts_months(range.min.unwrap_or(0), range.max.unwrap_or(u32::MAX)) {
            return Vec::new();
        }
        vec![Finding::new(
            Code::ProjectDurationOutOfRange,
            format!("{path}/period"),
            record(),
            [("months", months.to_string()), ("range", range.to_text())],
        )]
    }

    /// The rules of a project: references, period and duration, amount within the order,
    /// indicators, milestones inside the period, tranches within the budget, met milestones with
    /// a date, and the implementer's eligibility where no winning application shows it.
    pub fn project_rules(&self, project: &Project, path: &str) -> Vec<Finding> {
        self.project_rules_at(project, Pointer::Text(path))
    }

    pub(super) fn project_rules_at(&self, project: &Project, path: Pointer<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&project.id));
        let mut out = Vec::new();
        if self
            .index
            .organization(self.ds, project.implementer.as_str())
            .is_none()
        {
            out.push(dangling(
                format!("{path}/implementer"),
                "organization",
                project.implementer,
            ));
        }
        match &project.source {
            ProjectSource::SocialOrder(id) => match self.index.social_order(self.ds, id.as_str()) {
                None => out.push(dangling(format!("{path}/source"), "social_order", id)),
                Some((_, order)) => {
                    out.extend(self.project_period(&project.period, path, &record));
                    out.extend(self.amount_within_order_at(
                        order,
                        project.budget,
                        Pointer::Field(&path, "budget"),
                    ));
                    let won = self
                        .index
                        .applications_of_order(self.ds, id.as_str())
                        .any(|a| {
                            a.stage == ApplicationStage::Winner
                                && a.applicant == project.implementer
                        });
                    if !won {
                        out.extend(self.eligibility_at(
                            &project.implementer,
                            Purpose::SocialOrder,
                            project.period.start,
                            Pointer::Field(&path, "implementer"),
                        ));
                    }
                }
            },
            ProjectSource::Grant(id) => {
                if self.index.grant(self.ds, id.as_str()).is_none() {
                    out.push(dangling(format!("{path}/source"), "grant", id));
                }
                out.extend(inverted_period(&project.period, path, &record));
            }
            // A source added to the model after these criteria: only the rules that hold
            // whatever pays for the project.
            _ => out.extend(inverted_period(&project.period, path, &record)),
        }
        if project.indicators.is_empty() {
            out.push(Finding::new(
                Code::ProjectIndicatorsMissing,
                format!("{path}/indicators"),
                record(),
                [],
            ));
        }
        let mut milestone_ids = BTreeSet::new();
        let milestones = Pointer::Field(&path, "milestones");
        for (i, milestone) in project.milestones.iter().enumerate() {
            let milestone_path = Pointer::Index(&milestones, i);
            if !milestone_ids.insert(milestone.id.as_str()) {
                out.push(duplicate(
                    milestone_path.to_string(),
                    "milestone",
                    milestone.id.as_str(),
                    record(),
                ));
            }
            if project.period.is_ordered() && !project.period.contains(milestone.due_date) {
                out.push(Finding::new(
                    Code::ProjectMilestoneOutsidePeriod,
                    format!("{milestone_path}/due_date"),
                    record(),
                    [
                        ("milestone", milestone.id.to_string()),
                        ("due_date", milestone.due_date.to_string()),
                        ("start", project.period.start.to_string()),
                        ("end", project.period.end.to_string()),
                    ],
                ));
            }
            let done = matches!(
                milestone.status,
                MilestoneStage::Met | MilestoneStage::PartiallyMet
            );
            if done && milestone.date_met.is_none() {
                out.push(Finding::new(
                    Code::CoherenceMilestoneMetWithoutDate,
                    format!("{milestone_path}/date_met"),
                    record(),
                    [
                        ("milestone", milestone.id.to_string()),
                        ("status", milestone.status.to_string()),
                    ],
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, indicator) in project.indicators.iter().enumerate() {
            if !seen.insert(indicator.id.as_str()) {
                out.push(duplicate(
                    format!("{path}/indicators/{i}"),
                    "indicator",
                    indicator.id.as_str(),
                    record(),
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, report) in project.reports.iter().enumerate() {
            if !seen.insert(report.id.as_str()) {
                out.push(duplicate(
                    format!("{path}/reports/{i}"),
                    "report",
                    report.id.as_str(),
                    record(),
                ));
            }
            if let Some(milestone) = &report.milestone
                && !milestone_ids.contains(milestone.as_str())
            {
                out.push(dangling(
                    format!("{path}/reports/{i}/milestone"),
                    "milestone",
                    milestone,
                ));
            }
        }
        let mut seen = BTreeSet::new();
        let mut paid: Option<Money> = Some(Money::ZERO);
        let tranches = Pointer::Field(&path, "tranches");
        for (i, tranche) in project.tranches.iter().enumerate() {
            let tranche_path = Pointer::Index(&tranches, i);
            if !seen.insert(tranche.id.as_str()) {
                out.push(duplicate(
                    tranche_path.to_string(),
                    "tranche",
                    tranche.id.as_str(),
                    record(),
                ));
            }
            for (field, bin) in [("payer", tranche.payer), ("payee", tranche.payee)] {
                if self.index.organization(self.ds, bin.as_str()).is_none()
                    && self.index.state_body(self.ds, bin.as_str()).is_none()
                {
                    out.push(dangling(
                        format!("{tranche_path}/{field}"),
                        "organization",
                        bin,
                    ));
                }
            }
            if let Some(milestone) = &tranche.milestone
                && !milestone_ids.contains(milestone.as_str())
            {
                out.push(dangling(
                    format!("{tranche_path}/milestone"),
                    "milestone",
                    milestone,
                ));
            }
            paid = paid.and_then(|paid| paid.checked_add(tranche.amount).ok());
        }
        match paid {
            Some(sum) if sum <= project.budget => {}
            sum => out.push(Finding::new(
                Code::CoherenceTranchesExceedAmount,
                format!("{path}/tranches"),
                record(),
                [
                    (
                        "sum",
                        sum.map_or_else(|| BEYOND_MONEY.to_owned(), |sum| sum.to_string()),
                    ),
                    ("budget", project.budget.to_string()),
                ],
            )),
        }
        self.apply_profile(out)
    }
}
