//! Expert and civil-society bodies: the ministry's public council, coordination council, award
//! commission and working group, the grant operator's expert commission, and each region's
//! public council and expert council of the social order — their members by organisation or
//! public role, and their quarterly meetings.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use engo_model::{
    Bin, Lang, LocalizedText,
    record::{Body, BodyKind, BodyMember, Decision, Meeting, StateBody},
};

use super::{
    Generator,
    values::{date, parse, pick, text},
};
use crate::error::Cause;

/// Public roles of members who represent no organisation: (Kazakh, Russian).
const ROLES: &[(&str, &str)] = &[
    ("Азаматтық белсенді", "Гражданский активист"),
    ("Қоғам қайраткері", "Общественный деятель"),
    ("Ғалым", "Учёный"),
    ("Тәуелсіз сарапшы", "Независимый эксперт"),
    ("Журналист", "Журналист"),
];

/// Decisions of meetings: (Kazakh, Russian).
const DECISIONS: &[(&str, &str)] = &[
    (
        "Әлеуметтік тапсырыс тақырыптары мақұлдансын.",
        "Одобрить темы социального заказа.",
    ),
    (
        "Мемлекеттік гранттар жоспары бойынша ұсыныстар қабылдансын.",
        "Принять рекомендации по плану государственных грантов.",
    ),
    (
        "Жобалардың нәтижелерін бағалау қорытындысы бекітілсін.",
        "Утвердить заключение об оценке результатов проектов.",
    ),
    (
        "Келесі тоқсанға арналған жұмыс жоспары бекітілсін.",
        "Утвердить план работы на следующий квартал.",
    ),
];

/// The months of the quarterly meetings.
const MEETING_MONTHS: [u32; 4] = [3, 6, 9, 12];

/// The years of the meetings.
const MEETING_YEARS: [i32; 3] = [2024, 2025, 2026];

/// The day the members of the bodies took their seats.
fn seated() -> Result<NaiveDate, Cause> {
    date(2024, 1, 15)
}

/// One body to make: its kind, name, parent, and how many members it has (lowest, highest).
struct Plan {
    kind: BodyKind,
    name: LocalizedText,
    parent: Bin,
    members: (u64, u64),
}

impl Generator {
    /// The bodies: about 40, whatever the scale (every region has its departments).
    pub(super) fn bodies(&mut self) -> Result<(), Cause> {
        let bodies = &self.ds.state_bodies;
        let ministry = bodies
            .first()
            .ok_or(Cause::Missing("ministry among the state bodies"))?;
        let mut plans = vec![
            // Law 383-V Art. 9: 15–30 members at a ministry.
            plan(
                BodyKind::PublicCouncil,
                ministry,
                ("Қоғамдық кеңес", "Общественный совет"),
                (15, 25),
            )?,
            Plan {
                kind: BodyKind::CoordinationCouncil,
                name: text(
                    "Үкіметтік емес ұйымдармен өзара іс-қимыл жөніндегі үйлестіру кеңесі",
                    "Координационный совет по взаимодействию с неправительственными организациями",
                )?,
                parent: ministry.bin,
                members: (20, 40),
            },
            Plan {
                kind: BodyKind::AwardCommission,
                name: text(
                    "Үкіметтік емес ұйымдарға арналған сыйлықақылар жөніндегі конкурстық комиссия",
                    "Конкурсная комиссия по премиям для неправительственных организаций",
                )?,
                parent: ministry.bin,
                members: (9, 15),
            },
            Plan {
                kind: BodyKind::WorkingGroup,
                name: text(
                    "Үкіметтік емес ұйымдар туралы заңнаманы жетілдіру жөніндегі жұмыс тобы",
                    "Рабочая группа по совершенствованию законодательства о неправительственных организациях",
                )?,
                parent: ministry.bin,
                members: (7, 12),
            },
        ];
        if let Some(operator) = bodies.iter().find(|b| b.grant_operator) {
            plans.push(Plan {
                kind: BodyKind::GrantExpertCommission,
                name: text(
                    "Мемлекеттік гранттар жөніндегі тәуелсіз сараптама комиссиясы",
                    "Независимая экспертная комиссия по государственным грантам",
                )?,
                parent: operator.bin,
                members: (15, 25),
            });
        }
        let mut regions = BTreeSet::new();
        for body in bodies
            .iter()
            .filter(|b| b.region.is_some_and(|r| regions.insert(r)))
        {
            plans.push(plan(
                BodyKind::PublicCouncil,
                body,
                ("Қоғамдық кеңес", "Общественный совет"),
                (10, 15),
            )?);
            plans.push(plan(
                BodyKind::ExpertCouncil,
                body,
                (
                    "Әлеуметтік тапсырыс жөніндегі сарапшылар кеңесі",
                    "Экспертный совет по социальному заказу",
                ),
                (5, 9),
            )?);
        }
        for (n, p) in plans.into_iter().enumerate() {
            let body = self.body(n + 1, p)?;
            self.ds.bodies.push(body);
        }
        Ok(())
    }

    /// Body number `n` of `p`: its members, then its meetings.
    fn body(&mut self, n: usize, p: Plan) -> Result<Body, Cause> {
        let prefix = match p.kind {
            BodyKind::PublicCouncil => "PC",
            BodyKind::ExpertCouncil => "EC",
            BodyKind::GrantExpertCommission => "GC",
            BodyKind::AwardCommission => "AC",
            BodyKind::CoordinationCouncil => "CC",
            _ => "WG",
        };
        let mut body = Body::new(
            parse(&format!("BD-{prefix}-{n:04}"))?,
            p.kind,
            p.name,
            p.parent,
        );
        let size = self.between(p.members.0, p.members.1);
        let since = seated()?;
        // Organisations first, each once (a public council takes one representative of each),
        // then public roles for the seats left: two in three seats at most go to organisations.
        let mut organisations = BTreeSet::new();
        for _ in 0..size * 2 / 3 {
            if let Some(participant) = self.participant() {
                organisations.insert(participant.bin);
            }
        }
        for bin in &organisations {
            body.members.push(BodyMember::of_organization(*bin, since));
        }
        while (body.members.len() as u64) < size {
            let (kk, ru) = *pick(&mut self.rng, ROLES, "public roles")?;
            body.members.push(BodyMember::in_role(text(kk, ru)?, since));
        }
        // Public councils and the grant commission meet in the open (the commission's sessions
        // are streamed); a working group sometimes behind closed doors.
        let open = !matches!(p.kind, BodyKind::WorkingGroup) || self.chance(50);
        for year in MEETING_YEARS {
            for month in MEETING_MONTHS {
                let day = date(year, month, u32::try_from(self.between(10, 25))?)?;
                if day >= self.today {
                    continue;
                }
                let mut meeting = Meeting::new(day, open);
                meeting.quorum_met = Some(true);
                for _ in 0..self.between(1, 3) {
                    let (kk, ru) = *pick(&mut self.rng, DECISIONS, "decisions")?;
                    meeting.decisions.push(Decision::new(text(kk, ru)?));
                }
                body.meetings.push(meeting);
            }
        }
        Ok(body)
    }
}

/// A body of `kind` at `parent`, named `(kk, ru)` — the name of the parent's body after it.
fn plan(
    kind: BodyKind,
    parent: &StateBody,
    name: (&str, &str),
    members: (u64, u64),
) -> Result<Plan, Cause> {
    let of = |lang| parent.name.get(lang);
    Ok(Plan {
        kind,
        name: text(
            &format!("{}: {}", of(Lang::Kk), name.0),
            &format!("{}: {}", name.1, of(Lang::Ru)),
        )?,
        parent: parent.bin,
        members,
    })
}
