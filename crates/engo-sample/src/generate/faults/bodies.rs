//! Faults of expert and civil-society bodies: a ministry's public council too small, an
//! organisation with two representatives on a public council, a public council meeting behind
//! closed doors, and a member named by neither organisation nor role.

use engo_model::{
    id::RecordRef,
    record::{Body, BodyKind},
};

use super::{Planter, profile_on};
use crate::error::Cause;

/// Breaks, with `fault`, the bodies that `candidate` accepts.
fn each_body(
    p: &mut Planter<'_>,
    candidate: impl Fn(&Body) -> bool,
    fault: impl FnMut(&mut Body) -> Result<(), Cause>,
) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.bodies,
        |b| RecordRef::from(&b.id),
        candidate,
        fault,
    )
}

fn is_public_council(body: &Body) -> bool {
    body.kind == BodyKind::PublicCouncil
}

/// `body.public_council.size_out_of_range`: a public council of a central state body whose
/// members but one below the profile's smallest size left the day before publication.
pub(super) fn council_too_small(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let today = p.today();
    let Some(min) = profile_on(today).map(|pr| pr.params.public_council_members.min) else {
        return Ok(Vec::new());
    };
    let Some(yesterday) = today.pred_opt() else {
        return Ok(Vec::new());
    };
    let ds = &*p.ds;
    let central: Vec<_> = ds
        .state_bodies
        .iter()
        .filter(|b| b.region.is_none() && !b.grant_operator)
        .map(|b| b.bin)
        .collect();
    let keep = usize::try_from(min.saturating_sub(1)).unwrap_or(usize::MAX);
    each_body(
        p,
        |b| is_public_council(b) && central.contains(&b.parent),
        |b| {
            let current = b.members.iter_mut().filter(|m| m.is_member_on(today));
            for member in current.skip(keep) {
                member.until = Some(yesterday.max(member.since));
            }
            Ok(())
        },
    )
}

/// `body.public_council.member_repeated`: an organisation seated twice on a public council.
pub(super) fn organisation_seated_twice(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_body(
        p,
        |b| is_public_council(b) && b.members.iter().any(|m| m.organization.is_some()),
        |b| {
            if let Some(member) = b.members.iter().find(|m| m.organization.is_some()) {
                let twice = member.clone();
                b.members.push(twice);
            }
            Ok(())
        },
    )
}

/// `body.public_council.meeting_closed`: a public council's meeting held behind closed doors.
pub(super) fn closed_meeting(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_body(
        p,
        |b| is_public_council(b) && !b.meetings.is_empty(),
        |b| {
            if let Some(meeting) = b.meetings.first_mut() {
                meeting.open = false;
            }
            Ok(())
        },
    )
}

/// `body.member.unidentified`: a member of a body that is not a public council named by
/// neither organisation nor public role.
pub(super) fn member_unidentified(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_body(
        p,
        |b| !is_public_council(b) && !b.members.is_empty(),
        |b| {
            if let Some(member) = b.members.first_mut() {
                member.organization = None;
                member.public_role = None;
            }
            Ok(())
        },
    )
}
