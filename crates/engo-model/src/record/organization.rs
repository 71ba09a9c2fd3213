//! Organisations of the register: their registry status, annual NGO-database reports and
//! disqualifications.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::limits::title_len;
use crate::{
    Bin, Kato, LocalizedText, Money,
    classifier::{AreaCode, LegalFormCode},
    lifecycle::{NgoReportStage, OrganizationStage},
};

/// A non-governmental (non-commercial) organisation in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "Organization")]
pub struct Organization {
    /// Business identification number.
    pub bin: Bin,
    /// Name in kk/ru/en.
    #[validate(custom(function = "title_len"))]
    pub name: LocalizedText,
    /// Legal form (classifier `legal_forms`).
    pub legal_form: LegalFormCode,
    /// Date of state registration.
    pub registered_on: NaiveDate,
    /// Location (KATO).
    pub region: Kato,
    /// Declared activity areas (classifier `priority_areas`).
    #[serde(default)]
    pub areas: BTreeSet<AreaCode>,
    /// Registry status and since when.
    pub status: RegistryStatus,
    /// A charitable organisation.
    #[serde(default)]
    pub charitable: bool,
    /// A volunteer organisation.
    #[serde(default)]
    pub volunteer: bool,
    /// Public website.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::text::deserialize_plain_opt"
    )]
    #[validate(url, length(max = 2000))]
    pub website: Option<String>,
    /// Public e-mail of the organisation (never a private person's).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::text::deserialize_plain_opt"
    )]
    #[validate(email, length(max = 254))]
    pub email: Option<String>,
    /// Annual NGO-database reports.
    #[serde(default)]
    #[validate(nested)]
    pub database_reports: Vec<DatabaseReport>,
    /// Disqualification records.
    #[serde(default)]
    pub disqualifications: Vec<Disqualification>,
}

impl Organization {
    /// An organisation of the register with its required fields: no declared areas, neither
    /// charitable nor a volunteer organisation, no website or e-mail, no reports and no
    /// disqualifications yet.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::{LocalizedText, lifecycle::OrganizationStage, record::*};
    ///
    /// let registered = NaiveDate::from_ymd_opt(1994, 1, 20).ok_or("date")?;
    /// let mut org = Organization::new(
    ///     "940140000385".parse()?,
    ///     LocalizedText::from_kk_ru(
    ///         "«Әлеуметтік әріптестік» қоғамдық бірлестігі",
    ///         "Общественное объединение «Социальное партнёрство»",
    ///     )?,
    ///     "public_association".parse()?,
    ///     registered,
    ///     "750000000".parse()?,
    ///     RegistryStatus { stage: OrganizationStage::Active, since: registered },
    /// );
    /// org.areas = ["RIGHTS".parse()?, "YOUTH".parse()?].into();
    /// org.website = Some("https://example.kz".into());
    /// assert!(!org.charitable && org.disqualifications.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        bin: Bin,
        name: LocalizedText,
        legal_form: LegalFormCode,
        registered_on: NaiveDate,
        region: Kato,
        status: RegistryStatus,
    ) -> Organization {
        Organization {
            bin,
            name,
            legal_form,
            registered_on,
            region,
            areas: BTreeSet::new(),
            status,
            charitable: false,
            volunteer: false,
            website: None,
            email: None,
            database_reports: Vec::new(),
            disqualifications: Vec::new(),
        }
    }
}

/// Registry status of an organisation with the date it took effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "RegistryStatus")]
pub struct RegistryStatus {
    /// The status (the `organization` lifecycle stage).
    pub stage: OrganizationStage,
    /// Since when.
    pub since: NaiveDate,
}

/// The annual report an NGO submits to the NGO database (due 31 March for the previous year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[non_exhaustive]
#[schemars(rename = "DatabaseReport")]
pub struct DatabaseReport {
    /// The year reported on.
    #[validate(range(min = 2015, max = 2100))]
    pub year: i32,
    /// When submitted, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_on: Option<NaiveDate>,
    /// Stage of the report.
    pub stage: NgoReportStage,
    /// Number of founders (members).
    pub founders: u32,
    /// Income by source.
    pub income: IncomeBySource,
    /// Spending.
    pub spending: Money,
    /// Staff.
    pub staff: u32,
    /// Volunteers.
    pub volunteers: u32,
}

impl DatabaseReport {
    /// A report on `year` with its figures, not submitted yet (set `submitted_on` when it is).
    ///
    /// ```
    /// use engo_model::{Money, lifecycle::NgoReportStage, record::*};
    ///
    /// let mut income = IncomeBySource::default();
    /// income.budget = Money::from_tenge(12_000_000)?;
    /// income.donations = Money::from_tenge(850_000)?;
    /// let founders = 5;
    /// let (staff, volunteers) = (7, 40);
    /// let mut report = DatabaseReport::new(
    ///     2024,
    ///     NgoReportStage::Accepted,
    ///     founders,
    ///     income,
    ///     Money::from_tenge(12_500_000)?,
    ///     staff,
    ///     volunteers,
    /// );
    /// report.submitted_on = chrono::NaiveDate::from_ymd_opt(2025, 3, 12);
    /// assert_eq!(report.income.total(), Some(Money::from_tenge(12_850_000)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        year: i32,
        stage: NgoReportStage,
        founders: u32,
        income: IncomeBySource,
        spending: Money,
        staff: u32,
        volunteers: u32,
    ) -> DatabaseReport {
        DatabaseReport {
            year,
            submitted_on: None,
            stage,
            founders,
            income,
            spending,
            staff,
            volunteers,
        }
    }
}

/// Income of an NGO in a year by source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
#[schemars(rename = "IncomeBySource")]
pub struct IncomeBySource {
    /// From the state budget (orders, state grants, awards).
    pub budget: Money,
    /// From foreign states, organisations and persons.
    pub foreign: Money,
    /// Donations and charity.
    pub donations: Money,
    /// Everything else.
    pub other: Money,
}

impl IncomeBySource {
    /// Income from each source.
    ///
    /// ```
    /// use engo_model::{Money, record::IncomeBySource};
    ///
    /// let tenge = Money::from_tenge;
    /// let income = IncomeBySource::new(tenge(12_000_000)?, Money::ZERO, tenge(850_000)?, tenge(120_000)?);
    /// assert_eq!(income.total(), Some(tenge(12_970_000)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(budget: Money, foreign: Money, donations: Money, other: Money) -> IncomeBySource {
        IncomeBySource {
            budget,
            foreign,
            donations,
            other,
        }
    }

    /// Total income, or `None` on overflow.
    pub fn total(&self) -> Option<Money> {
        Money::checked_sum([self.budget, self.foreign, self.donations, self.other]).ok()
    }
}

/// What disqualifies an organisation from public money.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[schemars(rename = "DisqualificationKind")]
pub enum DisqualificationKind {
    /// Tax arrears.
    TaxArrears,
    /// Listed in the register of unreliable suppliers.
    UnreliableSupplier,
    /// A court ban.
    CourtBan,
}

/// A disqualification record in force from `from` to `to` (open-ended while `to` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
#[schemars(rename = "Disqualification")]
pub struct Disqualification {
    /// The kind.
    pub kind: DisqualificationKind,
    /// First day in force.
    pub from: NaiveDate,
    /// Last day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl Disqualification {
    /// A disqualification in force from `from`, open-ended (set `to` when it ends).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use engo_model::record::{Disqualification, DisqualificationKind};
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let mut arrears = Disqualification::new(DisqualificationKind::TaxArrears, d(2020, 3, 1)?);
    /// assert!(arrears.is_active_at(d(2025, 1, 1)?));
    /// arrears.to = Some(d(2020, 9, 30)?);
    /// assert!(!arrears.is_active_at(d(2025, 1, 1)?));
    /// # Ok::<(), &'static str>(())
    /// ```
    pub fn new(kind: DisqualificationKind, from: NaiveDate) -> Disqualification {
        Disqualification {
            kind,
            from,
            to: None,
        }
    }

    /// Whether the record is in force on `date`.
    pub fn is_active_at(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}
