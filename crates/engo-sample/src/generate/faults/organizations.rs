//! Faults of organisations: the eligibility of the organisations that apply (status,
//! disqualification, legal form, NGO-database reports), and contacts that are not valid.

use std::collections::BTreeSet;

use chrono::TimeDelta;
use engo_model::{
    Bin, Dataset,
    classifier::LegalFormCode,
    id::RecordRef,
    lifecycle::{
        Actor, ActorRole, ApplicationStage, EventKind, Machine, OrganizationStage,
        ngo_report_entity,
    },
    record::{Disqualification, DisqualificationKind, Organization, RegistryStatus},
};

use super::{Planter, log::following};
use crate::{
    error::Cause,
    generate::values::{date, parse},
};

/// A legal form that cannot be an NGO (SSO Law Art. 1).
const EXCLUDED_FORM: &str = "religious_association";

/// A legal form the classifier of non-commercial organisations lacks: a commercial one.
const UNKNOWN_FORM: &str = "limited_liability_partnership";

/// The organisations whose eligibility the criteria check: the applicant of every application
/// but a draft, a rejected or a withdrawn one.
fn applicants(ds: &Dataset) -> BTreeSet<Bin> {
    ds.applications
        .iter()
        .filter(|a| {
            !matches!(
                a.stage,
                ApplicationStage::Draft | ApplicationStage::Rejected | ApplicationStage::Withdrawn
            )
        })
        .map(|a| a.applicant)
        .collect()
}

/// Breaks, with `fault`, applicants that `candidate` also accepts.
fn each_applicant(
    p: &mut Planter<'_>,
    candidate: impl Fn(&Organization) -> bool,
    fault: impl FnMut(&mut Organization) -> Result<(), Cause>,
) -> Result<Vec<RecordRef>, Cause> {
    let applicants = applicants(p.ds);
    p.each(
        |ds| &mut ds.organizations,
        |o| RecordRef::from(&o.bin),
        |o| applicants.contains(&o.bin) && candidate(o),
        fault,
    )
}

/// `ngo.status.not_active`: an active applicant suspended the day before publication, with the
/// registry's `suspend` event at the end of its history.
pub(super) fn suspended(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let at =
        p.ds.published_at
            .checked_sub_signed(TimeDelta::days(1))
            .ok_or_else(|| Cause::Date(format!("{} - 1 day", p.ds.published_at)))?;
    let since = at.date_naive();
    let broken = each_applicant(
        p,
        |o| o.status.stage == OrganizationStage::Active,
        |o| {
            o.status = RegistryStatus {
                stage: OrganizationStage::Suspended,
                since,
            };
            Ok(())
        },
    )?;
    let registry = Actor {
        role: ActorRole::Registry,
        org: p.ds.publisher.org_id.bin(),
    };
    let entities: BTreeSet<RecordRef> = broken.iter().cloned().collect();
    let suspensions = p
        .histories(Machine::Organization)
        .into_iter()
        .filter(|(entity, _)| entities.contains(entity))
        .filter_map(|(_, history)| {
            let last = p.ds.events.get(*history.last()?)?;
            Some(following(
                last,
                at.max(last.at),
                EventKind::Suspend,
                registry,
            ))
        })
        .collect();
    p.add_events(suspensions);
    Ok(broken)
}

/// `ngo.disqualified`: an applicant listed among unreliable suppliers since before the sample's
/// years.
pub(super) fn disqualified(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let from = date(2023, 1, 1)?;
    each_applicant(
        p,
        |_| true,
        |o| {
            let listed = Disqualification::new(DisqualificationKind::UnreliableSupplier, from);
            o.disqualifications.push(listed);
            Ok(())
        },
    )
}

/// `ngo.legal_form.excluded`: an applicant whose legal form cannot be an NGO.
pub(super) fn excluded_legal_form(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    with_legal_form(p, EXCLUDED_FORM)
}

/// `ngo.legal_form.unknown`: an applicant whose legal form is not in the classifier.
pub(super) fn unknown_legal_form(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    with_legal_form(p, UNKNOWN_FORM)
}

/// Applicants registered with the legal form `form`.
fn with_legal_form(p: &mut Planter<'_>, form: &str) -> Result<Vec<RecordRef>, Cause> {
    let form: LegalFormCode = parse(form)?;
    each_applicant(
        p,
        |_| true,
        |o| {
            o.legal_form = form.clone();
            Ok(())
        },
    )
}

/// `ngo.database.not_submitted`: an applicant that never reported to the NGO database: its
/// reports are gone, and so are their histories in the log.
pub(super) fn unreported(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let mut gone = BTreeSet::new();
    let broken = each_applicant(
        p,
        |o| !o.database_reports.is_empty(),
        |o| {
            let bin = o.bin;
            gone.extend(
                o.database_reports
                    .drain(..)
                    .filter_map(|r| ngo_report_entity(&bin, r.year)),
            );
            Ok(())
        },
    )?;
    p.ds.events
        .retain(|e| e.machine != Machine::NgoReport || !gone.contains(&e.entity));
    Ok(broken)
}

/// `shape.email`: an organisation's e-mail address with ` at ` for its `@`.
pub(super) fn email_without_at(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.organizations,
        |o| RecordRef::from(&o.bin),
        |o| o.email.as_ref().is_some_and(|e| e.contains('@')),
        |o| {
            o.email = o.email.as_ref().map(|e| e.replace('@', " at "));
            Ok(())
        },
    )
}

/// `shape.url`: an organisation's website without its scheme (`ngo-….kz`).
pub(super) fn website_without_scheme(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.organizations,
        |o| RecordRef::from(&o.bin),
        |o| o.website.as_ref().is_some_and(|w| w.contains("://")),
        |o| {
            o.website = o
                .website
                .as_ref()
                .and_then(|w| w.split_once("://"))
                .map(|(_, rest)| rest.to_owned());
            Ok(())
        },
    )
}
