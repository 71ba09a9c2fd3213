//! The faults planted on purpose: one planting step for every rule of the catalogue that a
//! record can break.
//!
//! Each step ([`PLANTINGS`]) breaks exactly its rule on the records it picks, each candidate
//! record with the probability of the configured share of faults — and, when it drew none, its
//! first candidate, so that every rule the sample has a record for is planted at any share — and
//! names the record the finding will name; the sample lists them as [`PlantedFault`]s. The steps run in a fixed order
//! after the audit log is synthesized, so that a fault on a record stays a fault (the log is the
//! one the clean records lead to) and a fault on the log is made on a log that was valid. A
//! record carries one fault at most: a step passes over the records an earlier step broke, so
//! that what is found is each fault's own finding.
//!
//! A fault on the log keeps the rest of the log valid: an event added or moved goes where its
//! time puts it, a sequence number or a time is changed only on the last event of its record,
//! and a stage changed on a record comes with the event that leads there. The log stays in time
//! order but for the events `stage.time.backwards` moves back, which is why that step is the
//! last.
//!
//! Two rules are checked only by the guards of the log: a fault of `grant.plan_discussion.too_short`
//! or `stage.winner.unknown` is found as the `stage.guard.failed` finding of its record, whose
//! `codes` name the rule. Some faults raise, besides their own finding, the failure of a guard
//! that checks the same rule again when the log replays — unavoidable, since the log records a
//! transition the rule allowed:
//!
//! - an organisation's eligibility (`ngo.status.not_active`, `ngo.disqualified`,
//!   `ngo.legal_form.excluded`, `ngo.legal_form.unknown`, `ngo.database.not_submitted`): the
//!   transitions that admit its applications and award it an order, a grant or an award fail
//!   their `applicant_eligible` or `winner_eligible` guard;
//! - an evaluation's completeness (`evaluation.criteria.incomplete`,
//!   `evaluation.score.out_of_scale`, `evaluation.total.mismatch`): the `evaluate` transition of
//!   the social order whose project it evaluates fails its `evaluation_complete` guard.
//!
//! The rules no step plants, and why, are [`UNPLANTED`]: `input.malformed` (only a reader
//! raises it), `privacy.masked` (only publishing writes it), `shape.schema_version` (the
//! dataset's, not a record's) and `ngo.registration.too_recent` (off in every embedded profile).
//!
//! The rules of the instruments added after these steps (issue 13) have steps of their own,
//! [`INSTRUMENT_PLANTINGS`]: they run after [`PLANTINGS`], from a random stream forked from the
//! main one, so that adding them changed no fault planted before.
//!
//! To plant one more rule, write its step — a `fn(&mut Planter) -> Result<Vec<RecordRef>,
//! Cause>` in the module of its kind of record, most often one [`Planter::each`] — and add it to
//! [`PLANTINGS`] (before `stage.time.backwards`).

mod bodies;
mod competitions;
mod instruments;
mod log;
mod orders;
mod organizations;
mod partnerships;
mod plans;
mod projects;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use engo_criteria::{Code, CriteriaProfile, profile_for};
use engo_model::{Dataset, Lang, LocalizedText, MrpTable, id::RecordRef};

use super::{Generator, PlantedFault};
use crate::{error::Cause, rng::Rng};

/// A planting step: the rule it breaks, and how.
struct Planting {
    /// The code of the rule.
    code: Code,
    /// Breaks the rule on the records it picks; the records its findings name.
    plant: fn(&mut Planter<'_>) -> Result<Vec<RecordRef>, Cause>,
}

/// Every planting step, in the order they run: organisations, social orders, grants, awards,
/// mediation cases, applications, plans, state orders for strategic partnership, expert and
/// civil-society bodies, evaluations, projects, then the audit log.
const PLANTINGS: &[Planting] = &[
    Planting {
        code: Code::NgoStatusNotActive,
        plant: organizations::suspended,
    },
    Planting {
        code: Code::NgoDisqualified,
        plant: organizations::disqualified,
    },
    Planting {
        code: Code::NgoLegalFormExcluded,
        plant: organizations::excluded_legal_form,
    },
    Planting {
        code: Code::NgoLegalFormUnknown,
        plant: organizations::unknown_legal_form,
    },
    Planting {
        code: Code::NgoDatabaseNotSubmitted,
        plant: organizations::unreported,
    },
    Planting {
        code: Code::ShapeEmail,
        plant: organizations::email_without_at,
    },
    Planting {
        code: Code::ShapeUrl,
        plant: organizations::website_without_scheme,
    },
    Planting {
        code: Code::OrderAreaUnknown,
        plant: orders::unknown_area,
    },
    Planting {
        code: Code::OrderBudgetNotPositive,
        plant: orders::zero_budget,
    },
    Planting {
        code: Code::OrderCustomerNotStateBody,
        plant: orders::organisation_as_customer,
    },
    Planting {
        code: Code::OrderRegionUnknown,
        plant: orders::abolished_region,
    },
    Planting {
        code: Code::ProjectIndicatorsMissing,
        plant: orders::no_indicators,
    },
    Planting {
        code: Code::ShapeRange,
        plant: orders::financial_year_out_of_range,
    },
    Planting {
        code: Code::ShapeLength,
        plant: orders::title_too_long,
    },
    Planting {
        code: Code::ProjectAmountExceedsOrder,
        plant: orders::project_over_budget,
    },
    Planting {
        code: Code::GrantOwnSupportExceedsShare,
        plant: competitions::own_support_over_share,
    },
    Planting {
        code: Code::GrantApplicationLanguage,
        plant: competitions::in_english,
    },
    Planting {
        code: Code::GrantFundingMismatch,
        plant: competitions::funding_mismatch,
    },
    Planting {
        code: Code::GrantTermAmountOutOfRange,
        plant: competitions::amount_beyond_band,
    },
    Planting {
        code: Code::GrantTermDurationMismatch,
        plant: competitions::duration_beyond_band,
    },
    Planting {
        code: Code::MrpYearUnknown,
        plant: competitions::before_the_mrp_table,
    },
    Planting {
        code: Code::NgoAreaNotDeclared,
        plant: competitions::undeclared_area,
    },
    Planting {
        code: Code::AwardAmountBelowMinimum,
        plant: competitions::award_below_minimum,
    },
    Planting {
        code: Code::AwardShareUnequal,
        plant: competitions::award_share_unequal,
    },
    Planting {
        code: Code::MediationPartyStateBody,
        plant: competitions::state_body_as_party,
    },
    Planting {
        code: Code::MediationMediatorIsParty,
        plant: competitions::party_as_mediator,
    },
    Planting {
        code: Code::CriteriaProfileNone,
        plant: competitions::submitted_before_every_profile,
    },
    Planting {
        code: Code::PlanApprovalBeforeDiscussionEnd,
        plant: plans::approved_during_discussion,
    },
    Planting {
        code: Code::PlanTopicsExceedBudget,
        plant: plans::topics_over_budget,
    },
    Planting {
        code: Code::PartnershipDateBeforeInstrument,
        plant: partnerships::dated_before_instrument,
    },
    Planting {
        code: Code::PartnershipLegalBasisNotInForce,
        plant: partnerships::rules_not_in_force,
    },
    Planting {
        code: Code::PartnershipAmountNotPositive,
        plant: partnerships::no_amount,
    },
    Planting {
        code: Code::BodyPublicCouncilSizeOutOfRange,
        plant: bodies::council_too_small,
    },
    Planting {
        code: Code::BodyPublicCouncilMemberRepeated,
        plant: bodies::organisation_seated_twice,
    },
    Planting {
        code: Code::BodyPublicCouncilMeetingClosed,
        plant: bodies::closed_meeting,
    },
    Planting {
        code: Code::BodyMemberUnidentified,
        plant: bodies::member_unidentified,
    },
    Planting {
        code: Code::EvaluationTotalMismatch,
        plant: projects::total_mismatch,
    },
    Planting {
        code: Code::EvaluationCriteriaIncomplete,
        plant: projects::criterion_missing,
    },
    Planting {
        code: Code::EvaluationScoreOutOfScale,
        plant: projects::score_beyond_scale,
    },
    Planting {
        code: Code::EvaluationScaleUnexpected,
        plant: projects::unexpected_scale,
    },
    Planting {
        code: Code::EvaluationRatingBelowPassMark,
        plant: projects::low_rating,
    },
    Planting {
        code: Code::EvaluationExpertConflictOfInterest,
        plant: projects::affiliated_expert,
    },
    Planting {
        code: Code::CoherenceTranchesExceedAmount,
        plant: projects::tranches_over_budget,
    },
    Planting {
        code: Code::PrivacyPersonalId,
        plant: projects::iin_in_title,
    },
    Planting {
        code: Code::PrivacyEmailInText,
        plant: projects::email_in_title,
    },
    Planting {
        code: Code::CoherenceMilestoneMetWithoutDate,
        plant: projects::met_without_date,
    },
    Planting {
        code: Code::CoherenceDateInFuture,
        plant: projects::tranche_in_future,
    },
    Planting {
        code: Code::ProjectMilestoneOutsidePeriod,
        plant: projects::milestone_after_end,
    },
    Planting {
        code: Code::ProjectPeriodInverted,
        plant: projects::inverted_period,
    },
    Planting {
        code: Code::ProjectDurationOutOfRange,
        plant: projects::too_long,
    },
    Planting {
        code: Code::IdDuplicate,
        plant: projects::repeated_indicator,
    },
    Planting {
        code: Code::RefDangling,
        plant: projects::report_of_no_milestone,
    },
    Planting {
        code: Code::StageGuardFailed,
        plant: log::award_over_budget,
    },
    Planting {
        code: Code::GrantPlanDiscussionTooShort,
        plant: log::plan_discussed_briefly,
    },
    Planting {
        code: Code::StageWinnerUnknown,
        plant: log::winner_unnamed,
    },
    Planting {
        code: Code::StageSequenceGap,
        plant: log::sequence_gap,
    },
    Planting {
        code: Code::StageReplayMismatch,
        plant: log::last_event_missing,
    },
    Planting {
        code: Code::StageTransitionNotAllowed,
        plant: log::event_not_allowed,
    },
    // Last: the log is no longer in time order after it.
    Planting {
        code: Code::StageTimeBackwards,
        plant: log::time_backwards,
    },
];

/// The planting steps of the instruments added after [`PLANTINGS`] (issue 13): they run after
/// it, from a stream of their own, and never touch the audit log.
const INSTRUMENT_PLANTINGS: &[Planting] = &[
    Planting {
        code: Code::ForeignFundingAmountNotPositive,
        plant: instruments::zero_foreign_funding,
    },
    Planting {
        code: Code::VolunteeringHeldWithoutVolunteers,
        plant: instruments::held_without_volunteers,
    },
];

/// The stream of [`INSTRUMENT_PLANTINGS`], forked from the main stream.
const INSTRUMENT_FAULTS_STREAM: u64 = 1399;

/// A rule of the catalogue that the sample does not plant, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unplanted {
    /// The rule.
    pub code: Code,
    /// Why no record of the sample breaks it.
    pub why: &'static str,
}

/// The rules of the catalogue that no planting step breaks, and why: every other rule is
/// planted ([`planted_rules`]).
pub const UNPLANTED: &[Unplanted] = &[
    Unplanted {
        code: Code::InputMalformed,
        why: "a reader raises it for a record it cannot read; a dataset in memory has none",
    },
    Unplanted {
        code: Code::NgoRegistrationTooRecent,
        why: "off in every embedded criteria profile: no law sets a minimum age of an organisation",
    },
    Unplanted {
        code: Code::PrivacyMasked,
        why: "written by publishing, when it masks personal data in the open files; validation never raises it",
    },
    Unplanted {
        code: Code::ShapeSchemaVersion,
        why: "the format version is the dataset's, not a record's: a sample is always in engo's own format",
    },
    Unplanted {
        code: Code::StageChainBroken,
        why: "the sample's log carries no hash chain (publishing links it); a broken link needs a linked log",
    },
];

/// Every rule the sample plants, one planting step each, in the order the steps run.
///
/// ```
/// use engo_criteria::Code;
///
/// let planted: Vec<Code> = engo_sample::planted_rules().collect();
/// assert!(planted.contains(&Code::StageSequenceGap));
/// // Every rule of the catalogue is planted, or said not to be and why.
/// for code in Code::ALL {
///     let unplanted = engo_sample::UNPLANTED.iter().any(|u| u.code == *code);
///     assert!(planted.contains(code) != unplanted, "{code}");
/// }
/// ```
pub fn planted_rules() -> impl Iterator<Item = Code> {
    PLANTINGS.iter().chain(INSTRUMENT_PLANTINGS).map(|p| p.code)
}

impl Generator {
    /// Plants the faults: every step of [`PLANTINGS`], in order, then every step of
    /// [`INSTRUMENT_PLANTINGS`] from a stream of their own.
    pub(super) fn plant_faults(&mut self) -> Result<(), Cause> {
        let ppm = self.cfg.faults_ppm;
        if ppm == 0 {
            return Ok(());
        }
        let mut instruments_rng = self.rng.fork(INSTRUMENT_FAULTS_STREAM);
        let mut planter = Planter {
            ds: &mut self.ds,
            rng: &mut self.rng,
            ppm,
            mrp: self.mrp,
            broken: BTreeSet::new(),
            sure: false,
        };
        let mut planted = Vec::new();
        for step in PLANTINGS {
            planted.extend(planter.plant(step)?);
        }
        planter.rng = &mut instruments_rng;
        for step in INSTRUMENT_PLANTINGS {
            planted.extend(planter.plant(step)?);
        }
        planted.sort();
        self.faults = planted;
        Ok(())
    }
}

/// What a planting step works on: the dataset, the random stream, the share of faults, and the
/// records already broken.
pub(super) struct Planter<'g> {
    ds: &'g mut Dataset,
    rng: &'g mut Rng,
    /// The share of faults, in millionths.
    ppm: u32,
    mrp: &'static MrpTable,
    /// The records a fault has changed: no later step picks them.
    broken: BTreeSet<RecordRef>,
    /// Whether [`Planter::choose`] takes the next record it is asked about without a draw (once).
    sure: bool,
}

impl Planter<'_> {
    /// Runs planting `step`: the faults it planted.
    fn plant(&mut self, step: &Planting) -> Result<Vec<PlantedFault>, Cause> {
        let mut records = (step.plant)(self)?;
        if records.is_empty() {
            // None drawn at this share: the step's first candidate, so that the sample
            // plants every rule it has a record for.
            self.sure = true;
            records = (step.plant)(self)?;
            self.sure = false;
        }
        Ok(records
            .into_iter()
            .map(|record| PlantedFault {
                code: step.code,
                record,
            })
            .collect())
    }

    /// Whether to break `record`: one no fault has changed yet, drawn at the share of faults
    /// (or taken for sure, on the second pass of a step that drew none). A record chosen counts
    /// as broken from then on.
    fn choose(&mut self, record: &RecordRef) -> bool {
        if self.broken.contains(record) {
            return false;
        }
        if !std::mem::take(&mut self.sure) && !self.rng.chance_ppm(self.ppm) {
            return false;
        }
        self.broken.insert(record.clone());
        true
    }

    /// Whether a fault has changed `record`.
    fn is_broken(&self, record: &RecordRef) -> bool {
        self.broken.contains(record)
    }

    /// Counts `record` as changed by a fault (a record a fault changes besides the one it
    /// names).
    fn mark_broken(&mut self, record: RecordRef) {
        self.broken.insert(record);
    }

    /// Breaks, with `fault`, every record of `records` that `candidate` accepts and
    /// [`Planter::choose`] draws, in dataset order; the ids (by `id`) of the records broken.
    fn each<T>(
        &mut self,
        records: fn(&mut Dataset) -> &mut Vec<T>,
        id: fn(&T) -> RecordRef,
        candidate: impl Fn(&T) -> bool,
        mut fault: impl FnMut(&mut T) -> Result<(), Cause>,
    ) -> Result<Vec<RecordRef>, Cause> {
        let mut broken = Vec::new();
        for i in 0..records(self.ds).len() {
            let record = match records(self.ds).get(i) {
                Some(r) if candidate(r) => id(r),
                _ => continue,
            };
            if !self.choose(&record) {
                continue;
            }
            if let Some(r) = records(self.ds).get_mut(i) {
                fault(r)?;
            }
            broken.push(record);
        }
        Ok(broken)
    }

    /// The day the dataset is published.
    fn today(&self) -> NaiveDate {
        self.ds.published_at.date_naive()
    }
}

/// The criteria profile in force on `date`, whose thresholds a fault crosses (`None` before
/// every profile: no record of that date is a candidate).
fn profile_on(date: NaiveDate) -> Option<&'static CriteriaProfile> {
    profile_for(date).ok()
}

/// `text` with its version in `lang` (or the version shown for it) replaced by `edit` of it.
fn edited(
    text: &LocalizedText,
    lang: Lang,
    edit: impl FnOnce(&str) -> String,
) -> Result<LocalizedText, Cause> {
    let mut replacement = Some(edit(text.get(lang)));
    let mut part = |l: Lang| {
        if l == lang {
            replacement.take()
        } else {
            text.exact(l).map(str::to_owned)
        }
    };
    let (kk, ru, en) = (part(Lang::Kk), part(Lang::Ru), part(Lang::En));
    Ok(LocalizedText::from_parts(kk, ru, en)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_planted_once_or_said_why_not() {
        let planted: Vec<Code> = planted_rules().collect();
        let unplanted: Vec<Code> = UNPLANTED.iter().map(|u| u.code).collect();
        for code in Code::ALL {
            let times = planted.iter().filter(|c| *c == code).count()
                + unplanted.iter().filter(|c| *c == code).count();
            assert_eq!(times, 1, "{code}: planted {planted:?}");
        }
        assert!(UNPLANTED.iter().all(|u| !u.why.is_empty()));
        assert_eq!(
            PLANTINGS.last().map(|p| p.code),
            Some(Code::StageTimeBackwards)
        );
    }
}
