//! The state bodies: the ministry, the grant operator, central ministries and two departments of
//! every region.

use engo_model::{Lang, classifier::regions, record::StateBody};

use super::{
    Generator,
    values::{parse, text},
};
use crate::error::Cause;

/// The central bodies: (Kazakh, Russian, whether it is the grant operator). The first is the
/// authorized body, which publishes the sample.
const CENTRAL: &[(&str, &str, bool)] = &[
    (
        "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
        "Министерство культуры и информации Республики Казахстан",
        false,
    ),
    (
        "«Азаматтық бастамаларды қолдау орталығы» КЕАҚ",
        "НАО «Центр поддержки гражданских инициатив»",
        true,
    ),
    (
        "Қазақстан Республикасы Оқу-ағарту министрлігі",
        "Министерство просвещения Республики Казахстан",
        false,
    ),
    (
        "Қазақстан Республикасы Денсаулық сақтау министрлігі",
        "Министерство здравоохранения Республики Казахстан",
        false,
    ),
    (
        "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",
        "Министерство труда и социальной защиты населения Республики Казахстан",
        false,
    ),
    (
        "Қазақстан Республикасы Экология және табиғи ресурстар министрлігі",
        "Министерство экологии и природных ресурсов Республики Казахстан",
        false,
    ),
];

/// The departments of every region's akimat: (Kazakh, Russian).
const DEPARTMENTS: &[(&str, &str)] = &[
    (
        "қоғамдық даму басқармасы",
        "Управление общественного развития",
    ),
    (
        "жастар саясаты мәселелері жөніндегі басқармасы",
        "Управление по вопросам молодёжной политики",
    ),
];

impl Generator {
    /// The central bodies, then the departments of each region in force.
    pub(super) fn state_bodies(&mut self) -> Result<(), Cause> {
        for &(kk, ru, operator) in CENTRAL {
            let year = 2000 + self.number::<i32>(0, 22)?;
            let bin = self.bin(year, 1)?;
            let mut body = StateBody::new(bin, text(kk, ru)?, parse("central")?);
            body.grant_operator = operator;
            self.ds.state_bodies.push(body);
        }
        for code in self.regions.clone() {
            let region = regions()
                .at(&code, self.today)
                .ok_or(Cause::Missing("region in force in the classifier"))?;
            let (region_kk, region_ru) = (region.name.get(Lang::Kk), region.name.get(Lang::Ru));
            for &(department_kk, department_ru) in DEPARTMENTS {
                let year = 2000 + self.number::<i32>(0, 22)?;
                let bin = self.bin(year, 6)?;
                let name = text(
                    &format!("{region_kk} әкімдігінің {department_kk}"),
                    &format!("{department_ru} ({region_ru})"),
                )?;
                let mut body = StateBody::new(bin, name, parse("local")?);
                body.region = Some(Self::kato(&code)?);
                self.ds.state_bodies.push(body);
            }
        }
        Ok(())
    }
}
