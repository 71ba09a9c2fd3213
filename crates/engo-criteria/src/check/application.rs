//! The rules of an application: its target, its applicant's eligibility, language and
//! own-support share for grants, and its experts.

use engo_model::{Money, id::RecordRef, lifecycle::ApplicationStage, record::*};

use super::{Checker, Purpose, dangling, inverted_period};
use crate::{Finding, pointer::Pointer};

impl Checker<'_> {
    /// The rules of an application: references, the applicant's eligibility (unless the
    /// application is a draft, rejected or withdrawn), language and own-support share for
    /// grants, experts' conflicts of interest.
    pub fn application_rules(&self, app: &Application, path: &str) -> Vec<Finding> {
        self.application_rules_at(app, Pointer::Text(path))
    }

    pub(super) fn application_rules_at(
        &self,
        app: &Application,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&app.id));
        let mut out = Vec::new();
        let target_path = || format!("{path}/target");
        let purpose = match &app.target {
            ApplicationTarget::SocialOrder(id) => {
                if self.index.social_order(self.ds, id.as_str()).is_none() {
                    out.push(dangling(target_path(), "social_order", id));
                }
                Some(Purpose::SocialOrder)
            }
            ApplicationTarget::Grant(id) => {
                if self.index.grant(self.ds, id.as_str()).is_none() {
                    out.push(dangling(target_path(), "grant", id));
                }
                Some(Purpose::Grant)
            }
            ApplicationTarget::Award(id) => {
                if self.index.award(self.ds, id.as_str()).is_none() {
                    out.push(dangling(target_path(), "award", id));
                }
                Some(Purpose::Award)
            }
            // A kind of competition added to the model after these criteria: none of their
            // eligibility rules is written for it.
            _ => None,
        };
        let applicant_path = Pointer::Field(&path, "applicant");
        let considered = !matches!(
            app.stage,
            ApplicationStage::Draft | ApplicationStage::Rejected | ApplicationStage::Withdrawn
        );
        if let (true, Some(purpose)) = (considered, purpose) {
            let at = app
                .submitted_at
                .map_or(app.period.start, |submitted| submitted.date_naive());
            out.extend(self.eligibility_at(&app.applicant, purpose, at, applicant_path));
        } else if self
            .index
            .organization(self.ds, app.applicant.as_str())
            .is_none()
        {
            out.push(dangling(
                applicant_path.to_string(),
                "organization",
                app.applicant,
            ));
        }
        out.extend(inverted_period(&app.period, path, &record));
        if purpose == Some(Purpose::Grant) {
            out.extend(self.language_not_allowed(app.language, path, &record));
            let own_support = Money::checked_sum(
                app.budget_lines
                    .iter()
                    .filter(|line| line.own_support)
                    .map(|line| line.amount),
            );
            out.extend(self.own_support_over_share(
                own_support.ok(),
                app.requested,
                Pointer::Field(&path, "budget_lines"),
                &record,
            ));
        }
        let scores = Pointer::Field(&path, "scores");
        for (i, score) in app.scores.iter().enumerate() {
            let score_path = Pointer::Index(&scores, i);
            let expert_path = Pointer::Field(&score_path, "expert");
            if self.index.expert(self.ds, score.expert.as_str()).is_none() {
                out.push(dangling(expert_path.to_string(), "expert", &score.expert));
            } else {
                out.extend(self.conflict(&score.expert, &app.applicant, expert_path, &record));
            }
        }
        self.apply_profile(out)
    }
}
