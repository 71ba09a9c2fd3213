//! Finding codes: one variant per rule, each with its stable dotted text.
//!
//! A code's text (`ngo.status.not_active`) is what reports, profiles and users see; it never
//! changes and is never reused. In Rust a code is a [`Code`], so a mistyped code does not
//! compile, and [`Code::rule`] is an exhaustive `match`: a code without its severity, legal basis
//! and kk/ru/en messages does not compile either.

use std::{borrow::Cow, cmp::Ordering, fmt, str::FromStr};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};

/// Declares [`Code`] from a list of `Variant = "text"`, with [`Code::ALL`] and [`Code::as_str`]
/// made from the same list, so that no code is missing from either.
macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $text:literal, )+) => {
        /// The stable code of a finding: which rule found it.
        ///
        /// Its text ([`Code::as_str`]) is what the JSON of findings and reports carries and
        /// what criteria profiles name; codes order by that text. Its rule — severity, legal
        /// basis, parameters and messages — is [`Code::rule`].
        ///
        /// ```
        /// use engo_criteria::{Code, Severity};
        ///
        /// let code: Code = "ngo.status.not_active".parse()?;
        /// assert_eq!(code, Code::NgoStatusNotActive);
        /// assert_eq!(code.as_str(), "ngo.status.not_active");
        /// assert_eq!(code.rule().severity, Severity::Error);
        /// assert!("ngo.status.made_up".parse::<Code>().is_err());
        /// # Ok::<(), engo_criteria::UnknownCode>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`", $text, "`:")]
                $(#[doc = $doc])+
                $variant,
            )+
        }

        impl Code {
            /// Every code, sorted by its text.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The stable text of the code (`ngo.status.not_active`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)+
                }
            }
        }
    };
}

codes! {
    /// an award below the minimum in MRP of its year.
    AwardAmountBelowMinimum = "award.amount.below_minimum",
    /// a laureate of a shared nomination does not receive the equal share of its fund.
    AwardShareUnequal = "award.share.unequal",
    /// a member of an expert or civil-society body is named by neither organisation nor
    /// public role.
    BodyMemberUnidentified = "body.member.unidentified",
    /// a public council holds a meeting that is not open.
    BodyPublicCouncilMeetingClosed = "body.public_council.meeting_closed",
    /// an organisation has two representatives on a public council at the same time.
    BodyPublicCouncilMemberRepeated = "body.public_council.member_repeated",
    /// the public council of a central state body has fewer or more members than the profile's
    /// bounds.
    BodyPublicCouncilSizeOutOfRange = "body.public_council.size_out_of_range",
    /// a date of something that has happened is after the dataset's publication.
    CoherenceDateInFuture = "coherence.date.in_future",
    /// a milestone marked met or partially met has no date met.
    CoherenceMilestoneMetWithoutDate = "coherence.milestone.met_without_date",
    /// the tranches paid exceed the project's budget.
    CoherenceTranchesExceedAmount = "coherence.tranches.exceed_amount",
    /// no criteria profile is in force on a record's decisive date: its rules were not checked.
    CriteriaProfileNone = "criteria.profile.none",
    /// an evaluation lacks some of the five criteria.
    EvaluationCriteriaIncomplete = "evaluation.criteria.incomplete",
    /// an expert scores an organisation they are affiliated with.
    EvaluationExpertConflictOfInterest = "evaluation.expert.conflict_of_interest",
    /// an evaluation's rating is below the profile's pass mark.
    EvaluationRatingBelowPassMark = "evaluation.rating.below_pass_mark",
    /// an evaluation's scale is not one of the profile's.
    EvaluationScaleUnexpected = "evaluation.scale.unexpected",
    /// a criterion's score is beyond the evaluation's scale.
    EvaluationScoreOutOfScale = "evaluation.score.out_of_scale",
    /// an evaluation's total is not the sum of its criteria.
    EvaluationTotalMismatch = "evaluation.total.mismatch",
    /// an entry of the register of foreign funding states an amount of zero.
    ForeignFundingAmountNotPositive = "foreign_funding.amount.not_positive",
    /// a grant application is in neither Kazakh nor Russian.
    GrantApplicationLanguage = "grant.application.language",
    /// a grant's kind does not match its funding source.
    GrantFundingMismatch = "grant.funding.mismatch",
    /// the NGO's own support exceeds its share of the grant.
    GrantOwnSupportExceedsShare = "grant.own_support.exceeds_share",
    /// a grant plan (a plan of kind `grant`, or a grant in its plan stages) was publicly
    /// discussed for fewer working days than the profile's minimum. The plan of the social
    /// order is not checked: no source read gives it a discussion window.
    GrantPlanDiscussionTooShort = "grant.plan_discussion.too_short",
    /// a grant's amount is outside its term's band in MRP.
    GrantTermAmountOutOfRange = "grant.term.amount_out_of_range",
    /// a grant's duration is outside its term's band.
    GrantTermDurationMismatch = "grant.term.duration_mismatch",
    /// an id occurs more than once in its collection.
    IdDuplicate = "id.duplicate",
    /// a record that could not be read.
    InputMalformed = "input.malformed",
    /// the mediator's organisation is a party to the case it mediates.
    MediationMediatorIsParty = "mediation.mediator.is_party",
    /// a state body is a party to a mediation case, where mediation does not apply.
    MediationPartyStateBody = "mediation.party.state_body",
    /// the MRP of a year is unknown, so limits in MRP were not checked.
    MrpYearUnknown = "mrp.year.unknown",
    /// an organisation has not declared the area it is funded for.
    NgoAreaNotDeclared = "ngo.area.not_declared",
    /// an organisation did not report to the NGO database in time.
    NgoDatabaseNotSubmitted = "ngo.database.not_submitted",
    /// an organisation is disqualified.
    NgoDisqualified = "ngo.disqualified",
    /// an organisation's legal form cannot be an NGO.
    NgoLegalFormExcluded = "ngo.legal_form.excluded",
    /// an organisation's legal form is not in the classifier in force.
    NgoLegalFormUnknown = "ngo.legal_form.unknown",
    /// an organisation was registered too recently.
    NgoRegistrationTooRecent = "ngo.registration.too_recent",
    /// an organisation is not active.
    NgoStatusNotActive = "ngo.status.not_active",
    /// a social order's area is not in the list in force.
    OrderAreaUnknown = "order.area.unknown",
    /// a social order has a budget of zero.
    OrderBudgetNotPositive = "order.budget.not_positive",
    /// a social order's customer is not a state body of the dataset.
    OrderCustomerNotStateBody = "order.customer.not_state_body",
    /// a social order's region is not in KATO in force.
    OrderRegionUnknown = "order.region.unknown",
    /// the amount of a state order for strategic partnership is zero.
    PartnershipAmountNotPositive = "partnership.amount.not_positive",
    /// a state order for strategic partnership is dated before the first rules of the
    /// instrument came into force (1 January 2023).
    PartnershipDateBeforeInstrument = "partnership.date.before_instrument",
    /// a state order for strategic partnership rests on rules not in force on its agreement
    /// date.
    PartnershipLegalBasisNotInForce = "partnership.legal_basis.not_in_force",
    /// a plan was approved before its public discussion ended.
    PlanApprovalBeforeDiscussionEnd = "plan.approval.before_discussion_end",
    /// the budgets of a plan's topics add up to more than the plan's budget.
    PlanTopicsExceedBudget = "plan.topics.exceed_budget",
    /// published text contains an e-mail address.
    PrivacyEmailInText = "privacy.email_in_text",
    /// a text was published with the personal data in it masked.
    PrivacyMasked = "privacy.masked",
    /// published text contains an individual identification number (IIN).
    PrivacyPersonalId = "privacy.personal_id",
    /// an amount exceeds the social order's budget.
    ProjectAmountExceedsOrder = "project.amount.exceeds_order",
    /// a social project's duration is out of range.
    ProjectDurationOutOfRange = "project.duration.out_of_range",
    /// no indicators of expected results.
    ProjectIndicatorsMissing = "project.indicators.missing",
    /// a milestone is due outside its project's period.
    ProjectMilestoneOutsidePeriod = "project.milestone.outside_period",
    /// a period ends before it starts.
    ProjectPeriodInverted = "project.period.inverted",
    /// a reference to a record the dataset does not have.
    RefDangling = "ref.dangling",
    /// an e-mail address that is not valid (a shape rule of the model).
    ShapeEmail = "shape.email",
    /// a text or list out of its length bounds (a shape rule of the model).
    ShapeLength = "shape.length",
    /// a value out of its range (a shape rule of the model).
    ShapeRange = "shape.range",
    /// the dataset's format version is not the one engo reads.
    ShapeSchemaVersion = "shape.schema_version",
    /// a URL that is not valid (a shape rule of the model).
    ShapeUrl = "shape.url",
    /// an event of the log does not carry the hash of the event before it (the log's hash
    /// chain is broken: history was changed).
    StageChainBroken = "stage.chain.broken",
    /// a guard of a recorded transition failed.
    StageGuardFailed = "stage.guard.failed",
    /// the stage the log reaches differs from the stage the record states.
    StageReplayMismatch = "stage.replay.mismatch",
    /// an event's sequence number is not the previous one plus one.
    StageSequenceGap = "stage.sequence.gap",
    /// an event is earlier than the previous event of its record.
    StageTimeBackwards = "stage.time.backwards",
    /// the transition tables have no row for the stage and event.
    StageTransitionNotAllowed = "stage.transition.not_allowed",
    /// an award event names no winner, and the dataset records none to check.
    StageWinnerUnknown = "stage.winner.unknown",
    /// a volunteer programme or action held counts no volunteers.
    VolunteeringHeldWithoutVolunteers = "volunteering.held.without_volunteers",
}

impl From<engo_model::ShapeRule> for Code {
    /// The code of a shape rule of the model: every shape rule has one.
    fn from(rule: engo_model::ShapeRule) -> Code {
        use engo_model::ShapeRule;
        match rule {
            ShapeRule::Email => Code::ShapeEmail,
            ShapeRule::Length => Code::ShapeLength,
            ShapeRule::Range => Code::ShapeRange,
            ShapeRule::SchemaVersion => Code::ShapeSchemaVersion,
            ShapeRule::Url => Code::ShapeUrl,
        }
    }
}

/// A text that is not the code of any rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown finding code {code:?}")]
pub struct UnknownCode {
    /// The text given.
    pub code: String,
}

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Code, UnknownCode> {
        Code::ALL
            .binary_search_by(|c| c.as_str().cmp(text))
            .ok()
            .and_then(|i| Code::ALL.get(i).copied())
            .ok_or_else(|| UnknownCode {
                code: text.to_owned(),
            })
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Ord for Code {
    /// By text: a report lists its codes in the order of their texts.
    fn cmp(&self, other: &Code) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
    }
}

impl JsonSchema for Code {
    fn schema_name() -> Cow<'static, str> {
        "FindingCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        json_schema!({
            "type": "string",
            "description": "Stable code of a rule of the catalogue: its text never changes and is never reused.",
            "enum": codes,
        })
    }
}
