//! Strategies for text in Kazakh and Russian.

use proptest::prelude::*;

use crate::{Lang, LocalizedText};

/// Kazakh words with every letter particular to Kazakh (ә ғ қ ң ө ұ ү һ і).
const KK_WORDS: &[&str] = &[
    "әлеуметтік",
    "жоба",
    "ғылым",
    "қоғамдық",
    "бірлестік",
    "жастар",
    "өңір",
    "ұйым",
    "үкіметтік",
    "емес",
    "қор",
    "білім",
    "денсаулық",
    "мәдениет",
    "Һәм",
    "ауыл",
    "көшбасшы",
    "отбасы",
    "мұра",
    "құқық",
    "тәрбие",
    "еріктілер",
    "қайырымдылық",
    "Алматы",
    "Астана",
    "Шымкент",
    "Түркістан",
    "Ұлытау",
    "Жетісу",
    "Маңғыстау",
    "Өскемен",
    "бағдарлама",
    "орталығы",
];

/// Russian words.
const RU_WORDS: &[&str] = &[
    "социальный",
    "проект",
    "общественное",
    "объединение",
    "фонд",
    "молодёжь",
    "поддержка",
    "образование",
    "здоровье",
    "культура",
    "наследие",
    "права",
    "волонтёры",
    "благотворительность",
    "семья",
    "программа",
    "развитие",
    "центр",
    "региона",
    "Алматы",
    "Астана",
    "Шымкент",
];

fn words(
    list: &'static [&'static str],
    n: std::ops::RangeInclusive<usize>,
) -> BoxedStrategy<String> {
    prop::collection::vec(prop::sample::select(list), n)
        .prop_map(|w| w.join(" "))
        .boxed()
}

/// Kazakh text of a few words.
pub fn kk_text() -> BoxedStrategy<String> {
    words(KK_WORDS, 1..=8)
}

/// Russian text of a few words.
pub fn ru_text() -> BoxedStrategy<String> {
    words(RU_WORDS, 1..=8)
}

/// Text with Kazakh, Russian, both, and sometimes English.
pub fn localized_text() -> BoxedStrategy<LocalizedText> {
    (
        prop::option::of(kk_text()),
        ru_text(),
        any::<bool>(),
        prop::option::of("[A-Z][a-z]{2,12}( [a-z]{2,10}){0,4}"),
    )
        .prop_map(|(kk, ru, keep_ru, en)| {
            let ru = (kk.is_none() || keep_ru).then_some(ru);
            LocalizedText::from_parts(kk, ru, en).unwrap()
        })
        .boxed()
}

/// A language.
pub fn lang() -> BoxedStrategy<Lang> {
    prop::sample::select(Lang::ALL.to_vec()).boxed()
}
