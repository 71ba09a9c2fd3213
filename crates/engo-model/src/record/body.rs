//! Expert and civil-society bodies: working groups, expert councils, the grant expert
//! commission, the award commission, public councils and the coordination council — their
//! members, by organisation or public role, and their meetings.
//!
//! Members are identified by the organisation they represent or by their public role (a civil
//! activist, a public figure, the chair), never by a person's name or individual number. Public
//! councils are governed by the Law of 02.11.2015 No. 383-V «On public councils» (in force from
//! 1 January 2016): Art. 9 sets their size (15–30 members at a ministry, 10–15 at a quasi-public
//! entity) and one representative per non-commercial organisation, Art. 13 makes their meetings
//! open with a quorum of two thirds (read in English translation, zakonpravo.kz, law-sources
//! §12). No statute of the other bodies was read.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::limits::{description_len, title_len};
use crate::{Bin, LocalizedText, id::BodyId};

/// What kind of body.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "BodyKind")]
pub enum BodyKind {
    /// A working group of a state body.
    WorkingGroup,
    /// An expert council (of the state social order, for instance, which scores results).
    ExpertCouncil,
    /// The independent expert commission of state grants, formed by the grant operator.
    GrantExpertCommission,
    /// The commission that selects the laureates of the awards.
    AwardCommission,
    /// A public council (Law 02.11.2015 No. 383-V).
    PublicCouncil,
    /// The coordination council for interaction with NGOs.
    CoordinationCouncil,
}

impl BodyKind {
    /// Every kind, in declaration order.
    pub const ALL: [BodyKind; 6] = [
        BodyKind::WorkingGroup,
        BodyKind::ExpertCouncil,
        BodyKind::GrantExpertCommission,
        BodyKind::AwardCommission,
        BodyKind::PublicCouncil,
        BodyKind::CoordinationCouncil,
    ];
}

/// A member of a body: the organisation it represents, or its public role; never a person's
/// name or individual number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "BodyMember")]
pub struct BodyMember {
    /// The organisation (an NGO, or a state body) the member represents, by BIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Bin>,
    /// The public role of a member who represents no organisation (a civil activist, a public
    /// figure, an academic), in kk/ru/en.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "title_len"))]
    pub public_role: Option<LocalizedText>,
    /// The first day of membership.
    pub since: NaiveDate,
    /// The last day of membership; `None` while a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

impl BodyMember {
    /// A member representing `organization` since `since`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::record::BodyMember;
    ///
    /// let since = NaiveDate::from_ymd_opt(2024, 2, 1).ok_or("date")?;
    /// let member = BodyMember::of_organization("940140000385".parse()?, since);
    /// assert!(member.public_role.is_none() && member.until.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of_organization(organization: Bin, since: NaiveDate) -> BodyMember {
        BodyMember {
            organization: Some(organization),
            public_role: None,
            since,
            until: None,
        }
    }

    /// A member in the public role `role` since `since`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, record::BodyMember};
    ///
    /// let since = NaiveDate::from_ymd_opt(2024, 2, 1).ok_or("date")?;
    /// let role = LocalizedText::from_kk_ru("Қоғам қайраткері", "Общественный деятель")?;
    /// let member = BodyMember::in_role(role, since);
    /// assert!(member.organization.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_role(role: LocalizedText, since: NaiveDate) -> BodyMember {
        BodyMember {
            organization: None,
            public_role: Some(role),
            since,
            until: None,
        }
    }

    /// Whether the member sits on the body on `date`.
    pub fn is_member_on(&self, date: NaiveDate) -> bool {
        self.since <= date && self.until.is_none_or(|until| date <= until)
    }
}

/// A meeting of a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Meeting")]
pub struct Meeting {
    /// The day of the meeting.
    pub date: NaiveDate,
    /// Whether the meeting was open to the public (or streamed).
    pub open: bool,
    /// Whether the quorum was met, when the body says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum_met: Option<bool>,
    /// The decisions taken.
    #[serde(default)]
    #[validate(nested)]
    pub decisions: Vec<Decision>,
}

/// A decision of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Decision")]
pub struct Decision {
    /// What was decided, in kk/ru/en.
    #[validate(custom(function = "description_len"))]
    pub text: LocalizedText,
}

impl Decision {
    /// The decision `text`.
    ///
    /// ```
    /// use engo_model::{LocalizedText, record::Decision};
    ///
    /// let decision = Decision::new(LocalizedText::from_kk_ru(
    ///     "Әлеуметтік тапсырыс тақырыптары мақұлдансын.",
    ///     "Одобрить темы социального заказа.",
    /// )?);
    /// assert!(decision.text.kk().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(text: LocalizedText) -> Decision {
        Decision { text }
    }
}

impl Meeting {
    /// A meeting on `date`, open or not, with no decision recorded and the quorum not stated.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{
    ///     LocalizedText,
    ///     record::{Decision, Meeting},
    /// };
    ///
    /// let mut meeting = Meeting::new(NaiveDate::from_ymd_opt(2025, 3, 12).ok_or("date")?, true);
    /// meeting.quorum_met = Some(true);
    /// meeting.decisions.push(Decision::new(LocalizedText::from_kk_ru(
    ///     "Әлеуметтік тапсырыс тақырыптары мақұлдансын.",
    ///     "Одобрить темы социального заказа.",
    /// )?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(date: NaiveDate, open: bool) -> Meeting {
        Meeting {
            date,
            open,
            quorum_met: None,
            decisions: Vec::new(),
        }
    }
}

/// An expert or civil-society body of a state body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Body")]
pub struct Body {
    /// Id.
    pub id: BodyId,
    /// What kind of body.
    pub kind: BodyKind,
    /// Name in kk/ru/en.
    #[validate(custom(function = "title_len"))]
    pub name: LocalizedText,
    /// The state body the body is formed at, by BIN.
    pub parent: Bin,
    /// Its members, past and present.
    #[serde(default)]
    #[validate(nested)]
    pub members: Vec<BodyMember>,
    /// Its meetings.
    #[serde(default)]
    #[validate(nested)]
    pub meetings: Vec<Meeting>,
}

impl Body {
    /// A body with no members and no meetings yet.
    ///
    /// ```
    /// use engo_model::{LocalizedText, record::*};
    ///
    /// let council = Body::new(
    ///     "BD-PC-0001".parse()?,
    ///     BodyKind::PublicCouncil,
    ///     LocalizedText::from_kk_ru(
    ///         "Мәдениет және ақпарат министрлігінің қоғамдық кеңесі",
    ///         "Общественный совет Министерства культуры и информации",
    ///     )?,
    ///     "991240031411".parse()?,
    /// );
    /// assert!(council.members.is_empty() && council.meetings.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: BodyId, kind: BodyKind, name: LocalizedText, parent: Bin) -> Body {
        Body {
            id,
            kind,
            name,
            parent,
            members: Vec::new(),
            meetings: Vec::new(),
        }
    }
}
