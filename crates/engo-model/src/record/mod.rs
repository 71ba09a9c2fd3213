//! The records of the portal: organisations, state bodies, social orders, grants, awards,
//! applications, evaluations, experts, projects, mediation cases, the plans of grants and of
//! the social order, the state orders for strategic partnership, the entries of the register of
//! foreign funding, volunteer programmes and actions, and the expert and civil-society bodies.
//!
//! Records are plain data with public fields. Their invariants live in the field types
//! (identifiers, [`Money`](crate::Money), [`LocalizedText`](crate::LocalizedText)); limits on
//! shape (lengths, ranges, e-mail, URL) are declared with `validator` and reported all at once by
//! [`crate::Dataset::check_shape`]. Rules of law and policy are not here: they belong to
//! `engo-criteria`.
//!
//! # Forward compatibility
//!
//! The law that these records follow changes: a new NGO law brings new instruments and new
//! fields. The types are made so that a user's code keeps compiling when a field or a kind is
//! added, as in ruma (constructors for the required fields; public fields stay readable and
//! writable):
//!
//! - **Records are `#[non_exhaustive]`**: every record the law describes (an organisation, its
//!   NGO-database report and its income, a disqualification, a state body, a social order and its
//!   procurement, a grant, an award, an application and its budget lines, an evaluation, an
//!   expert, a project with its milestones, reports and tranches, an indicator, a mediation
//!   case, a plan and its topics, an entry of the register of foreign funding, a volunteer programme or action) and the [`Dataset`](crate::Dataset), its [`Publisher`](crate::Publisher) and the audit
//!   log's [`EventRecord`](crate::lifecycle::EventRecord) and
//!   [`EventPayload`](crate::lifecycle::EventPayload). Outside this crate they are built with
//!   `new`, which takes the fields the format requires (those without a default on input); the
//!   optional and collection fields start empty (`None`, `false`, an empty list, zero) and are
//!   set through the public fields afterwards. A field added later is optional, so `new` keeps
//!   its signature. A record with no required field is built with `Default`
//!   ([`EventPayload`](crate::lifecycle::EventPayload)).
//! - **Small values with a fixed meaning stay exhaustive** and are built with a struct literal:
//!   [`Period`] (its two ends), [`RegistryStatus`] (a stage and since when), [`Observation`] (a
//!   period and the value measured), [`ExpertScore`] and [`CriterionScore`] (who or what, and
//!   the score) and [`Actor`](crate::lifecycle::Actor) (a role and an organisation). Their parts
//!   are their whole meaning: another part would make another type.
//! - **Kinds the law extends are `#[non_exhaustive]` enums**: what an application applies for
//!   ([`ApplicationTarget`]), what pays for a project ([`ProjectSource`]), what an evaluation
//!   evaluates ([`EvaluationSubject`]), the kinds and funding sources of grants ([`GrantKind`],
//!   [`FundingSource`]), what a plan plans ([`PlanKind`]), what foreign funding was received for
//!   ([`ForeignFundingPurpose`]), volunteer activity ([`VolunteerActivityKind`],
//!   [`VolunteerActivityStatus`]), disqualifications ([`DisqualificationKind`]), and the lifecycle
//!   vocabulary's [`EventKind`](crate::lifecycle::EventKind) and
//!   [`ActorRole`](crate::lifecycle::ActorRole). A `match` on them outside this crate needs a
//!   `_` arm.
//! - **Enums that other code must map variant by variant stay exhaustive**, so that a variant
//!   added without its mapping does not compile: the codes of an open standard that the exports
//!   translate one to one ([`MilestoneType`], [`ProcurementMethod`] and [`ReportKind`] are OCDS
//!   codes), the enums whose every variant carries a parameter of the criteria profiles
//!   ([`GrantTerm`]: a band of duration and amount each; [`EvaluationCriterion`]: the rating
//!   counts them), the lifecycle stages and [`Machine`](crate::lifecycle::Machine) (closed states
//!   that the engine matches exhaustively), and [`ShapeRule`](crate::ShapeRule) and
//!   [`GuardId`](crate::lifecycle::GuardId) (each mapped to its finding code).
//!
//! Exported records stay forward compatible on the wire as well: unknown fields are ignored on
//! input.
//!
//! ```
//! use chrono::NaiveDate;
//! use engo_model::{LocalizedText, lifecycle::OrganizationStage, record::*};
//!
//! let registered = NaiveDate::from_ymd_opt(1994, 1, 20).ok_or("date")?;
//! let mut org = Organization::new(
//!     "940140000385".parse()?,
//!     LocalizedText::from_kk_ru(
//!         "«Жастар бастамасы» қоғамдық бірлестігі",
//!         "Общественное объединение «Молодёжная инициатива»",
//!     )?,
//!     "public_association".parse()?,
//!     registered,
//!     "750000000".parse()?,
//!     RegistryStatus { stage: OrganizationStage::Active, since: registered },
//! );
//! org.volunteer = true;
//! org.areas.insert("YOUTH".parse()?);
//! assert!(org.database_reports.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod application;
mod award;
mod body;
mod evaluation;
mod expert;
mod foreign_funding;
mod grant;
mod indicator;
mod limits;
mod mediation;
mod organization;
mod partnership_order;
mod period;
mod plan;
mod project;
mod social_order;
mod state_body;
mod volunteering;

pub use application::{Application, ApplicationTarget, BudgetLine, ExpertScore};
pub use award::{Award, NominationShare};
pub use body::{Body, BodyKind, BodyMember, Decision, Meeting};
pub use evaluation::{CriterionScore, Evaluation, EvaluationCriterion, EvaluationSubject};
pub use expert::Expert;
pub use foreign_funding::{ForeignFundingEntry, ForeignFundingPurpose};
pub use grant::{FundingSource, Grant, GrantKind, GrantTerm};
pub use indicator::{Indicator, Observation};
pub use limits::{MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS};
pub use mediation::{MediationCase, MediationCategory};
pub use organization::{
    DatabaseReport, Disqualification, DisqualificationKind, IncomeBySource, Organization,
    RegistryStatus,
};
pub use partnership_order::{PartnershipOrder, PartnershipRules};
pub use period::Period;
pub use plan::{Plan, PlanKind, PlanTopic};
pub use project::{
    Milestone, MilestoneType, Project, ProjectReport, ProjectSource, ReportKind, Tranche,
};
pub use social_order::{Procurement, ProcurementMethod, SocialOrder};
pub use state_body::StateBody;
pub use volunteering::{VolunteerActivity, VolunteerActivityKind, VolunteerActivityStatus};
