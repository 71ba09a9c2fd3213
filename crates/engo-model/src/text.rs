//! Text in Kazakh, Russian and English.

use std::{borrow::Cow, fmt, str::FromStr};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// A language of the portal: Kazakh (the state language), Russian, English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh (қазақ тілі), BCP 47 `kk`.
    Kk,
    /// Russian (русский язык), BCP 47 `ru`.
    Ru,
    /// English, BCP 47 `en`.
    En,
}

impl Lang {
    /// Every language, in the order the portal lists them.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 tag (`kk`, `ru`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The order in which [`LocalizedText::get`] looks for text when asked for `self`.
    ///
    /// Kazakh falls back to Russian, Russian to Kazakh (the two official languages of record),
    /// and English to Russian, then Kazakh.
    pub fn fallback(self) -> [Lang; 3] {
        match self {
            Lang::Kk => [Lang::Kk, Lang::Ru, Lang::En],
            Lang::Ru => [Lang::Ru, Lang::Kk, Lang::En],
            Lang::En => [Lang::En, Lang::Ru, Lang::Kk],
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is not `kk`, `ru` or `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("language must be kk, ru or en, found {0:?}")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.to_ascii_lowercase().as_str() {
            "kk" | "kaz" | "kz" => Ok(Lang::Kk),
            "ru" | "rus" => Ok(Lang::Ru),
            "en" | "eng" => Ok(Lang::En),
            _ => Err(UnknownLang(s.chars().take(20).collect())),
        }
    }
}

impl JsonSchema for Lang {
    fn schema_name() -> Cow<'static, str> {
        "Lang".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": ["kk", "ru", "en"],
            "description": "Language: kk Kazakh, ru Russian, en English.",
        })
    }
}

/// Why a [`LocalizedText`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// A language is present but its text is empty or only whitespace.
    #[error("text in {0} is empty; omit the language instead")]
    Empty(Lang),
    /// Neither Kazakh nor Russian text is present.
    #[error("text must be given in Kazakh (kk) or Russian (ru)")]
    NoKkOrRu,
    /// A language's text holds a control character (or U+FFFE/U+FFFF) that XML 1.0 cannot
    /// carry; tab, line feed and carriage return are allowed.
    #[error(
        "text in {lang} holds the character U+{code:04X}; of the control characters only tab, line feed and carriage return are allowed"
    )]
    Control {
        /// The language whose text holds it.
        lang: Lang,
        /// Its code point.
        code: u32,
    },
}

/// Whether `c` may stand in a text: every open format (XML 1.0 among them) can carry it. The
/// C0 control characters but tab, line feed and carriage return, and U+FFFE/U+FFFF, may not.
fn allowed_in_text(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The first character of `s` that no text may hold (see [`LocalizedText::from_parts`]).
fn forbidden_char(s: &str) -> Option<char> {
    s.chars().find(|c| !allowed_in_text(*c))
}

/// Deserializes one of the model's plain strings (a schema version, an announcement number, a
/// URL, an e-mail address, a criteria profile id) under the rule of every text: no control
/// character but tab, line feed and carriage return, no U+FFFE/U+FFFF. Without it a dataset
/// could read from JSON and fail to write as XML. For `#[serde(deserialize_with = "…")]`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Announcement(#[serde(deserialize_with = "engo_model::text::deserialize_plain")] String);
///
/// assert!(serde_json::from_str::<Announcement>(r#""15400321-1""#).is_ok());
/// let e = serde_json::from_str::<Announcement>(r#""15400321\u0005""#).err().unwrap();
/// assert!(e.to_string().contains("U+0005"));
/// ```
pub fn deserialize_plain<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    match forbidden_char(&s) {
        None => Ok(s),
        Some(c) => Err(serde::de::Error::custom(format_args!(
            "the text holds the character U+{:04X}; of the control characters only tab, line feed and carriage return are allowed",
            u32::from(c)
        ))),
    }
}

/// [`deserialize_plain`] for an optional string.
pub fn deserialize_plain_opt<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    struct Plain(#[serde(deserialize_with = "deserialize_plain")] String);
    Ok(Option::<Plain>::deserialize(d)?.map(|Plain(s)| s))
}

/// Text in up to three languages, with Kazakh or Russian always present.
///
/// Lengths elsewhere in engo are counted in characters, not bytes: `"Әділет"` is 6 long.
///
/// ```
/// use engo_model::{Lang, LocalizedText};
///
/// let name = LocalizedText::from_kk_ru("«Жасыл әлем» қоғамдық қоры", "Общественный фонд «Зелёный мир»")?;
/// assert_eq!(name.get(Lang::Kk), "«Жасыл әлем» қоғамдық қоры");
/// assert_eq!(name.get(Lang::En), "Общественный фонд «Зелёный мир»"); // falls back to Russian
/// assert!(LocalizedText::from_parts(None, None, Some("Only English".into())).is_err());
/// # Ok::<(), engo_model::TextError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawText")]
pub struct LocalizedText {
    #[serde(skip_serializing_if = "Option::is_none")]
    kk: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ru: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<String>,
}

/// The wire form before validation.
#[derive(Deserialize)]
struct RawText {
    #[serde(default)]
    kk: Option<String>,
    #[serde(default)]
    ru: Option<String>,
    #[serde(default)]
    en: Option<String>,
}

impl TryFrom<RawText> for LocalizedText {
    type Error = TextError;
    fn try_from(raw: RawText) -> Result<Self, TextError> {
        LocalizedText::from_parts(raw.kk, raw.ru, raw.en)
    }
}

impl LocalizedText {
    /// Text from its parts; at least one of `kk`/`ru` must be present, no part may be blank,
    /// and no part may hold a control character but tab, line feed and carriage return (nor
    /// U+FFFE/U+FFFF): what XML 1.0 cannot carry, so that every format carries every text.
    pub fn from_parts(
        kk: Option<String>,
        ru: Option<String>,
        en: Option<String>,
    ) -> Result<Self, TextError> {
        for (lang, t) in [(Lang::Kk, &kk), (Lang::Ru, &ru), (Lang::En, &en)] {
            let Some(t) = t.as_deref() else { continue };
            if t.trim().is_empty() {
                return Err(TextError::Empty(lang));
            }
            if let Some(c) = forbidden_char(t) {
                return Err(TextError::Control {
                    lang,
                    code: u32::from(c),
                });
            }
        }
        if kk.is_none() && ru.is_none() {
            return Err(TextError::NoKkOrRu);
        }
        Ok(Self { kk, ru, en })
    }

    /// Text in Kazakh and Russian.
    pub fn from_kk_ru(kk: impl Into<String>, ru: impl Into<String>) -> Result<Self, TextError> {
        Self::from_parts(Some(kk.into()), Some(ru.into()), None)
    }

    /// Text in Kazakh only.
    pub fn from_kk(kk: impl Into<String>) -> Result<Self, TextError> {
        Self::from_parts(Some(kk.into()), None, None)
    }

    /// Text in Russian only.
    pub fn from_ru(ru: impl Into<String>) -> Result<Self, TextError> {
        Self::from_parts(None, Some(ru.into()), None)
    }

    /// The same text with an English version added or replaced.
    pub fn with_en(self, en: impl Into<String>) -> Result<Self, TextError> {
        Self::from_parts(self.kk, self.ru, Some(en.into()))
    }

    /// A fixed text for internal fallbacks; `ru` must not be blank.
    pub(crate) fn ru_only(ru: &str) -> Self {
        Self {
            kk: None,
            ru: Some(ru.to_owned()),
            en: None,
        }
    }

    /// The Kazakh text, if given.
    pub fn kk(&self) -> Option<&str> {
        self.kk.as_deref()
    }

    /// The Russian text, if given.
    pub fn ru(&self) -> Option<&str> {
        self.ru.as_deref()
    }

    /// The English text, if given.
    pub fn en(&self) -> Option<&str> {
        self.en.as_deref()
    }

    /// The text in `lang` exactly, without fallback.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Kk => self.kk(),
            Lang::Ru => self.ru(),
            Lang::En => self.en(),
        }
    }

    /// The text in `lang`, or the first present in [`Lang::fallback`] order. Never empty.
    pub fn get(&self, lang: Lang) -> &str {
        lang.fallback()
            .into_iter()
            .find_map(|l| self.exact(l))
            .unwrap_or_default()
    }

    /// Every language present with its text, in `kk`, `ru`, `en` order.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        Lang::ALL
            .into_iter()
            .filter_map(|l| self.exact(l).map(|t| (l, t)))
    }

    /// The length in characters of the longest language version.
    pub fn max_chars(&self) -> usize {
        self.iter()
            .map(|(_, t)| t.chars().count())
            .max()
            .unwrap_or(0)
    }
}

impl fmt::Debug for LocalizedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("LocalizedText");
        for (lang, t) in self.iter() {
            d.field(lang.code(), &t);
        }
        d.finish()
    }
}

impl fmt::Display for LocalizedText {
    /// The Kazakh text, falling back as [`LocalizedText::get`] does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get(Lang::Kk))
    }
}

impl JsonSchema for LocalizedText {
    fn schema_name() -> Cow<'static, str> {
        "LocalizedText".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Text in Kazakh (kk), Russian (ru) and English (en); kk or ru is always present. Lengths count characters.",
            "properties": {
                "kk": { "type": "string", "minLength": 1, "pattern": "\\S" },
                "ru": { "type": "string", "minLength": 1, "pattern": "\\S" },
                "en": { "type": "string", "minLength": 1, "pattern": "\\S" },
            },
            "anyOf": [ { "required": ["kk"] }, { "required": ["ru"] } ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_order() {
        let kk = LocalizedText::from_kk("Қазақша").unwrap();
        assert_eq!(kk.get(Lang::Ru), "Қазақша");
        assert_eq!(kk.get(Lang::En), "Қазақша");
        let both = LocalizedText::from_kk_ru("Қазақша", "По-русски").unwrap();
        assert_eq!(both.get(Lang::En), "По-русски");
        let all = both.clone().with_en("English").unwrap();
        assert_eq!(all.get(Lang::En), "English");
        assert_eq!(all.max_chars(), 9);
    }

    #[test]
    fn rejects_control_characters_but_tab_and_line_breaks() {
        let e = LocalizedText::from_kk_ru("Әділет\u{5}", "Право").unwrap_err();
        assert_eq!(
            e,
            TextError::Control {
                lang: Lang::Kk,
                code: 5
            }
        );
        assert!(e.to_string().contains("U+0005"), "{e}");
        assert!(LocalizedText::from_ru("a\u{FFFF}").is_err());
        assert!(LocalizedText::from_ru("a\u{1F}").is_err());
        assert!(LocalizedText::from_ru("қоғам\tқоры\r\nфонд").is_ok());
        let json = r#"{"kk":"Жасыл\u0005әлем"}"#;
        let e = serde_json::from_str::<LocalizedText>(json).unwrap_err();
        assert!(e.to_string().contains("U+0005"), "{e}");
    }

    #[test]
    fn rejects_blank_and_missing() {
        assert_eq!(
            LocalizedText::from_kk("  "),
            Err(TextError::Empty(Lang::Kk))
        );
        let err = serde_json::from_str::<LocalizedText>(r#"{"en":"x"}"#).unwrap_err();
        assert!(
            err.to_string().contains("Kazakh (kk) or Russian (ru)"),
            "{err}"
        );
    }

    #[test]
    fn serde_round_trip_omits_absent() {
        let t = LocalizedText::from_ru("Фонд").unwrap();
        let s = serde_json::to_string(&t).unwrap();
        assert_eq!(s, r#"{"ru":"Фонд"}"#);
        assert_eq!(serde_json::from_str::<LocalizedText>(&s).unwrap(), t);
    }
}
