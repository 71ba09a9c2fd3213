//! Coherence across the dataset that no single record shows: dates after publication.

use chrono::NaiveDate;
use engo_model::{Dataset, id::RecordRef, record::VolunteerActivityStatus};

use crate::{Code, Finding};

/// `coherence.date.in_future`: every date of something that has happened (submitted, awarded,
/// met, paid, evaluated, recorded) that is after the dataset's publication. Planned dates (periods,
/// due dates) may lie ahead and are not checked; the period of an entry of the register of
/// foreign funding is not planned (money already received, published by the results of a
/// half-year), so its end is, and so is the last day of a volunteer programme or action said to
/// be held.
pub(crate) fn dates_in_future(ds: &Dataset) -> Vec<Finding> {
    let published = ds.published_at;
    let today = published.date_naive();
    let mut out = Vec::new();
    let mut late = Vec::new();
    // The path and the record id are built only for a date that is late: most are not.
    let mut check = |path: &dyn Fn() -> String,
                     record: &dyn Fn() -> Option<RecordRef>,
                     field: &str,
                     date: Option<NaiveDate>| {
        if let Some(date) = date.filter(|d| *d > today) {
            late.push(Finding::new(
                Code::CoherenceDateInFuture,
                path(),
                record(),
                [
                    ("field", field.to_owned()),
                    ("date", date.to_string()),
                    ("published_at", published.to_rfc3339()),
                ],
            ));
        }
    };
    for (i, o) in ds.organizations.iter().enumerate() {
        let r = || Some(RecordRef::from(&o.bin));
        check(
            &|| format!("/organizations/{i}/registered_on"),
            &r,
            "registered_on",
            Some(o.registered_on),
        );
        check(
            &|| format!("/organizations/{i}/status/since"),
            &r,
            "status.since",
            Some(o.status.since),
        );
        for (j, rep) in o.database_reports.iter().enumerate() {
            check(
                &|| format!("/organizations/{i}/database_reports/{j}/submitted_on"),
                &r,
                "submitted_on",
                rep.submitted_on,
            );
        }
    }
    for (i, g) in ds.grants.iter().enumerate() {
        check(
            &|| format!("/grants/{i}/award_date"),
            &|| Some(RecordRef::from(&g.id)),
            "award_date",
            g.award_date,
        );
    }
    for (i, a) in ds.awards.iter().enumerate() {
        check(
            &|| format!("/awards/{i}/award_date"),
            &|| Some(RecordRef::from(&a.id)),
            "award_date",
            a.award_date,
        );
    }
    for (i, a) in ds.applications.iter().enumerate() {
        if let Some(at) = a.submitted_at.filter(|t| *t > published) {
            out.push(Finding::new(
                Code::CoherenceDateInFuture,
                format!("/applications/{i}/submitted_at"),
                Some(RecordRef::from(&a.id)),
                [
                    ("field", "submitted_at".to_owned()),
                    ("date", at.to_rfc3339()),
                    ("published_at", published.to_rfc3339()),
                ],
            ));
        }
    }
    for (i, e) in ds.evaluations.iter().enumerate() {
        check(
            &|| format!("/evaluations/{i}/date"),
            &|| Some(RecordRef::from(&e.id)),
            "date",
            Some(e.date),
        );
    }
    for (i, p) in ds.projects.iter().enumerate() {
        let r = || Some(RecordRef::from(&p.id));
        for (j, m) in p.milestones.iter().enumerate() {
            check(
                &|| format!("/projects/{i}/milestones/{j}/date_met"),
                &r,
                "date_met",
                m.date_met,
            );
        }
        for (j, rep) in p.reports.iter().enumerate() {
            check(
                &|| format!("/projects/{i}/reports/{j}/submitted_on"),
                &r,
                "submitted_on",
                Some(rep.submitted_on),
            );
            check(
                &|| format!("/projects/{i}/reports/{j}/accepted_on"),
                &r,
                "accepted_on",
                rep.accepted_on,
            );
        }
        for (j, t) in p.tranches.iter().enumerate() {
            check(
                &|| format!("/projects/{i}/tranches/{j}/date"),
                &r,
                "date",
                Some(t.date),
            );
        }
    }
    for (i, m) in ds.mediation_cases.iter().enumerate() {
        check(
            &|| format!("/mediation_cases/{i}/requested_on"),
            &|| Some(RecordRef::from(&m.id)),
            "requested_on",
            Some(m.requested_on),
        );
    }
    for (i, p) in ds.plans.iter().enumerate() {
        check(
            &|| format!("/plans/{i}/approved_on"),
            &|| Some(RecordRef::from(&p.id)),
            "approved_on",
            p.approved_on,
        );
    }
    for (i, o) in ds.partnership_orders.iter().enumerate() {
        check(
            &|| format!("/partnership_orders/{i}/agreement_date"),
            &|| Some(RecordRef::from(&o.id)),
            "agreement_date",
            Some(o.agreement_date),
        );
    }
    for (i, f) in ds.foreign_funding_entries.iter().enumerate() {
        check(
            &|| format!("/foreign_funding_entries/{i}/period/end"),
            &|| Some(RecordRef::from(&f.id)),
            "period.end",
            f.period.map(|p| p.end),
        );
    }
    for (i, b) in ds.bodies.iter().enumerate() {
        for (j, m) in b.meetings.iter().enumerate() {
            check(
                &|| format!("/bodies/{i}/meetings/{j}/date"),
                &|| Some(RecordRef::from(&b.id)),
                "date",
                Some(m.date),
            );
        }
    }
    for (i, v) in ds.volunteer_activities.iter().enumerate() {
        // A programme or action said to be held is over: its last day is not after publication.
        let held = v.status == VolunteerActivityStatus::Held;
        check(
            &|| format!("/volunteer_activities/{i}/period/end"),
            &|| Some(RecordRef::from(&v.id)),
            "period.end",
            held.then_some(v.period.end),
        );
    }
    for (i, e) in ds.events.iter().enumerate() {
        if e.at > published {
            out.push(Finding::new(
                Code::CoherenceDateInFuture,
                format!("/events/{i}/at"),
                Some(e.entity.clone()),
                [
                    ("field", "at".to_owned()),
                    ("date", e.at.to_rfc3339()),
                    ("published_at", published.to_rfc3339()),
                ],
            ));
        }
    }
    out.extend(late);
    out
}
