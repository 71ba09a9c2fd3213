//! The rules of an expert or civil-society body: its parent state body and member organisations
//! are records of the dataset, each member is identified by organisation or public role, and a
//! public council keeps the Law on public councils — its size at a ministry, one representative
//! per organisation, open meetings.

use engo_model::{
    Bin,
    id::RecordRef,
    record::{Body, BodyKind, BodyMember, Period},
};

use super::{Checker, dangling, inverted};
use crate::{Code, Finding, pointer::Pointer};

impl Checker<'_> {
    /// `ref.dangling` for a parent that is not a state body, or a member organisation that is
    /// neither an organisation nor a state body of the dataset; `body.member.unidentified` for a
    /// member with neither organisation nor public role; `project.period.inverted` for a
    /// membership that ends before it starts; and for a public council
    /// `body.public_council.size_out_of_range` (at a central state body, the members on the day
    /// of publication outside the profile's bounds), `body.public_council.member_repeated` (two
    /// members of one organisation at the same time) and
    /// `body.public_council.meeting_closed`.
    pub(super) fn body_rules_at(&self, body: &Body, path: Pointer<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&body.id));
        let mut out = Vec::new();
        let parent = self.index.state_body(self.ds, body.parent.as_str());
        if parent.is_none() {
            out.push(dangling(
                format!("{path}/parent"),
                "state_body",
                body.parent,
            ));
        }
        let members = Pointer::Field(&path, "members");
        for (j, member) in body.members.iter().enumerate() {
            let at = Pointer::Index(&members, j);
            out.extend(self.member_rules_at(member, at, &record));
        }
        if body.kind != BodyKind::PublicCouncil {
            return out;
        }
        let central = parent.is_some_and(|(_, b)| b.region.is_none() && !b.grant_operator);
        let bounds = self.profile.params.public_council_members;
        if central {
            let today = self.ds.published_at.date_naive();
            let size = body
                .members
                .iter()
                .filter(|m| m.is_member_on(today))
                .count();
            let size = u32::try_from(size).unwrap_or(u32::MAX);
            if size < bounds.min || size > bounds.max {
                out.push(Finding::new(
                    Code::BodyPublicCouncilSizeOutOfRange,
                    members.to_string(),
                    record(),
                    [
                        ("found", size.to_string()),
                        ("min", bounds.min.to_string()),
                        ("max", bounds.max.to_string()),
                    ],
                ));
            }
        }
        for (j, member) in body.members.iter().enumerate() {
            let Some(bin) = member.organization else {
                continue;
            };
            if repeated_before(&body.members, j, bin) {
                out.push(Finding::new(
                    Code::BodyPublicCouncilMemberRepeated,
                    format!("{members}/{j}/organization"),
                    record(),
                    [("bin", bin.to_string())],
                ));
            }
        }
        let meetings = Pointer::Field(&path, "meetings");
        for (j, meeting) in body.meetings.iter().enumerate() {
            if !meeting.open {
                out.push(Finding::new(
                    Code::BodyPublicCouncilMeetingClosed,
                    format!("{meetings}/{j}/open"),
                    record(),
                    [("date", meeting.date.to_string())],
                ));
            }
        }
        out
    }

    /// The findings on one member.
    fn member_rules_at(
        &self,
        member: &BodyMember,
        at: Pointer<'_>,
        record: &dyn Fn() -> Option<RecordRef>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        match (member.organization, &member.public_role) {
            (None, None) => out.push(Finding::new(
                Code::BodyMemberUnidentified,
                at.to_string(),
                record(),
                [("since", member.since.to_string())],
            )),
            (Some(bin), _)
                if self.index.organization(self.ds, bin.as_str()).is_none()
                    && self.index.state_body(self.ds, bin.as_str()).is_none() =>
            {
                out.push(dangling(format!("{at}/organization"), "organization", bin));
            }
            _ => {}
        }
        if let Some(until) = member.until {
            let term = Period::new(member.since, until);
            out.extend(inverted(&term, at, record));
        }
        out
    }
}

/// Whether a member before the `j`-th represents `bin` at a time the `j`-th does too.
fn repeated_before(members: &[BodyMember], j: usize, bin: Bin) -> bool {
    let Some(member) = members.get(j) else {
        return false;
    };
    let overlaps = |other: &BodyMember| {
        other.since <= member.until.unwrap_or(chrono::NaiveDate::MAX)
            && member.since <= other.until.unwrap_or(chrono::NaiveDate::MAX)
    };
    members
        .iter()
        .take(j)
        .any(|other| other.organization == Some(bin) && overlaps(other))
}
