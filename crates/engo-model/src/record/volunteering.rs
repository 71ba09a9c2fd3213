//! Volunteering: the volunteer programmes (projects) and volunteer actions an organisation
//! organises, as the register of accounting of volunteer activity holds them (Law of the RK
//! 30.12.2016 No. 42-VI "On volunteer activity", Art. 1; law-sources §10).
//!
//! The law's register also holds volunteers, groups of volunteers and coordinators, who are
//! individuals: engo never publishes a volunteer as a person. A programme or an action carries
//! only how many volunteers take part. The public fields of the register are not known (U); what
//! is recorded here is a design decision (D): the organiser, the kind, the title, the place (a
//! region by KATO), the period, the area and the count. Volunteer organisations themselves are
//! organisations of the register with [`Organization::volunteer`](super::Organization::volunteer) set.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Period, limits::title_len};
use crate::{Bin, Kato, LocalizedText, classifier::AreaCode, id::VolunteerActivityId};

/// A volunteer programme (project) or a volunteer action (Law No. 42-VI, Art. 1 3) and 4)).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "VolunteerActivityKind")]
pub enum VolunteerActivityKind {
    /// A volunteer programme (project): a set of measures over a period towards a socially
    /// useful goal.
    Programme,
    /// A volunteer action: one event of a definite social aim, solving a socially useful task.
    Action,
}

/// Where a volunteer programme or action stands: planned, then held or cancelled.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "VolunteerActivityStatus")]
pub enum VolunteerActivityStatus {
    /// Announced, not over yet.
    Planned,
    /// Carried out.
    Held,
    /// Called off.
    Cancelled,
}

/// A volunteer programme (project) or action: who organises it, what, where, when, in which
/// area, and with how many volunteers (a count, never the persons).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "VolunteerActivity")]
pub struct VolunteerActivity {
    /// Id.
    pub id: VolunteerActivityId,
    /// Programme or action.
    pub kind: VolunteerActivityKind,
    /// The organiser: a volunteer organisation or another organisation, or a state body, by BIN.
    pub organizer: Bin,
    /// Title.
    #[validate(custom(function = "title_len"))]
    pub title: LocalizedText,
    /// Where it is carried out: a region (KATO).
    pub region: Kato,
    /// When: the days of an action, the period of a programme.
    pub period: Period,
    /// Priority area (classifier `priority_areas`).
    pub area: AreaCode,
    /// How many volunteers take part (planned, or counted once held).
    #[serde(default)]
    pub volunteers: u32,
    /// Planned, held or cancelled.
    pub status: VolunteerActivityStatus,
}

impl VolunteerActivity {
    /// A programme or action with its required fields and no volunteers counted yet.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, record::*};
    ///
    /// let day = NaiveDate::from_ymd_opt(2025, 9, 20).ok_or("date")?;
    /// let mut action = VolunteerActivity::new(
    ///     "VA-2025-0001".parse()?,
    ///     VolunteerActivityKind::Action,
    ///     "940140000385".parse()?,
    ///     LocalizedText::from_kk_ru(
    ///         "«Таза Алматы» сенбілігі: өзен жағалауын тазалау",
    ///         "Субботник «Чистый Алматы»: уборка берега реки",
    ///     )?,
    ///     "750000000".parse()?,
    ///     Period::new(day, day),
    ///     "ENV".parse()?,
    ///     VolunteerActivityStatus::Held,
    /// );
    /// action.volunteers = 45;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: VolunteerActivityId,
        kind: VolunteerActivityKind,
        organizer: Bin,
        title: LocalizedText,
        region: Kato,
        period: Period,
        area: AreaCode,
        status: VolunteerActivityStatus,
    ) -> VolunteerActivity {
        VolunteerActivity {
            id,
            kind,
            organizer,
            title,
            region,
            period,
            area,
            volunteers: 0,
            status,
        }
    }
}
