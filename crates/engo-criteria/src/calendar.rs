//! Working days, for the rules that count them.

use chrono::{Datelike, NaiveDate};

/// Monday-to-Friday days after `from` up to and including `to` (negative when `to` is earlier).
/// Public holidays are not known to engo and count as working days.
///
/// ```
/// use chrono::NaiveDate;
/// use engo_criteria::calendar::working_days_between;
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(working_days_between(date(2025, 3, 7), date(2025, 3, 21)), 10); // Fri → Fri
/// assert_eq!(working_days_between(date(2025, 3, 21), date(2025, 3, 7)), -10);
/// ```
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return -working_days_between(to, from);
    }
    // Count weekdays in (from, to]: whole weeks, then the remaining days one by one.
    let days = (to - from).num_days();
    let mut count = days / 7 * 5;
    let mut day = from + chrono::Days::new(u64::try_from(days / 7 * 7).unwrap_or(0));
    while day < to {
        day = day.succ_opt().unwrap_or(to);
        if day.weekday().number_from_monday() <= 5 {
            count += 1;
        }
    }
    count
}
