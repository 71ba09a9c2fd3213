//! Faults of grants, awards, mediation cases and applications: shares, languages, funding,
//! term bands, dates before the MRP table or before every criteria profile, areas the recipient
//! did not declare, awards below the minimum, state bodies as parties, a party as mediator.

use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};
use engo_criteria::{Profiles, profile::TermBand};
use engo_model::{
    Bin, Lang, Money,
    id::RecordRef,
    record::{FundingSource, Grant, GrantKind, GrantTerm, Period},
};

use super::{Planter, profile_on};
use crate::{
    error::Cause,
    generate::{
        AREA_MIX,
        values::{months_from, parse, pick},
    },
};

/// How many percentage points the planted own support exceeds the profile's share by.
const OVER_SHARE_POINTS: u64 = 5;

/// Breaks, with `fault`, grants that `candidate` accepts.
fn each_grant(
    p: &mut Planter<'_>,
    candidate: impl Fn(&Grant) -> bool,
    fault: impl FnMut(&mut Grant) -> Result<(), Cause>,
) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.grants,
        |g| RecordRef::from(&g.id),
        candidate,
        fault,
    )
}

/// The day whose MRP and criteria judge a grant's amount and term: its award date, else the
/// start of its period.
fn grant_day(g: &Grant) -> NaiveDate {
    g.award_date.unwrap_or(g.period.start)
}

/// The band of a state grant's term in the profile in force on its day (`None` for a non-state
/// grant, or when the profile sets no bands).
fn band(g: &Grant) -> Option<TermBand> {
    let terms = profile_on(grant_day(g))?.params.grant_terms?;
    (g.kind == GrantKind::State).then_some(match g.term {
        GrantTerm::Short => terms.short,
        GrantTerm::Medium => terms.medium,
        GrantTerm::Long => terms.long,
    })
}

/// `grant.own_support.exceeds_share`: own support above the profile's share of the amount
/// awarded.
pub(super) fn own_support_over_share(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_grant(
        p,
        |g| g.amount_awarded.is_some() && profile_on(grant_day(g)).is_some(),
        |g| {
            let percent = profile_on(grant_day(g)).map_or(0, |profile| {
                u64::from(profile.params.own_support_max_percent)
            });
            if let Some(amount) = g.amount_awarded {
                g.own_support = amount.checked_ratio(percent + OVER_SHARE_POINTS, 100)?;
            }
            Ok(())
        },
    )
}

/// `grant.application.language`: a grant in English.
pub(super) fn in_english(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_grant(
        p,
        |_| true,
        |g| {
            g.language = Lang::En;
            Ok(())
        },
    )
}

/// `grant.funding.mismatch`: a state grant paid outside the budget, or a non-state grant from it.
pub(super) fn funding_mismatch(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_grant(
        p,
        |_| true,
        |g| {
            g.funding = match g.kind {
                GrantKind::State => FundingSource::ExtraBudgetary,
                _ => FundingSource::Budget,
            };
            Ok(())
        },
    )
}

/// `grant.term.amount_out_of_range`: a state grant awarded twice the top of its term's band.
pub(super) fn amount_beyond_band(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let mrp = p.mrp;
    each_grant(
        p,
        |g| g.amount_awarded.is_some() && band(g).is_some_and(|b| b.max_mrp.is_some()),
        |g| {
            if let Some(max) = band(g).and_then(|b| b.max_mrp) {
                g.amount_awarded = Some(mrp.to_money(max * 2, grant_day(g))?);
            }
            Ok(())
        },
    )
}

/// `grant.term.duration_mismatch`: a state grant six months longer than its term allows.
pub(super) fn duration_beyond_band(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    each_grant(
        p,
        |g| band(g).is_some(),
        |g| {
            if let Some(band) = band(g) {
                g.period = months_from(g.period.start, band.max_months + 6)?;
            }
            Ok(())
        },
    )
}

/// `mrp.year.unknown`: a state grant decided (by the log's `decide` event, its decisive date) but
/// without an award date, whose period runs the year before the MRP table starts: its amount
/// cannot be put in MRP.
pub(super) fn before_the_mrp_table(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let Some(first) = p.mrp.values.first().map(|v| v.from) else {
        return Ok(Vec::new());
    };
    let year = first.year() - 1;
    each_grant(
        p,
        |g| g.award_date.is_some() && g.period.start.year() > year && band(g).is_some(),
        |g| {
            let back = u32::try_from(g.period.start.year() - year)?;
            let earlier = |d: NaiveDate| {
                d.checked_sub_months(Months::new(12 * back))
                    .ok_or_else(|| Cause::Date(format!("{d} - {back} years")))
            };
            g.period = Period::new(earlier(g.period.start)?, earlier(g.period.end)?);
            g.award_date = None;
            Ok(())
        },
    )
}

/// `ngo.area.not_declared`: a grant in an area its recipient has not declared; the finding names
/// the recipient.
pub(super) fn undeclared_area(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let mut broken = Vec::new();
    for i in 0..p.ds.grants.len() {
        let Some(g) = p.ds.grants.get(i) else {
            continue;
        };
        let Some(recipient) = g.recipient else {
            continue;
        };
        let declared =
            p.ds.organizations
                .iter()
                .find(|o| o.bin == recipient)
                .map(|o| &o.areas);
        let undeclared: Vec<&str> = AREA_MIX
            .iter()
            .map(|(area, _)| *area)
            .filter(|area| declared.is_some_and(|d| d.iter().all(|a| a.as_str() != *area)))
            .collect();
        let (grant, org) = (RecordRef::from(&g.id), RecordRef::from(&recipient));
        if undeclared.is_empty() || p.is_broken(&org) || !p.choose(&grant) {
            continue;
        }
        p.mark_broken(org.clone());
        let area = parse(pick(p.rng, &undeclared, "undeclared areas")?)?;
        if let Some(g) = p.ds.grants.get_mut(i) {
            g.area = area;
        }
        broken.push(org);
    }
    Ok(broken)
}

/// `award.amount.below_minimum`: an award of a whole nomination (not shared) of half the
/// profile's minimum in MRP.
pub(super) fn award_below_minimum(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let mrp = p.mrp;
    // The award's date, else 1 January of its year, as the criteria judge it.
    let day =
        |year: i32, date: Option<NaiveDate>| date.or_else(|| NaiveDate::from_ymd_opt(year, 1, 1));
    p.each(
        |ds| &mut ds.awards,
        |a| RecordRef::from(&a.id),
        |a| a.shared.is_none() && day(a.year, a.award_date).and_then(profile_on).is_some(),
        |a| {
            let day = day(a.year, a.award_date);
            if let Some((day, profile)) = day.and_then(|d| Some((d, profile_on(d)?))) {
                a.amount = mrp.to_money(profile.params.award_min_mrp / 2, day)?;
            }
            Ok(())
        },
    )
}

/// `award.share.unequal`: a laureate of a shared nomination paid 1 000 ₸ more than its equal
/// share of the fund.
pub(super) fn award_share_unequal(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.awards,
        |a| RecordRef::from(&a.id),
        |a| a.shared.is_some_and(|s| s.equal_share().is_some()),
        |a| {
            if let Some(share) = a.shared.and_then(|s| s.equal_share()) {
                a.amount = share.checked_add(Money::from_tenge(1_000)?)?;
            }
            Ok(())
        },
    )
}

/// `mediation.party.state_body`: a mediation case with a state body among its parties.
pub(super) fn state_body_as_party(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let mut broken = Vec::new();
    for i in 0..p.ds.mediation_cases.len() {
        let Some(record) = p.ds.mediation_cases.get(i).map(|c| RecordRef::from(&c.id)) else {
            continue;
        };
        if !p.choose(&record) {
            continue;
        }
        let body = pick(p.rng, &p.ds.state_bodies, "state bodies")?.bin;
        if let Some(c) = p.ds.mediation_cases.get_mut(i) {
            c.parties.insert(body);
        }
        broken.push(record);
    }
    Ok(broken)
}

/// `mediation.mediator.is_party`: a mediation case whose mediator is recorded as one of its
/// parties (the BIN of the wrong organisation entered).
pub(super) fn party_as_mediator(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    p.each(
        |ds| &mut ds.mediation_cases,
        |c| RecordRef::from(&c.id),
        |c| c.mediator.is_some() && !c.parties.is_empty(),
        |c| {
            c.mediator = c.parties.first().copied();
            Ok(())
        },
    )
}

/// `criteria.profile.none`: an application submitted the year before the first criteria
/// profile comes in force, so no profile judges it. Not one of an applicant a fault made
/// ineligible: its applications are where that fault is found.
pub(super) fn submitted_before_every_profile(p: &mut Planter<'_>) -> Result<Vec<RecordRef>, Cause> {
    let ineligible: BTreeSet<Bin> =
        p.ds.organizations
            .iter()
            .map(|o| o.bin)
            .filter(|bin| p.is_broken(&RecordRef::from(bin)))
            .collect();
    let Some(first) = Profiles::embedded()
        .all()
        .iter()
        .map(|profile| profile.effective_from)
        .min()
    else {
        return Ok(Vec::new());
    };
    let year = first.year() - 1;
    p.each(
        |ds| &mut ds.applications,
        |a| RecordRef::from(&a.id),
        |a| a.submitted_at.is_some_and(|at| at.year() > year) && !ineligible.contains(&a.applicant),
        |a| {
            if let Some(at) = a.submitted_at {
                let back = u32::try_from(at.year() - year)?;
                let earlier = at
                    .checked_sub_months(Months::new(12 * back))
                    .ok_or_else(|| Cause::Date(format!("{at} - {back} years")))?;
                a.submitted_at = Some(earlier);
            }
            Ok(())
        },
    )
}
