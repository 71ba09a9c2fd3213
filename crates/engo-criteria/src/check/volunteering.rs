//! The rules of a volunteer programme or action: its organiser is an organisation or a state
//! body of the dataset, its period is in order, and once held it counts its volunteers.
//!
//! The law's register of volunteer activity holds individuals (volunteers, coordinators); engo
//! records only how many volunteers take part, so no rule here reads a person.

use engo_model::{
    id::RecordRef,
    record::{VolunteerActivity, VolunteerActivityStatus},
};

use super::{Checker, dangling, inverted_period};
use crate::{Code, Finding, pointer::Pointer};

impl Checker<'_> {
    /// `ref.dangling` for an organiser that is neither an organisation nor a state body of the
    /// dataset; `project.period.inverted` for a period that ends before it starts;
    /// `volunteering.held.without_volunteers` for a held programme or action with no
    /// volunteers counted.
    pub(super) fn volunteer_activity_rules_at(
        &self,
        activity: &VolunteerActivity,
        path: Pointer<'_>,
    ) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&activity.id));
        let mut out = Vec::new();
        let organizer = activity.organizer.as_str();
        if self.index.organization(self.ds, organizer).is_none()
            && self.index.state_body(self.ds, organizer).is_none()
        {
            out.push(dangling(
                format!("{path}/organizer"),
                "organization",
                activity.organizer,
            ));
        }
        out.extend(inverted_period(&activity.period, path, &record));
        if activity.status == VolunteerActivityStatus::Held && activity.volunteers == 0 {
            out.push(Finding::new(
                Code::VolunteeringHeldWithoutVolunteers,
                format!("{path}/volunteers"),
                record(),
                [],
            ));
        }
        out
    }
}
