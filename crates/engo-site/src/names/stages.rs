//! The names of the stages of every machine in Kazakh, Russian and English.

use engo_model::{
    Lang,
    lifecycle::{Machine, Stage},
};

use super::{Names, find, pick};

static SOCIAL_ORDER: &[(&str, Names)] = &[
    ("proposed", ["ұсынылды", "предложен", "proposed"]),
    ("formed", ["қалыптастырылды", "сформирован", "formed"]),
    (
        "public_discussion",
        [
            "қоғамдық талқылауда",
            "на общественном обсуждении",
            "in public discussion",
        ],
    ),
    ("approved", ["бекітілді", "утверждён", "approved"]),
    (
        "announced",
        [
            "конкурс жарияланды",
            "конкурс объявлен",
            "competition announced",
        ],
    ),
    (
        "bid_review",
        [
            "өтінімдер қаралуда",
            "заявки рассматриваются",
            "bids under review",
        ],
    ),
    (
        "failed",
        [
            "конкурс өтпеді",
            "конкурс не состоялся",
            "competition failed",
        ],
    ),
    (
        "on_appeal",
        ["шағым қаралуда", "на обжаловании", "under appeal"],
    ),
    (
        "awarded",
        [
            "жеңімпаз анықталды",
            "победитель определён",
            "winner chosen",
        ],
    ),
    (
        "contracted",
        ["шарт жасалды", "договор заключён", "contract signed"],
    ),
    (
        "in_implementation",
        ["іске асырылуда", "реализуется", "in implementation"],
    ),
    ("completed", ["аяқталды", "завершён", "completed"]),
    (
        "monitored",
        ["мониторинг жүргізілді", "мониторинг проведён", "monitored"],
    ),
    (
        "evaluated",
        [
            "нәтижелері бағаланды",
            "результаты оценены",
            "results evaluated",
        ],
    ),
    ("closed", ["жабылды", "закрыт", "closed"]),
    ("cancelled", ["күші жойылды", "отменён", "cancelled"]),
    (
        "terminated",
        ["мерзімінен бұрын тоқтатылды", "расторгнут", "terminated"],
    ),
];

static GRANT: &[(&str, Names)] = &[
    (
        "plan_drafted",
        [
            "жоспар жобасы дайындалды",
            "план разработан",
            "plan drafted",
        ],
    ),
    (
        "plan_discussion",
        [
            "жоспар талқылануда",
            "план на обсуждении",
            "plan in discussion",
        ],
    ),
    (
        "plan_approved",
        ["жоспар бекітілді", "план утверждён", "plan approved"],
    ),
    (
        "competition_announced",
        [
            "конкурс жарияланды",
            "конкурс объявлен",
            "competition announced",
        ],
    ),
    (
        "applications_open",
        [
            "өтінімдер қабылдануда",
            "идёт приём заявок",
            "applications open",
        ],
    ),
    (
        "operator_screening",
        [
            "оператор тексеруде",
            "проверка оператором",
            "operator screening",
        ],
    ),
    (
        "expert_evaluation",
        [
            "сараптамалық бағалауда",
            "экспертная оценка",
            "expert evaluation",
        ],
    ),
    (
        "decided",
        ["шешім қабылданды", "решение принято", "decided"],
    ),
    (
        "agreement_signed",
        ["шартқа қол қойылды", "договор подписан", "agreement signed"],
    ),
    (
        "in_implementation",
        ["іске асырылуда", "реализуется", "in implementation"],
    ),
    (
        "monitoring",
        ["мониторингте", "на мониторинге", "monitoring"],
    ),
    (
        "efficiency_evaluated",
        [
            "тиімділігі бағаланды",
            "эффективность оценена",
            "efficiency evaluated",
        ],
    ),
    ("closed", ["жабылды", "закрыт", "closed"]),
    ("cancelled", ["күші жойылды", "отменён", "cancelled"]),
    (
        "terminated",
        ["мерзімінен бұрын тоқтатылды", "расторгнут", "terminated"],
    ),
];

static PLAN: &[(&str, Names)] = &[
    (
        "drafted",
        ["жобасы дайындалды", "проект подготовлен", "drafted"],
    ),
    (
        "public_discussion",
        [
            "жария талқылауда",
            "на публичном обсуждении",
            "in public discussion",
        ],
    ),
    ("approved", ["бекітілді", "утверждён", "approved"]),
    ("amended", ["өзгертілді", "изменён", "amended"]),
    ("cancelled", ["күші жойылды", "отменён", "cancelled"]),
];

static APPLICATION: &[(&str, Names)] = &[
    ("draft", ["жоба нұсқасы", "черновик", "draft"]),
    ("submitted", ["берілді", "подана", "submitted"]),
    ("screening", ["тексерілуде", "на проверке", "screening"]),
    ("admitted", ["конкурсқа жіберілді", "допущена", "admitted"]),
    ("rejected", ["қабылданбады", "отклонена", "rejected"]),
    ("scored", ["бағаланды", "оценена", "scored"]),
    ("winner", ["жеңімпаз", "победитель", "winner"]),
    (
        "not_selected",
        ["таңдалмады", "не отобрана", "not selected"],
    ),
    ("appealed", ["шағым берілді", "обжалована", "appealed"]),
    ("withdrawn", ["кері қайтарылды", "отозвана", "withdrawn"]),
];

static PROJECT: &[(&str, Names)] = &[
    ("planned", ["жоспарланған", "запланирован", "planned"]),
    ("active", ["жүзеге асырылуда", "реализуется", "active"]),
    (
        "reporting",
        ["есеп беруде", "сдаёт отчётность", "reporting"],
    ),
    (
        "accepted",
        ["есебі қабылданды", "отчёт принят", "report accepted"],
    ),
    (
        "returned",
        [
            "есебі пысықтауға қайтарылды",
            "отчёт возвращён на доработку",
            "report returned",
        ],
    ),
    ("completed", ["аяқталды", "завершён", "completed"]),
    ("closed", ["жабылды", "закрыт", "closed"]),
    (
        "suspended",
        ["тоқтатыла тұрды", "приостановлен", "suspended"],
    ),
    (
        "terminated",
        [
            "мерзімінен бұрын тоқтатылды",
            "прекращён досрочно",
            "terminated",
        ],
    ),
];

static MILESTONE: &[(&str, Names)] = &[
    ("scheduled", ["жоспарланған", "запланирован", "scheduled"]),
    ("met", ["орындалды", "выполнен", "met"]),
    (
        "partially_met",
        ["ішінара орындалды", "выполнен частично", "partially met"],
    ),
    ("not_met", ["орындалмады", "не выполнен", "not met"]),
];

static NGO_REPORT: &[(&str, Names)] = &[
    ("due", ["тапсыру күтілуде", "ожидается", "due"]),
    ("submitted", ["тапсырылды", "подан", "submitted"]),
    ("accepted", ["қабылданды", "принят", "accepted"]),
    ("returned", ["қайтарылды", "возвращён", "returned"]),
    ("overdue", ["мерзімі өтті", "просрочен", "overdue"]),
    (
        "submitted_late",
        ["кешігіп тапсырылды", "подан с опозданием", "submitted late"],
    ),
];

static ORGANIZATION: &[(&str, Names)] = &[
    (
        "registered",
        ["тіркелген", "зарегистрирована", "registered"],
    ),
    ("active", ["белсенді", "действующая", "active"]),
    (
        "inactive",
        ["қызметін тоқтатқан", "бездействующая", "inactive"],
    ),
    (
        "suspended",
        ["қызметі тоқтатыла тұрған", "приостановлена", "suspended"],
    ),
    (
        "in_liquidation",
        [
            "таратылу үстінде",
            "в процессе ликвидации",
            "in liquidation",
        ],
    ),
    ("liquidated", ["таратылған", "ликвидирована", "liquidated"]),
];

static AWARD: &[(&str, Names)] = &[
    (
        "call_announced",
        ["конкурс жарияланды", "конкурс объявлен", "call announced"],
    ),
    (
        "applications_open",
        [
            "өтінімдер қабылдануда",
            "идёт приём заявок",
            "applications open",
        ],
    ),
    (
        "commission_review",
        [
            "комиссия қарауында",
            "на рассмотрении комиссии",
            "commission review",
        ],
    ),
    (
        "laureate",
        ["лауреат анықталды", "лауреат определён", "laureate named"],
    ),
    ("not_awarded", ["берілмеді", "не присуждена", "not awarded"]),
    ("paid", ["төленді", "выплачена", "paid"]),
    ("closed", ["жабылды", "закрыта", "closed"]),
];

static MEDIATION: &[(&str, Names)] = &[
    ("requested", ["өтініш берілді", "запрошена", "requested"]),
    (
        "mediator_assigned",
        [
            "медиатор тағайындалды",
            "медиатор назначен",
            "mediator assigned",
        ],
    ),
    (
        "in_mediation",
        ["медиация жүріп жатыр", "идёт медиация", "in mediation"],
    ),
    ("settled", ["татуласты", "урегулировано", "settled"]),
    (
        "not_settled",
        ["татуласпады", "не урегулировано", "not settled"],
    ),
    ("closed", ["жабылды", "закрыто", "closed"]),
    ("withdrawn", ["кері қайтарылды", "отозвано", "withdrawn"]),
];

static PARTNERSHIP_ORDER: &[(&str, Names)] = &[
    ("agreed", ["шарт жасалды", "соглашение заключено", "agreed"]),
    ("in_progress", ["орындалуда", "исполняется", "in progress"]),
    ("completed", ["орындалды", "исполнен", "completed"]),
    (
        "terminated",
        ["мерзімінен бұрын тоқтатылды", "расторгнут", "terminated"],
    ),
];

/// The names of the stages of `machine`.
pub(super) fn stages_of(machine: Machine) -> &'static [(&'static str, Names)] {
    match machine {
        Machine::SocialOrder => SOCIAL_ORDER,
        Machine::Grant => GRANT,
        Machine::Application => APPLICATION,
        Machine::Project => PROJECT,
        Machine::Milestone => MILESTONE,
        Machine::NgoReport => NGO_REPORT,
        Machine::Organization => ORGANIZATION,
        Machine::Award => AWARD,
        Machine::MediationCase => MEDIATION,
        Machine::Plan => PLAN,
        Machine::PartnershipOrder => PARTNERSHIP_ORDER,
    }
}

/// The name of a stage in `lang` (its code if it had none).
pub fn stage_name(stage: Stage, lang: Lang) -> &'static str {
    find(stages_of(stage.machine()), stage.as_str()).map_or(stage.as_str(), |n| pick(n, lang))
}
