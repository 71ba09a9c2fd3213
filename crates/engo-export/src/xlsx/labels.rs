//! The words of the workbook for the people who fill it in, in Kazakh, Russian and English: a
//! label for every column name, a line about every sheet, and how to fill the sheets in.
//!
//! Column names are the CSV package's (`amount_awarded`, `title_kk`); a label is found by the
//! name, without the language suffix of a text column. A test checks that every column of the
//! package has one, so a new field of the model asks for its words here.

use engo_model::Lang;

/// A text in the three languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Words {
    pub(super) kk: &'static str,
    pub(super) ru: &'static str,
    pub(super) en: &'static str,
}

impl Words {
    /// The text in `lang`.
    pub(super) fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Kk => self.kk,
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

/// `Words` from (kk, ru, en).
const fn w(kk: &'static str, ru: &'static str, en: &'static str) -> Words {
    Words { kk, ru, en }
}

/// Labels of the column names (and of the arrays that child sheets hold), sorted by name.
#[rustfmt::skip]
const LABELS: &[(&str, Words)] = &[
    ("accepted_on", w("Қабылданған күні", "Дата принятия", "Accepted on")),
    ("actor_org", w("Әрекет еткен ұйым (БСН)", "Организация, совершившая действие (БИН)", "Acting organisation (BIN)")),
    ("actor_role", w("Әрекет етушінің рөлі", "Роль участника", "Actor's role")),
    ("actuals", w("Нақты мәндер", "Фактические значения", "Actual values")),
    ("affiliation", w("Үлестес ұйым (БСН)", "Аффилированная организация (БИН)", "Affiliated organisation (BIN)")),
    ("affiliations", w("Үлестес ұйымдар", "Аффилированные организации", "Affiliated organisations")),
    ("agreement_date", w("Шарт жасалған күні", "Дата соглашения", "Agreement date")),
    ("agreement_number", w("Шарттың нөмірі", "Номер соглашения", "Agreement number")),
    ("amount", w("Сома, ₸", "Сумма, ₸", "Amount, ₸")),
    ("amount_awarded", w("Берілген сома, ₸", "Присуждённая сумма, ₸", "Amount awarded, ₸")),
    ("amount_disbursed", w("Төленген сома, ₸", "Выплаченная сумма, ₸", "Amount paid, ₸")),
    ("amount_requested", w("Сұралған сома, ₸", "Запрошенная сумма, ₸", "Amount requested, ₸")),
    ("applicant", w("Өтініш беруші (БСН)", "Заявитель (БИН)", "Applicant (BIN)")),
    ("approved_on", w("Бекітілген күні", "Дата утверждения", "Approved on")),
    ("approver", w("Бекітетін орган (БСН)", "Утверждающий орган (БИН)", "Approving body (BIN)")),
    ("area", w("Басым бағыт", "Приоритетное направление", "Priority area")),
    ("areas", w("Басым бағыттар", "Приоритетные направления", "Priority areas")),
    ("at", w("Күні мен уақыты", "Дата и время", "Date and time")),
    ("award_date", w("Берілген күні", "Дата присуждения", "Award date")),
    ("baseline", w("Бастапқы мән", "Базовое значение", "Baseline")),
    ("bin", w("БСН", "БИН", "BIN")),
    ("budget", w("Бюджет, ₸", "Бюджет, ₸", "Budget, ₸")),
    ("budget_lines", w("Бюджет баптары", "Статьи бюджета", "Budget lines")),
    ("category", w("Санаты", "Категория", "Category")),
    ("charitable", w("Қайырымдылық ұйымы", "Благотворительная организация", "Charitable organisation")),
    ("conclusion", w("Қорытынды", "Заключение", "Conclusion")),
    ("criterion", w("Өлшемшарт", "Критерий", "Criterion")),
    ("customer", w("Тапсырыс беруші (БСН)", "Заказчик (БИН)", "Customer (BIN)")),
    ("database_reports", w("ҮЕҰ дерекқорына есептер", "Отчёты в базу данных НПО", "Reports to the NGO database")),
    ("date", w("Күні", "Дата", "Date")),
    ("date_met", w("Орындалған күні", "Дата выполнения", "Date met")),
    ("decisions", w("Шешімдер", "Решения", "Decisions")),
    ("description", w("Сипаттамасы", "Описание", "Description")),
    ("discussion_end", w("Жария талқылаудың соңы", "Конец публичного обсуждения", "End of the public discussion")),
    ("discussion_start", w("Жария талқылаудың басы", "Начало публичного обсуждения", "Start of the public discussion")),
    ("disqualifications", w("Біліктіліктен айыру", "Дисквалификации", "Disqualifications")),
    ("due_date", w("Мерзімі", "Срок", "Due date")),
    ("email", w("Электрондық пошта", "Электронная почта", "E-mail")),
    ("entity", w("Жазба (id немесе БСН)", "Запись (id или БИН)", "Record (id or BIN)")),
    ("event", w("Оқиға", "Событие", "Event")),
    ("expert", w("Сарапшы (id)", "Эксперт (id)", "Expert (id)")),
    ("experts", w("Сарапшылар", "Эксперты", "Experts")),
    ("financial_year", w("Қаржы жылы", "Финансовый год", "Financial year")),
    ("founders", w("Құрылтайшылар саны", "Число учредителей", "Number of founders")),
    ("from", w("Басталған күні", "Дата начала", "From")),
    ("funder", w("Қаржыландырушы орган (БСН)", "Финансирующий орган (БИН)", "Funder (BIN)")),
    ("funding", w("Қаржыландыру көзі", "Источник финансирования", "Funding source")),
    ("grant_operator", w("Гранттар операторы", "Оператор грантов", "Grant operator")),
    ("id", w("Сәйкестендіргіш", "Идентификатор", "Identifier")),
    ("implementer", w("Орындаушы (БСН)", "Исполнитель (БИН)", "Implementer (BIN)")),
    ("income_budget", w("Мемлекеттік бюджеттен кіріс, ₸", "Доходы из государственного бюджета, ₸", "Income from the state budget, ₸")),
    ("income_donations", w("Қайырымдылық түсімдері, ₸", "Пожертвования, ₸", "Donations, ₸")),
    ("income_foreign", w("Шетелдік көздерден кіріс, ₸", "Доходы из иностранных источников, ₸", "Income from foreign sources, ₸")),
    ("income_other", w("Өзге кірістер, ₸", "Прочие доходы, ₸", "Other income, ₸")),
    ("indicators", w("Көрсеткіштер", "Показатели", "Indicators")),
    ("kind", w("Түрі", "Вид", "Kind")),
    ("language", w("Тілі", "Язык", "Language")),
    ("laureate", w("Лауреат (БСН)", "Лауреат (БИН)", "Laureate (BIN)")),
    ("legal_basis", w("Қағидаларды бекіткен акт", "Акт, утвердивший правила", "Act that approved the rules")),
    ("legal_form", w("Ұйымдық-құқықтық нысаны", "Организационно-правовая форма", "Legal form")),
    ("level", w("Деңгейі", "Уровень", "Level")),
    ("machine", w("Өмірлік цикл", "Жизненный цикл", "Lifecycle")),
    ("mediator", w("Медиатордың ұйымы (БСН)", "Организация медиатора (БИН)", "Mediator's organisation (BIN)")),
    ("meetings", w("Отырыстар", "Заседания", "Meetings")),
    ("members", w("Мүшелері", "Члены", "Members")),
    ("milestone", w("Бақылау нүктесі (id)", "Контрольная точка (id)", "Milestone (id)")),
    ("milestones", w("Бақылау нүктелері", "Контрольные точки", "Milestones")),
    ("name", w("Атауы", "Наименование", "Name")),
    ("nomination", w("Номинация", "Номинация", "Nomination")),
    ("open", w("Ашық отырыс", "Открытое заседание", "Open meeting")),
    ("organization", w("Ұйым (БСН)", "Организация (БИН)", "Organisation (BIN)")),
    ("organizer", w("Ұйымдастырушы (БСН)", "Организатор (БИН)", "Organiser (BIN)")),
    ("own_support", w("Өз үлесі, ₸", "Собственный вклад, ₸", "Own contribution, ₸")),
    ("parent", w("Жанынан құрылған мемлекеттік орган (БСН)", "Государственный орган, при котором создан (БИН)", "Parent state body (BIN)")),
    ("parties", w("Тараптар", "Стороны", "Parties")),
    ("partner", w("Серіктес ҮЕҰ (БСН)", "НПО-партнёр (БИН)", "Partner NGO (BIN)")),
    ("party", w("Тарап (БСН)", "Сторона (БИН)", "Party (BIN)")),
    ("payee", w("Алушы (БСН)", "Получатель платежа (БИН)", "Payee (BIN)")),
    ("payer", w("Төлеуші (БСН)", "Плательщик (БИН)", "Payer (BIN)")),
    ("payload_amount", w("Оқиға сомасы, ₸", "Сумма события, ₸", "Amount of the event, ₸")),
    ("payload_application", w("Өтінім (id)", "Заявка (id)", "Application (id)")),
    ("payload_evaluation", w("Бағалау (id)", "Оценка (id)", "Evaluation (id)")),
    ("payload_project", w("Жоба (id)", "Проект (id)", "Project (id)")),
    ("payload_report", w("Есеп (id)", "Отчёт (id)", "Report (id)")),
    ("payload_stage", w("Қабылданған кезең", "Принятый этап", "Stage taken over")),
    ("payload_winner", w("Жеңімпаз (БСН)", "Победитель (БИН)", "Winner (BIN)")),
    ("period_end", w("Мерзімнің соңы", "Конец периода", "End of the period")),
    ("period_start", w("Мерзімнің басы", "Начало периода", "Start of the period")),
    ("prev_hash", w("Алдыңғы оқиғаның хэші (SHA-256)", "Хеш предыдущего события (SHA-256)", "Hash of the previous event (SHA-256)")),
    ("procurement_announcement", w("Конкурс туралы хабарландыру", "Объявление о конкурсе", "Call for applications")),
    ("procurement_method", w("Сатып алу тәсілі", "Способ закупки", "Procurement method")),
    ("profile", w("Өлшемшарттар профилі", "Профиль критериев", "Criteria profile")),
    ("programme", w("Бағдарлама", "Программа", "Programme")),
    ("public_role", w("Қоғамдық рөлі", "Общественная роль", "Public role")),
    ("published_at", w("Жарияланған уақыты", "Время публикации", "Published at")),
    ("publisher_name", w("Жариялаушы", "Публикатор", "Publisher")),
    ("publisher_org_id", w("Жариялаушының org-id", "Org-id публикатора", "Publisher's org-id")),
    ("purpose_category", w("Мақсаты", "Цель", "Purpose")),
    ("quorum_met", w("Кворум болды", "Кворум был", "Quorum met")),
    ("reason", w("Себебі", "Причина", "Reason")),
    ("recipient", w("Алушы (БСН)", "Получатель (БИН)", "Recipient (BIN)")),
    ("region", w("Өңір (ӘАОЖ)", "Регион (КАТО)", "Region (KATO)")),
    ("regions", w("Өңірлер", "Регионы", "Regions")),
    ("registered_on", w("Тіркелген күні", "Дата регистрации", "Registered on")),
    ("reports", w("Есептер", "Отчёты", "Reports")),
    ("requested", w("Сұралған сома, ₸", "Запрошенная сумма, ₸", "Amount requested, ₸")),
    ("requested_on", w("Өтініш берілген күні", "Дата обращения", "Requested on")),
    ("scale_max", w("Ең жоғары балл", "Максимальный балл", "Highest score")),
    ("schema_version", w("Пішім нұсқасы", "Версия формата", "Format version")),
    ("score", w("Балл", "Балл", "Score")),
    ("scores", w("Балдар", "Баллы", "Scores")),
    ("seq", w("Реттік нөмірі", "Порядковый номер", "Sequence number")),
    ("shared_fund", w("Номинацияның ортақ қоры, ₸", "Общий фонд номинации, ₸", "Nomination's shared fund, ₸")),
    ("shared_laureates", w("Қорды бөлісетін лауреаттар саны", "Число лауреатов, делящих фонд", "Laureates sharing the fund")),
    ("since", w("Мүшелігінің басы", "Член с", "Member since")),
    ("source_id", w("Негіз (id)", "Основание (id)", "Source (id)")),
    ("source_kind", w("Негіздің түрі", "Вид основания", "Kind of source")),
    ("spending", w("Шығыстар, ₸", "Расходы, ₸", "Spending, ₸")),
    ("staff", w("Штаттағы қызметкерлер", "Штатные работники", "Staff")),
    ("stage", w("Кезеңі", "Стадия", "Stage")),
    ("status", w("Мәртебесі", "Статус", "Status")),
    ("status_since", w("Мәртебе берілген күні", "Статус с", "Status since")),
    ("status_stage", w("Мәртебесі", "Статус", "Status")),
    ("subject", w("Мәні", "Предмет", "Subject")),
    ("subject_id", w("Бағаланатын жазба (id)", "Оцениваемая запись (id)", "Evaluated record (id)")),
    ("subject_kind", w("Бағаланатын жазба түрі", "Вид оцениваемой записи", "Kind of evaluated record")),
    ("submitted_at", w("Берілген уақыты", "Время подачи", "Submitted at")),
    ("submitted_on", w("Тапсырылған күні", "Дата подачи", "Submitted on")),
    ("target", w("Нысаналы мән", "Целевое значение", "Target")),
    ("target_id", w("Өтінім нысанасы (id)", "Предмет заявки (id)", "Applied for (id)")),
    ("target_kind", w("Өтінім нысанасының түрі", "Вид предмета заявки", "Kind applied for")),
    ("term", w("Мерзімі", "Срочность", "Term")),
    ("text", w("Мәтіні", "Текст", "Text")),
    ("title", w("Атауы", "Название", "Title")),
    ("to", w("Аяқталған күні", "Дата окончания", "To")),
    ("topic", w("Тақырыбы", "Тема", "Topic")),
    ("topics", w("Тақырыптар", "Темы", "Topics")),
    ("total", w("Жалпы балл", "Итоговый балл", "Total score")),
    ("tranches", w("Транштар", "Транши", "Tranches")),
    ("type", w("Түрі", "Тип", "Type")),
    ("unit", w("Өлшем бірлігі", "Единица измерения", "Unit")),
    ("until", w("Мүшелігінің соңы", "Член по", "Member until")),
    ("url", w("Сілтеме", "Ссылка", "Link")),
    ("value", w("Мәні", "Значение", "Value")),
    ("volunteer", w("Волонтерлік ұйым", "Волонтёрская организация", "Volunteer organisation")),
    ("volunteers", w("Волонтерлер саны", "Число волонтёров", "Volunteers")),
    ("website", w("Веб-сайт", "Веб-сайт", "Website")),
    ("year", w("Жыл", "Год", "Year")),
];

/// The label of a column or array name (a text column by its name without `_kk`, `_ru`, `_en`).
pub(super) fn label(name: &str) -> Option<Words> {
    LABELS
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .and_then(|i| LABELS.get(i))
        .map(|(_, words)| *words)
}

/// What each top-level sheet holds.
const SHEETS: &[(&str, Words)] = &[
    (
        "dataset",
        w(
            "Бір жол: деректерді кім және қашан жариялайды, пішім нұсқасы.",
            "Одна строка: кто и когда публикует данные, версия формата.",
            "One row: who publishes the data, when, and the format version.",
        ),
    ),
    (
        "organizations",
        w(
            "ҮЕҰ тізілімі: әр ұйымға бір жол, БСН бойынша.",
            "Реестр НПО: одна строка на организацию, по БИН.",
            "The register of NGOs: one row per organisation, by BIN.",
        ),
    ),
    (
        "state_bodies",
        w(
            "Тапсырыс беретін, грант және сыйлық беретін мемлекеттік органдар: әр органға бір жол, БСН бойынша.",
            "Государственные органы — заказчики, грантодатели, учредители премий: одна строка на орган, по БИН.",
            "State bodies that order, fund and award: one row per body, by BIN.",
        ),
    ),
    (
        "social_orders",
        w(
            "Мемлекеттік әлеуметтік тапсырыстар: әр тапсырысқа бір жол.",
            "Государственные социальные заказы: одна строка на заказ.",
            "State social orders: one row per order.",
        ),
    ),
    (
        "grants",
        w(
            "ҮЕҰ-ға мемлекеттік гранттар: әр грантқа бір жол.",
            "Государственные гранты для НПО: одна строка на грант.",
            "State grants for NGOs: one row per grant.",
        ),
    ),
    (
        "awards",
        w(
            "ҮЕҰ-ға арналған сыйлықтар: әр сыйлыққа бір жол.",
            "Премии для НПО: одна строка на премию.",
            "Awards for NGOs: one row per award.",
        ),
    ),
    (
        "applications",
        w(
            "ҮЕҰ-дың тапсырыстарға, гранттарға және сыйлықтарға өтінімдері: әр өтінімге бір жол.",
            "Заявки НПО на заказы, гранты и премии: одна строка на заявку.",
            "Applications of NGOs for orders, grants and awards: one row per application.",
        ),
    ),
    (
        "evaluations",
        w(
            "Жобалар мен өтінімдерді сарапшылық бағалау: әр бағалауға бір жол.",
            "Экспертные оценки проектов и заявок: одна строка на оценку.",
            "Expert evaluations of projects and applications: one row per evaluation.",
        ),
    ),
    (
        "experts",
        w(
            "Сарапшылар: жасырын id, аты-жөні жоқ (жеке тұлғалар жарияланбайды).",
            "Эксперты: обезличенный id, без имени (частные лица не публикуются).",
            "Experts: an opaque id, no name (private persons are not published).",
        ),
    ),
    (
        "projects",
        w(
            "Тапсырыстар мен гранттар бойынша жобалар: әр жобаға бір жол.",
            "Проекты по заказам и грантам: одна строка на проект.",
            "Projects carried out under orders and grants: one row per project.",
        ),
    ),
    (
        "mediation_cases",
        w(
            "Ұйымдар арасындағы медиация істері: әр іске бір жол.",
            "Дела о медиации между организациями: одна строка на дело.",
            "Mediation cases between organisations: one row per case.",
        ),
    ),
    (
        "plans",
        w(
            "Мемлекеттік гранттар мен әлеуметтік тапсырыс жоспарлары: әр жоспарға бір жол, тақырыптары өз парағында.",
            "Планы государственных грантов и социального заказа: одна строка на план, темы — на своём листе.",
            "Plans of state grants and of the social order: one row per plan, its topics on a sheet of their own.",
        ),
    ),
    (
        "partnership_orders",
        w(
            "Стратегиялық әріптестікті іске асыруға арналған мемлекеттік тапсырыстар: әр шартқа бір жол.",
            "Государственные заказы на реализацию стратегического партнерства: одна строка на соглашение.",
            "State orders for strategic partnership: one row per agreement.",
        ),
    ),
    (
        "foreign_funding_entries",
        w(
            "Шетелдік көздерден ақша мен мүлік алған ұйымдар тізілімі (Мемлекеттік кірістер комитеті): әр жазбаға бір жол.",
            "Реестр организаций, получивших деньги и имущество из иностранных источников (Комитет государственных доходов): одна строка на запись.",
            "The register of organisations that received money or property from foreign sources (State Revenue Committee): one row per entry.",
        ),
    ),
    (
        "bodies",
        w(
            "Сараптамалық және азаматтық органдар (жұмыс топтары, кеңестер, комиссиялар): әр органға бір жол, мүшелері мен отырыстары өз парақтарында.",
            "Экспертные и общественные органы (рабочие группы, советы, комиссии): одна строка на орган, члены и заседания — на своих листах.",
            "Expert and civil-society bodies (working groups, councils, commissions): one row per body, its members and meetings on sheets of their own.",
        ),
    ),
    (
        "volunteer_activities",
        w(
            "Волонтерлік бағдарламалар (жобалар) мен акциялар: әрқайсысына бір жол, волонтерлер тек саны бойынша.",
            "Волонтёрские программы (проекты) и акции: одна строка на каждую, волонтёры — только числом.",
            "Volunteer programmes (projects) and actions: one row each, volunteers only as a count.",
        ),
    ),
    (
        "events",
        w(
            "Кезеңдер тарихы (аудит журналы): әр жазбаның әр оқиғасы, ретімен.",
            "История стадий (журнал аудита): каждое событие каждой записи, по порядку.",
            "The stage history (audit log): every event of every record, in order.",
        ),
    ),
];

/// What a top-level sheet holds.
pub(super) fn sheet(name: &str) -> Option<Words> {
    SHEETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, words)| *words)
}

/// What a child sheet holds: the items of the array `field` of the rows of sheet `parent`,
/// which its first columns `keys` name.
pub(super) fn child_sheet(lang: Lang, field: &str, parent: &str, keys: &str) -> String {
    let what = label(field).map_or(field, |l| l.get(lang));
    match lang {
        Lang::Kk => format!(
            "«{parent}» парағы жолдарының тізімі — {what}: {keys} қай жолға тиесілі екенін \
             көрсетеді, index — тізімдегі реті (0, 1, …)."
        ),
        Lang::Ru => format!(
            "Списки строк листа «{parent}» — {what}: {keys} указывают строку, к которой \
             относится запись, index — её место в списке (0, 1, …)."
        ),
        Lang::En => format!(
            "Lists of the rows of sheet “{parent}” — {what}: {keys} name the row an item \
             belongs to, index is its place in the list (0, 1, …)."
        ),
    }
}

/// The title of the read-me sheet.
pub(super) const TITLE: Words = w(
    "E-ҮЕҰ деректер кітабы",
    "Рабочая книга данных E-НПО",
    "E-NGO data workbook",
);

/// How to fill the workbook in.
pub(super) const HOW_TO: Words = w(
    "Әр кесте — жеке парақ. 1-жолда бағандардың атаулары тұр: оларды өзгертпеңіз. Әр жазбаға \
     бір жол қосыңыз. Үш тілдегі мәтін …_kk, …_ru, …_en бағандарына жазылады. Сомалар теңгемен, \
     үтірден кейін екі таңбадан аспайды; күндер — күн пішімінде (немесе ЖЖЖЖ-АА-КК мәтінімен); \
     уақыт UTC ығысуымен мәтін ретінде жазылады (2025-09-01T10:00:00+05:00). Кодтарды \
     ашылмалы тізімнен таңдаңыз. Жазба ішіндегі тізімдер (бақылау нүктелері, өңірлер, …) өз \
     парағында, алғашқы бағандарында жазбаның кілті көрсетіледі. Тексеру: engo validate FILE.xlsx",
    "Каждая таблица — отдельный лист. В строке 1 — имена столбцов: не меняйте их. Добавляйте по \
     строке на запись. Текст на трёх языках — в столбцах …_kk, …_ru, …_en. Суммы — в тенге, не \
     более двух знаков после запятой; даты — в формате даты (или текстом ГГГГ-ММ-ДД); дата и \
     время — текстом со смещением UTC (2025-09-01T10:00:00+05:00). Коды выбирайте из \
     выпадающих списков. Списки внутри записи (контрольные точки, регионы, …) — на своих листах, \
     первые столбцы указывают запись. Проверка: engo validate FILE.xlsx",
    "One sheet per table. Row 1 holds the column names: do not change them. Add one row per \
     record. Text in three languages goes in the …_kk, …_ru and …_en columns. Amounts are in \
     tenge with at most two decimals; dates are dates (or text YYYY-MM-DD); a date and time is \
     text with its UTC offset (2025-09-01T10:00:00+05:00). Choose codes from the drop-down \
     lists. Lists inside a record (milestones, regions, …) have sheets of their own whose first \
     columns name the record. Check the file: engo validate FILE.xlsx",
);

/// The header of the read-me's table of sheets.
pub(super) const SHEET_HEADER: [&str; 4] = ["sheet", "қазақша", "по-русски", "in English"];

/// A hint under a column's label: what its cells hold.
pub(super) mod hints {
    use super::{Words, w};

    /// An amount.
    pub(in super::super) const MONEY: Words = w(
        "Теңгемен сома, үтірден кейін 2 таңбадан аспайды",
        "Сумма в тенге, не более 2 знаков после запятой",
        "Amount in tenge, at most 2 decimals",
    );
    /// A quantity.
    pub(in super::super) const QUANTITY: Words = w(
        "Сан, үтірден кейін 3 таңбадан аспайды",
        "Число, не более 3 знаков после запятой",
        "Number, at most 3 decimals",
    );
    /// A date.
    pub(in super::super) const DATE: Words =
        w("Күн (ЖЖЖЖ-АА-КК)", "Дата (ГГГГ-ММ-ДД)", "Date (YYYY-MM-DD)");
    /// A date and time.
    pub(in super::super) const DATE_TIME: Words = w(
        "Күні мен уақыты UTC ығысуымен, мәтінмен: 2025-09-01T10:00:00+05:00",
        "Дата и время со смещением UTC, текстом: 2025-09-01T10:00:00+05:00",
        "Date and time with the UTC offset, as text: 2025-09-01T10:00:00+05:00",
    );
    /// A whole number.
    pub(in super::super) const INTEGER: Words = w("Бүтін сан", "Целое число", "Whole number");
    /// A boolean.
    pub(in super::super) const BOOLEAN: Words = w(
        "TRUE (иә) немесе FALSE (жоқ)",
        "TRUE (да) или FALSE (нет)",
        "TRUE or FALSE",
    );
    /// A code from a list.
    pub(in super::super) const LIST: Words = w(
        "Тізімнен таңдаңыз",
        "Выберите из списка",
        "Choose from the list",
    );
    /// A value that must be given.
    pub(in super::super) const REQUIRED: Words = w("Міндетті", "Обязательно", "Required");
    /// The position in a list.
    pub(in super::super) const INDEX: Words = w(
        "Тізімдегі реті: 0, 1, 2, …",
        "Место в списке: 0, 1, 2, …",
        "Place in the list: 0, 1, 2, …",
    );
    /// Text in one language.
    pub(in super::super) const LANG: [(&str, Words); 3] = [
        ("kk", w("қазақша", "на казахском", "in Kazakh")),
        ("ru", w("орысша", "на русском", "in Russian")),
        ("en", w("ағылшынша", "на английском", "in English")),
    ];
}

/// The key of a child sheet's row: which row of sheet `parent` it belongs to.
pub(super) fn parent_key(lang: Lang, parent: &str) -> String {
    match lang {
        Lang::Kk => format!("«{parent}» парағындағы жолдың кілті"),
        Lang::Ru => format!("Ключ строки листа «{parent}»"),
        Lang::En => format!("Key of the row of sheet “{parent}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_sorted_for_the_binary_search() {
        assert!(LABELS.windows(2).all(|p| matches!(p, [a, b] if a.0 < b.0)));
    }
}
