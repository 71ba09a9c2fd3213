//! The register of organisations: names, legal forms, regions, registry statuses, activity
//! areas and NGO-database reports, in the mix of the 2023 registry.

use std::collections::BTreeSet;

use chrono::Datelike;
use engo_model::{
    Money,
    classifier::LegalFormCode,
    lifecycle::{NgoReportStage, OrganizationStage},
    record::{
        DatabaseReport, Disqualification, DisqualificationKind, IncomeBySource, Organization,
        RegistryStatus,
    },
};

use super::{
    Generator, Participant,
    values::{date, parse, pick, tenge, text, weighted},
};
use crate::{error::Cause, words};

/// The April 2023 registry (domain-kz.md §12): 18 204 active of 23 335, 2 217 inactive, 1 103
/// suspended, 68 in liquidation; the 1 742 registered without a BIN are shown as `registered`.
const STATUS_MIX: &[(OrganizationStage, u32)] = &[
    (OrganizationStage::Active, 18_204),
    (OrganizationStage::Inactive, 2_217),
    (OrganizationStage::Registered, 1_742),
    (OrganizationStage::Suspended, 1_103),
    (OrganizationStage::InLiquidation, 68),
    (OrganizationStage::Liquidated, 120),
];

/// Legal forms, in thousandths.
const FORM_MIX: &[(&str, u32)] = &[
    ("public_association", 480),
    ("foundation", 260),
    ("institution", 150),
    ("association_of_legal_entities", 70),
    ("joint_stock_company", 5),
    ("consumer_cooperative", 10),
    ("religious_association", 20),
    ("trade_union", 4),
    ("political_party", 1),
];

/// The legal forms that may take part in social orders, grants and awards.
const ELIGIBLE_FORMS: &[&str] = &[
    "public_association",
    "foundation",
    "institution",
    "association_of_legal_entities",
];

impl Generator {
    /// The organisations: 25 000 at scale 1.
    pub(super) fn organizations(&mut self) -> Result<(), Cause> {
        for _ in 0..self.cfg.count(25_000)? {
            let (org, diligent) = self.organization()?;
            if diligent {
                self.eligible.push(Participant {
                    bin: org.bin,
                    index: self.ds.organizations.len(),
                });
            }
            self.ds.organizations.push(org);
        }
        Ok(())
    }

    /// An organisation, and whether it is diligent (eligible to take part).
    fn organization(&mut self) -> Result<(Organization, bool), Cause> {
        let reg_year: i32 = self.number(1995, 2024)?;
        let registered_on = self.day(reg_year, 1, 12)?;
        let bin = self.bin(reg_year, registered_on.month())?;
        let form = *weighted(&mut self.rng, FORM_MIX, "legal forms")?;
        let (name_kk, name_ru) = *pick(&mut self.rng, words::ORG_NAMES, "names of organisations")?;
        let (form_kk, form_ru) = words::form_words(form);
        let number = self.between(1, 999);
        let name = text(
            &format!("«{name_kk}-{number}» {form_kk}"),
            &format!("{form_ru} «{name_ru}-{number}»"),
        )?;
        let region = self.region()?;
        let stage = *weighted(&mut self.rng, STATUS_MIX, "registry statuses")?;
        let since_year: i32 = self.number(u64::try_from(reg_year)?, 2025)?;
        let since = if stage == OrganizationStage::Active {
            registered_on
        } else {
            self.day(since_year, 1, 12)?.max(registered_on)
        };
        let mut areas = BTreeSet::new();
        for _ in 0..self.between(1, 3) {
            areas.insert(self.area()?);
        }
        // About one active NGO in three reports to the NGO database every year on time (5 191 of
        // 18 204 did for 2022); those are the ones that can take part.
        let diligent = stage == OrganizationStage::Active
            && ELIGIBLE_FORMS.contains(&form)
            && reg_year <= 2021
            && self.chance(40);
        let database_reports = self.database_reports(reg_year, diligent)?;
        let site = self.chance(40);
        let mut org = Organization::new(
            bin,
            name,
            parse::<LegalFormCode>(form)?,
            registered_on,
            Self::kato(&region)?,
            RegistryStatus { stage, since },
        );
        org.areas = areas;
        org.charitable = self.chance(10);
        org.volunteer = self.chance(15);
        org.website = site.then(|| format!("https://ngo-{bin}.kz"));
        org.email = site.then(|| format!("info@ngo-{bin}.kz"));
        org.database_reports = database_reports;
        if self.chance(1) {
            let mut arrears =
                Disqualification::new(DisqualificationKind::TaxArrears, date(2020, 3, 1)?);
            arrears.to = Some(date(2020, 9, 30)?);
            org.disqualifications.push(arrears);
        }
        Ok((org, diligent))
    }

    /// The reports for 2022 to 2025 of an organisation registered in `reg_year`: every one on
    /// time for a diligent organisation, some on time, some late and some missing for the
    /// others; none submitted after the publication.
    fn database_reports(
        &mut self,
        reg_year: i32,
        diligent: bool,
    ) -> Result<Vec<DatabaseReport>, Cause> {
        let mut reports = Vec::new();
        for year in 2022..=2025 {
            if year < reg_year {
                continue;
            }
            let on_time = diligent || self.chance(25);
            if !on_time && !self.chance(30) {
                continue;
            }
            let submitted_on = if on_time {
                self.day(year + 1, 1, 3)?
            } else {
                self.day(year + 1, 4, 10)?
            };
            if submitted_on > self.today {
                continue;
            }
            let budget = tenge(self.between(0, 40) * 1_000_000)?;
            let donations = tenge(self.between(0, 3_000) * 1_000)?;
            let spending = budget.checked_add(donations)?;
            let mut report = DatabaseReport::new(
                year,
                if on_time {
                    NgoReportStage::Accepted
                } else {
                    NgoReportStage::SubmittedLate
                },
                self.number(1, 30)?,
                IncomeBySource::new(budget, Money::ZERO, donations, Money::ZERO),
                spending,
                self.number(0, 40)?,
                self.number(0, 300)?,
            );
            report.submitted_on = Some(submitted_on);
            reports.push(report);
        }
        Ok(reports)
    }
}
