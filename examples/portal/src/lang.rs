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
    /// No valid credentials: `{reason}`.
    Unauthorized,
    /// `{bin}` may not make `{event}` on `{machine}` `{id}`; `{roles}` may.
    Forbidden,
    /// Too many writes; retry in `{seconds}`.
    RateLimited,
    /// Too many connections from one client.
    TooManyConnections,
    /// The service is busy (a queue or a cap is full).
    Busy,
    /// Method `{method}` is not allowed on `{id}`.
    MethodNotAllowed,
    /// The body is over `{limit}` bytes.
    PayloadTooLarge,
    /// The URI is over `{limit}` bytes.
    UriTooLong,
    /// The headers are over `{limit}` bytes.
    HeadersTooLarge,
    /// The body is `{found}`, not JSON.
    UnsupportedMediaType,
    /// The request did not arrive in time.
    Timeout,
    /// Any other failure, by `{status}`.
    Failed,
    /// Mediation cases are confidential: only their figures are published.
    Confidential,
}

impl Text {
    /// Every text.
    #[cfg(test)]
    pub(crate) const ALL: [Text; 18] = [
        Text::NotFound,
        Text::Malformed,
        Text::GuardFailed,
        Text::Internal,
        Text::NoRoute,
        Text::Unauthorized,
        Text::Forbidden,
        Text::RateLimited,
        Text::TooManyConnections,
        Text::Busy,
        Text::MethodNotAllowed,
        Text::PayloadTooLarge,
        Text::UriTooLong,
        Text::HeadersTooLarge,
        Text::UnsupportedMediaType,
        Text::Timeout,
        Text::Failed,
        Text::Confidential,
    ];

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
            (Text::Unauthorized, Lang::Kk) => "Жарамды тіркелгі деректері қажет: {reason}.",
            (Text::Unauthorized, Lang::Ru) => "Требуются действительные учётные данные: {reason}.",
            (Text::Unauthorized, Lang::En) => "Valid credentials are required: {reason}.",
            (Text::Forbidden, Lang::Kk) => {
                "{bin} ұйымы {machine} {id} жазбасына «{event}» оқиғасын жасай алмайды (қажетті рөл: {roles})."
            }
            (Text::Forbidden, Lang::Ru) => {
                "Организация {bin} не может совершить событие «{event}» над {machine} {id} (нужна роль: {roles})."
            }
            (Text::Forbidden, Lang::En) => {
                "Organisation {bin} may not make event {event} on {machine} {id} (role needed: {roles})."
            }
            (Text::RateLimited, Lang::Kk) => {
                "Жазбалар тым жиі: {seconds} секундтан кейін қайталаңыз."
            }
            (Text::RateLimited, Lang::Ru) => "Слишком много записей: повторите через {seconds} с.",
            (Text::RateLimited, Lang::En) => "Too many writes: retry in {seconds} s.",
            (Text::TooManyConnections, Lang::Kk) => "Бір клиенттен қосылымдар тым көп.",
            (Text::TooManyConnections, Lang::Ru) => "Слишком много соединений от одного клиента.",
            (Text::TooManyConnections, Lang::En) => "Too many connections from one client.",
            (Text::Busy, Lang::Kk) => "Сервис бос емес, кейінірек қайталаңыз.",
            (Text::Busy, Lang::Ru) => "Сервис занят, повторите позже.",
            (Text::Busy, Lang::En) => "The service is busy; retry later.",
            (Text::MethodNotAllowed, Lang::Kk) => "{method} әдісіне {id} үшін рұқсат жоқ.",
            (Text::MethodNotAllowed, Lang::Ru) => "Метод {method} не разрешён для {id}.",
            (Text::MethodNotAllowed, Lang::En) => "Method {method} is not allowed on {id}.",
            (Text::PayloadTooLarge, Lang::Kk) => "Сұрау денесі тым үлкен (ең көбі {limit} байт).",
            (Text::PayloadTooLarge, Lang::Ru) => {
                "Тело запроса слишком велико (не более {limit} байт)."
            }
            (Text::PayloadTooLarge, Lang::En) => {
                "The request body is too large (at most {limit} bytes)."
            }
            (Text::UriTooLong, Lang::Kk) => "Мекенжай тым ұзын (ең көбі {limit} байт).",
            (Text::UriTooLong, Lang::Ru) => "Адрес слишком длинный (не более {limit} байт).",
            (Text::UriTooLong, Lang::En) => "The URI is too long (at most {limit} bytes).",
            (Text::HeadersTooLarge, Lang::Kk) => "Тақырыптар тым үлкен (ең көбі {limit} байт).",
            (Text::HeadersTooLarge, Lang::Ru) => {
                "Заголовки слишком велики (не более {limit} байт)."
            }
            (Text::HeadersTooLarge, Lang::En) => {
                "The request headers are too large (at most {limit} bytes)."
            }
            (Text::UnsupportedMediaType, Lang::Kk) => {
                "Сұрау денесі application/json болуы керек, берілгені: {found}."
            }
            (Text::UnsupportedMediaType, Lang::Ru) => {
                "Тело запроса должно быть application/json, получено: {found}."
            }
            (Text::UnsupportedMediaType, Lang::En) => {
                "The request body must be application/json, found: {found}."
            }
            (Text::Timeout, Lang::Kk) => "Сұрау уақытында келмеді.",
            (Text::Timeout, Lang::Ru) => "Запрос не получен вовремя.",
            (Text::Timeout, Lang::En) => "The request did not arrive in time.",
            (Text::Failed, Lang::Kk) => "Сұрау орындалмады ({status}).",
            (Text::Failed, Lang::Ru) => "Запрос не выполнен ({status}).",
            (Text::Failed, Lang::En) => "The request failed ({status}).",
            (Text::Confidential, Lang::Kk) => {
                "Медиация құпия: істер жарияланбайды, тек олардың жиынтық көрсеткіштері (/open-data/mediation)."
            }
            (Text::Confidential, Lang::Ru) => {
                "Медиация конфиденциальна: дела не публикуются, только их сводные показатели (/open-data/mediation)."
            }
            (Text::Confidential, Lang::En) => {
                "Mediation is confidential: its cases are not published, only their aggregate figures (/open-data/mediation)."
            }
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
        for text in Text::ALL {
            for lang in [Lang::Kk, Lang::Ru, Lang::En] {
                let s = render(
                    text,
                    lang,
                    &[
                        ("what", "w"),
                        ("id", "i"),
                        ("reason", "r"),
                        ("transition", "t"),
                        ("bin", "b"),
                        ("event", "e"),
                        ("machine", "m"),
                        ("roles", "r"),
                        ("seconds", "s"),
                        ("method", "m"),
                        ("limit", "l"),
                        ("found", "f"),
                        ("status", "s"),
                    ],
                );
                assert!(!s.contains('{'), "{s}");
            }
        }
    }
}
