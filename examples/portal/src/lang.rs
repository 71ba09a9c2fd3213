//! The language of a response: `Accept-Language` (kk, ru, en), and the portal's own messages.

use engo::model::Lang;

/// The language used when `Accept-Language` names none of kk, ru, en: Kazakh, the state
/// language.
pub(crate) const DEFAULT: Lang = Lang::Kk;

/// The best of kk, ru and en in an `Accept-Language` header (RFC 9110 §12.5.4): the highest
/// `q`, the first on a tie; region subtags are ignored (`ru-RU` is `ru`). `None` or a header
/// that names none of them gives [`DEFAULT`].
pub(crate) fn negotiate(header: Option<&str>) -> Lang {
    let Some(header) = header else {
        return DEFAULT;
    };
    let mut best: Option<(u16, Lang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let primary = tag.split('-').next().unwrap_or_default();
        let Ok(lang) = primary.to_ascii_lowercase().parse::<Lang>() else {
            continue;
        };
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(1000, quality);
        if q > 0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, lang));
        }
    }
    best.map_or(DEFAULT, |(_, lang)| lang)
}

/// A `q` value in thousandths (`0.8` → 800); malformed is 0 (not acceptable).
fn quality(text: &str) -> u16 {
    let text = text.trim();
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let int = match int {
        "0" => 0,
        "1" => 1000,
        _ => return 0,
    };
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let thousandths = format!("{frac:0<3}").parse::<u16>().unwrap_or(0);
    (int + thousandths).min(1000)
}

/// A message of the portal itself (the engo findings carry their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Text {
    /// `{what} {id}` is not in the register.
    NotFound,
    /// The request could not be read: `{reason}`.
    Malformed,
    /// The guards of `{transition}` failed.
    GuardFailed,
    /// Something failed inside the service.
    Internal,
    /// No route.
    NoRoute,
}

impl Text {
    /// The template in `lang`; `{what}`, `{id}`, `{reason}` and `{transition}` are filled by
    /// [`render`].
    fn template(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Text::NotFound, Lang::Kk) => "Табылмады: {what} {id}.",
            (Text::NotFound, Lang::Ru) => "Не найдено: {what} {id}.",
            (Text::NotFound, Lang::En) => "Not found: {what} {id}.",
            (Text::Malformed, Lang::Kk) => "Сұрау дұрыс емес: {reason}",
            (Text::Malformed, Lang::Ru) => "Некорректный запрос: {reason}",
            (Text::Malformed, Lang::En) => "Malformed request: {reason}",
            (Text::GuardFailed, Lang::Kk) => "«{transition}» өтуінің шарттары орындалмады.",
            (Text::GuardFailed, Lang::Ru) => "Условия перехода «{transition}» не выполнены.",
            (Text::GuardFailed, Lang::En) => "The guards of transition {transition} failed.",
            (Text::Internal, Lang::Kk) => "Сервистің ішкі қатесі.",
            (Text::Internal, Lang::Ru) => "Внутренняя ошибка сервиса.",
            (Text::Internal, Lang::En) => "Internal error of the service.",
            (Text::NoRoute, Lang::Kk) => "Мұндай мекенжай жоқ: {id}.",
            (Text::NoRoute, Lang::Ru) => "Такого адреса нет: {id}.",
            (Text::NoRoute, Lang::En) => "No such resource: {id}.",
        }
    }
}

/// `text` in `lang` with its parameters filled.
pub(crate) fn render(text: Text, lang: Lang, params: &[(&str, &str)]) -> String {
    let mut out = text.template(lang).to_owned();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_the_best_supported_language() {
        assert_eq!(negotiate(None), Lang::Kk);
        assert_eq!(negotiate(Some("ru")), Lang::Ru);
        assert_eq!(negotiate(Some("ru-RU,ru;q=0.9,en;q=0.8")), Lang::Ru);
        assert_eq!(negotiate(Some("de, en;q=0.5, kk;q=0.7")), Lang::Kk);
        assert_eq!(negotiate(Some("EN-gb")), Lang::En);
        assert_eq!(negotiate(Some("fr, *;q=0.1")), Lang::Kk);
        assert_eq!(negotiate(Some("ru;q=0, en")), Lang::En);
        assert_eq!(negotiate(Some("ru;q=0.25, en;q=0.250")), Lang::Ru);
        assert_eq!(negotiate(Some("ru;q=x, en;q=0.1")), Lang::En);
    }

    #[test]
    fn renders_every_text_in_every_language() {
        for text in [
            Text::NotFound,
            Text::Malformed,
            Text::GuardFailed,
            Text::Internal,
            Text::NoRoute,
        ] {
            for lang in [Lang::Kk, Lang::Ru, Lang::En] {
                let s = render(
                    text,
                    lang,
                    &[
                        ("what", "w"),
                        ("id", "i"),
                        ("reason", "r"),
                        ("transition", "t"),
                    ],
                );
                assert!(!s.contains('{'), "{s}");
            }
        }
    }
}
