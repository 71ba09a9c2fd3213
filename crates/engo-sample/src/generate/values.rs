//! The values the generator writes: identifiers and codes parsed from text, texts, amounts,
//! dates and periods, each refusal a [`Cause`].

use std::{fmt::Display, str::FromStr};

use chrono::{DateTime, Days, FixedOffset, Months, NaiveDate, TimeZone};
use engo_model::{LocalizedText, Money, record::Period};

use crate::{error::Cause, rng::Rng};

/// `value` parsed as a `T` (an identifier or a classifier code).
pub(super) fn parse<T>(value: &str) -> Result<T, Cause>
where
    T: FromStr,
    T::Err: Display,
{
    value.parse().map_err(|e: T::Err| Cause::Parse {
        what: std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or("value"),
        value: value.to_owned(),
        reason: e.to_string(),
    })
}

/// A text in Kazakh and Russian.
pub(super) fn text(kk: &str, ru: &str) -> Result<LocalizedText, Cause> {
    Ok(LocalizedText::from_kk_ru(kk, ru)?)
}

/// An amount in whole tenge.
pub(super) fn tenge(tenge: u64) -> Result<Money, Cause> {
    Ok(Money::from_tenge(tenge)?)
}

/// A day of the calendar.
pub(super) fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, Cause> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| Cause::Date(format!("{year}-{month:02}-{day:02}")))
}

/// A time of `day` in Asia/Almaty (+05:00).
pub(super) fn almaty(
    day: NaiveDate,
    hour: u32,
    minute: u32,
) -> Result<DateTime<FixedOffset>, Cause> {
    FixedOffset::east_opt(5 * 3600)
        .and_then(|tz| {
            day.and_hms_opt(hour, minute, 0)
                .and_then(|t| tz.from_local_datetime(&t).single())
        })
        .ok_or_else(|| Cause::Date(format!("{day} {hour:02}:{minute:02} +05:00")))
}

/// `date` plus `days` days.
pub(super) fn days_after(date: NaiveDate, days: u64) -> Result<NaiveDate, Cause> {
    date.checked_add_days(Days::new(days))
        .ok_or_else(|| Cause::Date(format!("{date} + {days} days")))
}

/// `date` minus `days` days.
pub(super) fn days_before(date: NaiveDate, days: u64) -> Result<NaiveDate, Cause> {
    date.checked_sub_days(Days::new(days))
        .ok_or_else(|| Cause::Date(format!("{date} - {days} days")))
}

/// The period of `months` whole months from `start`.
pub(super) fn months_from(start: NaiveDate, months: u32) -> Result<Period, Cause> {
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Cause::Date(format!("{start} + {months} months")))?;
    Ok(Period::new(start, end))
}

/// An element of `items`; an empty list is the error that `what` is missing.
pub(super) fn pick<'a, T>(
    rng: &mut Rng,
    items: &'a [T],
    what: &'static str,
) -> Result<&'a T, Cause> {
    rng.pick(items).ok_or(Cause::Missing(what))
}

/// An element of `items` chosen by its weight; weights that add up to zero are the error that
/// `what` is missing.
pub(super) fn weighted<'a, T>(
    rng: &mut Rng,
    items: &'a [(T, u32)],
    what: &'static str,
) -> Result<&'a T, Cause> {
    rng.weighted(items).ok_or(Cause::Missing(what))
}
