//! Names of coded values in Kazakh, Russian and English, for messages: a registry status, a
//! disqualification, a grant term or kind, a language, an evaluation criterion.

use engo_model::Lang;

/// (code, kk, ru, en), sorted by code.
static NAMES: &[(&str, &str, &str, &str)] = &[
    ("active", "белсенді", "действующая", "active"),
    ("budget", "бюджет", "бюджет", "the budget"),
    (
        "continuation",
        "қызметті жалғастыру ықтималдығы",
        "вероятность продолжения деятельности",
        "likelihood of continuation",
    ),
    (
        "court_ban",
        "соттың тыйым салуы",
        "судебный запрет",
        "a court ban",
    ),
    ("en", "ағылшын тілі", "английский язык", "English"),
    (
        "extra_budgetary",
        "бюджеттен тыс қаражат",
        "внебюджетные средства",
        "extra-budgetary money",
    ),
    (
        "in_liquidation",
        "таратылу үстінде",
        "в процессе ликвидации",
        "in liquidation",
    ),
    (
        "inactive",
        "қызметін тоқтатқан",
        "бездействующая",
        "inactive",
    ),
    ("kk", "қазақ тілі", "казахский язык", "Kazakh"),
    ("liquidated", "таратылған", "ликвидирована", "liquidated"),
    ("long", "ұзақ мерзімді", "долгосрочный", "long-term"),
    (
        "long_term_impact",
        "ұзақ мерзімді әлеуметтік әсер",
        "долгосрочный социальный эффект",
        "long-term impact",
    ),
    ("medium", "орта мерзімді", "среднесрочный", "medium-term"),
    ("met", "орындалды", "выполнен", "met"),
    (
        "non_state",
        "мемлекеттік емес",
        "негосударственный",
        "non-state",
    ),
    ("not_met", "орындалмады", "не выполнен", "not met"),
    (
        "partially_met",
        "ішінара орындалды",
        "выполнен частично",
        "partially met",
    ),
    (
        "plan_fulfilment",
        "жоспардың орындалуы",
        "выполнение плана",
        "plan fulfilment",
    ),
    ("registered", "тіркелген", "зарегистрирована", "registered"),
    ("relevance", "өзектілігі", "актуальность", "relevance"),
    ("result", "жобаның нәтижесі", "результат проекта", "result"),
    ("ru", "орыс тілі", "русский язык", "Russian"),
    ("scheduled", "жоспарланған", "запланирован", "scheduled"),
    ("short", "қысқа мерзімді", "краткосрочный", "short-term"),
    ("state", "мемлекеттік", "государственный", "state"),
    (
        "suspended",
        "қызметі тоқтатылған",
        "приостановлена",
        "suspended",
    ),
    (
        "tax_arrears",
        "салық берешегі",
        "налоговая задолженность",
        "tax arrears",
    ),
    (
        "unreliable_supplier",
        "жосықсыз өнім берушілер тізілімі",
        "реестр недобросовестных поставщиков",
        "the register of unreliable suppliers",
    ),
];

/// Parameters whose values are codes with names.
pub(crate) const NAMED_PARAMS: &[&str] = &[
    "criterion",
    "funding",
    "kind",
    "language",
    "missing",
    "status",
    "term",
];

/// The name of `code` in `lang`, if it has one.
///
/// ```
/// use engo_model::Lang;
/// assert_eq!(engo_criteria::names::name("suspended", Lang::Kk), Some("қызметі тоқтатылған"));
/// assert_eq!(engo_criteria::names::name("nope", Lang::Kk), None);
/// ```
pub fn name(code: &str, lang: Lang) -> Option<&'static str> {
    let i = NAMES.binary_search_by(|(c, ..)| (*c).cmp(code)).ok()?;
    NAMES.get(i).map(|(_, kk, ru, en)| match lang {
        Lang::Kk => *kk,
        Lang::Ru => *ru,
        Lang::En => *en,
    })
}

/// `value` with every comma-separated code that has a name replaced by it.
pub(crate) fn localize(value: &str, lang: Lang) -> String {
    value
        .split(", ")
        .map(|part| name(part, lang).unwrap_or(part))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The wire name of a unit variant (`tax_arrears`, `non_state`): the code a message names.
pub(crate) fn wire_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_unique_and_complete() {
        assert!(NAMES.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)));
        for (code, kk, ru, en) in NAMES {
            assert!(!kk.is_empty() && !ru.is_empty() && !en.is_empty(), "{code}");
        }
        assert_eq!(
            localize("relevance, result", Lang::Ru),
            "актуальность, результат проекта"
        );
    }
}
