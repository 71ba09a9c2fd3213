//! Strategies for identifiers and values: BIN, IIN, KATO, org-id, record ids, money,
//! quantities, dates, periods, priority areas and timestamps.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;

use crate::{
    Bin, Iin, Kato, Money, OrgId, Quantity,
    classifier::{AreaCode, priority_areas, regions},
    id::check_digit,
    record::Period,
};

/// Completes 11 digits with their check digit, or `None` when none exists.
fn with_check(first11: String) -> Option<String> {
    check_digit(first11.as_bytes()).map(|c| format!("{first11}{c}"))
}

/// A valid BIN.
pub fn bin() -> BoxedStrategy<Bin> {
    (0u8..100, 1u8..=12, 4u8..=6, 0u8..=3, 0u32..100_000)
        .prop_filter_map("no check digit", |(yy, mm, e, u, serial)| {
            with_check(format!("{yy:02}{mm:02}{e}{u}{serial:05}")).map(|s| s.parse().unwrap())
        })
        .boxed()
}

/// A valid IIN.
pub fn iin() -> BoxedStrategy<Iin> {
    (
        NaiveDate::from_ymd_opt(1900, 1, 1)
            .unwrap()
            .num_days_from_ce()
            ..NaiveDate::from_ymd_opt(2025, 12, 31)
                .unwrap()
                .num_days_from_ce(),
        any::<bool>(),
        0u32..10_000,
    )
        .prop_filter_map("no check digit", |(days, male, serial)| {
            let d = NaiveDate::from_num_days_from_ce_opt(days)?;
            let c = match (d.year() >= 2000, male) {
                (false, true) => 3,
                (false, false) => 4,
                (true, true) => 5,
                (true, false) => 6,
            };
            let s = format!(
                "{:02}{:02}{:02}{c}{serial:04}",
                d.year() % 100,
                d.month(),
                d.day()
            );
            with_check(s).map(|s| s.parse().unwrap())
        })
        .boxed()
}

/// Codes of the regions in force today.
fn current_region_codes() -> Vec<String> {
    let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    regions().valid_at(today).map(|r| r.code.clone()).collect()
}

/// A KATO code of a current region: the region itself or a place in it.
pub fn kato() -> BoxedStrategy<Kato> {
    (
        prop::sample::select(current_region_codes()),
        0u32..10_000_000,
        any::<bool>(),
    )
        .prop_map(|(r, rest, whole)| {
            let rest = if whole { 0 } else { rest };
            format!("{r}{rest:07}").parse().unwrap()
        })
        .boxed()
}

/// An org-id.
pub fn org_id() -> BoxedStrategy<OrgId> {
    bin().prop_map(OrgId::from).boxed()
}

/// A record id of any record-id type, matching the documented pattern.
pub fn record_id<T: std::str::FromStr + std::fmt::Debug + 'static>() -> BoxedStrategy<T>
where
    T::Err: std::fmt::Debug,
{
    "[A-Za-z0-9][A-Za-z0-9._-]{0,20}"
        .prop_map(|s| s.parse().unwrap())
        .boxed()
}

/// An amount up to a billion tenge.
pub fn money() -> BoxedStrategy<Money> {
    (0u64..=100_000_000_000)
        .prop_map(|t| Money::from_tiyn(t).unwrap())
        .boxed()
}

/// A quantity with up to three decimals.
pub fn quantity() -> BoxedStrategy<Quantity> {
    (0i64..1_000_000_000)
        .prop_map(|t| format!("{}.{:03}", t / 1000, t % 1000).parse().unwrap())
        .boxed()
}

/// A date between 2015 and 2030.
pub fn date() -> BoxedStrategy<NaiveDate> {
    (NaiveDate::from_ymd_opt(2015, 1, 1)
        .unwrap()
        .num_days_from_ce()
        ..NaiveDate::from_ymd_opt(2030, 12, 31)
            .unwrap()
            .num_days_from_ce())
        .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
        .boxed()
}

/// An ordered period of 1 to 36 months.
pub fn period() -> BoxedStrategy<Period> {
    (date(), 1u32..=36)
        .prop_map(|(start, months)| months_from(start, months))
        .boxed()
}

/// The period of `months` whole months from `start`.
pub(super) fn months_from(start: NaiveDate, months: u32) -> Period {
    let end = start
        .checked_add_months(chrono::Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap();
    Period::new(start, end)
}

/// A priority area in force in 2025.
pub fn area() -> BoxedStrategy<AreaCode> {
    let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let codes: Vec<String> = priority_areas()
        .valid_at(today)
        .map(|a| a.code.clone())
        .collect();
    prop::sample::select(codes)
        .prop_map(|c| c.parse().unwrap())
        .boxed()
}

/// A timestamp in Asia/Almaty (+05:00) between 2015 and 2030.
pub fn timestamp() -> BoxedStrategy<DateTime<FixedOffset>> {
    (date(), 0u32..86_400)
        .prop_map(|(d, s)| {
            let almaty = FixedOffset::east_opt(5 * 3600).unwrap();
            let naive = d.and_hms_opt(s / 3600, (s / 60) % 60, s % 60).unwrap();
            almaty.from_local_datetime(&naive).unwrap()
        })
        .boxed()
}
