//! The rule catalogue: every finding [`Code`] with its default severity, legal basis, parameters
//! and messages in Kazakh, Russian and English ([`Code::rule`], one exhaustive `match`).
//!
//! Codes are stable and never reused; a message names its parameters in braces (`{bin}`) and
//! [`crate::Finding::message`] fills them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Code;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The record breaks a rule: it may not be published or acted on as it is.
    Error,
    /// Probably wrong, or missing something a reader expects.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Error => "error",
            Warning => "warning",
            Info => "info",
        }
    }
}

/// A rule of the catalogue: what [`Code::rule`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Severity unless a profile overrides it.
    pub severity: Severity,
    /// Where the rule comes from (act and article, or the design decision).
    pub basis: &'static str,
    /// Names of the parameters every finding of this rule carries.
    pub params: &'static [&'static str],
    /// Message in Kazakh.
    pub kk: &'static str,
    /// Message in Russian.
    pub ru: &'static str,
    /// Message in English.
    pub en: &'static str,
}

use Severity::{Error, Info, Warning};

impl Code {
    /// The rule of this code: its default severity, legal basis, parameters and messages.
    ///
    /// ```
    /// use engo_criteria::{Code, Severity};
    ///
    /// let rule = Code::OrderBudgetNotPositive.rule();
    /// assert_eq!(rule.severity, Severity::Error);
    /// assert_eq!(rule.en, "The social order has a budget of zero.");
    /// ```
    pub fn rule(self) -> &'static Rule {
        match self {
            Code::AwardShareUnequal => &Rule {
                severity: Error,
                basis: "Award rules (MCS Order 22.12.2015 No. 407, as published for the 2017 call, inform.kz): a nomination's award given to several laureates is divided between them equally",
                params: &["amount", "share", "fund", "laureates"],
                kk: "Лауреаттың сыйлықақысы {amount} номинация қорының ({fund}, {laureates} лауреатқа) тең үлесіне {share} сәйкес келмейді.",
                ru: "Премия лауреата {amount} не равна равной доле фонда номинации ({fund} на {laureates} лауреатов): {share}.",
                en: "The laureate's award of {amount} is not the equal share of the nomination's fund ({fund} for {laureates} laureates): {share}.",
            },
            Code::AwardAmountBelowMinimum => &Rule {
                severity: Error,
                basis: "Award rules (MCS Order 22.12.2015 No. 407, as reported for 2017): the award of a nomination is at least 2 000 MRP; when several laureates share it, the minimum applies to the nomination's fund, not to each share (AW-01)",
                params: &["amount", "minimum", "min_mrp", "year"],
                kk: "Сыйлықақы сомасы {amount} ең төменгі мөлшерден аз: {year} жылғы {min_mrp} АЕК = {minimum}.",
                ru: "Сумма премии {amount} меньше минимальной: {min_mrp} МРП {year} года = {minimum}.",
                en: "The award of {amount} is below the minimum of {min_mrp} MRP of {year} = {minimum}.",
            },
            Code::CoherenceDateInFuture => &Rule {
                severity: Warning,
                basis: "Design: a published record cannot report an event after its own publication",
                params: &["field", "date", "published_at"],
                kk: "{field} күні {date} деректер жарияланған уақыттан ({published_at}) кейін.",
                ru: "Дата {field} {date} позже публикации набора данных ({published_at}).",
                en: "{field} {date} is after the dataset's publication time ({published_at}).",
            },
            Code::CoherenceMilestoneMetWithoutDate => &Rule {
                severity: Error,
                basis: "OCDS milestone guidance: a met milestone has dateMet (Pelican coherence check)",
                params: &["milestone", "status"],
                kk: "{milestone} кезеңі «{status}» деп белгіленген, бірақ орындалған күні көрсетілмеген.",
                ru: "Этап {milestone} отмечен как «{status}», но дата выполнения не указана.",
                en: "Milestone {milestone} is marked {status} but has no date met.",
            },
            Code::CoherenceTranchesExceedAmount => &Rule {
                severity: Error,
                basis: "Design: payments cannot exceed the contract or grant amount (Pelican transaction checks)",
                params: &["sum", "budget"],
                kk: "Төленген транштардың сомасы {sum} жоба бюджетінен {budget} асып түседі.",
                ru: "Сумма выплаченных траншей {sum} превышает бюджет проекта {budget}.",
                en: "Tranches paid, {sum} in total, exceed the project budget of {budget}.",
            },
            Code::EvaluationCriteriaIncomplete => &Rule {
                severity: Error,
                basis: "SSO Rules (MSD Order 15.08.2018 No. 18): results are scored on five criteria (SSO-06)",
                params: &["missing"],
                kk: "Бағалауда өлшемшарттар жетіспейді: {missing}.",
                ru: "В оценке не хватает критериев: {missing}.",
                en: "The evaluation lacks criteria: {missing}.",
            },
            Code::EvaluationExpertConflictOfInterest => &Rule {
                severity: Error,
                basis: "Design, after the grant rules' independent expert commission: an expert may not score an organisation they are affiliated with",
                params: &["expert", "bin"],
                kk: "{expert} сарапшысы бағаланатын ұйыммен (БСН {bin}) байланысты: мүдделер қақтығысы.",
                ru: "Эксперт {expert} аффилирован с оцениваемой организацией (БИН {bin}): конфликт интересов.",
                en: "Expert {expert} is affiliated with the organisation evaluated (BIN {bin}): a conflict of interest.",
            },
            Code::EvaluationRatingBelowPassMark => &Rule {
                severity: Info,
                basis: "Criteria profile: pass mark of the evaluation scale (SSO-06; scale and mark unverified)",
                params: &["percent", "pass_mark"],
                kk: "Бағалау нәтижесі {percent}% — өту шегінен ({pass_mark}%) төмен.",
                ru: "Итог оценки {percent}% ниже проходного порога ({pass_mark}%).",
                en: "The evaluation scores {percent}%, below the pass mark of {pass_mark}%.",
            },
            Code::EvaluationScaleUnexpected => &Rule {
                severity: Warning,
                basis: "Criteria profile: the scales in use (5 and 15 points seen in published reports)",
                params: &["scale", "allowed"],
                kk: "{scale} баллдық шкала профильде жоқ; рұқсат етілгендері: {allowed}.",
                ru: "Шкала в {scale} баллов не предусмотрена профилем; допустимые: {allowed}.",
                en: "A {scale}-point scale is not one of the profile's scales: {allowed}.",
            },
            Code::EvaluationScoreOutOfScale => &Rule {
                severity: Error,
                basis: "SSO Rules: each criterion is scored on the declared scale (SSO-06)",
                params: &["criterion", "score", "scale"],
                kk: "«{criterion}» өлшемшарты бойынша {score} балл шкаладан ({scale}) асады.",
                ru: "Балл {score} по критерию «{criterion}» выходит за шкалу ({scale}).",
                en: "Score {score} on {criterion} is beyond the scale of {scale}.",
            },
            Code::EvaluationTotalMismatch => &Rule {
                severity: Error,
                basis: "SSO Rules: the total is the sum of the criteria (SSO-06)",
                params: &["total", "sum"],
                kk: "Жалпы балл {total} өлшемшарттар қосындысына ({sum}) тең емес.",
                ru: "Итоговый балл {total} не равен сумме по критериям ({sum}).",
                en: "The total of {total} is not the sum of the criteria ({sum}).",
            },
            Code::ForeignFundingAmountNotPositive => &Rule {
                severity: Error,
                basis: "Tax Code (Art. 29 §3 database; egov.kz foreign_funding_reporting, V): what is reported is money or property received from foreign sources, notified from more than 1 ₸; an entry of zero received nothing",
                params: &[],
                kk: "Шетелдік қаржыландыру тізіліміндегі жазбаның сомасы нөлге тең.",
                ru: "Сумма записи реестра иностранного финансирования равна нулю.",
                en: "The entry of the foreign-funding register states an amount of zero.",
            },
            Code::GrantApplicationLanguage => &Rule {
                severity: Error,
                basis: "Grant rules (2015): an application is in Kazakh or Russian (GR-05)",
                params: &["language"],
                kk: "Өтінім тілі «{language}»: өтінім қазақ немесе орыс тілінде беріледі.",
                ru: "Язык заявки «{language}»: заявка подаётся на казахском или русском языке.",
                en: "The application is in {language}; applications are made in Kazakh or Russian.",
            },
            Code::GrantFundingMismatch => &Rule {
                severity: Error,
                basis: "SSO Law Art. 6-1: state grants come from the budget, non-state grants do not (SSO-05)",
                params: &["kind", "funding"],
                kk: "«{kind}» гранты «{funding}» көзінен қаржыландырылмайды.",
                ru: "Грант вида «{kind}» не может финансироваться из источника «{funding}».",
                en: "A {kind} grant cannot be funded from {funding}.",
            },
            Code::GrantOwnSupportExceedsShare => &Rule {
                severity: Error,
                basis: "Grant rules (2015): at most 10 % of a grant for the NGO's own support (GR-03)",
                params: &["own_support", "limit", "percent"],
                kk: "Ұйымның өз қажеттіліктеріне {own_support} грант сомасының {percent}% шегінен ({limit}) асады.",
                ru: "Собственные нужды организации {own_support} превышают {percent}% суммы гранта ({limit}).",
                en: "Own support of {own_support} exceeds {percent}% of the grant ({limit}).",
            },
            Code::GrantPlanDiscussionTooShort => &Rule {
                severity: Error,
                basis: "Grant rules (before 2025, cisc.kz): the topics of the grant plan are publicly discussed for at least 10 working days from the day they are posted (GR-06); no source gives the plan of the social order a window",
                params: &["min", "found"],
                kk: "Гранттар жоспары {found} жұмыс күні ғана талқыланды: кемінде {min} жұмыс күні қажет.",
                ru: "План грантов обсуждался лишь {found} рабочих дней: нужно не менее {min}.",
                en: "The grant plan was discussed for {found} working days; at least {min} are required.",
            },
            Code::GrantTermAmountOutOfRange => &Rule {
                severity: Error,
                basis: "SSO Law Art. 6-1 §2: bands of state grants by term, in MRP (GR-01)",
                params: &["term", "amount", "mrp", "min_mrp", "max_mrp", "date"],
                kk: "«{term}» мемлекеттік грантының сомасы {amount} ({date} күнгі АЕК бойынша {mrp}) {min_mrp}–{max_mrp} АЕК аралығынан тыс.",
                ru: "Сумма государственного гранта вида «{term}» {amount} ({mrp} по МРП на {date}) вне диапазона {min_mrp}–{max_mrp} МРП.",
                en: "The {term} state grant of {amount} ({mrp} at the MRP of {date}) is outside {min_mrp}–{max_mrp} MRP.",
            },
            Code::GrantTermDurationMismatch => &Rule {
                severity: Error,
                basis: "SSO Law Art. 6-1 and the grant rules: duration bands by term (GR-01)",
                params: &["term", "months", "min", "max"],
                kk: "«{term}» грантының мерзімі {months} ай: {min}–{max} ай болуы керек.",
                ru: "Срок гранта вида «{term}» {months} мес.: должен быть {min}–{max} мес.",
                en: "The {term} grant runs {months} months; it must run {min}–{max} months.",
            },
            Code::IdDuplicate => &Rule {
                severity: Error,
                basis: "Design: ids are unique in their collection (OCDS and lib-cove uniqueness checks)",
                params: &["kind", "id"],
                kk: "{kind} идентификаторы {id} қайталанады.",
                ru: "Идентификатор {kind} {id} повторяется.",
                en: "The {kind} id {id} occurs more than once.",
            },
            Code::InputMalformed => &Rule {
                severity: Error,
                basis: "Design: a record that does not parse is reported and skipped, never silently dropped",
                params: &["message"],
                kk: "Жазба оқылмады: {message}.",
                ru: "Запись не прочитана: {message}.",
                en: "The record could not be read: {message}.",
            },
            Code::CriteriaProfileNone => &Rule {
                severity: Info,
                basis: "Design: a record is judged by the criteria in force on its decisive date; none was in force",
                params: &["date"],
                kk: "{date} күні күшінде болған өлшемшарттар профилі жоқ: жазбаның ережелері тексерілмеді.",
                ru: "На {date} не действовал ни один профиль критериев: правила записи не проверены.",
                en: "No criteria profile was in force on {date}: the record's rules were not checked.",
            },
            Code::MediationMediatorIsParty => &Rule {
                severity: Error,
                basis: "Law on mediation of 28.01.2011 No. 401-IV: the mediator is independent and impartial",
                params: &["bin"],
                kk: "Медиатордың ұйымы {bin} — осы даудың тарапы: медиатор тәуелсіз және бейтарап болуы тиіс.",
                ru: "Организация медиатора {bin} — сторона этого спора: медиатор должен быть независимым и беспристрастным.",
                en: "The mediator's organisation {bin} is a party to the dispute: a mediator is independent and impartial.",
            },
            Code::MediationPartyStateBody => &Rule {
                severity: Error,
                basis: "Law on mediation of 28.01.2011 No. 401-IV, Art. 1 §3: mediation does not apply to disputes where a state body is a party",
                params: &["bin"],
                kk: "Медиация тарапы {bin} — мемлекеттік орган: мемлекеттік орган тарап болатын дауларға медиация қолданылмайды.",
                ru: "Сторона медиации {bin} — государственный орган: медиация не применяется к спорам, где стороной является государственный орган.",
                en: "Party {bin} of the mediation is a state body: mediation does not apply where a state body is a party.",
            },
            Code::MrpYearUnknown => &Rule {
                severity: Warning,
                basis: "Republican budget law of each year sets the MRP (GR-02)",
                params: &["date"],
                kk: "{date} күні күшінде болған АЕК мәні белгісіз: АЕК-пен берілген шектер тексерілмеді.",
                ru: "МРП, действовавший на {date}, неизвестен: пороги в МРП не проверены.",
                en: "The MRP in force on {date} is unknown: limits in MRP were not checked.",
            },
            Code::NgoAreaNotDeclared => &Rule {
                severity: Warning,
                basis: "Design: the organisation's declared activity areas should include the area it is funded for",
                params: &["bin", "area"],
                kk: "{bin} ұйымы «{area}» бағытын өз қызмет салалары қатарында көрсетпеген.",
                ru: "Организация {bin} не указала сферу «{area}» среди своих направлений деятельности.",
                en: "Organisation {bin} has not declared the area {area} among its activities.",
            },
            Code::NgoDatabaseNotSubmitted => &Rule {
                severity: Error,
                basis: "NCO Law Art. 41 §5; MCS Order 19.02.2016 No. 51: report to the NGO database by 31 March; not in the database means no SSO, grants or awards (DB-01, SSO-02)",
                params: &["bin", "year", "due"],
                kk: "{bin} ұйымы {year} жылға ҮЕҰ дерекқорына мәліметтерді мерзімінде ({due} дейін) ұсынбаған.",
                ru: "Организация {bin} не представила сведения в базу данных НПО за {year} год в срок (до {due}).",
                en: "Organisation {bin} did not report to the NGO database for {year} by the due date ({due}).",
            },
            Code::NgoDisqualified => &Rule {
                severity: Error,
                basis: "Public-procurement disqualifiers applied to NGOs (SSO-10; unverified which apply)",
                params: &["bin", "kind", "from"],
                kk: "{bin} ұйымына {from} бастап шектеу қолданылады: {kind}.",
                ru: "В отношении организации {bin} с {from} действует ограничение: {kind}.",
                en: "Organisation {bin} is disqualified since {from}: {kind}.",
            },
            Code::NgoLegalFormExcluded => &Rule {
                severity: Error,
                basis: "SSO Law Art. 1: political parties, trade unions, religious associations and state institutions are not NGOs (SSO-01)",
                params: &["bin", "legal_form"],
                kk: "{bin} ұйымы ҮЕҰ бола алмайды: ұйымдық-құқықтық нысаны «{legal_form}».",
                ru: "Организация {bin} не может быть НПО: организационно-правовая форма «{legal_form}».",
                en: "Organisation {bin} cannot be an NGO: its legal form is {legal_form}.",
            },
            Code::NgoLegalFormUnknown => &Rule {
                severity: Error,
                basis: "Classifier of legal forms in force at the date",
                params: &["bin", "legal_form", "date"],
                kk: "{bin} ұйымының «{legal_form}» нысаны {date} күнгі жіктеуіште жоқ.",
                ru: "Форма «{legal_form}» организации {bin} отсутствует в классификаторе на {date}.",
                en: "Legal form {legal_form} of organisation {bin} is not in the classifier on {date}.",
            },
            Code::NgoRegistrationTooRecent => &Rule {
                severity: Error,
                basis: "Criteria profile: minimum time since registration (off unless the profile sets it)",
                params: &["bin", "registered_on", "min_months"],
                kk: "{bin} ұйымы {registered_on} тіркелген: кемінде {min_months} ай өтуі керек.",
                ru: "Организация {bin} зарегистрирована {registered_on}: требуется не менее {min_months} мес.",
                en: "Organisation {bin} was registered on {registered_on}; at least {min_months} months are required.",
            },
            Code::NgoStatusNotActive => &Rule {
                severity: Error,
                basis: "Register of NGOs: only an active organisation may take part (ministry statistics, S17)",
                params: &["bin", "status"],
                kk: "{bin} ұйымы белсенді емес: мәртебесі «{status}».",
                ru: "Организация {bin} не действует: статус «{status}».",
                en: "Organisation {bin} is not active: its status is {status}.",
            },
            Code::OrderAreaUnknown => &Rule {
                severity: Error,
                basis: "SSO Law Art. 5 §1: the areas of the state social order, in the version in force (SSO-04)",
                params: &["area", "date"],
                kk: "«{area}» бағыты {date} күні күшінде болған тізбеде жоқ.",
                ru: "Сферы «{area}» нет в перечне, действовавшем на {date}.",
                en: "Area {area} is not in the list in force on {date}.",
            },
            Code::OrderBudgetNotPositive => &Rule {
                severity: Error,
                basis: "SSO Law Art. 1 def. 2: the order is paid from the budget",
                params: &[],
                kk: "Әлеуметтік тапсырыстың бюджеті нөлге тең.",
                ru: "Бюджет социального заказа равен нулю.",
                en: "The social order has a budget of zero.",
            },
            Code::OrderCustomerNotStateBody => &Rule {
                severity: Error,
                basis: "SSO Law Art. 1 def. 3-1: the customer is a central or local executive body (SSO-07)",
                params: &["customer"],
                kk: "Тапсырыс беруші {customer} мемлекеттік органдар тізімінде жоқ.",
                ru: "Заказчик {customer} не значится среди государственных органов.",
                en: "The customer {customer} is not a state body of the dataset.",
            },
            Code::OrderRegionUnknown => &Rule {
                severity: Error,
                basis: "KATO in force at the date (SSO-09)",
                params: &["region", "date"],
                kk: "{region} аумағы {date} күнгі ӘАОЖ-да жоқ.",
                ru: "Территории {region} нет в КАТО на {date}.",
                en: "Region {region} is not in KATO on {date}.",
            },
            Code::BodyMemberUnidentified => &Rule {
                severity: Error,
                basis: "Design (law-sources §12): a member of a body is identified by the organisation it represents or by its public role, never by a person's name or individual number",
                params: &["since"],
                kk: "Мүше (мүшелігі {since} бастап) ұйыммен де, қоғамдық рөлмен де көрсетілмеген.",
                ru: "Член органа (с {since}) не указан ни организацией, ни общественной ролью.",
                en: "A member (since {since}) is named by neither an organisation nor a public role.",
            },
            Code::BodyPublicCouncilMeetingClosed => &Rule {
                severity: Error,
                basis: "Law 02.11.2015 No. 383-V on public councils, Art. 13 (EN transl., zakonpravo.kz): the meetings of a public council are open (V)",
                params: &["date"],
                kk: "Қоғамдық кеңестің {date} отырысы ашық өткізілмеген.",
                ru: "Заседание общественного совета {date} проведено не открыто.",
                en: "The public council's meeting of {date} was not open.",
            },
            Code::BodyPublicCouncilMemberRepeated => &Rule {
                severity: Error,
                basis: "Law 02.11.2015 No. 383-V on public councils, Art. 9 (EN transl., zakonpravo.kz): one representative of each non-commercial organisation (V)",
                params: &["bin"],
                kk: "{bin} ұйымының қоғамдық кеңесте бір мезгілде бірнеше өкілі бар.",
                ru: "У организации {bin} в общественном совете одновременно несколько представителей.",
                en: "Organisation {bin} has more than one representative on the public council at the same time.",
            },
            Code::BodyPublicCouncilSizeOutOfRange => &Rule {
                severity: Error,
                basis: "Law 02.11.2015 No. 383-V on public councils, Art. 9 (EN transl., zakonpravo.kz): 15 to 30 members at a ministry (V); the bounds are the profile's public_council_members, checked on central state bodies",
                params: &["found", "min", "max"],
                kk: "Министрлік жанындағы қоғамдық кеңесте {found} мүше бар: {min}–{max} болуы керек.",
                ru: "В общественном совете при министерстве {found} членов: должно быть от {min} до {max}.",
                en: "The ministry's public council has {found} members: it must have {min} to {max}.",
            },
            Code::PartnershipAmountNotPositive => &Rule {
                severity: Error,
                basis: "Design (law-sources §8: the amount article was not read, U): a state order is paid, so its amount is above zero",
                params: &["amount"],
                kk: "Стратегиялық әріптестікке арналған мемлекеттік тапсырыстың сомасы нөлге тең.",
                ru: "Сумма государственного заказа на реализацию стратегического партнерства равна нулю.",
                en: "The state order for strategic partnership has an amount of zero.",
            },
            Code::PartnershipDateBeforeInstrument => &Rule {
                severity: Error,
                basis: "Law 04.07.2022 No. 134-VII brought the instrument into the Law 36-III; its first rules (Government Decree 31.12.2022 No. 1139) came into force on 1 January 2023 (adilet P2200001139, V); the days are the profile's partnership_rules",
                params: &["agreement_date", "first"],
                kk: "Стратегиялық әріптестік шарты {agreement_date} жасалған — құралдың алғашқы қағидалары {first} бастап қолданылады.",
                ru: "Соглашение о стратегическом партнерстве заключено {agreement_date} — первые правила инструмента действуют с {first}.",
                en: "The strategic partnership agreement is dated {agreement_date}, before the instrument's first rules came into force ({first}).",
            },
            Code::PartnershipLegalBasisNotInForce => &Rule {
                severity: Error,
                basis: "Rules of the state order for strategic partnership: Government Decree 31.12.2022 No. 1139 (repealed by Decree 28.07.2023 No. 620), then MISD Order 15.06.2023 No. 248-НҚ (reg. 32852) (law-sources §8, V; the days each is in force are the profile's partnership_rules, P)",
                params: &["legal_basis", "agreement_date", "in_force"],
                kk: "Тапсырыс {legal_basis} қағидаларына сүйенеді, бірақ {agreement_date} күні қолданыстағы қағидалар: {in_force}.",
                ru: "Заказ основан на правилах {legal_basis}, но на {agreement_date} действуют правила: {in_force}.",
                en: "The order rests on the rules {legal_basis}, but the rules in force on {agreement_date} are: {in_force}.",
            },
            Code::PlanApprovalBeforeDiscussionEnd => &Rule {
                severity: Error,
                basis: "Grant rules (before 2025, cisc.kz): the plan is approved after the public discussion of its topics; for the plan of the social order, the order of its lifecycle (drafted → public_discussion → approved)",
                params: &["approved_on", "discussion_end"],
                kk: "Жоспар {approved_on} бекітілген — жария талқылау аяқталғанға дейін ({discussion_end}).",
                ru: "План утверждён {approved_on} — до окончания публичного обсуждения ({discussion_end}).",
                en: "The plan was approved on {approved_on}, before its public discussion ended ({discussion_end}).",
            },
            Code::PlanTopicsExceedBudget => &Rule {
                severity: Error,
                basis: "Design: the topics of a plan share its budget (Pelican-style sum check)",
                params: &["sum", "budget"],
                kk: "Жоспар тақырыптарының сомасы {sum} жоспар бюджетінен {budget} асып түседі.",
                ru: "Сумма по темам плана {sum} превышает бюджет плана {budget}.",
                en: "The plan's topics add up to {sum}, more than its budget of {budget}.",
            },
            Code::PrivacyEmailInText => &Rule {
                severity: Warning,
                basis: "Law of the RK on personal data: contacts of private persons are not published",
                params: &["field"],
                kk: "{field} мәтінінде электрондық пошта мекенжайы бар: жеке тұлғаның байланысы жарияланбауы тиіс.",
                ru: "В тексте {field} есть адрес электронной почты: контакты частных лиц не публикуются.",
                en: "The text of {field} contains an e-mail address: private persons' contacts are not published.",
            },
            Code::PrivacyMasked => &Rule {
                severity: Info,
                basis: "Law of the RK on personal data: an individual's IIN and private contacts are never published",
                params: &["field"],
                kk: "{field} мәтініндегі жеке деректер ашық деректерде жасырылды.",
                ru: "Персональные данные в тексте {field} скрыты в открытых данных.",
                en: "The personal data in the text of {field} were masked in the open data.",
            },
            Code::PrivacyPersonalId => &Rule {
                severity: Error,
                basis: "Law of the RK on personal data: an individual's IIN is never published",
                params: &["field"],
                kk: "{field} мәтінінде жеке сәйкестендіру нөмірі (ЖСН) бар: ол жарияланбайды.",
                ru: "В тексте {field} есть индивидуальный идентификационный номер (ИИН): он не публикуется.",
                en: "The text of {field} contains an individual identification number (IIN): it is never published.",
            },
            Code::ProjectAmountExceedsOrder => &Rule {
                severity: Error,
                basis: "SSO Law: the contract is within the budget of the order",
                params: &["amount", "budget"],
                kk: "Сома {amount} әлеуметтік тапсырыстың бюджетінен {budget} асады.",
                ru: "Сумма {amount} превышает бюджет социального заказа {budget}.",
                en: "The amount of {amount} exceeds the social order's budget of {budget}.",
            },
            Code::ProjectDurationOutOfRange => &Rule {
                severity: Error,
                basis: "SSO Law Art. 1 1-1): a social project is implemented within one year and up to three years (SSO-03)",
                params: &["months", "range"],
                kk: "Әлеуметтік жобаның мерзімі {months} ай: {range} ай болуы керек.",
                ru: "Срок социального проекта {months} мес.: должен быть {range} мес.",
                en: "The social project runs {months} months; it must run {range} months.",
            },
            Code::ProjectIndicatorsMissing => &Rule {
                severity: Error,
                basis: "SSO Rules: formation states the expected results",
                params: &[],
                kk: "Күтілетін нәтижелердің көрсеткіштері берілмеген.",
                ru: "Не заданы показатели ожидаемых результатов.",
                en: "No indicators of expected results are given.",
            },
            Code::ProjectMilestoneOutsidePeriod => &Rule {
                severity: Warning,
                basis: "Design: milestones fall inside the project period",
                params: &["milestone", "due_date", "start", "end"],
                kk: "{milestone} кезеңінің мерзімі {due_date} жоба кезеңінен ({start} – {end}) тыс.",
                ru: "Срок этапа {milestone} {due_date} вне периода проекта ({start} – {end}).",
                en: "Milestone {milestone} is due {due_date}, outside the project period ({start} – {end}).",
            },
            Code::ProjectPeriodInverted => &Rule {
                severity: Error,
                basis: "Design: a period ends after it starts",
                params: &["start", "end"],
                kk: "Кезең аяқталуы ({end}) басталуынан ({start}) бұрын.",
                ru: "Период заканчивается ({end}) раньше, чем начинается ({start}).",
                en: "The period ends ({end}) before it starts ({start}).",
            },
            Code::RefDangling => &Rule {
                severity: Error,
                basis: "Design: every reference resolves inside the dataset (Pelican party-reference checks)",
                params: &["kind", "id"],
                kk: "{kind} {id} сілтемесі деректер жиынында жоқ жазбаға нұсқайды.",
                ru: "Ссылка на {kind} {id} указывает на запись, которой нет в наборе данных.",
                en: "The reference to {kind} {id} points to a record that is not in the dataset.",
            },
            Code::ShapeEmail => &Rule {
                severity: Error,
                basis: "engo-model shape limits",
                params: &[],
                kk: "Электрондық пошта мекенжайы дұрыс емес.",
                ru: "Неверный адрес электронной почты.",
                en: "The e-mail address is not valid.",
            },
            Code::ShapeLength => &Rule {
                severity: Error,
                basis: "engo-model shape limits",
                params: &[],
                kk: "Мәтіннің немесе тізімнің ұзындығы шектен тыс.",
                ru: "Длина текста или списка вне допустимых пределов.",
                en: "The length of the text or list is out of bounds.",
            },
            Code::ShapeRange => &Rule {
                severity: Error,
                basis: "engo-model shape limits",
                params: &[],
                kk: "Мән рұқсат етілген аралықтан тыс.",
                ru: "Значение вне допустимого диапазона.",
                en: "The value is out of the allowed range.",
            },
            Code::ShapeSchemaVersion => &Rule {
                severity: Error,
                basis: "engo dataset format",
                params: &["expected", "found"],
                kk: "Деректер пішімінің нұсқасы {found}, күтілгені {expected}.",
                ru: "Версия формата данных {found}, ожидается {expected}.",
                en: "The dataset format version is {found}; expected {expected}.",
            },
            Code::ShapeUrl => &Rule {
                severity: Error,
                basis: "engo-model shape limits",
                params: &[],
                kk: "Веб-мекенжай дұрыс емес.",
                ru: "Неверный веб-адрес.",
                en: "The URL is not valid.",
            },
            Code::StageChainBroken => &Rule {
                severity: Error,
                basis: "engo-stages: the audit log is one SHA-256 hash chain (engo_stages::chain); a published history is never rewritten",
                params: &["index", "machine", "entity", "seq", "expected", "found"],
                kk: "{machine} {entity}, {seq}-оқиға (журналдағы №{index}): журналдың хэш тізбегі үзілген — оқиға алдыңғы оқиғаның хэші ретінде {found} сақтайды, ал алдыңғы оқиғаның хэші {expected}. Осы жерде оқиға өзгертілген, жойылған, қосылған немесе орны ауыстырылған.",
                ru: "{machine} {entity}, событие {seq} (№{index} в журнале): цепочка хешей журнала нарушена — событие хранит {found} как хеш предыдущего, а хеш предыдущего события {expected}. Здесь событие изменено, удалено, вставлено или переставлено.",
                en: "{machine} {entity}, event {seq} (#{index} of the log): the log's hash chain is broken — the event carries {found} as the hash of the event before it, which hashes to {expected}. An event was changed, removed, inserted or moved here.",
            },
            Code::StageGuardFailed => &Rule {
                severity: Error,
                basis: "engo-stages: a transition's guards must pass against the dataset",
                params: &["machine", "entity", "event", "guard", "codes"],
                kk: "{machine} {entity}: «{event}» оқиғасы «{guard}» шартынан өтпеді ({codes}).",
                ru: "{machine} {entity}: событие «{event}» не прошло условие «{guard}» ({codes}).",
                en: "{machine} {entity}: event {event} failed guard {guard} ({codes}).",
            },
            Code::StageReplayMismatch => &Rule {
                severity: Error,
                basis: "engo-stages: the stage reached by the log must equal the stage the record states",
                params: &["machine", "entity", "replayed", "recorded"],
                kk: "{machine} {entity}: оқиғалар журналы «{replayed}» кезеңіне жеткізеді, ал жазбада «{recorded}».",
                ru: "{machine} {entity}: журнал событий приводит к стадии «{replayed}», а в записи указана «{recorded}».",
                en: "{machine} {entity}: the event log reaches {replayed}, but the record states {recorded}.",
            },
            Code::StageSequenceGap => &Rule {
                severity: Error,
                basis: "engo-stages: sequence numbers are continuous per record",
                params: &["entity", "expected", "found"],
                kk: "{entity}: оқиға нөмірі {found}, күтілгені {expected}.",
                ru: "{entity}: номер события {found}, ожидался {expected}.",
                en: "{entity}: event number {found}, expected {expected}.",
            },
            Code::StageTimeBackwards => &Rule {
                severity: Error,
                basis: "engo-stages: the time of a record's events does not go backwards",
                params: &["entity", "previous", "found"],
                kk: "{entity}: оқиға уақыты {found} алдыңғы оқиғадан ({previous}) ерте.",
                ru: "{entity}: время события {found} раньше предыдущего ({previous}).",
                en: "{entity}: event time {found} is before the previous event ({previous}).",
            },
            Code::StageTransitionNotAllowed => &Rule {
                severity: Error,
                basis: "engo-stages: the transition tables",
                params: &["machine", "entity", "stage", "event"],
                kk: "{machine} {entity}: «{stage}» кезеңінде «{event}» оқиғасына жол берілмейді.",
                ru: "{machine} {entity}: на стадии «{stage}» событие «{event}» недопустимо.",
                en: "{machine} {entity}: event {event} is not allowed in stage {stage}.",
            },
            Code::StageWinnerUnknown => &Rule {
                severity: Error,
                basis: "SSO Law Art. 5, 6-1, 6-2: the winner, recipient or laureate must be eligible; the log and the dataset name none",
                params: &["machine", "entity"],
                kk: "{machine} {entity}: оқиға жеңімпазды көрсетпейді, деректерде де жеңімпаз жоқ — оның сәйкестігін тексеру мүмкін емес.",
                ru: "{machine} {entity}: событие не называет победителя, и в данных его нет — соответствие победителя проверить нельзя.",
                en: "{machine} {entity}: the event names no winner and the dataset records none, so the winner's eligibility cannot be checked.",
            },
            Code::VolunteeringHeldWithoutVolunteers => &Rule {
                severity: Warning,
                basis: "Law 30.12.2016 No. 42-VI Art. 1 3)-4) (adilet Z1600000042, V): volunteer actions and programmes are carried out by volunteers; a held one with none counted is incomplete (design: engo publishes the count, never the persons)",
                params: &[],
                kk: "Волонтерлік бағдарлама (акция) өткізілді деп көрсетілген, бірақ волонтерлер саны нөлге тең.",
                ru: "Волонтёрская программа (акция) указана как проведённая, но число волонтёров равно нулю.",
                en: "The volunteer programme or action is marked held, but it counts no volunteers.",
            },
        }
    }
}

/// The rule of a code given as text (a criteria profile names codes as text).
pub(crate) fn rule(code: &str) -> Option<&'static Rule> {
    code.parse::<Code>().ok().map(Code::rule)
}
