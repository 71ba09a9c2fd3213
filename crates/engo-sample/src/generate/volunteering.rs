//! Volunteer programmes (projects) and actions of 2024 to 2026 (the register of volunteer
//! activity is kept from 1 January 2024, law-sources §10), organised by the volunteer
//! organisations in their regions, each with the number of its volunteers and never a volunteer
//! by name.

use chrono::NaiveDate;
use engo_model::record::{
    Period, VolunteerActivity, VolunteerActivityKind as K, VolunteerActivityStatus as S,
};

use super::{
    Generator,
    values::{days_after, parse, pick, text},
};
use crate::error::Cause;

/// Programmes and actions at scale 1: about 680 volunteer organisations were registered in 2023
/// (inform.kz), each organising a few a year.
const ACTIVITIES: u64 = 3_000;

/// The years of the register in the sample.
const REGISTER_YEARS: &[i32] = &[2024, 2025, 2026];

/// Titles of actions (kk, ru) and their priority area.
const ACTIONS: &[(&str, &str, &str)] = &[
    (
        "Сенбілік: аулалар мен саябақтарды көгалдандыру",
        "Субботник: озеленение дворов и парков",
        "ENV",
    ),
    (
        "Өзен жағалауын қоқыстан тазалау",
        "Очистка берега реки от мусора",
        "ENV",
    ),
    (
        "Жалғыз қарттарға азық-түлік жеткізу акциясы",
        "Акция доставки продуктов одиноким пожилым людям",
        "VULN",
    ),
    (
        "«Мектепке жол»: көпбалалы отбасы балаларына кеңсе тауарлары",
        "«Дорога в школу»: канцтовары детям из многодетных семей",
        "ORPH",
    ),
    (
        "Ұлы Отан соғысы ардагерлеріне құрмет көрсету күні",
        "День чествования ветеранов Великой Отечественной войны",
        "UNITY",
    ),
];

/// Titles of programmes (kk, ru) and their priority area.
const PROGRAMMES: &[(&str, &str, &str)] = &[
    (
        "«Жасыл ел» экологиялық волонтерлік бағдарламасы",
        "Экологическая волонтёрская программа «Жасыл ел»",
        "ENV",
    ),
    (
        "Мүмкіндігі шектеулі жандарды әлеуметтік қолдау жобасы",
        "Проект социальной поддержки людей с инвалидностью",
        "VULN",
    ),
    (
        "Ауыл мектептеріндегі тәлімгерлік бағдарламасы",
        "Программа наставничества в сельских школах",
        "YOUTH",
    ),
    (
        "Қалалық мәдени іс-шаралардың волонтерлері",
        "Волонтёры городских культурных мероприятий",
        "CULT",
    ),
];

impl Generator {
    /// Volunteer programmes and actions: about 3 000 at scale 1, one in four a programme, each
    /// of a volunteer organisation (of any organisation at scales too small to have one), in its
    /// region; held or cancelled once over, planned before.
    pub(super) fn volunteering(&mut self) -> Result<(), Cause> {
        let mut organizers: Vec<_> = self
            .ds
            .organizations
            .iter()
            .filter(|o| o.volunteer)
            .map(|o| (o.bin, o.region))
            .collect();
        if organizers.is_empty() {
            organizers = self
                .ds
                .organizations
                .iter()
                .map(|o| (o.bin, o.region))
                .collect();
        }
        for n in 1..=self.cfg.count(ACTIVITIES)? {
            let Some((organizer, region)) = self.rng.pick(&organizers).copied() else {
                break;
            };
            let year = *pick(&mut self.rng, REGISTER_YEARS, "years of volunteering")?;
            let programme = self.chance(25);
            let (kind, titles) = if programme {
                (K::Programme, PROGRAMMES)
            } else {
                (K::Action, ACTIONS)
            };
            let (kk, ru, area) = *pick(&mut self.rng, titles, "titles of volunteering")?;
            let start = self.day(year, 1, 12)?;
            let days = if programme {
                self.between(60, 300)
            } else {
                self.between(0, 2)
            };
            let period = Period::new(start, days_after(start, days)?);
            let status = self.volunteer_status(period.end);
            let mut activity = VolunteerActivity::new(
                parse(&format!("VA-{year}-{n:05}"))?,
                kind,
                organizer,
                text(kk, ru)?,
                region,
                period,
                parse(area)?,
                status,
            );
            activity.volunteers = match (kind, status) {
                (_, S::Cancelled) => 0,
                (K::Programme, _) => self.number(20, 400)?,
                _ => self.number(5, 120)?,
            };
            self.ds.volunteer_activities.push(activity);
        }
        Ok(())
    }

    /// The status of an activity whose last day is `end`: held (nine in ten) or cancelled once
    /// it is over by the day the sample is published, planned before.
    fn volunteer_status(&mut self, end: NaiveDate) -> S {
        if end >= self.today {
            S::Planned
        } else if self.chance(90) {
            S::Held
        } else {
            S::Cancelled
        }
    }
}
