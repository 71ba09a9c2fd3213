//! Faults of projects and of the evaluations of their results: scores, scales and experts;
//! tranches, personal data in titles, milestones, periods, indicators and references.

use std::collections::BTreeMap;

use chrono::Days;
use engo_model::{
    Bin, Iin, Lang, Money,
    id::{ExpertId, MilestoneId, RecordRef},
    record::{Evaluation, EvaluationSubject, Expert, Period, Project, ProjectSource},
};

use super::{Planter, edited, profile_on};
use crate::{
    error::Cause,
    generate::values::{months_from, parse, tenge},
};

/// A valid IIN of the domain brief's test vectors, never a real person's: the personal id that
/// the privacy fault leaks into a project's title.
const TEST_IIN: &str = "061211600012";

/// An e-mail address of a domain reserved for examples (RFC 2606), never a real person's.
const TEST_EMAIL: &str = "zhoba@example.org";

/// What the planted amounts exceed a budget by.
const OVER_BUDGET: u64 = 1_000_000;

/// How many days after the publication the planted future date lies, and how many days after
/// its project's end the planted milestone is due.
const DAYS_LATE: u64 = 30;

/// How many months a planted social project runs beyond the profile's longest.
const MONTHS_TOO_MANY: u32 = 4;

/// Breaks, with `fault`, evaluations that `candidate` accepts.
fn each_evaluation(
    p: &mut Planter<'_>,
    candidate: impl Fn(&Evaluation) -> bool,
    fault: impl FnMut(&mut Evaluation) -> Result<(), Cause>,
) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.evaluations,
        |e| RecordRef::from(&e.id),
        candidate,
        fault,
    )
}

/// Sets an evaluation's total to the sum of its scores.
fn total_the_scores(e: &mut Evaluation) {
    e.total = e.scores.iter().map(|s| s.score).sum();
}

/// `evaluation.total.mismatch`: a total one above the sum of the scores.
pub(super) fn total_mismatch(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_evaluation(
        p,
        |_| true,
        |e| {
            e.total = e.total.saturating_add(1);
            Ok(())
        },
    )
}

/// `evaluation.criteria.incomplete`: the last criterion's score gone (the total still their
/// sum).
pub(super) fn criterion_missing(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_evaluation(
        p,
        |e| !e.scores.is_empty(),
        |e| {
            e.scores.pop();
            total_the_scores(e);
            Ok(())
        },
    )
}

/// `evaluation.score.out_of_scale`: the first criterion scored one above the scale (the total
/// still the sum).
pub(super) fn score_beyond_scale(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_evaluation(
        p,
        |e| !e.scores.is_empty(),
        |e| {
            let beyond = e.scale_max.saturating_add(1);
            if let Some(first) = e.scores.first_mut() {
                first.score = beyond;
            }
            total_the_scores(e);
            Ok(())
        },
    )
}

/// `evaluation.scale.unexpected`: a scale the profile does not use, just above the one scored
/// on (every score stays within it).
pub(super) fn unexpected_scale(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_evaluation(
        p,
        |e| profile_on(e.date).is_some(),
        |e| {
            let scales = profile_on(e.date).map(|p| p.params.evaluation.scales.as_slice());
            let mut scale = e.scale_max.saturating_add(1);
            while scales.is_some_and(|s| s.contains(&scale)) {
                scale = scale.saturating_add(1);
            }
            e.scale_max = scale;
            Ok(())
        },
    )
}

/// `evaluation.rating.below_pass_mark`: every criterion scored at half the profile's pass mark.
pub(super) fn low_rating(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_evaluation(
        p,
        |e| profile_on(e.date).is_some_and(|p| p.params.evaluation.pass_percent > 0),
        |e| {
            let pass = profile_on(e.date).map_or(0, |p| p.params.evaluation.pass_percent);
            let score = e.scale_max.saturating_mul(pass) / 200;
            for s in &mut e.scores {
                s.score = score;
            }
            total_the_scores(e);
            Ok(())
        },
    )
}

/// `evaluation.expert.conflict_of_interest`: one more expert on an evaluation, a new one
/// affiliated with the organisation evaluated.
pub(super) fn affiliated_expert(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let implementers: BTreeMap<&str, Bin> =
        p.ds.projects
            .iter()
            .map(|pr| (pr.id.as_str(), pr.implementer))
            .collect();
    let evaluated: Vec<Option<Bin>> =
        p.ds.evaluations
            .iter()
            .map(|e| match &e.subject {
                EvaluationSubject::Project(id) => implementers.get(id.as_str()).copied(),
                _ => None,
            })
            .collect();
    let mut broken = Vec::new();
    for (i, org) in evaluated.into_iter().enumerate() {
        let Some(org) = org else {
            continue;
        };
        let Some(record) = p.ds.evaluations.get(i).map(|e| RecordRef::from(&e.id)) else {
            continue;
        };
        if !p.choose(&record) {
            continue;
        }
        let id: ExpertId = parse(&format!("EX-{:05}", p.ds.experts.len()))?;
        let mut expert = Expert::new(id.clone());
        expert.affiliations.insert(org);
        p.ds.experts.push(expert);
        if let Some(e) = p.ds.evaluations.get_mut(i) {
            e.experts.push(id);
        }
        broken.push(record);
    }
    Ok(broken)
}

/// Breaks, with `fault`, projects that `candidate` accepts.
fn each_project(
    p: &mut Planter<'_>,
    candidate: impl Fn(&Project) -> bool,
    fault: impl FnMut(&mut Project) -> Result<(), Cause>,
) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.projects,
        |pr| RecordRef::from(&pr.id),
        candidate,
        fault,
    )
}

/// `coherence.tranches.exceed_amount`: a first tranche above the whole budget.
pub(super) fn tranches_over_budget(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let over = tenge(OVER_BUDGET)?;
    each_project(
        p,
        |pr| !pr.tranches.is_empty(),
        |pr| {
            let amount: Money = pr.budget.checked_add(over)?;
            if let Some(t) = pr.tranches.first_mut() {
                t.amount = amount;
            }
            Ok(())
        },
    )
}

/// `privacy.personal_id`: a project's Kazakh title naming its leader by IIN.
pub(super) fn iin_in_title(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let iin: Iin = parse(TEST_IIN)?;
    each_project(
        p,
        |_| true,
        |pr| {
            pr.title = edited(&pr.title, Lang::Kk, |kk| {
                format!("{kk} (жетекші ЖСН {iin})")
            })?;
            Ok(())
        },
    )
}

/// `privacy.email_in_text`: a project's Russian title with a contact's e-mail address.
pub(super) fn email_in_title(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_project(
        p,
        |_| true,
        |pr| {
            pr.title = edited(&pr.title, Lang::Ru, |ru| {
                format!("{ru} (e-mail: {TEST_EMAIL})")
            })?;
            Ok(())
        },
    )
}

/// `coherence.milestone.met_without_date`: a met milestone whose date met is gone.
pub(super) fn met_without_date(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_project(
        p,
        |pr| pr.milestones.iter().any(|m| m.date_met.is_some()),
        |pr| {
            if let Some(m) = pr.milestones.iter_mut().find(|m| m.date_met.is_some()) {
                m.date_met = None;
            }
            Ok(())
        },
    )
}

/// `coherence.date.in_future`: a project's last tranche paid after the publication.
pub(super) fn tranche_in_future(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let today = p.today();
    let later = today
        .checked_add_days(Days::new(DAYS_LATE))
        .ok_or_else(|| Cause::Date(format!("{today} + {DAYS_LATE} days")))?;
    each_project(
        p,
        |pr| !pr.tranches.is_empty(),
        |pr| {
            if let Some(t) = pr.tranches.last_mut() {
                t.date = later;
            }
            Ok(())
        },
    )
}

/// `project.milestone.outside_period`: a project's last milestone due after the project ends.
pub(super) fn milestone_after_end(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_project(
        p,
        |pr| pr.period.is_ordered() && !pr.milestones.is_empty(),
        |pr| {
            let end = pr.period.end;
            if let Some(m) = pr.milestones.last_mut() {
                m.due_date = end
                    .checked_add_days(Days::new(DAYS_LATE))
                    .ok_or_else(|| Cause::Date(format!("{end} + {DAYS_LATE} days")))?;
            }
            Ok(())
        },
    )
}

/// `project.period.inverted`: a project whose period ends before it starts.
pub(super) fn inverted_period(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_project(
        p,
        |pr| pr.period.start < pr.period.end,
        |pr| {
            pr.period = Period::new(pr.period.end, pr.period.start);
            Ok(())
        },
    )
}

/// `project.duration.out_of_range`: a social project some months longer than the profile of its
/// start allows.
pub(super) fn too_long(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let longest =
        |pr: &Project| profile_on(pr.period.start).and_then(|p| p.params.project_months.max);
    each_project(
        p,
        |pr| matches!(pr.source, ProjectSource::SocialOrder(_)) && longest(pr).is_some(),
        |pr| {
            if let Some(max) = longest(pr) {
                pr.period = months_from(pr.period.start, max.saturating_add(MONTHS_TOO_MANY))?;
            }
            Ok(())
        },
    )
}

/// `id.duplicate`: a project's second indicator with the id of its first.
pub(super) fn repeated_indicator(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_project(
        p,
        |pr| pr.indicators.len() >= 2,
        |pr| {
            if let Some(first) = pr.indicators.first().map(|i| i.id.clone())
                && let Some(second) = pr.indicators.get_mut(1)
            {
                second.id = first;
            }
            Ok(())
        },
    )
}

/// `ref.dangling`: a project report of a milestone the project does not have.
pub(super) fn report_of_no_milestone(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_project(
        p,
        |pr| pr.reports.iter().any(|r| r.milestone.is_some()),
        |pr| {
            // `M<n+1>` of a project with n milestones, or the first number after it unused.
            let mut n = pr.milestones.len() + 1;
            let missing: MilestoneId = loop {
                let id: MilestoneId = parse(&format!("M{n}"))?;
                if pr.milestones.iter().all(|m| m.id != id) {
                    break id;
                }
                n += 1;
            };
            if let Some(r) = pr.reports.iter_mut().find(|r| r.milestone.is_some()) {
                r.milestone = Some(missing);
            }
            Ok(())
        },
    )
}
