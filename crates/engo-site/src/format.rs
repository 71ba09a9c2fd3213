//! How values read on a page, in the reader's language: amounts of tenge (exact, or short for
//! key figures), counts, sizes, dates, shares, page numbers — each a small `Display` value that
//! writes straight into the page, without an intermediate string. And [`mask_iin`]: free text
//! never shows an IIN-shaped number.

use std::{borrow::Cow, fmt};

use chrono::{DateTime, FixedOffset, NaiveDate};
use engo_model::{Iin, Lang, Money};

/// What an IIN-shaped number is replaced with.
pub const IIN_MASK: &str = "••••••••••••";

/// `text` with every valid IIN written in it (12 digits, not part of a longer number: see
/// [`Iin::find_in`]) replaced by [`IIN_MASK`]. Borrowed when there is none.
///
/// ```
/// use engo_site::format::mask_iin;
/// assert_eq!(mask_iin("ЖСН 061211600012, тел. 87011234567"), "ЖСН ••••••••••••, тел. 87011234567");
/// assert!(matches!(mask_iin("БСН 940140000385"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn mask_iin(text: &str) -> Cow<'_, str> {
    let mut found = Iin::find_in(text).peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 24);
    let mut from = 0;
    for (at, _) in found {
        out.push_str(text.get(from..at).unwrap_or_default());
        out.push_str(IIN_MASK);
        from = at + 12;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

/// Free text as a page shows it: IIN-shaped numbers masked ([`mask_iin`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Masked<'a>(pub &'a str);

impl fmt::Display for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Most texts have no run of 12 digits: written as they are.
        f.write_str(&mask_iin(self.0))
    }
}

/// Digits grouped by threes with `sep` (`25 000`).
fn grouped(f: &mut fmt::Formatter<'_>, n: u64, sep: &str) -> fmt::Result {
    let mut buf = [0u8; 20];
    let mut len = 0;
    let mut rest = n;
    loop {
        if let Some(slot) = buf.get_mut(len) {
            *slot = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 || len == buf.len() {
            break;
        }
    }
    for i in (0..len).rev() {
        if let Some(d) = buf.get(i) {
            f.write_str(char::from(*d).encode_utf8(&mut [0; 4]))?;
        }
        if i > 0 && i % 3 == 0 {
            f.write_str(sep)?;
        }
    }
    Ok(())
}

/// The thousands separator of `lang` (a narrow no-break space, or a comma in English).
fn thousands(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ",",
        Lang::Kk | Lang::Ru => "\u{202f}",
    }
}

/// The decimal separator of `lang`.
fn decimal(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ".",
        Lang::Kk | Lang::Ru => ",",
    }
}

/// A count: `25 000` (`25,000` in English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub u64, pub Lang);

impl Count {
    /// The count of `n` items.
    pub fn of(n: usize, lang: Lang) -> Count {
        Count(u64::try_from(n).unwrap_or(u64::MAX), lang)
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        grouped(f, self.0, thousands(self.1))
    }
}

/// An exact amount: `21 107 000 ₸`, with tiyn when there are some (`1 500,50 ₸`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenge(pub Money, pub Lang);

impl fmt::Display for Tenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tiyn = self.0.tiyn();
        grouped(f, tiyn / 100, thousands(self.1))?;
        if !tiyn.is_multiple_of(100) {
            write!(f, "{}{:02}", decimal(self.1), tiyn % 100)?;
        }
        f.write_str("\u{a0}₸")
    }
}

/// An amount for key figures, to three digits: `21,1 млн ₸`, `3,4 млрд ₸`, `21.1 million ₸`
/// (exact below a million).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TengeShort(pub Money, pub Lang);

impl fmt::Display for TengeShort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenge = self.0.whole_tenge();
        let (unit, scale) = match (tenge, self.1) {
            (0..1_000_000, _) => return Tenge(self.0, self.1).fmt(f),
            (1_000_000..1_000_000_000, Lang::En) => ("million", 1_000_000),
            (1_000_000..1_000_000_000, _) => ("млн", 1_000_000),
            (_, Lang::En) => ("billion", 1_000_000_000),
            (_, _) => ("млрд", 1_000_000_000),
        };
        Short(tenge, scale, self.1).fmt(f)?;
        write!(f, "\u{a0}{unit}\u{a0}₸")
    }
}

/// `value / scale` to one decimal (none from 100 up), with the separators of a language.
struct Short(u64, u64, Lang);

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Short(value, scale, lang) = *self;
        let tenths = (u128::from(value) * 10 + u128::from(scale) / 2) / u128::from(scale.max(1));
        let tenths = u64::try_from(tenths).unwrap_or(u64::MAX);
        if tenths >= 1000 {
            let whole = (u128::from(value) + u128::from(scale) / 2) / u128::from(scale.max(1));
            grouped(f, u64::try_from(whole).unwrap_or(u64::MAX), thousands(lang))
        } else if tenths % 10 == 0 {
            grouped(f, tenths / 10, thousands(lang))
        } else {
            grouped(f, tenths / 10, thousands(lang))?;
            write!(f, "{}{}", decimal(lang), tenths % 10)
        }
    }
}

/// A size of a file in binary units: `823,2 МБ`, `14.2 KB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bytes(pub u64, pub Lang);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Bytes(n, lang) = *self;
        let units: [&str; 4] = match lang {
            Lang::Kk => ["байт", "КБ", "МБ", "ГБ"],
            Lang::Ru => ["байт", "КБ", "МБ", "ГБ"],
            Lang::En => ["bytes", "KB", "MB", "GB"],
        };
        let (scale, unit) = match n {
            0..1024 => (1, units[0]),
            1024..1_048_576 => (1024, units[1]),
            1_048_576..1_073_741_824 => (1_048_576, units[2]),
            _ => (1_073_741_824, units[3]),
        };
        if scale == 1 {
            grouped(f, n, thousands(lang))?;
        } else {
            Short(n, scale, lang).fmt(f)?;
        }
        write!(f, "\u{a0}{unit}")
    }
}

/// A day: `13.04.2026` in Kazakh and Russian, `2026-04-13` in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub NaiveDate, pub Lang);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Datelike;
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        match self.1 {
            Lang::En => write!(f, "{y:04}-{m:02}-{d:02}"),
            Lang::Kk | Lang::Ru => write!(f, "{d:02}.{m:02}.{y:04}"),
        }
    }
}

/// A moment, at its own offset (Asia/Almaty in the data): `13.04.2026 10:30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment(pub DateTime<FixedOffset>, pub Lang);

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Timelike;
        Day(self.0.date_naive(), self.1).fmt(f)?;
        write!(f, " {:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

/// A share in whole percent: `45 %` (`45%` in English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent {
    /// The part.
    pub part: usize,
    /// The whole.
    pub whole: usize,
    /// The language.
    pub lang: Lang,
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = (self.part * 100 + self.whole / 2)
            .checked_div(self.whole)
            .unwrap_or(0);
        match self.lang {
            Lang::En => write!(f, "{p}%"),
            Lang::Kk | Lang::Ru => write!(f, "{p}\u{a0}%"),
        }
    }
}

/// "Page n of m".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageOf {
    /// The page, from 1.
    pub page: u32,
    /// How many pages.
    pub pages: u32,
    /// The language.
    pub lang: Lang,
}

impl fmt::Display for PageOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PageOf { page, pages, lang } = *self;
        match lang {
            Lang::Kk => write!(f, "{page}-бет, барлығы {pages}"),
            Lang::Ru => write!(f, "Страница {page} из {pages}"),
            Lang::En => write!(f, "Page {page} of {pages}"),
        }
    }
}

// None of these writes a character that HTML escapes.
impl askama::filters::HtmlSafe for Count {}
impl askama::filters::HtmlSafe for Tenge {}
impl askama::filters::HtmlSafe for TengeShort {}
impl askama::filters::HtmlSafe for Bytes {}
impl askama::filters::HtmlSafe for Day {}
impl askama::filters::HtmlSafe for Moment {}
impl askama::filters::HtmlSafe for Percent {}
impl askama::filters::HtmlSafe for PageOf {}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(tenge: &str) -> Money {
        tenge.parse().unwrap()
    }

    #[test]
    fn masks_every_iin_and_nothing_else() {
        // 061211600012 is a valid IIN; 061211600013 fails its check digit; a BIN is never one.
        let text = "061211600012 және 061211600012; 061211600013; 1061211600012; БСН 940140000385";
        assert_eq!(
            mask_iin(text),
            "•••••••••••• және ••••••••••••; 061211600013; 1061211600012; БСН 940140000385"
        );
        assert_eq!(mask_iin("ЖСН:061211600012"), "ЖСН:••••••••••••");
        assert_eq!(Masked("a 061211600012").to_string(), "a ••••••••••••");
        assert_eq!(mask_iin(""), "");
        let masked = mask_iin(text);
        assert_eq!(Iin::find_in(&masked).count(), 0);
    }

    #[test]
    fn amounts_counts_sizes() {
        assert_eq!(
            Tenge(money("21107000.00"), Lang::Ru).to_string(),
            "21\u{202f}107\u{202f}000\u{a0}₸"
        );
        assert_eq!(
            Tenge(money("1500.5"), Lang::En).to_string(),
            "1,500.50\u{a0}₸"
        );
        assert_eq!(Tenge(money("0"), Lang::Kk).to_string(), "0\u{a0}₸");
        assert_eq!(
            TengeShort(money("21107000"), Lang::Kk).to_string(),
            "21,1\u{a0}млн\u{a0}₸"
        );
        assert_eq!(
            TengeShort(money("3400000000"), Lang::En).to_string(),
            "3.4\u{a0}billion\u{a0}₸"
        );
        assert_eq!(
            TengeShort(money("950000"), Lang::Ru).to_string(),
            "950\u{202f}000\u{a0}₸"
        );
        assert_eq!(
            TengeShort(money("123456000000"), Lang::Ru).to_string(),
            "123\u{a0}млрд\u{a0}₸"
        );
        assert_eq!(Count(25_000, Lang::En).to_string(), "25,000");
        assert_eq!(Count(7, Lang::Kk).to_string(), "7");
        assert_eq!(
            Count(u64::MAX, Lang::En).to_string(),
            "18,446,744,073,709,551,615"
        );
        assert_eq!(Bytes(14_522, Lang::En).to_string(), "14.2\u{a0}KB");
        assert_eq!(Bytes(863_000_000, Lang::Kk).to_string(), "823\u{a0}МБ");
        assert_eq!(Bytes(512, Lang::Ru).to_string(), "512\u{a0}байт");
        assert_eq!(
            Percent {
                part: 1,
                whole: 3,
                lang: Lang::En
            }
            .to_string(),
            "33%"
        );
        assert_eq!(
            Percent {
                part: 0,
                whole: 0,
                lang: Lang::Ru
            }
            .to_string(),
            "0\u{a0}%"
        );
    }

    #[test]
    fn days_and_pages() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 13).unwrap();
        assert_eq!(Day(d, Lang::Kk).to_string(), "13.04.2026");
        assert_eq!(Day(d, Lang::En).to_string(), "2026-04-13");
        let p = PageOf {
            page: 2,
            pages: 5,
            lang: Lang::Kk,
        };
        assert_eq!(p.to_string(), "2-бет, барлығы 5");
    }
}
