//! Names of the lifecycles' words in Kazakh, Russian and English: every stage of every machine,
//! every event, every actor role, and the coded values of records (milestone types, report
//! kinds, procurement methods). Those `engo_criteria::names` already names (grant kinds,
//! disqualifications, evaluation criteria) come from there.

use engo_model::{
    Lang,
    lifecycle::{ActorRole, EventKind},
    record::{MilestoneType, ProcurementMethod, ReportKind},
};

/// `[kk, ru, en]`.
type Names = [&'static str; 3];

fn pick(names: &Names, lang: Lang) -> &'static str {
    let [kk, ru, en] = *names;
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

fn find(table: &'static [(&'static str, Names)], code: &str) -> Option<&'static Names> {
    table.iter().find(|(c, _)| *c == code).map(|(_, n)| n)
}

mod stages;

pub use stages::stage_name;

static EVENTS: &[(&str, Names)] = &[
    ("form", ["қалыптастыру", "формирование", "formation"]),
    (
        "open_discussion",
        [
            "талқылауға шығару",
            "вынесение на обсуждение",
            "public discussion opened",
        ],
    ),
    ("approve", ["бекіту", "утверждение", "approval"]),
    (
        "announce",
        [
            "конкурсты жариялау",
            "объявление конкурса",
            "competition announced",
        ],
    ),
    (
        "open_bid_review",
        [
            "өтінімдерді қарауды бастау",
            "начало рассмотрения заявок",
            "bid review opened",
        ],
    ),
    (
        "award",
        [
            "жеңімпазды анықтау",
            "определение победителя",
            "winner chosen",
        ],
    ),
    (
        "fail",
        [
            "конкурсты өтпеді деп тану",
            "признание конкурса несостоявшимся",
            "competition failed",
        ],
    ),
    ("appeal", ["шағымдану", "обжалование", "appeal"]),
    (
        "resume_review",
        [
            "қарауды жалғастыру",
            "возобновление рассмотрения",
            "review resumed",
        ],
    ),
    ("cancel", ["күшін жою", "отмена", "cancellation"]),
    (
        "contract",
        ["шарт жасасу", "заключение договора", "contract signed"],
    ),
    (
        "start_implementation",
        [
            "іске асыруды бастау",
            "начало реализации",
            "implementation started",
        ],
    ),
    ("complete", ["аяқтау", "завершение", "completion"]),
    (
        "monitor",
        [
            "мониторинг жүргізу",
            "проведение мониторинга",
            "monitoring done",
        ],
    ),
    (
        "evaluate",
        [
            "нәтижелерді бағалау",
            "оценка результатов",
            "results evaluated",
        ],
    ),
    ("close", ["жабу", "закрытие", "closure"]),
    (
        "terminate",
        [
            "мерзімінен бұрын тоқтату",
            "досрочное прекращение",
            "termination",
        ],
    ),
    (
        "open_plan_discussion",
        [
            "жоспарды талқылауға шығару",
            "вынесение плана на обсуждение",
            "plan discussion opened",
        ],
    ),
    (
        "approve_plan",
        ["жоспарды бекіту", "утверждение плана", "plan approved"],
    ),
    (
        "announce_competition",
        [
            "грант конкурсын жариялау",
            "объявление конкурса",
            "competition announced",
        ],
    ),
    (
        "open_applications",
        [
            "өтінім қабылдауды бастау",
            "начало приёма заявок",
            "applications opened",
        ],
    ),
    (
        "start_screening",
        ["тексеруді бастау", "начало проверки", "screening started"],
    ),
    (
        "start_expert_evaluation",
        [
            "сараптамалық бағалауды бастау",
            "начало экспертной оценки",
            "expert evaluation started",
        ],
    ),
    ("decide", ["шешім қабылдау", "принятие решения", "decision"]),
    (
        "sign_agreement",
        ["шартқа қол қою", "подписание договора", "agreement signed"],
    ),
    (
        "start_monitoring",
        [
            "мониторингті бастау",
            "начало мониторинга",
            "monitoring started",
        ],
    ),
    (
        "evaluate_efficiency",
        [
            "тиімділікті бағалау",
            "оценка эффективности",
            "efficiency evaluated",
        ],
    ),
    ("submit", ["тапсыру", "подача", "submission"]),
    ("admit", ["конкурсқа жіберу", "допуск", "admission"]),
    ("reject", ["қабылдамау", "отклонение", "rejection"]),
    ("score", ["бағалау", "оценка", "scoring"]),
    (
        "select",
        ["жеңімпаз деп тану", "признание победителем", "selection"],
    ),
    ("not_select", ["таңдамау", "отказ в отборе", "not selected"]),
    ("withdraw", ["кері қайтарып алу", "отзыв", "withdrawal"]),
    ("start", ["бастау", "начало", "start"]),
    (
        "submit_report",
        ["есеп тапсыру", "сдача отчёта", "report submitted"],
    ),
    (
        "accept_report",
        ["есепті қабылдау", "принятие отчёта", "report accepted"],
    ),
    (
        "return_report",
        [
            "есепті пысықтауға қайтару",
            "возврат отчёта на доработку",
            "report returned",
        ],
    ),
    ("suspend", ["тоқтата тұру", "приостановление", "suspension"]),
    ("resume", ["қайта бастау", "возобновление", "resumption"]),
    ("meet", ["орындау", "выполнение", "met"]),
    (
        "partially_meet",
        ["ішінара орындау", "частичное выполнение", "partially met"],
    ),
    ("miss", ["орындамау", "невыполнение", "missed"]),
    ("accept", ["қабылдау", "принятие", "acceptance"]),
    (
        "return_for_correction",
        [
            "түзетуге қайтару",
            "возврат на исправление",
            "returned for correction",
        ],
    ),
    (
        "mark_overdue",
        [
            "мерзімі өтті деп белгілеу",
            "отметка о просрочке",
            "marked overdue",
        ],
    ),
    (
        "submit_late",
        ["кешігіп тапсыру", "подача с опозданием", "late submission"],
    ),
    (
        "activate",
        ["белсенді деп тану", "признание действующей", "activation"],
    ),
    (
        "deactivate",
        [
            "әрекетсіз деп тану",
            "признание бездействующей",
            "deactivation",
        ],
    ),
    (
        "start_liquidation",
        [
            "таратуды бастау",
            "начало ликвидации",
            "liquidation started",
        ],
    ),
    ("liquidate", ["тарату", "ликвидация", "liquidation"]),
    (
        "start_review",
        ["қарауды бастау", "начало рассмотрения", "review started"],
    ),
    (
        "name_laureate",
        [
            "лауреатты анықтау",
            "определение лауреата",
            "laureate named",
        ],
    ),
    (
        "not_award",
        ["сыйлықақы бермеу", "отказ в присуждении", "not awarded"],
    ),
    ("pay", ["төлеу", "выплата", "payment"]),
    (
        "assign_mediator",
        [
            "медиатор тағайындау",
            "назначение медиатора",
            "mediator assigned",
        ],
    ),
    (
        "start_mediation",
        ["медиацияны бастау", "начало медиации", "mediation started"],
    ),
    ("settle", ["татуласу", "урегулирование", "settlement"]),
    (
        "fail_settlement",
        ["татуласпау", "неурегулирование", "no settlement"],
    ),
    ("amend", ["өзгерту", "изменение", "amendment"]),
    (
        "import",
        [
            "бұрынғы тізілімнен көшірілді",
            "перенесено из прежнего реестра",
            "taken over from an earlier register",
        ],
    ),
];

/// The name of an event in `lang` (its code if it had none).
pub fn event_name(event: EventKind, lang: Lang) -> &'static str {
    find(EVENTS, event.as_str()).map_or(event.as_str(), |n| pick(n, lang))
}

static ROLES: &[(&str, Names)] = &[
    (
        "authorized_body",
        ["уәкілетті орган", "уполномоченный орган", "authorised body"],
    ),
    ("customer", ["тапсырыс беруші", "заказчик", "customer"]),
    (
        "grant_operator",
        ["грант операторы", "оператор грантов", "grant operator"],
    ),
    ("applicant", ["өтініш беруші", "заявитель", "applicant"]),
    (
        "organization",
        ["ұйымның өзі", "сама организация", "the organisation itself"],
    ),
    ("implementer", ["орындаушы", "исполнитель", "implementer"]),
    (
        "expert_commission",
        ["сараптама кеңесі", "экспертный совет", "expert council"],
    ),
    (
        "competition_commission",
        [
            "конкурстық комиссия",
            "конкурсная комиссия",
            "competition commission",
        ],
    ),
    (
        "review_body",
        [
            "шағымдарды қарайтын орган",
            "орган по рассмотрению жалоб",
            "review body",
        ],
    ),
    (
        "registry",
        ["тізілім ұстаушы", "держатель реестра", "registry"],
    ),
    (
        "mediation",
        [
            "медиаторлар ұйымы",
            "организация медиаторов",
            "mediators' organisation",
        ],
    ),
];

/// The name of an actor role in `lang` (its code if it had none).
pub fn role_name(role: ActorRole, lang: Lang) -> &'static str {
    find(ROLES, role.as_str()).map_or(role.as_str(), |n| pick(n, lang))
}

/// The name of a milestone type in `lang`.
pub fn milestone_type_name(kind: MilestoneType, lang: Lang) -> &'static str {
    let names: Names = match kind {
        MilestoneType::PreProcurement => {
            ["сатып алу алдындағы", "предзакупочный", "pre-procurement"]
        }
        MilestoneType::Approval => ["келісу", "согласование", "approval"],
        MilestoneType::Engagement => ["жұртшылықты тарту", "вовлечение", "engagement"],
        MilestoneType::Assessment => ["бағалау", "оценка", "assessment"],
        MilestoneType::Delivery => ["орындау", "исполнение", "delivery"],
        MilestoneType::Reporting => ["есеп беру", "отчётность", "reporting"],
        MilestoneType::Financing => ["қаржыландыру", "финансирование", "financing"],
        MilestoneType::Payment => ["төлем", "платёж", "payment"],
    };
    pick(&names, lang)
}

/// The name of a project report's kind in `lang`.
pub fn report_kind_name(kind: ReportKind, lang: Lang) -> &'static str {
    let names: Names = match kind {
        ReportKind::Progress => [
            "жұмыс барысы туралы есеп",
            "отчёт о ходе работ",
            "progress report",
        ],
        ReportKind::Financial => ["қаржылық есеп", "финансовый отчёт", "financial report"],
        ReportKind::FinalAudit => ["қорытынды аудит", "итоговый аудит", "final audit"],
        ReportKind::Completion => ["аяқталу актісі", "акт завершения", "completion certificate"],
    };
    pick(&names, lang)
}

/// The name of a procurement method in `lang`.
pub fn method_name(method: ProcurementMethod, lang: Lang) -> &'static str {
    let names: Names = match method {
        ProcurementMethod::Open => ["ашық конкурс", "открытый конкурс", "open"],
        ProcurementMethod::Selective => ["іріктеулі конкурс", "конкурс с отбором", "selective"],
        ProcurementMethod::Limited => ["шектеулі конкурс", "ограниченный конкурс", "limited"],
        ProcurementMethod::Direct => ["бір көзден", "из одного источника", "direct"],
    };
    pick(&names, lang)
}

/// The name of a code that `engo_criteria::names` knows (`state`, `court_ban`, `relevance`…),
/// or the code.
pub fn code_name(code: &str, lang: Lang) -> &str {
    engo_criteria::names::name(code, lang).unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use engo_model::lifecycle::{Machine, Stage};

    use super::{stages::stages_of, *};

    fn is_kazakh(s: &str) -> bool {
        s.chars().all(|c| !c.is_ascii_alphabetic())
    }

    #[test]
    fn every_stage_event_and_role_has_three_names() {
        for m in Machine::ALL {
            for s in Stage::all(*m) {
                let names = find(stages_of(*m), s.as_str()).unwrap_or_else(|| panic!("{m} {s:?}"));
                assert!(is_kazakh(names[0]) && is_kazakh(names[1]), "{names:?}");
            }
        }
        for e in EventKind::ALL {
            let names = find(EVENTS, e.as_str()).unwrap_or_else(|| panic!("{e}"));
            assert!(is_kazakh(names[0]) && is_kazakh(names[1]), "{names:?}");
        }
        assert_eq!(EVENTS.len(), EventKind::ALL.len());
        for r in ActorRole::ALL {
            assert!(find(ROLES, r.as_str()).is_some(), "{r}");
        }
        assert_eq!(
            stage_name(
                Stage::from(engo_model::lifecycle::SocialOrderStage::BidReview),
                Lang::Kk
            ),
            "өтінімдер қаралуда"
        );
        assert_eq!(code_name("state", Lang::Ru), "государственный");
    }
}
